import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import PromTools
import Testing
@testable import PromLambdaFunctions

/// The parts of the functions that need no process: handler names, configuration, metering and the
/// deadline guard.
@Suite struct FunctionUnitTests {
    @Test func handlerNamesAndLegacyNames() throws {
        for function in LambdaFunction.allCases {
            #expect(try LambdaFunction(handler: function.rawValue) == function)
            if let legacy = function.legacyHandler {
                #expect(try LambdaFunction(handler: legacy) == function)
            }
        }
        #expect(LambdaFunction.rangeQuery.legacyHandler == "lambda_range_query.lambda_handler")
        #expect(LambdaFunction.mcp.legacyHandler == nil)
        #expect(LambdaFunction.acceptedHandlers.count == 13)
    }

    @Test func unknownHandlerNamesVariable() {
        #expect(throws: ConfigurationError.self) { try LambdaFunction(handler: "lambda_query.handler") }
        do {
            _ = try LambdaFunction(handler: "lambda_query.handler")
        } catch {
            #expect(error.variable == "_HANDLER")
            #expect(error.message.contains("lambda_query.lambda_handler"))
        }
    }

    @Test func invokeRoutingFromEnvironment() throws {
        var values = ["_HANDLER": "integration", "PROMLAMBDA_ROUTING_MODE": "INVOKE", "AWS_DEFAULT_REGION": "eu-west-1"]
        for (tool, variable) in FunctionConfiguration.functionNameVariables {
            values[variable] = "fn-\(tool)"
        }
        let configuration = try FunctionConfiguration(environment: Environment(values))

        let expected = FunctionConfiguration.InvokeRouting(
            functionNames: ["query": "fn-query", "range_query": "fn-range_query", "list_metrics": "fn-list_metrics",
                            "server_info": "fn-server_info", "find_workspace": "fn-find_workspace"],
            region: "eu-west-1", endpoint: URL(string: "https://lambda.eu-west-1.amazonaws.com")!)
        #expect(configuration.routing == .invoke(expected))
        #expect(FunctionConfiguration.functionNameVariables.map(\.variable) == [
            "PROMLAMBDA_QUERY_FUNCTION", "PROMLAMBDA_RANGE_QUERY_FUNCTION", "PROMLAMBDA_LIST_METRICS_FUNCTION",
            "PROMLAMBDA_SERVER_INFO_FUNCTION", "PROMLAMBDA_FIND_WORKSPACE_FUNCTION",
        ])
    }

    @Test func routingModeIgnoredOutsideIntegration() throws {
        let configuration = try FunctionConfiguration(environment: Environment([
            "_HANDLER": "query", "PROMLAMBDA_ROUTING_MODE": "invoke", "LOG_LEVEL": "Debug",
        ]))
        #expect(configuration.routing == .inProcess)
        #expect(configuration.logLevel == .debug)
    }

    @Test func metricsMembersExact() {
        let metrics = InvocationMetrics(function: "integration", operation: "range_query", durationMilliseconds: 12.3456,
                                        resultBytes: 2_048, truncated: true, retries: 2, failed: false,
                                        upstreamStatus: 200, timestamp: Date(timeIntervalSince1970: 1_767_229_200.5))
        let expected: [String: JSONValue] = [
            "_aws": [
                "Timestamp": 1_767_229_200_500,
                "CloudWatchMetrics": [[
                    "Namespace": "promlambda", "Dimensions": [["Function", "Operation"]],
                    "Metrics": [
                        ["Name": "Duration", "Unit": "Milliseconds"], ["Name": "ResultBytes", "Unit": "Bytes"],
                        ["Name": "Truncated", "Unit": "Count"], ["Name": "Retries", "Unit": "Count"],
                        ["Name": "Failed", "Unit": "Count"],
                    ],
                ]],
            ],
            "Function": "integration", "Operation": "range_query", "Duration": 12.346, "ResultBytes": 2_048,
            "Truncated": 1, "Retries": 2, "Failed": 0, "UpstreamStatus": 200,
        ]
        #expect(metrics.members == expected)
    }

    @Test func meterCountsRepeatsAsRetries() async throws {
        let base = CannedHTTPClient(statuses: [503, 200, 200])
        let client = MeteredHTTPClient(base: base)
        let meter = InvocationMeter()
        let first = HTTPRequest(url: URL(string: "http://127.0.0.1:9/api/v1/query?query=up")!)
        let other = HTTPRequest(url: URL(string: "http://127.0.0.1:9/api/v1/status/flags")!)
        try await InvocationMeter.$current.withValue(meter) {
            _ = try await client.send(first)
            _ = try await client.send(first)
            _ = try await client.send(other)
        }
        #expect(meter.snapshot.retries == 1)
        #expect(meter.snapshot.upstreamStatus == 200)
    }

    @Test func deadlineGuardEndsStuckCall() async {
        let guardrail = DeadlineGuard(reserve: 0.25)
        let output = await guardrail.run(deadline: Date().addingTimeInterval(0.5), operation: "query") {
            try? await Task.sleep(nanoseconds: 60_000_000_000)
            return ToolOutput(structured: "late", text: "late", isError: false)
        }
        #expect(output.isError)
        #expect(output.structured["error"] == "timeout")
        #expect(output.structured["message"]?.stringValue?.hasPrefix("The query call did not finish") == true)
    }

    @Test func deadlineGuardPassesFastCall() async {
        let output = await DeadlineGuard().run(deadline: Date().addingTimeInterval(30), operation: "query") {
            ToolOutput(structured: ["value": "2"], text: "2", isError: false)
        }
        #expect(output.structured == ["value": "2"])
    }

    @Test func invokeFailureMapping() {
        let notFound = LambdaInvokeDispatcher.failure(
            from: LambdaInvokeError.serviceError(functionName: "fn", status: 404, errorType: "ResourceNotFoundException",
                                                 message: "Function not found"),
            tool: "server_info", functionName: "fn")
        #expect(notFound.kind == .configuration)
        #expect(notFound.message.contains("PROMLAMBDA_SERVER_INFO_FUNCTION"))
        let failed = LambdaInvokeDispatcher.failure(
            from: LambdaInvokeError.functionError(functionName: "fn", errorType: "Runtime.ExitError",
                                                  errorMessage: "exit status 1", payload: Data()),
            tool: "query", functionName: "fn")
        #expect(failed.kind == .functionError)
        #expect(failed.message == "The function fn that serves query failed with Runtime.ExitError: exit status 1")
    }
}

/// Returns responses with the given statuses, in order.
final class CannedHTTPClient: HTTPClient, @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [Int]

    init(statuses: [Int]) {
        self.statuses = statuses
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let status = lock.withLock { statuses.isEmpty ? 500 : statuses.removeFirst() }
        return HTTPResponse(status: status)
    }
}
