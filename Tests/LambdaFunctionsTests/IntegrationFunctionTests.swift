import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// The integration function, which routes each call to a tool by `operation` or by the gateway's tool name:
/// in its own process, and through the Lambda Invoke API to the real tool functions.
@Suite struct IntegrationFunctionTests {
    static let rangeArguments: JSONValue = [
        "query": "sum(rate(demo_http_requests_total[5m]))",
        "start": .string(RFC3339.format(SampleData.evaluationTime.addingTimeInterval(-600))),
        "end": Events.evaluationTime, "step": "5m",
    ]
    static let totalRate = SampleData.RequestSeries.all.map(\.perSecondRate).reduce(0, +)
    static let operations = "query, range_query, list_metrics, server_info, find_workspace"

    static func with(_ arguments: JSONValue, _ extra: [String: JSONValue]) -> JSONValue {
        .object((arguments.objectValue ?? [:]).merging(extra) { _, new in new })
    }

    static func rangeValues(_ result: JSONValue?) -> [Double?] {
        let points = result?["series"]?[0]?["points"]?.arrayValue ?? []
        return points.map { point in point[1]?.stringValue.flatMap(Double.init) }
    }

    @Test(arguments: ["integration", "lambda_integration.lambda_handler"])
    func inProcessRoutesEveryShape(handler: String) async throws {
        let function = try await FunctionHarness.start(handler: handler)
        try await function.enqueue("operation", Self.with(Events.rateByMethodAndStatus, ["operation": "query"])
            .encodedString())
        try await function.enqueue("gateway", Self.rangeArguments.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___range_query"))
        try await function.enqueue("apigw", Events.apiGateway(["operation": "list_metrics", "filter": "demo_"]))

        let records = try await function.records(3)
        #expect(records.map(\.kind) == ["response", "response", "response"])
        #expect(rateMismatches(records[0].json) == [])
        #expect(Self.rangeValues(records[1].json) == Array(repeating: Self.totalRate, count: 3))
        #expect(records[2].json?["statusCode"] == 200)
        #expect(records[2].httpBody?["matchedMetrics"] == 4)
        #expect(try function.metricsLine("gateway")["Operation"] == "range_query")
        #expect(try function.metricsLine("gateway")["Function"] == "integration")
    }

    @Test func inProcessRejectsBadOperations() async throws {
        let function = try await FunctionHarness.start(handler: "integration")
        try await function.enqueue("missing", #"{"query": "up"}"#)
        try await function.enqueue("unknown", #"{"operation": "delete_series"}"#)
        try await function.enqueue("not-string", #"{"operation": 7}"#)
        try await function.enqueue("conflict", #"{"operation": "query", "query": "up"}"#,
                                   clientContext: Events.gatewayContext("promlambda___range_query"))
        try await function.enqueue("gateway-unknown", "{}", clientContext: Events.gatewayContext("promlambda___drop"))
        try await function.enqueue("next", Self.with(Events.rateByMethodAndStatus, ["operation": "query"])
            .encodedString())

        let records = try await function.records(6)
        #expect(records.allSatisfy { $0.kind == "response" })
        for record in records.prefix(4) {
            #expect(record.json?["error"] == "invalid_argument", "\(record.requestId ?? "")")
            #expect(record.json?["field"] == "operation", "\(record.requestId ?? "")")
        }
        #expect(records[0].json?["message"]?.stringValue?.contains("Set operation to one of: \(Self.operations).") == true)
        #expect(records[1].json?["message"]?.stringValue?.hasPrefix("Unknown operation \"delete_series\".") == true)
        #expect(records[3].json?["message"]?.stringValue?.contains("\"range_query\"") == true)
        #expect(records[4].json?["error"] == "unknown_tool")
        #expect(records[4].json?["message"]?.stringValue?.contains("promlambda___drop") == true)
        #expect(rateMismatches(records[5].json) == [])
        #expect(try function.metricsLine("unknown")["Operation"] == "unknown")
        #expect(try function.metricsLine("unknown")["Failed"] == 1)
    }

    /// The integration function in `invoke` mode calls real tool functions through the Invoke API double, which
    /// checks each SigV4 signature with botocore and rejects unsigned calls with 403, as Lambda does. Some
    /// function variables point at the wrong function on purpose, to reach each kind of failure.
    @Test func invokeModeCallsToolFunctions() async throws {
        let prometheus = try await TestPrometheus.shared()
        let invoke = try await LambdaInvokeDouble.start(
            functions: ["promlambda-query", "promlambda-range", "promlambda-mcp"], requireSignature: true)
        defer { invoke.stop() }
        let tools = ["PROMETHEUS_URL": prometheus.url.absoluteString]
        try invoke.startFunction("promlambda-query", handler: "query", environment: tools)
        try invoke.startFunction("promlambda-range", handler: "lambda_range_query.lambda_handler", environment: tools)
        try invoke.startFunction("promlambda-mcp", handler: "mcp", environment: tools)

        var environment = invoke.clientEnvironment
        environment["PROMLAMBDA_ROUTING_MODE"] = "invoke"
        environment["PROMLAMBDA_QUERY_FUNCTION"] = "promlambda-query"
        environment["PROMLAMBDA_RANGE_QUERY_FUNCTION"] = "arn:aws:lambda:us-east-1:123456789012:function:promlambda-range"
        environment["PROMLAMBDA_LIST_METRICS_FUNCTION"] = "promlambda-mcp"  // fails: mcp rejects direct events
        environment["PROMLAMBDA_SERVER_INFO_FUNCTION"] = "promlambda-missing"  // not found
        environment["PROMLAMBDA_FIND_WORKSPACE_FUNCTION"] = "promlambda-query"  // serves another tool
        let function = try await FunctionHarness.start(handler: "integration", environment: environment)

        try await function.enqueue("query", Self.with(Events.rateByMethodAndStatus, ["operation": "query"])
            .encodedString())
        try await function.enqueue("range", Self.rangeArguments.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___range_query"))
        try await function.enqueue("list", #"{"operation": "list_metrics"}"#)
        try await function.enqueue("info", #"{"operation": "server_info"}"#)
        try await function.enqueue("find", #"{"operation": "find_workspace", "alias_prefix": "prod"}"#)

        let records = try await function.records(5)
        #expect(records.allSatisfy { $0.kind == "response" })
        #expect(rateMismatches(records[0].json) == [])
        #expect(Self.rangeValues(records[1].json) == Array(repeating: Self.totalRate, count: 3))
        #expect(records[2].json?["error"] == "function_error")
        #expect(records[2].json?["message"]?.stringValue?.contains("Runtime.UnmarshalError") == true)
        #expect(records[2].json?["message"]?.stringValue?.contains("direct invocation") == true)
        #expect(records[3].json?["error"] == "configuration")
        #expect(records[3].json?["httpStatus"] == 404)
        #expect(records[3].json?["message"]?.stringValue?.contains("PROMLAMBDA_SERVER_INFO_FUNCTION") == true)
        #expect(records[4].json?["error"] == "unknown_tool")
        #expect(records[4].json?["message"]?.stringValue?.contains("serves the query tool") == true)

        let snapshot = try await invoke.snapshot()
        #expect(snapshot.violations == [])
        #expect(snapshot.invocations.map(\.functionName) == [
            "promlambda-query", "arn:aws:lambda:us-east-1:123456789012:function:promlambda-range", "promlambda-mcp",
            "promlambda-missing", "promlambda-query",
        ])
        #expect(snapshot.invocations.map(\.signature) == Array(repeating: "valid", count: 5))
        let first = try #require(snapshot.invocations.first)
        #expect(try JSONValue.decode(Data(first.payload.utf8)) == Events.rateByMethodAndStatus)
        #expect(try first.clientContext.map { try JSONValue.decode(Data($0.utf8)) }
            == ["custom": ["bedrockAgentCoreToolName": "query"]])
        #expect(snapshot.invocations.map(\.functionError) == [nil, nil, "Unhandled", nil, nil])
        #expect(try function.metricsLine("query")["UpstreamStatus"] == 200)
    }

    @Test func invokeModeWithWrongKeyIsRejected() async throws {
        let invoke = try await LambdaInvokeDouble.start(functions: ["promlambda-query"], requireSignature: true)
        defer { invoke.stop() }
        var environment = invoke.clientEnvironment
        environment["AWS_SECRET_ACCESS_KEY"] = "wrong/secret/key/EXAMPLE"
        environment["PROMLAMBDA_ROUTING_MODE"] = "invoke"
        for variable in ["QUERY", "RANGE_QUERY", "LIST_METRICS", "SERVER_INFO", "FIND_WORKSPACE"] {
            environment["PROMLAMBDA_\(variable)_FUNCTION"] = "promlambda-query"
        }
        let function = try await FunctionHarness.start(handler: "integration", environment: environment)
        try await function.enqueue("query", Self.with(Events.rateByMethodAndStatus, ["operation": "query"])
            .encodedString())

        let records = try await function.records(1)
        #expect(records.first?.json?["error"] == "access_denied")
        #expect(records.first?.json?["httpStatus"] == 403)
        let snapshot = try await invoke.snapshot()
        #expect(snapshot.invocations.count == 1)
        #expect(snapshot.invocations.first?.signature.hasPrefix("invalid: botocore computes") == true)
    }
}
