import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// Start-up configuration errors reach Lambda through `/runtime/init/error`, naming the variable at fault.
@Suite struct StartupTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var handler: String
        var environment: [String: String]
        /// Text the error message must contain: the variable and, where it helps, the accepted values.
        var expected: [String]
        var testDescription: String { expected[0] }
    }

    static let cases: [Case] = [
        Case(handler: "query", environment: ["PROMETHEUS_URL": "ftp://prometheus.internal"],
             expected: ["PROMETHEUS_URL", "ftp://prometheus.internal"]),
        Case(handler: "lambda_bogus.lambda_handler", environment: ["PROMETHEUS_URL": "http://127.0.0.1:9"],
             expected: ["_HANDLER", "lambda_bogus.lambda_handler", "range_query", "lambda_integration.lambda_handler"]),
        Case(handler: "query", environment: ["PROMETHEUS_URL": "http://127.0.0.1:9", "LOG_LEVEL": "loud"],
             expected: ["LOG_LEVEL", "loud"]),
        Case(handler: "integration", environment: ["PROMLAMBDA_ROUTING_MODE": "remote"],
             expected: ["PROMLAMBDA_ROUTING_MODE", "in-process or invoke"]),
        Case(handler: "integration", environment: ["PROMLAMBDA_ROUTING_MODE": "invoke", "AWS_REGION": "us-east-1"],
             expected: ["PROMLAMBDA_QUERY_FUNCTION is not set"]),
        Case(handler: "query", environment: ["PROMETHEUS_URL": "http://127.0.0.1:9",
                                             "PROMLAMBDA_MAX_RESULT_BYTES": "12"],
             expected: ["PROMLAMBDA_MAX_RESULT_BYTES"]),
        Case(handler: "mcp", environment: ["PROMETHEUS_URL": "http://127.0.0.1:9", "AMP_WORKSPACE_ID": "ws-1"],
             expected: ["AMP_WORKSPACE_ID", "PROMETHEUS_URL"]),
        Case(handler: "integration", environment: [
            "PROMLAMBDA_ROUTING_MODE": "invoke", "AWS_REGION": "us-east-1",
            "PROMLAMBDA_QUERY_FUNCTION": "q", "PROMLAMBDA_RANGE_QUERY_FUNCTION": "r",
            "PROMLAMBDA_LIST_METRICS_FUNCTION": "l", "PROMLAMBDA_SERVER_INFO_FUNCTION": "s",
            "PROMLAMBDA_FIND_WORKSPACE_FUNCTION": "f", "AWS_ENDPOINT_URL_LAMBDA": "lambda.internal",
        ], expected: ["AWS_ENDPOINT_URL_LAMBDA", "lambda.internal"]),
    ]

    @Test(arguments: cases)
    func invalidConfigurationReportsInitError(_ testCase: Case) async throws {
        let function = try await FunctionHarness.start(handler: testCase.handler, environment: testCase.environment)

        let records = try await function.records(1)
        let status = await function.bootstrap.waitForExit()
        #expect(status == 1)
        #expect(records.map(\.kind) == ["initError"])
        #expect(records.first?.errorTypeHeader == "Runtime.ConfigInvalid")
        #expect(records.first?.json?["errorType"] == "Runtime.ConfigInvalid")
        let message = records.first?.json?["errorMessage"]?.stringValue ?? ""
        for text in testCase.expected {
            #expect(message.contains(text), "\(message)")
        }
    }
}
