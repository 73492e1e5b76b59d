import Foundation
import LambdaRuntime
import PromLambdaCore
import PromTools

/// The handler of a function that runs one tool: `query`, `range_query`, `list_metrics`, `server_info`
/// or `find_workspace`.
///
/// The arguments are the event itself when AgentCore Gateway or the Invoke API sends them flat, or the
/// JSON body of an API Gateway or Function URL request. The response has the event's shape: the result
/// object itself for a flat event, or `{"statusCode": 200, "headers": …, "body": "<JSON text>"}` for an
/// HTTP event. A tool failure is a result with status 200 too (see ``ToolCallRunner``).
///
/// When the client context names a tool, as AgentCore Gateway's `custom.bedrockAgentCoreToolName`
/// `TARGET___TOOL` does, the part after the first `___` must be this function's tool. An `operation`
/// argument, which callers of the integration function send, is accepted when it names this tool.
public struct ToolFunctionHandler: JSONEventHandler {
    public let tool: String
    let runner: ToolCallRunner

    public init(tool: String, dispatcher: any ToolDispatcher) {
        self.tool = tool
        runner = ToolCallRunner(dispatcher: dispatcher, deadlineGuard: DeadlineGuard())
    }

    public func handle(_ payload: JSONValue, event: InvocationEvent, context: LambdaContext) async throws
        -> JSONEventResponse
    {
        var arguments = toolArguments(payload)
        if let call = AgentCoreGatewayToolCall(arguments: arguments, context: context), call.toolName != tool {
            return runner.reject(ToolFailure(
                kind: .unknownTool, message: "This function serves the \(tool) tool, but the call names the tool "
                    + "\"\(call.qualifiedToolName)\". Point that tool's gateway target at the function that serves "
                    + "it, or at the integration function, which serves every tool."),
                operation: InvocationMetrics.unknownOperation, context: context)
        }

        if case .object(var members) = arguments, let operation = members["operation"] {
            guard operation.stringValue == tool else {
                return runner.reject(ToolFailure.invalidArgument("operation", "This function serves only the "
                    + "\(tool) tool, but operation is \(operation.encodedString()). Leave operation out, or call "
                    + "the integration function, which routes by operation."),
                    operation: InvocationMetrics.unknownOperation, context: context)
            }
            members.removeValue(forKey: "operation")
            arguments = .object(members)
        }
        return await runner.run(tool: tool, arguments: arguments, context: context)
    }
}
