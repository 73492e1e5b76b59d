import Foundation
import PromLambdaCore
import PromTools

/// Ends a tool call with a `timeout` failure when it has not finished shortly before the invocation's
/// deadline, so the function still returns a result before Lambda stops it.
///
/// The tools fit their own HTTP timeout and Prometheus' `timeout` parameter to the deadline, so they
/// usually fail first with a more precise message. This guard covers the rest, such as several requests
/// in a row that each fit but together do not.
struct DeadlineGuard: Sendable {
    /// Seconds before the deadline at which the call is abandoned, left for encoding and posting the result.
    var reserve: Double
    var timeSource: any TimeSource

    init(reserve: Double = 0.25, timeSource: any TimeSource = SystemTimeSource()) {
        self.reserve = reserve
        self.timeSource = timeSource
    }

    /// Runs `body`, or returns a `timeout` failure naming `operation` once `deadline` less the reserve passes
    /// first; `body` is then cancelled.
    func run(deadline: Date?, operation: String, _ body: @escaping @Sendable () async -> ToolOutput) async
        -> ToolOutput
    {
        guard let deadline else { return await body() }
        let timeSource = self.timeSource
        let wait = max(0, deadline.timeIntervalSince(timeSource.now) - reserve)
        return await withTaskGroup(of: ToolOutput?.self) { group in
            group.addTask { await body() }
            group.addTask {
                do {
                    try await timeSource.sleep(seconds: wait)
                } catch {
                    return nil
                }
                return ToolFailure(kind: .timeout, message: "The \(operation) call did not finish before the "
                                   + "invocation's deadline. Narrow the query, shorten its range, or raise the "
                                   + "function's timeout.").output
            }
            while let next = await group.next() {
                guard let output = next else { continue }
                group.cancelAll()
                return output
            }
            // Not reached: the call's child always returns an output.
            return ToolFailure(kind: .cancelled, message: "The call was cancelled.").output
        }
    }
}
