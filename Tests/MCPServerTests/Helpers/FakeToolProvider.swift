import Foundation
import PromLambdaCore
import PromTools

/// Tools with known outputs for the session and HTTP tests.
///
/// - `echo` returns its `text` argument as text and as `{"text": …}`.
/// - `fail` returns a failure result, as a tool whose backend is down would.
/// - `context` returns the request id and deadline it was called with.
/// - `slow` records `started <id>`, waits for ``gate``, and records `cancelled <id>` when its
///   task is cancelled before the gate opens.
struct FakeToolProvider: ToolProvider {
    let gate = Gate()
    let events = EventLog()

    var definitions: [ToolDefinition] {
        var failAnnotations = ToolAnnotations.readOnly
        failAnnotations.idempotentHint = false
        failAnnotations.openWorldHint = false
        return [
            ToolDefinition(
                name: "echo", title: "Echo", description: "Returns the text it is given.",
                inputSchema: ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]],
                outputSchema: ["type": "object", "properties": ["text": ["type": "string"]]]),
            ToolDefinition(
                name: "fail", title: "Fail", description: "Always fails.",
                inputSchema: ["type": "object"], outputSchema: ["type": "object"],
                annotations: failAnnotations),
            ToolDefinition(
                name: "context", title: "Context", description: "Returns its call context.",
                inputSchema: ["type": "object"], outputSchema: ["type": "object"]),
            ToolDefinition(
                name: "slow", title: "", description: "Waits until the test opens the gate.",
                inputSchema: ["type": "object"], outputSchema: .null),
        ]
    }

    func call(name: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        let id = context.requestID ?? "none"
        switch name {
        case "echo":
            guard let text = arguments["text"]?.stringValue else {
                return ToolOutput(structured: ["kind": "invalid_argument"], text: "text is missing.", isError: true)
            }
            return ToolOutput(structured: ["text": .string(text)], text: text, isError: false)
        case "fail":
            return ToolOutput(structured: ["kind": "unavailable"], text: "The backend is down.", isError: true)
        case "context":
            let deadline = context.deadline.map { JSONValue.number($0.timeIntervalSince1970) } ?? .null
            return ToolOutput(structured: ["requestID": .string(id), "deadline": deadline], text: id, isError: false)
        case "slow":
            events.record("started \(id)")
            guard await gate.wait() else {
                events.record("cancelled \(id)")
                return ToolOutput(structured: ["kind": "cancelled"], text: "Cancelled.", isError: true)
            }
            return ToolOutput(structured: ["done": true], text: "done", isError: false)
        default:
            return ToolOutput(structured: ["kind": "unknown_tool"], text: "No such tool.", isError: true)
        }
    }
}

/// Things fake tools did, in order, for a test to await one by one.
final class EventLog: Sendable {
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: String.self)
    }

    func record(_ event: String) {
        continuation.yield(event)
    }

    /// Waits for the next event; `nil` never comes, because the log is never finished.
    func next() async -> String? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}
