import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
import TestDoubles
@testable import PromTools

@Suite struct ToolboxTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    func toolbox(_ responses: [HTTPResponse], settings: ToolSettings = ToolSettings()) -> (PrometheusToolbox, RecordingHTTPClient) {
        let http = RecordingHTTPClient(responses)
        let clock = ManualTimeSource(Self.now)
        let connector = StaticPrometheusConnector(baseURL: URL(string: "http://127.0.0.1:9090")!, http: http,
                                                  retryPolicy: .none, timeSource: clock)
        return (PrometheusToolbox(environment: ToolEnvironment(connector: connector, timeSource: clock,
                                                               settings: settings)), http)
    }

    static func vector(_ count: Int) -> String {
        let series = (0..<count).map { #"{"metric":{"__name__":"m","i":"\#($0)"},"value":[1767225600,"\#($0)"]}"# }
        return #"{"status":"success","data":{"resultType":"vector","result":[\#(series.joined(separator: ","))]}}"#
    }

    static let notFoundPage = HTTPResponse(
        status: 404, headers: HTTPHeaders([("Content-Type", "text/html")]),
        body: Data("<html><body><h1>Not Found</h1></body></html>".utf8))

    @Test func serverInfoOnWebServerStatesReasonOnce() async {
        let (toolbox, http) = toolbox([Self.notFoundPage, Self.notFoundPage, Self.notFoundPage])
        let output = await toolbox.call(name: "server_info", arguments: [:], context: ToolCallContext())
        #expect(output.isError)
        #expect(http.requests.count == 3)
        #expect(output.structured["error"] == "http_error")
        #expect(output.structured["message"] == .string(
            "No status endpoint of http://127.0.0.1:9090 (build, runtime, flags) returned data: The server returned "
                + "HTTP 404 without Prometheus' error envelope (text/html): Not Found. Check that the URL is the "
                + "server's base URL, the part before /api/v1."))
    }

    @Test func serverInfoUnreachableNamesFirstFailure() async {
        // No responses are queued, so each request fails to connect with its own URL in the message.
        let (toolbox, _) = toolbox([])
        let output = await toolbox.call(name: "server_info", arguments: [:], context: ToolCallContext())
        #expect(output.structured["error"] == "unreachable")
        let message = output.structured["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("No status endpoint of http://127.0.0.1:9090 (build, runtime, flags) returned "
                                  + "data; each failed with unreachable. build: "))
    }

    @Test func unknownToolListsTools() async {
        let (toolbox, _) = toolbox([])
        let output = await toolbox.call(name: "nope", arguments: [:], context: ToolCallContext())
        #expect(output.isError)
        #expect(output.structured["error"] == "unknown_tool")
        #expect(output.text.contains("query, range_query, list_metrics, label_values, server_info"))
    }

    @Test func badArgumentIsErrorResult() async {
        let (toolbox, http) = toolbox([])
        let output = await toolbox.call(name: "query", arguments: ["time": "now"], context: ToolCallContext())
        #expect(output.isError)
        #expect(output.structured["field"] == "query")
        #expect(http.requests.isEmpty)
    }

    @Test func prometheusErrorPassedThrough() async {
        let message = "invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis"
        let (toolbox, http) = toolbox([.json(400, #"{"status":"error","errorType":"bad_data","error":"\#(message)"}"#)])
        let output = await toolbox.call(name: "query", arguments: ["query": "sum("], context: ToolCallContext())
        #expect(output.structured["error"] == "prometheus_error")
        #expect(output.structured["errorType"] == "bad_data")
        #expect(output.structured["httpStatus"] == 400)
        #expect(output.structured["message"] == #"invalid parameter "query": 1:5: parse error: unclosed left parenthesis"#)
        #expect(http.requests.count == 1)
    }

    @Test func badQueryNotRetried() async {
        let (toolbox, http) = toolbox([.json(422, #"{"status":"error","errorType":"execution","error":"boom"}"#),
                                       .json(200, Self.vector(1))])
        let output = await toolbox.call(name: "query", arguments: ["query": "x"], context: ToolCallContext())
        #expect(output.isError)
        #expect(http.requests.count == 1)
    }

    @Test func vectorCutToBudget() async throws {
        let (toolbox, _) = toolbox([.json(200, Self.vector(500))])
        let output = await toolbox.call(name: "query", arguments: ["query": "m", "max_bytes": 2_000],
                                        context: ToolCallContext())
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.totalSeries == 500)
        #expect(result.truncated)
        #expect(result.returnedSeries == result.series?.count)
        #expect(result.returnedSeries > 0)
        #expect(output.structured.encodedData().count <= 2_000)
        #expect(result.note?.contains("\(500 - result.returnedSeries) series were left out") == true)
    }

    @Test func emptyVectorChecksMetric() async throws {
        let (toolbox, http) = toolbox([.json(200, Self.vector(0)), .json(200, #"{"status":"success","data":[]}"#),
                                       .json(200, #"{"status":"success","data":["mm","other_metric"]}"#)])
        let output = await toolbox.call(name: "query", arguments: ["query": "m", "time": "2026-01-01T00:00:00Z"],
                                        context: ToolCallContext())
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.note == "No series matched at 2026-01-01T00:00:00.000Z. No series of m exists from "
                + "2025-12-31T23:55:00.000Z to 2026-01-01T00:00:00.000Z; similar names: mm.")
        #expect(result.hints?.metricExists == false)
        #expect(result.hints?.requests == 2)
        #expect(http.requests.map(\.url.path) == ["/api/v1/query", "/api/v1/label/__name__/values",
                                                  "/api/v1/label/__name__/values"])
        #expect(http.requests[1].url.query == "match%5B%5D=m&start=1767225300&end=1767225600")
    }

    @Test func rangeStartAfterEndRejected() async {
        let (toolbox, http) = toolbox([])
        let output = await toolbox.call(name: "range_query",
                                        arguments: ["query": "m", "start": "now", "end": "now-1h"],
                                        context: ToolCallContext())
        #expect(output.structured["field"] == "start")
        #expect(http.requests.isEmpty)
    }

    @Test func rangeSendsChosenStep() async throws {
        let (toolbox, http) = toolbox([.json(200, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)])
        let output = await toolbox.call(name: "range_query", arguments: ["query": "m", "start": "now-1h"],
                                        context: ToolCallContext())
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        #expect(result.step == 14)
        #expect(result.stepSource == .automatic)
        #expect(http.requests[0].url.query?.contains("step=14") == true)
    }

    @Test func listMetricsPagesAndFilters() async throws {
        let names = (0..<30).map { #""metric_\#(String(format: "%02d", $0))""# }.joined(separator: ",")
        let (toolbox, _) = toolbox([.json(200, #"{"status":"success","data":[\#(names),"other"]}"#),
                                    .json(200, #"{"status":"success","data":{}}"#)])
        let output = await toolbox.call(name: "list_metrics",
                                        arguments: ["filter": "metric_", "limit": 10, "offset": 10],
                                        context: ToolCallContext())
        let result = try output.structured.decoded(as: ListMetricsOutput.self)
        #expect(result.totalMetrics == 31)
        #expect(result.matchedMetrics == 30)
        #expect(result.metrics?.first?.name == "metric_10")
        #expect(result.metrics?.count == 10)
        #expect(result.nextOffset == 20)
        #expect(result.filterMode == "substring")
    }

    @Test func listMetricsRegexFilter() async throws {
        let (toolbox, _) = toolbox([.json(200, #"{"status":"success","data":["a_total","b_total","a_seconds"]}"#),
                                    .json(200, #"{"status":"success","data":{}}"#)])
        let output = await toolbox.call(name: "list_metrics", arguments: ["filter": "^a_.*"], context: ToolCallContext())
        let result = try output.structured.decoded(as: ListMetricsOutput.self)
        #expect(result.metrics?.map(\.name) == ["a_seconds", "a_total"])
        #expect(result.filterMode == "regex")
    }

    @Test func invalidRegexRejected() async {
        let (toolbox, _) = toolbox([])
        let output = await toolbox.call(name: "list_metrics", arguments: ["filter": "a(b"], context: ToolCallContext())
        #expect(output.structured["field"] == "filter")
    }

    @Test func workspaceOnPlainServerRejected() async {
        let (toolbox, _) = toolbox([])
        let output = await toolbox.call(name: "query", arguments: ["query": "up", "workspace_id": "ws-1"],
                                        context: ToolCallContext())
        #expect(output.structured["error"] == "configuration")
    }

    @Test func deadlineSetsPrometheusTimeout() async {
        let (toolbox, http) = toolbox([.json(200, Self.vector(1))])
        let context = ToolCallContext(deadline: Self.now.addingTimeInterval(10))
        _ = await toolbox.call(name: "query", arguments: ["query": "m"], context: context)
        #expect(http.requests[0].url.query?.contains("timeout=8") == true)
        #expect(http.requests[0].timeout == 9)
    }

    @Test func sampleThresholdsSent() async {
        let (toolbox, http) = toolbox([.json(200, Self.vector(1))])
        _ = await toolbox.call(name: "query", arguments: [
            "query": "m", "max_samples_processed_warning_threshold": 1_000, "max_samples_processed_error_threshold": "5000",
        ], context: ToolCallContext())
        let query = http.requests.first?.url.query ?? ""
        #expect(query.contains("max_samples_processed_warning_threshold=1000"))
        #expect(query.contains("max_samples_processed_error_threshold=5000"))
    }

    @Test func sampleThresholdsOrderChecked() async {
        let (toolbox, http) = toolbox([])
        let output = await toolbox.call(name: "range_query", arguments: [
            "query": "m", "max_samples_processed_warning_threshold": 9_000, "max_samples_processed_error_threshold": 10,
        ], context: ToolCallContext())
        #expect(output.structured["field"] == "max_samples_processed_warning_threshold")
        #expect(http.requests.isEmpty)
    }
}
