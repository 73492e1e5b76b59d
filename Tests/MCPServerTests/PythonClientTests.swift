import Foundation
import PromLambdaCore
import Testing

/// Drives `mcp-test-server` with the official MCP Python SDK client through
/// `Resources/mcp_client_check.py`, which prints what the SDK read as a JSON report.
///
/// The interpreter comes from `PROMLAMBDA_TEST_PYTHON` (default `.venv/bin/python`), and the
/// server binary from the build directory of `swift build --build-tests`.
@Suite struct PythonClientTests {
    static let calls: JSONValue = [
        ["name": "echo", "arguments": ["text": "hello"]],
        ["name": "add", "arguments": ["a": 2, "b": 0.5]],
        ["name": "fail", "arguments": [:]],
        ["name": "echo", "arguments": [:]],
        ["name": "missing", "arguments": [:]],
    ]

    @Test func officialClientDrivesStdioServer() async throws {
        let report = try runClientCheck(calls: Self.calls)

        #expect(report["protocolVersion"] == "2025-06-18")
        #expect(report["serverInfo"]?["name"] == "promlambda")
        #expect(report["capabilities"]?["tools"] == ["listChanged": false])
        #expect(report["instructions"] == "Test tools: echo, add and fail.")
        #expect(report["ping"] == [:])

        let tools = try #require(report["tools"]?.arrayValue)
        #expect(tools.map { $0["name"] } == ["echo", "add", "fail"])
        #expect(tools.first?["title"] == "Echo")
        #expect(tools.first?["annotations"]?["readOnlyHint"] == true)
        #expect(tools.dropFirst().first?["annotations"]?["openWorldHint"] == false)
        #expect(tools.first?["outputSchema"]?["required"] == ["text"])

        let calls = try #require(report["calls"]?.arrayValue)
        try #require(calls.count == 5)
        for call in calls {
            #expect(call["exception"] == nil, "the SDK accepted the answer to \(call["name"] ?? .null)")
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

    /// Runs the client script against `mcp-test-server` and decodes its report.
    private func runClientCheck(calls: JSONValue) throws -> JSONValue {
        let python = try TestPaths.python()
        let server = try TestPaths.testServer()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let planFile = directory.appendingPathComponent("plan.json")
        let serverStderr = directory.appendingPathComponent("server.stderr")
        let clientStderr = directory.appendingPathComponent("client.stderr")
        let plan: JSONValue = ["command": .string(server.path), "stderr": .string(serverStderr.path), "calls": calls]
        try plan.encodedData().write(to: planFile)
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
        let serverErrors = (try? String(contentsOf: serverStderr, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus != 3, "The mcp package cannot be imported: \(clientErrors)")
        try #require(process.terminationStatus == 0, """
            The client check exited with status \(process.terminationStatus).
            Client stderr:
            \(clientErrors)
            Server stderr:
            \(serverErrors)
            """)
        return try JSONValue.decode(reportData)
    }
}
