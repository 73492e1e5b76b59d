import Foundation
import PromLambdaCore
import Testing

/// Drives the stdio transport of the `mcp-test-server` binary through real pipes.
@Suite(.timeLimit(.minutes(1))) struct StdioProcessTests {
    @Test func responseArrivesBeforeEndOfInput() async throws {
        let server = try ServerProcess(executable: try TestPaths.testServer())
        try server.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#)
        let line = try #require(try await server.nextLine())
        #expect(try JSONValue.decode(Data(line.utf8))["result"]?["protocolVersion"] == "2025-06-18")
        try server.closeInput()
        #expect(await server.waitForExit() == 0)
    }

    @Test func endOfInputExitsAfterAnswering() async throws {
        let server = try ServerProcess(executable: try TestPaths.testServer())
        try server.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#)
        try server.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#)
        try server.send("not json")
        try server.closeInput()

        var lines: [String] = []
        while let line = try await server.nextLine() {
            lines.append(line)
        }
        #expect(await server.waitForExit() == 0)

        let messages = try lines.map { try JSONValue.decode(Data($0.utf8)) }
        #expect(messages.count == 3, "standard output carries the three responses and nothing else")
        #expect(messages.first { $0["id"] == 2 }?["result"]?["structuredContent"] == ["text": "x"])
        #expect(messages.contains { $0["error"]?["code"] == -32700 })
        #expect(try server.stderrText().contains(#""message":"MCP session ended""#), "logs go to standard error")
    }
}
