import Foundation
import PromLambdaCore
import Testing
@testable import MCPServer

@Suite struct StreamableHTTPHandlerTests {
    let handler = StreamableHTTPHandler(server: MCPServer(provider: FakeToolProvider()))

    static let jsonHeaders = [
        "Accept": "application/json, text/event-stream",
        "Content-Type": "application/json",
        "MCP-Protocol-Version": "2025-06-18",
    ]

    private func post(_ body: String, headers: [String: String] = jsonHeaders, removing: [String] = [])
        -> StreamableHTTPRequest {
        var headers = headers
        for name in removing {
            headers[name] = nil
        }
        return StreamableHTTPRequest(method: "POST", headers: headers, body: Data(body.utf8))
    }

    private func body(_ response: StreamableHTTPResponse) throws -> JSONValue {
        try JSONValue.decode(response.body)
    }

    // MARK: - Requests

    @Test func requestReturnsJSONResponse() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let tools = try body(response)["result"]?["tools"]?.arrayValue
        #expect(tools?.count == 4)
        #expect(try body(response)["id"] == 1)
    }

    @Test func initializeNegotiatesFromParams() async throws {
        let request = post(
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            removing: ["MCP-Protocol-Version"])
        let response = await handler.handle(request)
        #expect(response.status == 200)
        #expect(try body(response)["result"]?["protocolVersion"] == "2025-03-26")
    }

    @Test func initializeIgnoresVersionHeader() async throws {
        var headers = Self.jsonHeaders
        headers["MCP-Protocol-Version"] = "2026-07-28"
        let request = post(
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2026-07-28"}}"#,
            headers: headers)
        let response = await handler.handle(request)
        #expect(response.status == 200)
        #expect(try body(response)["result"]?["protocolVersion"] == "2025-06-18")
    }

    @Test func toolCallGetsDeadlineAndID() async throws {
        let deadline = Date(timeIntervalSince1970: 1_800_000_000)
        let request = post(#"{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"context"}}"#)
        let response = await handler.handle(request, deadline: deadline)
        #expect(try body(response)["result"]?["structuredContent"] == [
            "requestID": "c1", "deadline": 1_800_000_000,
        ])
    }

    @Test func toolFailureIsErrorResult() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"fail"}}"#))
        #expect(response.status == 200)
        #expect(try body(response)["result"]?["isError"] == true)
    }

    @Test func unknownMethodIsJSONRPCError() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":3,"method":"prompts/list"}"#))
        #expect(response.status == 200)
        #expect(try body(response).errorCode == -32601)
        #expect(try body(response)["id"] == 3)
    }

    @Test func unknownToolIsInvalidParams() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x"}}"#))
        #expect(response.status == 200)
        #expect(try body(response).errorCode == -32602)
    }

    @Test func requestWithoutSessionIsServed() async throws {
        // No initialize came first: a stateless server serves every request on its own.
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":5,"method":"ping"}"#))
        #expect(response.status == 200)
        #expect(try body(response)["result"] == [:])
    }

    // MARK: - Notifications and responses

    @Test func notificationReturns202() async {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#))
        #expect(response == StreamableHTTPResponse(status: 202))
    }

    @Test func cancellationReturns202() async {
        let response = await handler.handle(
            post(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}"#))
        #expect(response == StreamableHTTPResponse(status: 202))
    }

    @Test func clientResponseReturns202() async {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":"s","result":{}}"#))
        #expect(response == StreamableHTTPResponse(status: 202))
    }

    @Test func invalidNotificationParamsReturn400() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{}}"#))
        #expect(response.status == 400)
        #expect(try body(response).errorCode == -32602)
    }

    // MARK: - HTTP methods

    @Test(arguments: ["GET", "DELETE", "PUT"])
    func nonPostReturns405(method: String) async throws {
        let request = StreamableHTTPRequest(method: method, headers: ["Accept": "text/event-stream"])
        let response = await handler.handle(request)
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "POST")
    }

    // MARK: - Headers

    @Test func missingAcceptReturns406() async {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, removing: ["Accept"]))
        #expect(response.status == 406)
    }

    @Test(arguments: ["text/event-stream", "application/json;q=0, text/event-stream", "text/html"])
    func acceptWithoutJSONReturns406(accept: String) async {
        var headers = Self.jsonHeaders
        headers["Accept"] = accept
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 406)
    }

    @Test(arguments: ["application/json", "*/*", "application/*;q=0.5", "text/event-stream, APPLICATION/JSON"])
    func acceptAdmittingJSONServed(accept: String) async {
        var headers = Self.jsonHeaders
        headers["Accept"] = accept
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 200)
    }

    @Test func nonJSONContentTypeReturns415() async {
        var headers = Self.jsonHeaders
        headers["Content-Type"] = "text/plain"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 415)
    }

    @Test func contentTypeWithCharsetServed() async {
        var headers = Self.jsonHeaders
        headers["Content-Type"] = "application/json; charset=utf-8"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 200)
    }

    @Test func headerNamesMatchAnyCase() async {
        let headers = [
            "accept": "application/json", "CONTENT-TYPE": "application/json", "mcp-protocol-version": "2025-06-18",
        ]
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 200)
    }

    @Test func unsupportedVersionHeaderReturns400() async throws {
        var headers = Self.jsonHeaders
        headers["MCP-Protocol-Version"] = "2026-07-28"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, headers: headers))
        #expect(response.status == 400)
        #expect(try body(response).errorCode == -32600)
    }

    @Test func unsupportedVersionCheckedBeforeMethod() async {
        var headers = Self.jsonHeaders
        headers["MCP-Protocol-Version"] = "2026-07-28"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"server/discover"}"#, headers: headers))
        #expect(response.status == 400)
    }

    @Test func unsupportedVersionOnNotificationReturns400() async {
        var headers = Self.jsonHeaders
        headers["MCP-Protocol-Version"] = "not-a-version"
        let response = await handler.handle(
            post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, headers: headers))
        #expect(response.status == 400)
    }

    @Test func missingVersionHeaderAssumes20250326() async throws {
        let request = post(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"}}}"#,
                           removing: ["MCP-Protocol-Version"])
        let result = try body(await handler.handle(request))["result"]
        #expect(result?["isError"] == false)
        #expect(result?["structuredContent"] == nil, "2025-03-26 has no structuredContent")
    }

    @Test func versionHeaderShapesResult() async throws {
        let request = post(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"}}}"#)
        let result = try body(await handler.handle(request))["result"]
        #expect(result?["structuredContent"] == ["text": "a"])
    }

    @Test func disallowedOriginReturns403() async {
        var headers = Self.jsonHeaders
        headers["Origin"] = "https://evil.example"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 403)
    }

    @Test func allowedOriginServed() async {
        let handler = StreamableHTTPHandler(server: MCPServer(provider: FakeToolProvider()),
                                            allowedOrigins: ["https://console.example"])
        var headers = Self.jsonHeaders
        headers["Origin"] = "https://console.example"
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: headers))
        #expect(response.status == 200)
    }

    // MARK: - Bodies

    @Test func malformedJSONReturns400ParseError() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"2.0","id":1,"#))
        #expect(response.status == 400)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try body(response).errorCode == -32700)
        #expect(try body(response)["id"] == .null)
    }

    @Test func batchReturns400() async throws {
        let response = await handler.handle(post(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#))
        #expect(response.status == 400)
        #expect(try body(response).errorCode == -32600)
    }

    @Test func invalidRequestReturns400WithID() async throws {
        let response = await handler.handle(post(#"{"jsonrpc":"1.0","id":"v","method":"ping"}"#))
        #expect(response.status == 400)
        #expect(try body(response)["id"] == "v")
    }
}
