import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// The five tool functions, each run by the real `bootstrap` against the Runtime API double and the real
/// Prometheus, with AgentCore Gateway events (flat arguments and a client context) and API Gateway events.
@Suite struct ToolFunctionTests {
    /// The sum of every `demo_http_requests_total` series' rate.
    static let totalRate = SampleData.RequestSeries.all.map(\.perSecondRate).reduce(0, +)

    func time(_ offset: Double) -> JSONValue {
        .string(RFC3339.format(SampleData.evaluationTime.addingTimeInterval(offset)))
    }

    @Test(arguments: ["query", "lambda_query.lambda_handler"])
    func queryFunctionBothEventShapes(handler: String) async throws {
        let function = try await FunctionHarness.start(handler: handler)
        try await function.enqueue("gateway", Events.rateByMethodAndStatus.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___query"))
        try await function.enqueue("apigw", Events.apiGateway(Events.rateByMethodAndStatus))

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        let gateway = try #require(records.first?.json)
        #expect(gateway["resultType"] == "vector")
        #expect(rateMismatches(gateway) == [])

        let http = try #require(records.last?.json)
        #expect(http["statusCode"] == 200)
        #expect(http["headers"]?["Content-Type"] == "application/json")
        #expect(http["body"]?.stringValue != nil)
        #expect(rateMismatches(records.last?.httpBody) == [])
    }

    @Test(arguments: ["range_query", "lambda_range_query.lambda_handler"])
    func rangeQueryFunctionBothEventShapes(handler: String) async throws {
        let function = try await FunctionHarness.start(handler: handler)
        let arguments: JSONValue = [
            "query": "sum(rate(demo_http_requests_total[5m]))", "start": time(-600), "end": time(0), "step": "5m",
        ]
        try await function.enqueue("gateway", arguments.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___range_query"))
        try await function.enqueue("apigw", Events.apiGateway(arguments))

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        #expect(records.last?.json?["statusCode"] == 200)
        let start = SampleData.evaluationTime.timeIntervalSince1970 - 600
        for result in [records.first?.json, records.last?.httpBody] {
            let points = try #require(result?["series"]?[0]?["points"]?.arrayValue)
            let values: [Double?] = points.map { point in point[1]?.stringValue.flatMap(Double.init) }
            #expect(values == Array(repeating: Self.totalRate, count: 3))
            #expect(points.first?[0]?.numberValue == start)
        }
    }

    @Test(arguments: ["list_metrics", "lambda_list_metrics.lambda_handler"])
    func listMetricsFunctionBothEventShapes(handler: String) async throws {
        let function = try await FunctionHarness.start(handler: handler)
        let arguments: JSONValue = ["filter": "demo_"]
        try await function.enqueue("gateway", arguments.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___list_metrics"))
        try await function.enqueue("apigw", Events.apiGateway(arguments))

        let records = try await function.records(2)
        let expected = [SampleData.requestsMetric, SampleData.specialValuesMetric, SampleData.temperatureMetric,
                        SampleData.wideMetric].sorted()
        for result in [records.first?.json, records.last?.httpBody] {
            #expect(result?["metrics"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == expected)
            #expect(result?["matchedMetrics"] == 4)
        }
    }

    @Test(arguments: ["server_info", "lambda_server_info.lambda_handler"])
    func serverInfoFunctionBothEventShapes(handler: String) async throws {
        let function = try await FunctionHarness.start(handler: handler)
        try await function.enqueue("gateway", "{}", clientContext: Events.gatewayContext("promlambda___server_info"))
        try await function.enqueue("apigw", Events.apiGateway([:]))

        let records = try await function.records(2)
        let server = try await TestPrometheus.shared().url.absoluteString
        for result in [records.first?.json, records.last?.httpBody] {
            #expect(result?["build"]?["version"]?.stringValue?.hasPrefix("2.42") == true)
            #expect(result?["flags"]?["storage.tsdb.retention.time"] == "100y")
            #expect(result?["server"] == .string(server))
        }
    }

    /// The AMP emulator checks every signature with botocore, so a result means the function signed for
    /// service `aps` with the credentials from its environment.
    @Test(arguments: ["find_workspace", "lambda_find_workspace.lambda_handler"])
    func findWorkspaceFunctionBothEventShapes(handler: String) async throws {
        let emulator = try await AMPWorkspaces.start()
        defer { emulator.stop() }
        let function = try await FunctionHarness.start(handler: handler, environment: emulator.clientEnvironment)
        try await function.enqueue("gateway", #"{"alias_prefix": "prod"}"#,
                                   clientContext: Events.gatewayContext("promlambda___find_workspace"))
        try await function.enqueue("apigw", Events.apiGateway(["alias_prefix": "prod"]))

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        #expect(records.last?.json?["statusCode"] == 200)
        for result in [records.first?.json, records.last?.httpBody] {
            let ids = result?["workspaces"]?.arrayValue?.compactMap { $0["workspaceId"]?.stringValue }
            #expect(ids.map(Set.init) == ["ws-prod-0001", "ws-prod-0002"])
            #expect(result?["region"] == "us-east-1")
        }
        let received = try await emulator.receivedRequests()
        #expect(!received.isEmpty)
        #expect(received.allSatisfy { $0.status < 400 })
    }

    @Test func queryFunctionSignsForWorkspace() async throws {
        let emulator = try await AMPWorkspaces.start()
        defer { emulator.stop() }
        let function = try await FunctionHarness.start(handler: "query", environment: emulator.clientEnvironment)
        var arguments = Events.rateByMethodAndStatus.objectValue ?? [:]
        arguments["workspace_alias"] = "prod"
        try await function.enqueue("amp", JSONValue.object(arguments).encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___query"))

        let records = try await function.records(1)
        #expect(rateMismatches(records.first?.json) == [])
        let received = try await emulator.receivedRequests()
        let queries = received.filter { $0.path == "/workspaces/ws-prod-0001/api/v1/query" }
        #expect(queries.count == 1)
        #expect(queries.first?.status == 200)
        #expect(received.allSatisfy { $0.header("X-Amz-Security-Token") == AMPWorkspaces.sessionToken })
    }

    @Test func noServerIsConfigurationFailure() async throws {
        let function = try await FunctionHarness.start(handler: "query", environment: [:])
        try await function.enqueue("no-server", Events.rateByMethodAndStatus.encodedString())

        let records = try await function.records(1)
        #expect(records.first?.kind == "response")
        #expect(records.first?.json?["error"] == "configuration")
        #expect(records.first?.json?["message"]?.stringValue?.contains("PROMETHEUS_URL") == true)
    }

    @Test func gatewayToolMismatchIsFailureResult() async throws {
        let function = try await FunctionHarness.start(handler: "query")
        try await function.enqueue("wrong-tool", Events.rateByMethodAndStatus.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___range_query"))
        try await function.enqueue("next", Events.rateByMethodAndStatus.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___query"))

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        #expect(records.first?.json?["error"] == "unknown_tool")
        #expect(records.first?.json?["message"]?.stringValue?.contains("\"promlambda___range_query\"") == true)
        #expect(rateMismatches(records.last?.json) == [])
    }

    @Test func missingArgumentIsFailureResult() async throws {
        let function = try await FunctionHarness.start(handler: "query")
        try await function.enqueue("missing", #"{"time": "now"}"#)
        try await function.enqueue("apigw-missing", Events.apiGateway(["time": "now"]))
        try await function.enqueue("next", Events.rateByMethodAndStatus.encodedString())

        let records = try await function.records(3)
        #expect(records.map(\.kind) == ["response", "response", "response"])
        #expect(records[0].json?["error"] == "invalid_argument")
        #expect(records[0].json?["field"] == "query")
        #expect(records[1].json?["statusCode"] == 200)
        #expect(records[1].httpBody?["field"] == "query")
        #expect(rateMismatches(records[2].json) == [])
    }

    @Test func malformedEventIsUnmarshalError() async throws {
        let function = try await FunctionHarness.start(handler: "query")
        try await function.enqueue("garbage", "{not json")
        try await function.enqueue("bad-body", #"{"httpMethod": "POST", "body": "{not json"}"#)
        try await function.enqueue("next", Events.rateByMethodAndStatus.encodedString())

        let records = try await function.records(3)
        #expect(records.map(\.kind) == ["error", "response", "response"])
        #expect(records[0].errorTypeHeader == "Runtime.UnmarshalError")
        #expect(records[0].json?["errorMessage"] == "The 9-byte event is not valid JSON.")
        #expect(records[1].json?["statusCode"] == 400)
        #expect(records[1].httpBody?["errorType"] == "Runtime.UnmarshalError")
        #expect(rateMismatches(records[2].json) == [])
    }

    @Test func oversizeResponseBecomesError() async throws {
        let function = try await FunctionHarness.start(handler: "query", maxResponseBytes: 2_000)
        // Ten series of twenty raw samples each: several kilobytes, within the tool's budget.
        let wide: JSONValue = ["query": "demo_wide_gauge[5m]", "time": Events.evaluationTime, "max_bytes": 50_000]
        try await function.enqueue("big", wide.encodedString())
        try await function.enqueue("next", Events.rateByMethodAndStatus.encodedString())

        let records = try await function.records(3)
        #expect(records.map(\.kind) == ["responseTooLarge", "error", "response"])
        #expect(records.map(\.requestId) == ["big", "big", "next"])
        #expect((records[0].bodyBytes) > 2_000)
        #expect(records[1].errorTypeHeader == "Runtime.ResponseTooLarge")
        #expect(rateMismatches(records[2].json) == [])
    }

    @Test func missingDeadlineHeaderUsesDefault() async throws {
        let function = try await FunctionHarness.start(handler: "query")
        var headers = RuntimeAPIDouble.Event.standardHeaders(requestID: "no-deadline")
        headers[RuntimeAPIDouble.Header.deadline] = nil
        try await function.double.enqueue(.init(requestID: "no-deadline",
                                                body: Events.rateByMethodAndStatus.encodedString(), headers: headers))
        try await function.enqueue("next", Events.rateByMethodAndStatus.encodedString())

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        #expect(rateMismatches(records.first?.json) == [])
        #expect(rateMismatches(records.last?.json) == [])
        let warning = function.bootstrap.logRecords.first { $0["aws-request-id"] == "no-deadline" && $0["level"] == "warning" }
        #expect(warning?["reason"] == "missing")
        #expect(warning?["default_timeout_seconds"] == 30)
    }

    @Test func metricsLineIsEmbeddedMetricFormat() async throws {
        let function = try await FunctionHarness.start(handler: "query")
        try await function.enqueue("ok", Events.rateByMethodAndStatus.encodedString(),
                                   clientContext: Events.gatewayContext("promlambda___query"))
        try await function.enqueue("failed", #"{"query": "sum(rate(x[5m])"}"#)
        let records = try await function.records(2)

        let line = try function.metricsLine("ok")
        let directive: JSONValue = [
            "Namespace": "promlambda", "Dimensions": [["Function", "Operation"]],
            "Metrics": [
                ["Name": "Duration", "Unit": "Milliseconds"], ["Name": "ResultBytes", "Unit": "Bytes"],
                ["Name": "Truncated", "Unit": "Count"], ["Name": "Retries", "Unit": "Count"],
                ["Name": "Failed", "Unit": "Count"],
            ],
        ]
        #expect(line["_aws"]?["CloudWatchMetrics"] == [directive])
        #expect(line["_aws"]?["Timestamp"]?.numberValue.map { $0.rounded() == $0 } == true)
        #expect(line["Function"] == "query")
        #expect(line["Operation"] == "query")
        #expect(line["ResultBytes"] == .number(Double(records[0].bodyBytes)))
        #expect(line["Failed"] == 0)
        #expect(line["Truncated"] == 0)
        #expect(line["Retries"] == 0)
        #expect(line["UpstreamStatus"] == 200)
        #expect(line["outcome"] == "success")
        #expect((line["Duration"]?.numberValue ?? -1) >= 0)

        let failed = try function.metricsLine("failed")
        #expect(failed["Failed"] == 1)
        #expect(failed["UpstreamStatus"] == 400)
        #expect(failed["outcome"] == "tool_failure")
        #expect(failed["error"] == "prometheus_error")
    }
}
