import Foundation
import PromLambdaCore
import Testing
@testable import MCPServer

@Suite(.timeLimit(.minutes(1))) struct StreamSessionTests {
    let provider = FakeToolProvider()

    // MARK: - Lifecycle

    @Test func initializeReturnsServerInfo() async throws {
        try await withSession(MCPServer(provider: provider, instructions: "Use echo.")) { client in
            let response = try await client.initialize()
            #expect(response["id"] == 0)
            #expect(response["result"]?["protocolVersion"] == "2025-06-18")
            #expect(response["result"]?["serverInfo"] == ["name": "promlambda", "version": "0.1.0"])
            #expect(response["result"]?["capabilities"] == ["tools": ["listChanged": false]])
            #expect(response["result"]?["instructions"] == "Use echo.")
        }
    }

    @Test func pingBeforeInitializeAnswered() async throws {
        try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":"p","method":"ping"}"#)
            let response = try await client.nextResponse()
            #expect(response == ["jsonrpc": "2.0", "id": "p", "result": [:]])
        }
    }

    @Test func toolsListBeforeInitializeRejected() async throws {
        try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32600)
            #expect(response["id"] == 1)
        }
    }

    @Test func secondInitializeRejected() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            let again = try await client.initialize(version: "2024-11-05")
            #expect(again.errorCode == -32600)
            client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#)
            let call = try await client.nextResponse()
            #expect(call["result"]?["structuredContent"] == ["text": "x"], "the first initialize keeps 2025-06-18")
        }
    }

    @Test func notificationGetsNoResponse() async throws {
        let output = try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            client.send(#"{"jsonrpc":"2.0","method":"notifications/unknown","params":{"x":1}}"#)
            client.send(#"{"jsonrpc":"2.0","id":5,"method":"ping"}"#)
            let response = try await client.nextResponse()
            #expect(response["id"] == 5)
        }
        #expect(output.count == 2)
    }

    @Test func clientResponseIgnored() async throws {
        let output = try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":"s1","result":{}}"#)
            client.send(#"{"jsonrpc":"2.0","id":6,"method":"ping"}"#)
            let response = try await client.nextResponse()
            #expect(response["id"] == 6)
        }
        #expect(output.count == 1)
    }

    // MARK: - Errors

    @Test func malformedLineGetsParseError() async throws {
        try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":1,"method":"ping""#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32700)
            #expect(response["id"] == .null)
            #expect(response["error"]?["data"] == "expected ',' at byte 39, the end of the text")
        }
    }

    @Test func unknownMethodGetsMethodNotFound() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":"r","method":"resources/list"}"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32601)
            #expect(response["id"] == "r")
            #expect(response["error"]?["data"] == "resources/list")
        }
    }

    @Test func missingToolNameGetsInvalidParams() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"arguments":{}}}"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32602)
            #expect(response["error"]?["message"] == #"Invalid params: tools/call needs "name"."#)
        }
    }

    @Test func nonObjectArgumentsGetInvalidParams() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":[1]}}"#)
            #expect(try await client.nextResponse().errorCode == -32602)
        }
    }

    @Test func initializeWithoutVersionGetsInvalidParams() async throws {
        try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32602)
        }
    }

    @Test func unknownToolGetsInvalidParams() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"nope"}}"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32602)
            #expect(response["error"]?["message"] == "Unknown tool: nope.")
        }
    }

    @Test func listCursorGetsInvalidParams() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":4,"method":"tools/list","params":{"cursor":"c2"}}"#)
            #expect(try await client.nextResponse().errorCode == -32602)
        }
    }

    @Test func batchGetsInvalidRequest() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]"#)
            let response = try await client.nextResponse()
            #expect(response.errorCode == -32600)
            #expect(response["id"] == .null)
        }
    }

    @Test func bigIntegerIDEchoedExactly() async throws {
        let output = try await withSession(provider) { client in
            client.send(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}"#)
            _ = try await client.nextResponse()
        }
        #expect(output == [#"{"id":9007199254740993,"jsonrpc":"2.0","result":{}}"#])
    }

    // MARK: - Tools

    @Test func toolsListDescribesEachTool() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}"#)
            let tools = try #require(try await client.nextResponse()["result"]?["tools"]?.arrayValue)
            #expect(tools.map { $0["name"] } == ["echo", "fail", "context", "slow"])
            #expect(tools[0] == [
                "name": "echo", "title": "Echo", "description": "Returns the text it is given.",
                "inputSchema": ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]],
                "outputSchema": ["type": "object", "properties": ["text": ["type": "string"]]],
                "annotations": [
                    "title": "Echo", "readOnlyHint": true, "destructiveHint": false, "idempotentHint": true,
                    "openWorldHint": true,
                ],
            ])
            #expect(tools[1]["annotations"]?["idempotentHint"] == false)
            #expect(tools[1]["annotations"]?["openWorldHint"] == false)
            #expect(tools[3]["title"] == nil, "an empty title is left out")
            #expect(tools[3]["outputSchema"] == nil, "a non-object output schema is left out")
        }
    }

    @Test func callReturnsTextAndStructuredContent() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}"#)
            let response = try await client.nextResponse()
            #expect(response == [
                "jsonrpc": "2.0", "id": 2,
                "result": [
                    "content": [["type": "text", "text": "hi"]], "structuredContent": ["text": "hi"],
                    "isError": false,
                ],
            ])
        }
    }

    @Test func failingToolReturnsIsErrorResult() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"fail"}}"#)
            let response = try await client.nextResponse()
            #expect(response["error"] == nil)
            #expect(response["result"]?["isError"] == true)
            #expect(response["result"]?["content"] == [["type": "text", "text": "The backend is down."]])
            #expect(response["result"]?["structuredContent"] == ["kind": "unavailable"])
        }
    }

    @Test func rejectedArgumentsReturnIsErrorResult() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{}}}"#)
            let response = try await client.nextResponse()
            #expect(response["result"]?["isError"] == true)
            #expect(response["result"]?["structuredContent"] == ["kind": "invalid_argument"])
        }
    }

    // MARK: - Concurrency and cancellation

    @Test func slowCallDoesNotBlockOthers() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":"slow","method":"tools/call","params":{"name":"slow"}}"#)
            #expect(await provider.events.next() == "started slow")
            client.send(#"{"jsonrpc":"2.0","id":"fast","method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#)

            let first = try await client.nextResponse()
            #expect(first["id"] == "fast")
            provider.gate.open()
            let second = try await client.nextResponse()
            #expect(second["id"] == "slow")
            #expect(second["result"]?["structuredContent"] == ["done": true])
        }
    }

    @Test func cancelledCallSendsNoResponse() async throws {
        let output = try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow"}}"#)
            #expect(await provider.events.next() == "started 7")
            client.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user"}}"#)
            #expect(await provider.events.next() == "cancelled 7", "the tool's task was cancelled")
            client.send(#"{"jsonrpc":"2.0","id":8,"method":"ping"}"#)
            #expect(try await client.nextResponse()["id"] == 8)
        }
        let ids = try output.map { try JSONValue.decode(Data($0.utf8))["id"] }
        #expect(ids == [0, 8])
    }

    @Test func cancellingUnknownIDIgnored() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"none"}}"#)
            client.send(#"{"jsonrpc":"2.0","id":8,"method":"ping"}"#)
            #expect(try await client.nextResponse()["id"] == 8)
        }
    }

    @Test func reusedRunningIDRejected() async throws {
        try await withSession(provider) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"slow"}}"#)
            #expect(await provider.events.next() == "started 9")
            client.send(#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#)
            let rejected = try await client.nextResponse()
            #expect(rejected.errorCode == -32600)
            provider.gate.open()
            let finished = try await client.nextResponse()
            #expect(finished["result"]?["structuredContent"] == ["done": true])
        }
    }

    @Test func endOfInputWaitsForRunningCalls() async throws {
        let logs = RecordingLogHandler()
        let output = try await withSession(MCPServer(provider: provider, logger: logs.logger)) { client in
            try await client.initialize()
            client.send(#"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"slow"}}"#)
            #expect(await provider.events.next() == "started 10")
            client.close()
            #expect(await logs.waitFor("MCP session input ended; waiting for running calls") != nil)
            provider.gate.open()
        }
        let last = try JSONValue.decode(Data(try #require(output.last).utf8))
        #expect(last["id"] == 10)
        #expect(last["result"]?["isError"] == false)
    }

    @Test func lastLineWithoutNewlineServed() async throws {
        let output = try await withSession(provider) { client in
            client.sendBytes(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        }
        #expect(output == [#"{"id":1,"jsonrpc":"2.0","result":{}}"#])
    }
}
