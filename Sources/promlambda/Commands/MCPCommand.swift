import Foundation
import HTTPTransport
import MCPServer
import PromLambdaCore
import PromTools

/// `promlambda mcp`: serves the tools to an MCP client over stdio.
enum MCPCommand {
    static let spec = CommandSpec(
        name: "mcp", summary: "Serve the tools over MCP on standard input and output.",
        positionals: [],
        options: [
            CommandSpec.Option(name: "url", valueName: "URL", help: "Prometheus base URL. Default: $PROMETHEUS_URL."),
            CommandSpec.Option(name: "help", valueName: nil, help: "Show this help."),
        ],
        discussion: """
            Standard output carries only MCP messages (newline-delimited JSON-RPC 2.0); logs go to
            standard error as JSON lines, at the level LOG_LEVEL names (default: info).
            Example client configuration:
              {"mcpServers": {"prometheus": {"command": "promlambda", "args": ["mcp"],
                "env": {"PROMETHEUS_URL": "http://127.0.0.1:9090"}}}}
            """)

    static let instructions = """
        Tools for reading Prometheus metrics. Start with list_metrics to find metric names, then query for \
        current values and range_query for trends. Results are cut to a byte budget and say what was left out; \
        narrow the query rather than raising max_bytes when you can.
        """

    static func run(_ parsed: ParsedArguments, environment: Environment, standardError: any TextSink) async throws
        -> Int32
    {
        let (logger, invalidLevel) = Logger.executable(label: "promlambda.mcp", environment: environment)
        let toolbox = try CLI.makeToolbox(environment: environment, url: parsed.value("url"), requiresServer: false)
        if let invalidLevel {
            logger.warning("invalid LOG_LEVEL, using info", ["value": .string(invalidLevel)])
        }
        logger.info("mcp server starting", ["tools": .number(Double(toolbox.definitions.count))])
        try await MCPServer.runStdio(provider: toolbox, name: "promlambda", version: CLI.version,
                                     instructions: instructions, logger: logger)
        logger.info("mcp server stopped")
        return 0
    }
}
