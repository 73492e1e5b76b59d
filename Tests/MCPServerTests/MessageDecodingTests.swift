import Foundation
import PromLambdaCore
import Testing
@testable import MCPServer

@Suite struct MessageDecodingTests {
    private func decode(_ text: String) -> Result<IncomingMessage, MessageRejection> {
        IncomingMessage.decode(Data(text.utf8))
    }

    @Test func requestWithIntegerID() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":7,"method":"ping","params":{"a":1}}"#).get()
        #expect(message == .request(JSONRPCRequest(id: .integer(7), method: "ping", params: ["a": 1])))
    }

    @Test func requestWithStringID() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":"abc","method":"tools/list"}"#).get()
        #expect(message == .request(JSONRPCRequest(id: .string("abc"), method: "tools/list", params: nil)))
    }

    @Test func integerIDAbove2To53KeptExactly() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}"#).get()
        #expect(message == .request(JSONRPCRequest(id: .integer(9_007_199_254_740_993), method: "ping")))
    }

    @Test func nullParamsReadAsAbsent() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":null}"#).get()
        #expect(message == .request(JSONRPCRequest(id: .integer(1), method: "ping", params: nil)))
    }

    @Test func notificationHasNoID() throws {
        let message = try decode(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).get()
        #expect(message == .notification(JSONRPCNotification(method: "notifications/initialized")))
    }

    @Test func responseIsRecognized() throws {
        let result = try decode(#"{"jsonrpc":"2.0","id":4,"result":{}}"#).get()
        #expect(result == .response(id: .integer(4)))
        let error = try decode(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"x"}}"#).get()
        #expect(error == .response(id: nil))
    }

    @Test func malformedJSONIsParseError() {
        let rejection = rejection(of: #"{"jsonrpc":"2.0","id":1,"method":"#)
        #expect(rejection?.id == nil)
        #expect(rejection?.error.code == .parseError)
        #expect(rejection?.error.data == "the text ended before the value did at byte 33, the end of the text")
    }

    @Test func integerIDAbove2To53StaysExact() throws {
        let result = try decode(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}"#).get()
        #expect(result == .request(JSONRPCRequest(id: .integer(9_007_199_254_740_993), method: "ping", params: nil)))
    }

    @Test(arguments: [#"1.5"#, #"1e3"#, #"{}"#, #"true"#, #"99999999999999999999"#])
    func nonIntegerIDIsInvalidRequest(id: String) {
        let rejection = rejection(of: #"{"jsonrpc":"2.0","id":"# + id + #","method":"ping"}"#)
        #expect(rejection?.error.code == .invalidRequest)
        #expect(rejection?.id == nil)
    }

    @Test func trailingTextIsParseError() {
        #expect(rejection(of: #"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#)?.error.code == .parseError)
    }

    @Test func emptyTextIsParseError() {
        #expect(rejection(of: "")?.error.code == .parseError)
    }

    @Test func nonObjectIsInvalidRequest() {
        let rejection = rejection(of: #""ping""#)
        #expect(rejection?.error.code == .invalidRequest)
        #expect(rejection?.id == nil)
    }

    @Test func batchIsInvalidRequest() {
        let rejection = rejection(of: #" [{"jsonrpc":"2.0","id":1,"method":"ping"}]"#)
        #expect(rejection?.error.code == .invalidRequest)
        #expect(rejection?.id == nil)
    }

    @Test func malformedBatchIsParseError() {
        #expect(rejection(of: #"[{"jsonrpc":"2.0","#)?.error.code == .parseError)
    }

    @Test func wrongVersionKeepsReadableID() {
        let rejection = rejection(of: #"{"jsonrpc":"1.0","id":"x","method":"ping"}"#)
        #expect(rejection?.error.code == .invalidRequest)
        #expect(rejection?.id == .string("x"))
    }

    @Test func nonStringMethodIsInvalidRequest() {
        let rejection = rejection(of: #"{"jsonrpc":"2.0","id":3,"method":1}"#)
        #expect(rejection?.error.code == .invalidRequest)
        #expect(rejection?.id == .integer(3))
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, "null id"),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, "fractional id"),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, "object id"),
        (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, "boolean id"),
    ])
    func invalidIDIsInvalidRequest(text: String, label: String) {
        let rejection = rejection(of: text)
        #expect(rejection?.error.code == .invalidRequest, "\(label)")
        #expect(rejection?.id == nil, "\(label)")
    }

    @Test func objectWithoutMethodOrResultIsInvalid() {
        #expect(rejection(of: #"{"jsonrpc":"2.0","id":1}"#)?.error.code == .invalidRequest)
    }

    private func rejection(of text: String) -> MessageRejection? {
        if case .failure(let rejection) = decode(text) { return rejection }
        return nil
    }
}

@Suite struct JSONRPCResponseTests {
    @Test func successEncodesIDAndResult() {
        let text = String(decoding: JSONRPCResponse.success(.integer(9_007_199_254_740_993), ["ok": true]).encoded(),
                          as: UTF8.self)
        #expect(text == #"{"id":9007199254740993,"jsonrpc":"2.0","result":{"ok":true}}"#)
    }

    @Test func unknownIDEncodesAsNull() {
        let response = JSONRPCResponse.failure(nil, .invalidRequest("Invalid request: x."))
        let text = String(decoding: response.encoded(), as: UTF8.self)
        #expect(text == #"{"error":{"code":-32600,"message":"Invalid request: x."},"id":null,"jsonrpc":"2.0"}"#)
    }

    @Test func nonFiniteResultBecomesInternalError() throws {
        let response = JSONRPCResponse.success(.string("a"), ["value": .number(.nan)])
        let decoded = try JSONValue.decode(response.encoded())
        #expect(decoded.errorCode == -32603)
        #expect(decoded["id"] == "a")
    }
}

@Suite struct LineFramerTests {
    @Test func splitsChunksAtNewlines() {
        var framer = LineFramer()
        #expect(framer.append(Data("{\"a\":1}\n{\"b\"".utf8)) == [Data("{\"a\":1}".utf8)])
        #expect(framer.append(Data(":2}\r\n\n  \n{\"c\":3}".utf8)) == [Data("{\"b\":2}".utf8)])
        #expect(framer.finish() == Data("{\"c\":3}".utf8))
        #expect(framer.finish() == nil)
    }
}
