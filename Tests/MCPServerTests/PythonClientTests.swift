import Foundation
import PromLambdaCore
import Testing

/// Drives `mcp-test-server` with the official MCP Python SDK client through
/// `Resources/mcp_client_check.py`, which prints what the SDK read as a JSON report.
///
/// The interpreter comes from `PROMLAMBDA_TEST_PYTHON` (default `.venv/bin/python`), and the
/// server binary from the build directory of `swift build --build-tests`.
@Suite(.timeLimit(.minutes(2))) struct PythonClientTests {
    static let calls: JSONValue = [
        ["name": "echo", "arguments": ["text": "hello"]],
        ["name": "add", "arguments": ["a": 2, "b": 0.5]],
        ["name": "fail", "arguments": [:]],
        ["name": "echo", "arguments": [:]],
        ["name": "missing", "arguments": [:]],
    ]

    @Test func officialClientDrivesStdioServer() async throws {
        let server = try TestPaths.testServer()
        let serverStderr = FileManager.default.temporaryDirectory
            .appendingPathComponent("mcp-test-server-\(UUID().uuidString).stderr")
        defer { try? FileManager.default.removeItem(at: serverStderr) }

        let plan: JSONValue = ["command": .string(server.path), "stderr": .string(serverStderr.path), "calls": Self.calls]
        let report = try runClientCheck(plan) {
            (try? String(contentsOf: serverStderr, encoding: .utf8)) ?? "(not written)"
        }
        expectFakeToolsReport(report)
    }

    @Test func officialClientDrivesHTTPHandler() async throws {
        let server = try ServerProcess(executable: try TestPaths.testServer(), arguments: ["--http"])
        let announcement = try #require(try await server.nextLine(), "mcp-test-server --http printed no port.")
        let port = try #require(try JSONValue.decode(Data(announcement.utf8))["port"]?.numberValue)

        let plan: JSONValue = ["url": .string("http://127.0.0.1:\(Int(port))/mcp"), "calls": Self.calls]
        let report = try runClientCheck(plan) {
            (try? server.stderrText()) ?? "(not written)"
        }
        expectFakeToolsReport(report)
    }

    /// Checks what the SDK read from a server of `FakeTools` after the calls in ``calls``.
    private func expectFakeToolsReport(_ report: JSONValue) {
        #expect(report["protocolVersion"] == "2025-06-18")
        #expect(report["serverInfo"]?["name"] == "promlambda")
        #expect(report["capabilities"]?["tools"] == ["listChanged": false])
        #expect(report["instructions"] == "Test tools: echo, add and fail.")
        #expect(report["ping"] == [:])

        let tools = report["tools"]?.arrayValue ?? []
        #expect(tools.map { $0["name"] } == ["echo", "add", "fail"])
        #expect(tools.first?["title"] == "Echo")
        #expect(tools.first?["annotations"]?["readOnlyHint"] == true)
        #expect(tools.dropFirst().first?["annotations"]?["openWorldHint"] == false)
        #expect(tools.first?["outputSchema"]?["required"] == ["text"])

        let calls = report["calls"]?.arrayValue ?? []
        #expect(calls.count == 5)
        guard calls.count == 5 else { return }
        for call in calls {
            #expect(call["exception"] == nil, "the SDK accepted the result of \(call["name"] ?? .null)")
        }
        #expect(calls[0]["result"]?["content"] == [["type": "text", "text": "hello"]])
        #expect(calls[0]["result"]?["structuredContent"] == ["text": "hello"])
        #expect(calls[0]["result"]?["isError"] == false)
        #expect(calls[1]["result"]?["structuredContent"] == ["sum": 2.5])
        #expect(calls[2]["result"]?["isError"] == true)
        #expect(calls[2]["result"]?["structuredContent"]?["kind"] == "unavailable")
        #expect(calls[3]["result"]?["isError"] == true, "a call without the required argument fails as a result")
        #expect(calls[4]["error"]?["code"] == -32602, "an unknown tool is a JSON-RPC error")
    }

    /// Runs the client script with `plan` and decodes its report.
    ///
    /// - Parameter serverStderr: Reads the server's standard error for the failure message.
    private func runClientCheck(_ plan: JSONValue, serverStderr: () -> String) throws -> JSONValue {
        let python = try TestPaths.python()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let planFile = directory.appendingPathComponent("plan.json")
        try plan.encodedData().write(to: planFile)
        let clientStderr = directory.appendingPathComponent("client.stderr")
        _ = FileManager.default.createFile(atPath: clientStderr.path, contents: nil)

        let process = Process()
        process.executableURL = python
        process.arguments = [TestPaths.clientScript.path, planFile.path]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: clientStderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The script stops itself after 60 seconds, so this read ends.
        let reportData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let clientErrors = (try? String(contentsOf: clientStderr, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus != 3, "The mcp package cannot be imported: \(clientErrors)")
        try #require(process.terminationStatus == 0, """
            The client check exited with status \(process.terminationStatus).
            Client stderr:
            \(clientErrors)
            Server stderr:
            \(serverStderr())
            """)
        return try JSONValue.decode(reportData)
    }
}
