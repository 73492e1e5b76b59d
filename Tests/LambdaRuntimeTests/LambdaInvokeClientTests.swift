import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import Testing

@Suite struct LambdaInvokeClientTests {
    private let arn = "arn:aws:lambda:us-east-1:123456789012:function:prom-query"

    private func makeClient(_ responses: [HTTPResponse]) throws -> (LambdaInvokeClient, RecordingHTTPClient) {
        let http = RecordingHTTPClient(responses: responses)
        return (try LambdaInvokeClient(region: "us-east-1", environment: Environment(), http: http), http)
    }

    // MARK: - Endpoint

    @Test func endpointFromRegion() throws {
        #expect(try LambdaInvokeClient.endpoint(region: "eu-west-1", environment: Environment()).absoluteString
            == "https://lambda.eu-west-1.amazonaws.com")
    }

    @Test func endpointForChinaRegion() throws {
        #expect(try LambdaInvokeClient.endpoint(region: "cn-north-1", environment: Environment()).absoluteString
            == "https://lambda.cn-north-1.amazonaws.com.cn")
    }

    @Test func endpointServiceOverrideWins() throws {
        let environment = Environment(["AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:4566",
                                       "AWS_ENDPOINT_URL": "http://127.0.0.1:9999"])
        #expect(try LambdaInvokeClient.endpoint(region: "us-east-1", environment: environment).absoluteString
            == "http://127.0.0.1:4566")
    }

    @Test func endpointGeneralOverride() throws {
        let environment = Environment(["AWS_ENDPOINT_URL": "http://127.0.0.1:9999"])
        #expect(try LambdaInvokeClient.endpoint(region: "us-east-1", environment: environment).absoluteString
            == "http://127.0.0.1:9999")
    }

    @Test func endpointOverrideInvalid() {
        let environment = Environment(["AWS_ENDPOINT_URL_LAMBDA": "127.0.0.1:4566"])
        #expect(throws: LambdaInvokeError.invalidEndpoint(variable: "AWS_ENDPOINT_URL_LAMBDA", value: "127.0.0.1:4566")) {
            try LambdaInvokeClient.endpoint(region: "us-east-1", environment: environment)
        }
    }

    @Test(arguments: ["", "US-EAST-1", "us east 1", "us-east-1.evil.com/"])
    func endpointRegionInvalid(region: String) {
        #expect(throws: LambdaInvokeError.invalidRegion(region)) {
            try LambdaInvokeClient.endpoint(region: region, environment: Environment())
        }
    }

    // MARK: - Requests

    @Test func invokeBuildsRequestResponseCall() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 200, headers: HTTPHeaders([("X-Amz-Executed-Version", "7")]),
                                                          body: Data(#"{"ok":true}"#.utf8))])

        let result = try await client.invoke(functionName: arn, payload: Data(#"{"query":"up"}"#.utf8), timeout: 25)

        let request = try #require(http.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
            + "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aprom-query/invocations")
        #expect(request.headers["X-Amz-Invocation-Type"] == "RequestResponse")
        #expect(request.headers["X-Amz-Client-Context"] == nil)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.body == Data(#"{"query":"up"}"#.utf8))
        #expect(request.timeout == 25)
        #expect(result == LambdaInvokeResult(payload: Data(#"{"ok":true}"#.utf8), executedVersion: "7"))
    }

    @Test func invokeSendsQualifierAndClientContext() async throws {
        let (client, http) = try makeClient([HTTPResponse(status: 200)])
        let clientContext: JSONValue = ["custom": ["bedrockAgentCoreToolName": "prom___query"]]

        _ = try await client.invoke(functionName: "prom-query", payload: Data("{}".utf8), qualifier: "live",
                                    clientContext: clientContext, timeout: nil)

        let request = try #require(http.requests.first)
        #expect(request.url.absoluteString
            == "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/prom-query/invocations?Qualifier=live")
        let encoded = try #require(request.headers["X-Amz-Client-Context"])
        let decoded = try #require(Data(base64Encoded: encoded))
        #expect(try JSONValue.decode(decoded) == clientContext)
    }

    @Test func invokeKeepsEndpointPath() async throws {
        let http = RecordingHTTPClient(responses: [HTTPResponse(status: 200)])
        let client = LambdaInvokeClient(endpoint: try #require(URL(string: "http://127.0.0.1:4566/lambda/")), http: http)
        _ = try await client.invoke(functionName: "f", payload: Data(), timeout: nil)
        #expect(http.requests.first?.url.absoluteString == "http://127.0.0.1:4566/lambda/2015-03-31/functions/f/invocations")
    }

    @Test func invokeRejectsOversizeClientContext() async throws {
        let (client, http) = try makeClient([])
        let clientContext: JSONValue = ["custom": ["blob": .string(String(repeating: "x", count: 3_000))]]
        let error = await #expect(throws: LambdaInvokeError.self) {
            try await client.invoke(functionName: "f", payload: Data(), clientContext: clientContext, timeout: nil)
        }
        guard case .clientContextTooLarge(_, let limit) = error else {
            Issue.record("expected clientContextTooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == 3_583)
        #expect(http.requests.isEmpty)
    }

    // MARK: - Errors

    @Test func invokeMapsFunctionError() async throws {
        let payload = Data(#"{"errorMessage":"Query failed.","errorType":"Tool.Failed","stackTrace":[]}"#.utf8)
        let (client, _) = try makeClient([HTTPResponse(status: 200, headers: HTTPHeaders([("X-Amz-Function-Error", "Unhandled")]),
                                                       body: payload)])
        await #expect(throws: LambdaInvokeError.functionError(functionName: "f", errorType: "Tool.Failed",
                                                              errorMessage: "Query failed.", payload: payload)) {
            try await client.invoke(functionName: "f", payload: Data(), timeout: nil)
        }
    }

    @Test func invokeMapsFunctionErrorWithoutObject() async throws {
        let payload = Data(#""Task timed out""#.utf8)
        let (client, _) = try makeClient([HTTPResponse(status: 200, headers: HTTPHeaders([("x-amz-function-error", "Unhandled")]),
                                                       body: payload)])
        await #expect(throws: LambdaInvokeError.functionError(functionName: "f", errorType: "Runtime.Unhandled",
                                                              errorMessage: #""Task timed out""#, payload: payload)) {
            try await client.invoke(functionName: "f", payload: Data(), timeout: nil)
        }
    }

    @Test func invokeMapsServiceError() async throws {
        let headers = HTTPHeaders([("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/")])
        let body = Data(#"{"Type":"User","message":"Function not found: f"}"#.utf8)
        let (client, _) = try makeClient([HTTPResponse(status: 404, headers: headers, body: body)])
        let error = await #expect(throws: LambdaInvokeError.self) {
            try await client.invoke(functionName: "f", payload: Data(), timeout: nil)
        }
        #expect(error == .serviceError(functionName: "f", status: 404, errorType: "ResourceNotFoundException",
                                       message: "Function not found: f"))
        #expect(error?.description
            == "Lambda rejected the invocation of f with HTTP 404 (ResourceNotFoundException): Function not found: f")
    }
}
