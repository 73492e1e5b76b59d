import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import Testing

@Suite struct RuntimeAPIClientTests {
    private func makeClient(_ responses: [HTTPResponse]) throws -> (RuntimeAPIClient, RecordingHTTPClient) {
        let http = RecordingHTTPClient(responses: responses)
        return (try RuntimeAPIClient(address: "127.0.0.1:9001", http: http), http)
    }

    @Test(arguments: ["127.0.0.1:9001", "localhost:9001", "runtime-api.internal:80", "[::1]:9001"])
    func addressAccepted(address: String) throws {
        let client = try RuntimeAPIClient(address: address, http: RecordingHTTPClient(responses: []))
        #expect(client.address == address)
    }

    @Test(arguments: ["9001", "127.0.0.1", "127.0.0.1:", ":9001", "127.0.0.1:0", "127.0.0.1:65536",
                      "127.0.0.1:90a1", "http://127.0.0.1:9001", "127.0.0.1:9001/path", "host name:9001", "[]:9001"])
    func addressRejected(address: String) {
        #expect(throws: RuntimeAPIError.invalidAddress(variable: "AWS_LAMBDA_RUNTIME_API", value: address)) {
            try RuntimeAPIClient(address: address, http: RecordingHTTPClient(responses: []))
        }
    }

    @Test func addressWithIPv6Host() async throws {
        let http = RecordingHTTPClient(responses: [HTTPResponse(status: 202)])
        let client = try RuntimeAPIClient(address: "[::1]:9001", http: http)
        try await client.sendResponse(requestID: "req-1", body: Data())
        #expect(http.requests.first?.url.absoluteString == "http://[::1]:9001/2018-06-01/runtime/invocation/req-1/response")
    }

    @Test func addressMissingFromEnvironment() {
        #expect(throws: RuntimeAPIError.missingAddress(variable: "AWS_LAMBDA_RUNTIME_API")) {
            try RuntimeAPIClient(environment: Environment([:]), http: RecordingHTTPClient(responses: []))
        }
    }

    @Test func addressReadFromEnvironment() throws {
        let environment = Environment(["AWS_LAMBDA_RUNTIME_API": "169.254.100.1:9001"])
        let client = try RuntimeAPIClient(environment: environment, http: RecordingHTTPClient(responses: []))
        #expect(client.address == "169.254.100.1:9001")
    }

    @Test func nextInvocationLongPollsWithoutTimeout() async throws {
        let headers = HTTPHeaders([("lambda-runtime-aws-request-id", "req-1"), ("Lambda-Runtime-Trace-Id", "Root=1-a")])
        let (client, http) = try makeClient([HTTPResponse(status: 200, headers: headers, body: Data("{}".utf8))])

        let invocation = try await client.nextInvocation()

        let request = try #require(http.requests.first)
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next")
        #expect(request.timeout == nil)
        #expect(invocation.requestID == "req-1")
        #expect(invocation.event == Data("{}".utf8))
    }

    @Test func nextInvocationWithoutRequestID() async throws {
        let (client, _) = try makeClient([HTTPResponse(status: 200, body: Data("{}".utf8))])
        await #expect(throws: RuntimeAPIError.missingHeader(name: "Lambda-Runtime-Aws-Request-Id")) {
            try await client.nextInvocation()
        }
    }

    @Test func nextInvocationContainerError() async throws {
        let (client, _) = try makeClient([HTTPResponse(status: 500, body: Data("boom".utf8))])
        let error = await #expect(throws: RuntimeAPIError.self) { try await client.nextInvocation() }
        #expect(error == .containerError(path: "/2018-06-01/runtime/invocation/next", body: "boom"))
        #expect(error?.requiresExit == true)
    }

    @Test func responsePostedAsJSON() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 202)])

        try await client.sendResponse(requestID: "req-1", body: Data(#"{"ok":true}"#.utf8))

        let request = try #require(http.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-1/response")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.body == Data(#"{"ok":true}"#.utf8))
    }

    @Test func responseRequestIDPercentEncoded() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 202)])
        try await client.sendResponse(requestID: "a/b c", body: Data())
        #expect(http.requests.first?.url.absoluteString
            == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/a%2Fb%20c/response")
    }

    @Test func responseTooLargeReportedDistinctly() async throws {
        let (client, _) = try makeClient([HTTPResponse(status: 413)])
        let error = await #expect(throws: RuntimeAPIError.self) {
            try await client.sendResponse(requestID: "req-1", body: Data(count: 42))
        }
        #expect(error == .responseTooLarge(requestID: "req-1", bytes: 42))
        #expect(error?.requiresExit == false)
    }

    @Test func responseRejectedWithBadRequest() async throws {
        let (client, _) = try makeClient([HTTPResponse(status: 400, body: Data(#"{"errorType":"InvalidRequestID"}"#.utf8))])
        let error = await #expect(throws: RuntimeAPIError.self) {
            try await client.sendResponse(requestID: "req-1", body: Data())
        }
        #expect(error == .unexpectedStatus(path: "/2018-06-01/runtime/invocation/req-1/response", status: 400,
                                           body: #"{"errorType":"InvalidRequestID"}"#))
        #expect(error?.requiresExit == false)
    }

    @Test func errorPostHasContractShape() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 202)])
        let report = LambdaErrorReport(errorMessage: "Query \"up\" failed.", errorType: "Tool.Failed")

        try await client.sendError(requestID: "req-1", report: report)

        let request = try #require(http.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-1/error")
        #expect(request.headers["Content-Type"] == "application/vnd.aws.lambda.error+json")
        #expect(request.headers["Lambda-Runtime-Function-Error-Type"] == "Tool.Failed")
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body == #"{"errorMessage":"Query \"up\" failed.","errorType":"Tool.Failed","stackTrace":[]}"#)
    }

    @Test func initErrorPostedToInitPath() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 202)])
        let report = LambdaErrorReport(errorMessage: "Missing setting.", errorType: "Runtime.ConfigInvalid")

        try await client.sendInitError(report)

        let request = try #require(http.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:9001/2018-06-01/runtime/init/error")
        #expect(request.headers["Lambda-Runtime-Function-Error-Type"] == "Runtime.ConfigInvalid")
        #expect(request.headers["Content-Type"] == "application/vnd.aws.lambda.error+json")
    }

    @Test func errorPostContainerError() async throws {
        let (client, _) = try makeClient([HTTPResponse(status: 500)])
        let error = await #expect(throws: RuntimeAPIError.self) {
            try await client.sendError(requestID: "req-1", report: LambdaErrorReport(errorMessage: "m", errorType: "t"))
        }
        #expect(error?.requiresExit == true)
    }
}

@Suite struct LambdaRuntimeExitTests {
    @Test func loopExitsOnContainerError() async throws {
        let http = RecordingHTTPClient(responses: [HTTPResponse(status: 500, body: Data("container failed".utf8))])
        let client = try RuntimeAPIClient(address: "127.0.0.1:9001", http: http)
        let logs = RecordingLogHandler()
        let runtime = LambdaRuntime(client: client, handler: ClosureLambdaHandler { event, _ in event },
                                    logger: logs.logger(), setTraceID: { _ in })

        await #expect(throws: RuntimeAPIError.containerError(path: "/2018-06-01/runtime/invocation/next",
                                                             body: "container failed")) {
            try await runtime.run()
        }
        #expect(http.requests.count == 1)
        #expect(logs.records.last?.level == .critical)
    }

    @Test func loopExitsWhenErrorPostFails() async throws {
        let next = HTTPResponse(status: 200, headers: HTTPHeaders([("Lambda-Runtime-Aws-Request-Id", "req-1")]))
        let http = RecordingHTTPClient(responses: [next, HTTPResponse(status: 500)])
        let client = try RuntimeAPIClient(address: "127.0.0.1:9001", http: http)
        let logs = RecordingLogHandler()
        let runtime = LambdaRuntime(client: client, handler: ClosureLambdaHandler { _, _ in throw ToolFailure(description: "x") },
                                    logger: logs.logger(), setTraceID: { _ in })

        let error = await #expect(throws: RuntimeAPIError.self) { try await runtime.run() }

        #expect(error?.requiresExit == true)
        #expect(http.requests.count == 2)
        #expect(logs.records.last?.message == "runtime API failed; the runtime must exit")
    }

    @Test func loopContinuesAfterRejectedResponse() async throws {
        let next = HTTPResponse(status: 200, headers: HTTPHeaders([("Lambda-Runtime-Aws-Request-Id", "req-1")]))
        let http = RecordingHTTPClient(responses: [next, HTTPResponse(status: 400), next, HTTPResponse(status: 202)])
        let client = try RuntimeAPIClient(address: "127.0.0.1:9001", http: http)
        let logs = RecordingLogHandler()
        let runtime = LambdaRuntime(client: client, handler: ClosureLambdaHandler { event, _ in event },
                                    logger: logs.logger(), setTraceID: { _ in })

        try await runtime.run(maxInvocations: 2)

        #expect(http.requests.count == 4)
        let outcomes = logs.records.filter { $0.message == "invocation finished" }.map { $0.metadata["outcome"] }
        #expect(outcomes == ["response_rejected", "success"])
    }
}

@Suite struct LambdaErrorReportTests {
    private struct PlainFailure: Error, CustomStringConvertible {
        var description: String { "Plain failure." }
    }

    @Test func reportUsesReportableType() {
        let report = LambdaErrorReport(error: ToolFailure(description: "Broken."))
        #expect(report == LambdaErrorReport(errorMessage: "Broken.", errorType: "Tool.Failed", stackTrace: []))
    }

    @Test func reportFallsBackToTypeName() {
        let report = LambdaErrorReport(error: PlainFailure())
        #expect(report.errorType == "PlainFailure")
        #expect(report.errorMessage == "Plain failure.")
    }

    @Test func reportEncodesExactShape() {
        let report = LambdaErrorReport(errorMessage: "a/b", errorType: "X.Y", stackTrace: ["frame 1"])
        #expect(String(decoding: report.encoded(), as: UTF8.self)
            == #"{"errorMessage":"a/b","errorType":"X.Y","stackTrace":["frame 1"]}"#)
    }
}
