import PromLambdaCore
import PromTools

/// A ``ToolProvider`` that records each call's tool name and outcome in ``InvocationMeter/current``.
public struct MeteredToolProvider: ToolProvider {
    public var base: any ToolProvider

    public init(base: any ToolProvider) {
        self.base = base
    }

    public var definitions: [ToolDefinition] { base.definitions }

    public func call(name: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        let meter = InvocationMeter.current
        meter?.recordOperation(definitions.contains { $0.name == name } ? name : InvocationMetrics.unknownOperation)
        let output = await base.call(name: name, arguments: arguments, context: context)
        meter?.recordOutput(output)
        return output
    }
}
