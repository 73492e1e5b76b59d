import PromLambdaCore
import PromTools

/// Runs one tool call for a function handler, in this process or in another function.
///
/// It lives here and not in PromTools, so that PromTools never depends on LambdaRuntime.
public protocol ToolDispatcher: Sendable {
    /// Runs `tool` with `arguments`. Failures of every kind come back as a ``ToolOutput`` with `isError` set.
    func dispatch(tool: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput
}

/// Calls the tool provider in this process.
public struct InProcessDispatcher: ToolDispatcher {
    public var provider: any ToolProvider

    public init(provider: any ToolProvider) {
        self.provider = provider
    }

    public func dispatch(tool: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        await provider.call(name: tool, arguments: arguments, context: context)
    }
}
