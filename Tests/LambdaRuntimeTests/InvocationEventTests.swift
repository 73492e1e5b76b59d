import Foundation
import LambdaRuntime
import PromLambdaCore
import Testing

@Suite struct InvocationEventTests {
    private func classify(_ json: JSONValue) -> InvocationEvent {
        InvocationEvent(json: json)
    }

    private func text(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
    }

    private let functionURLEvent: JSONValue = [
        "version": "2.0", "routeKey": "$default", "rawPath": "/mcp", "rawQueryString": "a=1",
        "headers": ["content-type": "application/json", "X-Custom": "v"],
        "requestContext": ["http": ["method": "POST", "path": "/mcp"]],
        "body": #"{"jsonrpc":"2.0","id":1}"#, "isBase64Encoded": false,
    ]

    // MARK: - Classification

    @Test func classifyFunctionURL() throws {
        guard case .functionURL(let request) = classify(functionURLEvent) else {
            Issue.record("expected a Function URL event")
            return
        }
        #expect(request.method == "POST")
        #expect(request.rawPath == "/mcp")
        #expect(request.rawQueryString == "a=1")
        #expect(request.headers == ["content-type": "application/json", "x-custom": "v"])
        #expect(try request.bodyData() == Data(#"{"jsonrpc":"2.0","id":1}"#.utf8))
    }

    @Test func classifyVersion2WithoutHTTPContext() {
        let event: JSONValue = ["version": "2.0", "requestContext": [:], "body": "{}"]
        #expect(classify(event) == .direct(event))
    }

    @Test func classifyAPIGatewayProxy() {
        let event: JSONValue = [
            "resource": "/tools", "path": "/tools", "httpMethod": "POST", "headers": ["Content-Type": "application/json"],
            "requestContext": ["stage": "prod"], "body": #"{"query":"up"}"#, "isBase64Encoded": false,
        ]
        guard case .apiGateway(let request) = classify(event) else {
            Issue.record("expected an API Gateway event")
            return
        }
        #expect(request.httpMethod == "POST")
        #expect(request.path == "/tools")
        #expect(request.headers == ["Content-Type": "application/json"])
        #expect(request.body == #"{"query":"up"}"#)
    }

    @Test func classifyBareBodyAsAPIGateway() {
        let event: JSONValue = ["body": #"{"query":"up"}"#, "isBase64Encoded": false]
        guard case .apiGateway(let request) = classify(event) else {
            Issue.record("expected an API Gateway event")
            return
        }
        #expect(request.httpMethod == nil)
        #expect(request.body == #"{"query":"up"}"#)
    }

    @Test func classifyNullBodyWithMethod() {
        let event: JSONValue = ["httpMethod": "GET", "body": nil, "headers": [:]]
        #expect(classify(event).isHTTP)
    }

    @Test(arguments: [
        ["body": "x", "limit": 5] as JSONValue,
        ["body": nil] as JSONValue,
        ["body": ["query": "up"]] as JSONValue,
        ["query": "up", "time": "2026-01-01T00:00:00Z"] as JSONValue,
        [1, 2] as JSONValue,
        "text" as JSONValue,
    ])
    func classifyToolArgumentsAsDirect(event: JSONValue) {
        #expect(classify(event) == .direct(event))
    }

    @Test func classifyRejectsNonJSON() {
        #expect(throws: InvocationEventError.eventNotJSON(bytes: 5)) {
            try InvocationEvent(decoding: Data("{oops".utf8))
        }
    }

    // MARK: - Payloads

    @Test func payloadOfDirectEventIsEvent() throws {
        let event: JSONValue = ["query": "up"]
        #expect(try classify(event).payload() == event)
    }

    @Test func payloadDecodesBase64Body() throws {
        let body = Data(#"{"query":"rate(x[5m])"}"#.utf8).base64EncodedString()
        let event: JSONValue = ["httpMethod": "POST", "body": .string(body), "isBase64Encoded": true]
        #expect(try classify(event).payload() == ["query": "rate(x[5m])"])
    }

    @Test func payloadRejectsInvalidBase64() {
        let event: JSONValue = ["httpMethod": "POST", "body": "%%%", "isBase64Encoded": true]
        #expect(throws: InvocationEventError.invalidBase64Body) { try classify(event).payload() }
    }

    @Test func payloadRejectsNonJSONBody() {
        let event: JSONValue = ["httpMethod": "POST", "body": "query=up"]
        #expect(throws: InvocationEventError.bodyNotJSON) { try classify(event).payload() }
    }

    @Test func payloadOfMissingBodyIsNull() throws {
        let event: JSONValue = ["httpMethod": "GET", "body": nil]
        #expect(try classify(event).payload() == .null)
    }

    // MARK: - Responses

    @Test func directResponseIsPlainJSON() {
        let response = classify(["query": "up"]).response(statusCode: 200, body: ["status": "success", "n": 2])
        #expect(text(response) == #"{"n":2,"status":"success"}"#)
    }

    @Test func apiGatewayResponseHasStringBody() {
        let response = classify(["body": "{}"]).response(statusCode: 201, body: ["status": "success"])
        #expect(text(response)
            == #"{"body":"{\"status\":\"success\"}","headers":{"Content-Type":"application/json"},"statusCode":201}"#)
    }

    @Test func functionURLResponseHasBase64Flag() throws {
        let response = classify(functionURLEvent).response(statusCode: 200, body: ["ok": true])
        #expect(text(response) == #"{"body":"{\"ok\":true}","headers":{"Content-Type":"application/json"},"#
            + #""isBase64Encoded":false,"statusCode":200}"#)
        let decoded = try JSONDecoder().decode(FunctionURLResponse.self, from: response)
        #expect(decoded == FunctionURLResponse(statusCode: 200, headers: ["Content-Type": "application/json"],
                                               body: #"{"ok":true}"#))
    }

    // MARK: - JSONEventLambdaHandler

    @Test func adapterAnswersDirectEventFlat() async throws {
        let context = LambdaContext(requestID: "req-1", deadline: InvocationDeadline(date: Date()))
        let output = try await JSONEventLambdaHandler(EchoJSONHandler()).handle(Data(#"{"q":1}"#.utf8), context: context)
        #expect(text(output) == #"{"echo":{"q":1}}"#)
    }

    @Test func adapterAnswersBadBodyWith400() async throws {
        let context = LambdaContext(requestID: "req-1", deadline: InvocationDeadline(date: Date()))
        let event: JSONValue = ["httpMethod": "POST", "body": "not json"]
        let handler = EchoJSONHandler()

        let output = try await JSONEventLambdaHandler(handler).handle(event.encodedData(), context: context)

        let response = try JSONDecoder().decode(APIGatewayProxyResponse.self, from: output)
        #expect(response.statusCode == 400)
        #expect(try JSONValue.decode(Data(response.body.utf8))
            == ["errorMessage": "The request body is not valid JSON.", "errorType": "Runtime.UnmarshalError"])
        #expect(handler.recorder.contexts.isEmpty)
    }

    @Test func adapterPassesStatusCodeThrough() async throws {
        struct CreatedHandler: JSONEventHandler {
            func handle(_ payload: JSONValue, event: InvocationEvent, context: LambdaContext) async throws
                -> JSONEventResponse
            {
                JSONEventResponse(statusCode: 201, body: payload)
            }
        }
        let context = LambdaContext(requestID: "req-1", deadline: InvocationDeadline(date: Date()))
        let output = try await JSONEventLambdaHandler(CreatedHandler()).handle(functionURLEvent.encodedData(),
                                                                               context: context)
        let response = try JSONDecoder().decode(FunctionURLResponse.self, from: output)
        #expect(response.statusCode == 201)
        #expect(response.body == #"{"id":1,"jsonrpc":"2.0"}"#)
    }
}
