import Foundation
import PromLambdaCore
import Testing
@testable import MCPServer

@Suite(.timeLimit(.minutes(1))) struct VersionNegotiationTests {
    let provider = FakeToolProvider()

    @Test(arguments: ["2025-06-18", "2025-03-26", "2024-11-05"])
    func supportedVersionEchoed(version: String) async throws {
        try await withSession(provider) { client in
            let response = try await client.initialize(version: version)
            #expect(response["result"]?["protocolVersion"] == .string(version))
        }
    }

    @Test(arguments: ["2026-07-28", "2025-11-25", "2024-01-01", "draft"])
    func unknownVersionGetsLatest(version: String) async throws {
        try await withSession(provider) { client in
            let response = try await client.initialize(version: version)
            #expect(response["result"]?["protocolVersion"] == "2025-06-18")
        }
    }

    @Test func version20241105HasNoNewerFields() async throws {
        try await withSession(provider) { client in
            try await client.initialize(version: "2024-11-05")
            client.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let echo = try #require(try await client.nextResponse()["result"]?["tools"]?.arrayValue?.first)
            #expect(echo["annotations"] == nil)
            #expect(echo["title"] == nil)
            #expect(echo["outputSchema"] == nil)
            #expect(echo["inputSchema"] != nil)

            client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"}}}"#)
            let result = try #require(try await client.nextResponse()["result"])
            #expect(result["structuredContent"] == nil)
            #expect(result["content"] == [["type": "text", "text": "a"]])
        }
    }

    @Test func version20250326HasAnnotationsOnly() async throws {
        try await withSession(provider) { client in
            try await client.initialize(version: "2025-03-26")
            client.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let echo = try #require(try await client.nextResponse()["result"]?["tools"]?.arrayValue?.first)
            #expect(echo["annotations"]?["readOnlyHint"] == true)
            #expect(echo["annotations"]?["title"] == "Echo")
            #expect(echo["title"] == nil)
            #expect(echo["outputSchema"] == nil)

            client.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"}}}"#)
            #expect(try await client.nextResponse()["result"]?["structuredContent"] == nil)
        }
    }

    @Test func negotiateFunctionPicksVersion() {
        #expect(ProtocolVersion.negotiate(requested: "2025-03-26") == .v2025_03_26)
        #expect(ProtocolVersion.negotiate(requested: "2099-12-31") == .latest)
        #expect(ProtocolVersion.latest == .v2025_06_18)
    }
}
