import Foundation
import PromLambdaCore
import PromTools

/// An MCP server that offers the tools of a ``ToolProvider``: the `initialize`, `ping`,
/// `tools/list` and `tools/call` methods over JSON-RPC 2.0.
///
/// The server itself stores no session state, so one value can serve any number of connections
/// at once. Two transports use it:
/// - ``serve(input:output:)`` and ``runStdio(provider:name:version:instructions:logger:)`` run a
///   session over newline-delimited JSON, such as standard input and output.
/// - ``StreamableHTTPHandler`` handles one stateless streamable HTTP request at a time.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18
public struct MCPServer: Sendable {
    /// The name sent as `serverInfo.name` unless another is given.
    public static let defaultName = "promlambda"
    /// The version sent as `serverInfo.version` unless another is given.
    // NOTE: promlambda has no release version yet; executables should pass their own.
    public static let defaultVersion = PromLambdaVersion.current

    /// `serverInfo.name` in the `initialize` result.
    public let name: String
    /// `serverInfo.version` in the `initialize` result.
    public let version: String
    /// Guidance for the model on how to use the tools, sent in the `initialize` result.
    public let instructions: String?

    let provider: any ToolProvider
    let logger: Logger
    /// The provider's definitions in its order, read once: the list never changes while the
    /// server runs, which is why the `tools` capability has `listChanged: false`.
    let tools: [ToolDefinition]
    private let toolsByName: [String: ToolDefinition]

    /// Creates a server for the tools of `provider`.
    ///
    /// - Parameters:
    ///   - provider: Lists and runs the tools. Its `definitions` are read once, here.
    ///   - logger: Receives the server's own records: starts, stops and one debug record per
    ///     message. Stdio servers must not log to standard output, which carries the protocol.
    public init(provider: any ToolProvider, name: String = MCPServer.defaultName,
                version: String = MCPServer.defaultVersion, instructions: String? = nil,
                logger: Logger = .disabled) {
        self.provider = provider
        self.name = name
        self.version = version
        self.instructions = instructions
        self.logger = logger
        self.tools = provider.definitions
        // A repeated name keeps its first definition, the one `tools/list` shows first.
        self.toolsByName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

// MARK: - Methods

extension MCPServer {
    /// Builds the `initialize` result: the negotiated revision, the capabilities and `serverInfo`.
    func initialize(_ parameters: Initialize.Parameters) -> Initialize.Result {
        let negotiated = ProtocolVersion.negotiate(requested: parameters.protocolVersion)
        logger.info("MCP session initialized", [
            "mcp.requested-version": .string(parameters.protocolVersion),
            "mcp.protocol-version": .string(negotiated.rawValue),
            "mcp.client-name": parameters.clientName.map(JSONValue.string) ?? .null,
            "mcp.client-version": parameters.clientVersion.map(JSONValue.string) ?? .null,
        ])
        return Initialize.Result(protocolVersion: negotiated, serverName: name, serverVersion: version,
                                 instructions: instructions)
    }

    /// Builds the `tools/list` result: every tool, shaped for `version`.
    func listTools(for version: ProtocolVersion) -> JSONValue {
        ListTools.Result(tools: tools).jsonValue(for: version)
    }

    /// Finds a tool by name.
    ///
    /// - Throws: ``JSONRPCError`` `invalidParams` when no tool has that name, as the MCP tools
    ///   section prescribes for unknown tools.
    func tool(named name: String) throws(JSONRPCError) -> ToolDefinition {
        guard let tool = toolsByName[name] else {
            throw CallTool.unknownTool(name)
        }
        return tool
    }

    /// Runs a tool through the provider and shapes its output as a `tools/call` result.
    ///
    /// The provider never throws: a failed call comes back as a result with `isError: true`.
    /// Cancelling the calling task cancels the provider's work.
    func callTool(_ tool: ToolDefinition, arguments: JSONValue, id: RequestID, version: ProtocolVersion,
                  deadline: Date?) async -> JSONValue {
        let callLogger = logger.with(["mcp.request-id": .string(id.description), "mcp.tool": .string(tool.name)])
        let context = ToolCallContext(deadline: deadline, requestID: id.description, logger: callLogger)
        callLogger.debug("Tool call started")
        let output = await provider.call(name: tool.name, arguments: arguments, context: context)
        callLogger.debug("Tool call finished", ["mcp.is-error": .bool(output.isError)])
        return CallTool.Result(output: output).jsonValue(for: version)
    }
}
