import Foundation
import LambdaRuntime
import PromLambdaCore
import PromTools

/// The handler of the integration function, which serves every tool behind one function.
///
/// The tool is the `operation` argument, which is removed before the call, or else the tool named by
/// AgentCore Gateway's client context (`TARGET___TOOL`, the part after the first `___`). The operations
/// are the tool names: `query`, `range_query`, `list_metrics`, `server_info` and `find_workspace`. A
/// missing or unknown operation is a failure result that lists them. The call then runs through the
/// dispatcher: in this process, or in the tool's own function through the Lambda Invoke API.
public struct IntegrationFunctionHandler: JSONEventHandler {
    /// The operations the integration function routes, in catalog order.
    public static let operations: [String] = LambdaFunction.toolFunctions.compactMap(\.toolName)
    public static let operationArgument = "operation"

    let runner: ToolCallRunner

    public init(dispatcher: any ToolDispatcher) {
        runner = ToolCallRunner(dispatcher: dispatcher, deadlineGuard: DeadlineGuard())
    }

    public func handle(_ payload: JSONValue, event: InvocationEvent, context: LambdaContext) async throws
        -> JSONEventResponse
    {
        guard case .object(var members) = toolArguments(payload) else {
            return reject(ToolFailure(kind: .invalidArgument, message: "The arguments must be a JSON object with "
                                      + "an operation field, not a JSON \(payload.typeName). " + Self.operationList),
                          context: context)
        }
        let gatewayCall = AgentCoreGatewayToolCall(arguments: payload, context: context)

        let operation: String
        if let value = members.removeValue(forKey: Self.operationArgument) {
            guard let name = value.stringValue else {
                return reject(.invalidArgument(Self.operationArgument, "operation must be a string, not a JSON "
                                               + "\(value.typeName). " + Self.operationList), context: context)
            }
            if let gatewayTool = gatewayCall?.toolName, Self.operations.contains(gatewayTool), gatewayTool != name {
                return reject(.invalidArgument(Self.operationArgument, "operation is \"\(name)\", but the gateway "
                                               + "called the tool \"\(gatewayTool)\". Leave operation out, or make "
                                               + "the two agree."), context: context)
            }
            operation = name
        } else if let gatewayCall {
            guard Self.operations.contains(gatewayCall.toolName) else {
                return reject(ToolFailure(kind: .unknownTool, message: "The gateway called the tool "
                                          + "\"\(gatewayCall.qualifiedToolName)\", which is no promlambda tool. "
                                          + Self.operationList), context: context)
            }
            operation = gatewayCall.toolName
        } else {
            return reject(.invalidArgument(Self.operationArgument, "The operation argument is missing. "
                                           + Self.operationList), context: context)
        }

        guard Self.operations.contains(operation) else {
            return reject(.invalidArgument(Self.operationArgument, "Unknown operation \"\(operation)\". "
                                           + Self.operationList), context: context)
        }
        return await runner.run(tool: operation, arguments: .object(members), context: context)
    }

    static var operationList: String {
        "Set operation to one of: " + operations.joined(separator: ", ") + "."
    }

    private func reject(_ failure: ToolFailure, context: LambdaContext) -> JSONEventResponse {
        runner.reject(failure, operation: InvocationMetrics.unknownOperation, context: context)
    }
}
