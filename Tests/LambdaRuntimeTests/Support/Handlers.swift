import Foundation
import LambdaRuntime
import PromLambdaCore
import Synchronization

/// Stores every context a handler received, so a test can inspect them after the loop returns.
final class ContextRecorder: Sendable {
    private let stored = Mutex<[LambdaContext]>([])

    var contexts: [LambdaContext] { stored.withLock { $0 } }

    func append(_ context: LambdaContext) {
        stored.withLock { $0.append(context) }
    }
}

/// An error that names its own Lambda error type.
struct ToolFailure: Error, LambdaReportableError, CustomStringConvertible {
    var description: String
    var lambdaErrorType: String { "Tool.Failed" }
}

/// Returns `{"echo": <payload>}`, and throws ``ToolFailure`` when the payload has `"fail": true`.
struct EchoJSONHandler: JSONEventHandler {
    var recorder = ContextRecorder()

    func handle(_ payload: JSONValue, event: InvocationEvent, context: LambdaContext) async throws -> JSONEventResponse {
        recorder.append(context)
        if payload["fail"] == true {
            throw ToolFailure(description: "The tool failed on purpose.")
        }
        return JSONEventResponse(body: ["echo": payload])
    }
}
