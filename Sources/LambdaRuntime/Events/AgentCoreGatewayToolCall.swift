import PromLambdaCore

/// A tool call from an Amazon Bedrock AgentCore Gateway Lambda target.
///
/// The gateway sends the MCP `tools/call` arguments object, unwrapped, as the event, and puts the tool
/// name and its own ids into the client context's `custom` object, for example
/// `{"custom": {"bedrockAgentCoreToolName": "prom___query", "bedrockAgentCoreGatewayId": "gw-1", …}}`.
///
/// - SeeAlso: https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-tool-naming.html
public struct AgentCoreGatewayToolCall: Sendable, Equatable {
    /// Keys of the client context's `custom` object that the gateway fills.
    public enum CustomKey {
        public static let toolName = "bedrockAgentCoreToolName"
        public static let gatewayID = "bedrockAgentCoreGatewayId"
        public static let targetID = "bedrockAgentCoreTargetId"
        public static let requestID = "bedrockAgentCoreAwsRequestId"
        public static let messageID = "bedrockAgentCoreMcpMessageId"
        public static let messageVersion = "bedrockAgentCoreMessageVersion"
        public static let sessionID = "bedrockAgentCoreSessionId"
    }

    /// The separator the gateway puts between the target name and the tool name.
    public static let targetSeparator = "___"

    /// The tool name as the gateway sent it, such as `prom___query`.
    public var qualifiedToolName: String
    /// The target name before the first `___`, or `nil` for an unprefixed name.
    public var targetName: String?
    /// The tool name after the first `___`, or the whole name when it has no prefix.
    public var toolName: String
    /// The tool arguments: the event itself.
    public var arguments: JSONValue
    public var gatewayID: String?
    public var targetID: String?
    /// The gateway's own request id, distinct from the Lambda request id.
    public var gatewayRequestID: String?
    /// The MCP JSON-RPC message id, a string or a number.
    public var messageID: JSONValue?
    public var messageVersion: String?
    public var sessionID: String?

    /// Reads a tool call from the client context of `context`.
    /// - Returns: `nil` when the client context names no tool, so the event did not come from a gateway.
    public init?(arguments: JSONValue, context: LambdaContext) {
        guard let custom = context.clientContext?.custom else { return nil }
        self.init(arguments: arguments, custom: custom)
    }

    /// Reads a tool call from a client context's `custom` object.
    /// - Returns: `nil` when `custom` has no non-empty string `bedrockAgentCoreToolName`.
    public init?(arguments: JSONValue, custom: [String: JSONValue]) {
        guard let qualified = custom[CustomKey.toolName]?.stringValue, !qualified.isEmpty else { return nil }
        qualifiedToolName = qualified
        (targetName, toolName) = Self.splitToolName(qualified)
        self.arguments = arguments
        gatewayID = Self.text(custom[CustomKey.gatewayID])
        targetID = Self.text(custom[CustomKey.targetID])
        gatewayRequestID = Self.text(custom[CustomKey.requestID])
        messageID = custom[CustomKey.messageID].flatMap { $0.isNull ? nil : $0 }
        messageVersion = Self.text(custom[CustomKey.messageVersion])
        sessionID = Self.text(custom[CustomKey.sessionID])
    }

    /// Splits `TARGET___TOOL` at the first `___`.
    ///
    /// The name counts as prefixed only when both sides of that separator are non-empty, so `query` and
    /// `___query` are returned whole with no target.
    public static func splitToolName(_ name: String) -> (target: String?, tool: String) {
        guard let range = name.range(of: targetSeparator) else { return (nil, name) }
        let target = name[..<range.lowerBound]
        let tool = name[range.upperBound...]
        guard !target.isEmpty, !tool.isEmpty else { return (nil, name) }
        return (String(target), String(tool))
    }

    /// Returns a string value as is and a number as its JSON text; `nil` for anything else or an empty string.
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .number: value?.encodedString()
        default: nil
        }
    }
}
