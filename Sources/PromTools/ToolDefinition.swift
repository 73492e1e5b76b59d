import Foundation
import PromLambdaCore

/// The public description of one tool: its name, description, JSON Schemas and behaviour hints.
///
/// MCP's `tools/list`, the AgentCore Gateway tool schema and `docs/tools.md` are all generated
/// from these values, so the three cannot drift apart.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String
    /// A JSON Schema object for the arguments.
    public var inputSchema: JSONValue
    /// A JSON Schema object for `structuredContent` of a successful result.
    public var outputSchema: JSONValue
    public var annotations: ToolAnnotations
    /// One call and its result, shown in `docs/tools.md`.
    public var example: ToolExample?

    public init(name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue,
                annotations: ToolAnnotations = .readOnly, example: ToolExample? = nil) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.example = example
    }
}

/// An example call of a tool: its arguments and the structured result it returns.
public struct ToolExample: Sendable, Equatable {
    public var arguments: JSONValue
    public var result: JSONValue

    public init(arguments: JSONValue, result: JSONValue) {
        self.arguments = arguments
        self.result = result
    }
}

/// MCP's behaviour hints for a tool.
public struct ToolAnnotations: Sendable, Equatable {
    public var readOnlyHint: Bool
    public var destructiveHint: Bool
    public var idempotentHint: Bool
    public var openWorldHint: Bool

    /// Every promlambda tool: it reads metrics and changes nothing.
    public static let readOnly = ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true,
                                                 openWorldHint: true)
}

/// The outcome of one tool call, in the form every front end translates from.
public struct ToolOutput: Sendable, Equatable {
    /// The machine-readable result; on failure, the ``ToolFailure`` as JSON.
    public var structured: JSONValue
    /// A compact text form for a model or a person.
    public var text: String
    /// `true` when the call failed; the failure is described in `structured` and `text`.
    public var isError: Bool

    public init(structured: JSONValue, text: String, isError: Bool) {
        self.structured = structured
        self.text = text
        self.isError = isError
    }
}

/// Lists the tools and runs one by name; the seam between the front ends and the operations.
public protocol ToolProvider: Sendable {
    var definitions: [ToolDefinition] { get }
    /// Runs the named tool. Failures of any kind, including an unknown name or bad arguments,
    /// come back as a ``ToolOutput`` with `isError` set; this method does not throw.
    func call(name: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput
}

/// Per-call facts a front end passes down.
public struct ToolCallContext: Sendable {
    /// When the caller stops waiting; requests and Prometheus' own `timeout` are fitted before it.
    public var deadline: Date?
    /// The id of the request that carries the call (Lambda request id, JSON-RPC id), for logs.
    public var requestID: String?
    public var logger: Logger

    public init(deadline: Date? = nil, requestID: String? = nil, logger: Logger = .disabled) {
        self.deadline = deadline
        self.requestID = requestID
        self.logger = logger
    }
}
