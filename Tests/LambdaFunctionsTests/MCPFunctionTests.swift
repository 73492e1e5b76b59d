import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// The `mcp` function: MCP's streamable HTTP transport behind a Function URL, run by the real `bootstrap`.
@Suite struct MCPFunctionTests {
    static let version = "2025-06-18"
    static let headers = [
        "content-type": "application/json", "accept": "application/json, text/event-stream",
        "mcp-protocol-version": version,
    ]

    @Test func functionURLServesSession() async throws {
        let function = try await FunctionHarness.start(handler: "mcp")
        let initialize: JSONValue = [
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": ["protocolVersion": .string(Self.version), "capabilities": [:],
                       "clientInfo": ["name": "lambda-test", "version": "1"]],
        ]
        let call: JSONValue = [
            "jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": ["name": "query", "arguments": Events.rateByMethodAndStatus],
        ]
        let initialized: JSONValue = ["jsonrpc": "2.0", "method": "notifications/initialized"]
        try await function.enqueue("initialize", Events.functionURL(initialize.encodedString(), base64: true))
        try await function.enqueue("call", Events.functionURL(call.encodedString(), base64: false, headers: Self.headers))
        try await function.enqueue("initialized", Events.functionURL(initialized.encodedString(), base64: true,
                                                                      headers: Self.headers))

        let records = try await function.records(3)
        #expect(records.map(\.kind) == ["response", "response", "response"])
        #expect(records[0].json?["statusCode"] == 200)
        #expect(records[0].json?["isBase64Encoded"] == false)
        #expect(records[0].httpBody?["result"]?["protocolVersion"] == .string(Self.version))
        #expect(records[0].httpBody?["result"]?["serverInfo"]?["name"] == "promlambda")

        #expect(records[1].httpBody?["id"] == 2)
        #expect(records[1].httpBody?["result"]?["isError"] == false)
        #expect(rateMismatches(records[1].httpBody?["result"]?["structuredContent"]) == [])
        #expect(try function.metricsLine("call")["Operation"] == "query")

        #expect(records[2].json?["statusCode"] == 202)
        #expect(records[2].json?["body"] == "")
    }

    @Test func directEventIsHandlerError() async throws {
        let function = try await FunctionHarness.start(handler: "mcp")
        try await function.enqueue("direct", Events.rateByMethodAndStatus.encodedString())
        let ping: JSONValue = ["jsonrpc": "2.0", "id": 3, "method": "ping"]
        try await function.enqueue("next", Events.functionURL(ping.encodedString(), base64: false, headers: Self.headers))

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["error", "response"])
        #expect(records[0].errorTypeHeader == "Runtime.UnmarshalError")
        #expect(records[0].json?["errorMessage"]?.stringValue?.contains("Function URL") == true)
        #expect(records[1].httpBody?["result"] == [:])
        #expect(try function.metricsLine("direct")["outcome"] == "handler_error")
    }

    @Test func invalidBase64BodyIsParseError() async throws {
        let function = try await FunctionHarness.start(handler: "mcp")
        var event = try JSONValue.decode(Data(Events.functionURL("{}", base64: true).utf8)).objectValue ?? [:]
        event["body"] = "%%% not base64 %%%"
        try await function.enqueue("bad-base64", JSONValue.object(event).encodedString())

        let records = try await function.records(1)
        #expect(records.first?.kind == "response")
        #expect(records.first?.json?["statusCode"] == 400)
        #expect(records.first?.httpBody?["error"]?["code"] == -32700)
        #expect(records.first?.httpBody?["id"] == .null)
    }
}
