import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// `promlambda mcp` driven by the official MCP Python SDK client against the real Prometheus.
@Suite(.timeLimit(.minutes(2))) struct MCPEndToEndTests {
    static let evaluation: JSONValue = "2026-01-01T01:00:00Z"

    static let calls: JSONValue = [
        ["name": "query", "arguments": ["query": "sum by (method, status) (rate(demo_http_requests_total[5m]))",
                                        "time": evaluation]],
        ["name": "range_query", "arguments": ["query": #"demo_temperature_celsius{room="café"}"#,
                                              "start": "2026-01-01T00:00:00Z", "end": evaluation, "step": "30m"]],
        ["name": "list_metrics", "arguments": ["filter": "^demo_"]],
        ["name": "server_info", "arguments": [:]],
        ["name": "query", "arguments": ["query": "sum(rate(demo_http_requests_total[5m])", "time": evaluation]],
        ["name": "query", "arguments": ["time": evaluation]],
    ]

    @Test func officialClientCallsEveryTool() async throws {
        let server = try await TestPrometheus.shared()
        let report = try MCPClientCheck.run(plan: [
            "command": .string(try Executables.binary("promlambda").path), "args": ["mcp"],
            "env": ["PROMETHEUS_URL": .string(server.url.absoluteString)], "calls": Self.calls,
        ])

        #expect(report["serverInfo"]?["name"] == "promlambda")
        let tools = report["tools"]?.arrayValue ?? []
        #expect(tools.map { $0["name"] } == ["query", "range_query", "list_metrics", "label_values", "server_info",
                                             "find_workspace"])
        #expect(tools.allSatisfy { $0["annotations"]?["readOnlyHint"] == true })

        let calls = report["calls"]?.arrayValue ?? []
        try #require(calls.count == 6)
        for call in calls {
            #expect(call["exception"] == nil, "the SDK accepted \(call["name"] ?? .null): \(call["exception"] ?? .null)")
        }

        let series = calls[0]["result"]?["structuredContent"]?["series"]?.arrayValue ?? []
        #expect(series.count == 4)
        for sample in series {
            let method = SampleData.Method(rawValue: sample["labels"]?["method"]?.stringValue ?? "")
            let status = SampleData.Status(rawValue: sample["labels"]?["status"]?.stringValue ?? "")
            let expected = method.flatMap { m in status.map { SampleData.requestRate(method: m, status: $0) } }
            #expect(sample["value"]?.stringValue.flatMap(Double.init) == expected)
        }

        let points = calls[1]["result"]?["structuredContent"]?["series"]?.arrayValue?.first?["points"]?.arrayValue ?? []
        #expect(points.count == 3)
        #expect(points.first?.arrayValue?.last == .string("23.25"))

        let names = calls[2]["result"]?["structuredContent"]?["metrics"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["demo_http_requests_total", "demo_special_values", "demo_temperature_celsius", "demo_wide_gauge"])

        #expect(calls[3]["result"]?["structuredContent"]?["build"]?["version"]?.stringValue?.hasPrefix("2.42") == true)

        #expect(calls[4]["result"]?["isError"] == true)
        let failureText = calls[4]["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(failureText.contains("bad_data"))
        #expect(failureText.contains("parse error"))

        #expect(calls[5]["result"]?["isError"] == true)
        #expect(calls[5]["result"]?["structuredContent"]?["field"] == "query")
    }
}

/// Runs `Tests/MCPServerTests/Resources/mcp_client_check.py` with a plan and decodes its report.
enum MCPClientCheck {
    static let script = Executables.packageRoot.appendingPathComponent("Tests/MCPServerTests/Resources/mcp_client_check.py")

    static func run(plan: JSONValue) throws -> JSONValue {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var fullPlan = plan.objectValue ?? [:]
        let serverStderr = directory.appendingPathComponent("server.stderr")
        fullPlan["stderr"] = .string(serverStderr.path)
        let planFile = directory.appendingPathComponent("plan.json")
        try JSONValue.object(fullPlan).encodedData().write(to: planFile)

        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROMETHEUS_URL")
        let outcome = try Executables.run(try Executables.python(), [script.path, planFile.path], environment: environment)
        try #require(outcome.status == 0, """
            The MCP client check exited with status \(outcome.status).
            Client stderr: \(outcome.standardError)
            Server stderr: \((try? String(contentsOf: serverStderr, encoding: .utf8)) ?? "(none)")
            """)
        return try JSONValue.decode(Data(outcome.standardOutput.utf8))
    }
}
