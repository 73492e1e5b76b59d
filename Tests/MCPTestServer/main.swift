// Serves FakeTools over standard input and output, with debug logs on standard error.
// The MCP Python SDK client launches this binary in MCPServerTests.
import Foundation
import MCPServer
import PromLambdaCore

let logger = Logger(label: "mcp-test-server", level: .debug, handler: JSONLinesLogHandler())
do {
    try await MCPServer.runStdio(provider: FakeTools(), instructions: "Test tools: echo, add and fail.",
                                 logger: logger)
} catch {
    FileHandle.standardError.write(Data("Error: the MCP test server stopped: \(error)\n".utf8))
    exit(1)
}
