import Foundation
import PromLambdaCore
import PromTools
import Synchronization

/// The facts about one invocation that its metrics and its last log line report.
///
/// ``MeteredLambdaHandler`` binds a fresh meter to ``current`` for each invocation. The layers below fill it
/// in from the same task or its child tasks. ``MeteredToolProvider`` records the tool and its outcome, and
/// ``MeteredHTTPClient`` every upstream attempt and status. The handlers record the operation when they
/// reject a call before any tool runs.
public final class InvocationMeter: Sendable {
    /// The meter of the invocation the current task serves, or `nil` outside one.
    @TaskLocal public static var current: InvocationMeter?

    public struct Snapshot: Sendable, Equatable {
        /// The tool that ran, or why none did (`unknown`, `none`).
        public var operation: String?
        /// Whether the result is a failure, and its `error` kind.
        public var failureKind: String?
        public var truncated = false
        /// Upstream requests beyond the first of each distinct request: the retries.
        public var retries = 0
        /// The status of the last upstream response received.
        public var upstreamStatus: Int?

        public var failed: Bool { failureKind != nil }
    }

    private let state = Mutex(State())

    private struct State {
        var snapshot = Snapshot()
        /// Attempts by request identity (method, URL and body), to tell retries from parallel requests.
        var attempts: [String: Int] = [:]
    }

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0.snapshot } }

    /// Records the operation unless one is recorded already, so the router's choice is kept when a tool
    /// records its own name later.
    public func recordOperation(_ operation: String) {
        state.withLock { state in
            if state.snapshot.operation == nil { state.snapshot.operation = operation }
        }
    }

    /// Records the outcome of a tool call.
    public func recordOutput(_ output: ToolOutput) {
        state.withLock { state in
            state.snapshot.failureKind = output.isError ? (output.structured["error"]?.stringValue ?? "error") : nil
            state.snapshot.truncated = output.structured["truncated"]?.boolValue ?? false
        }
    }

    /// Records a failure that ended the invocation without a tool result, such as a thrown error.
    public func recordFailure(kind: String) {
        state.withLock { $0.snapshot.failureKind = kind }
    }

    /// Records one upstream attempt; a second attempt of an identical request counts as a retry.
    public func recordAttempt(identity: String) {
        state.withLock { state in
            let count = state.attempts[identity, default: 0] + 1
            state.attempts[identity] = count
            if count > 1 { state.snapshot.retries += 1 }
        }
    }

    public func recordUpstreamStatus(_ status: Int) {
        state.withLock { $0.snapshot.upstreamStatus = status }
    }
}
