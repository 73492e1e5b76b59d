import Foundation
import LambdaRuntime
import PromLambdaCore
import PromTools

/// The steps every tool-running handler shares: pass the invocation's deadline and request id down,
/// keep the call inside the deadline, record the outcome for the metrics, and shape the response.
struct ToolCallRunner: Sendable {
    var dispatcher: any ToolDispatcher
    var deadlineGuard: DeadlineGuard

    /// Runs `tool` and returns its structured result, or its failure JSON, with status 200.
    func run(tool: String, arguments: JSONValue, context: LambdaContext) async -> JSONEventResponse {
        InvocationMeter.current?.recordOperation(tool)
        let callContext = ToolCallContext(deadline: context.deadline.date, requestID: context.requestID,
                                          logger: context.logger)
        let dispatcher = self.dispatcher
        let output = await deadlineGuard.run(deadline: context.deadline.date, operation: tool) {
            await dispatcher.dispatch(tool: tool, arguments: arguments, context: callContext)
        }
        return respond(output)
    }

    /// Returns a failure found before any tool ran, logged and recorded like a tool's own failure.
    func reject(_ failure: ToolFailure, operation: String, context: LambdaContext) -> JSONEventResponse {
        InvocationMeter.current?.recordOperation(operation)
        context.logger.notice("call rejected", [
            "error": .string(failure.kind.rawValue), "message": .string(failure.message),
        ])
        return respond(failure.output)
    }

    /// Tool failures are results, not function errors: the failure JSON goes back with status 200, so an
    /// agent reads `error` and `message` and can correct its call. Only an event that cannot be read
    /// at all gets a non-200 status or a function error.
    private func respond(_ output: ToolOutput) -> JSONEventResponse {
        InvocationMeter.current?.recordOutput(output)
        return JSONEventResponse(statusCode: 200, body: output.structured)
    }
}

/// Reads the tool arguments from an event's payload: an HTTP request without a body means no arguments.
func toolArguments(_ payload: JSONValue) -> JSONValue {
    payload.isNull ? .object([:]) : payload
}
