// Serves FakeTools for the MCP Python SDK client in MCPServerTests, with debug logs on
// standard error.
//
//   mcp-test-server          serves over standard input and output
//   mcp-test-server --http   serves streamable HTTP on 127.0.0.1 and prints {"port": N}
import Foundation
import MCPServer
import PromLambdaCore

let logger = Logger(label: "mcp-test-server", level: .debug, handler: JSONLinesLogHandler())
let instructions = "Test tools: echo, add and fail."
do {
    if CommandLine.arguments.dropFirst().first == "--http" {
        let server = MCPServer(provider: FakeTools(), instructions: instructions, logger: logger)
        try await LoopbackHTTPServer(handler: StreamableHTTPHandler(server: server)).run()
    } else {
        try await MCPServer.runStdio(provider: FakeTools(), instructions: instructions, logger: logger)
    }
} catch {
    FileHandle.standardError.write(Data("Error: the MCP test server stopped: \(error)\n".utf8))
    exit(1)
}
