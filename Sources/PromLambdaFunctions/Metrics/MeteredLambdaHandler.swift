import Foundation
import LambdaRuntime
import PromLambdaCore

/// Wraps a function's handler: binds a fresh ``InvocationMeter`` for each invocation and writes one log
/// line when it ends, with the request id, function, operation, duration, outcome and the
/// ``InvocationMetrics`` in CloudWatch's embedded metric format.
///
/// The line goes to `metricsLogger`, which the executables create at level `trace`, so that `LOG_LEVEL`
/// does not switch the metrics off.
public struct MeteredLambdaHandler: LambdaHandler {
    /// The outcome of an invocation, as logged.
    public enum Outcome: String, Sendable {
        /// The tool ran and returned a result.
        case success
        /// The function returned a failure result, such as a `timeout` or an `invalid_argument`.
        case toolFailure = "tool_failure"
        /// The handler threw, so the runtime reports a function error.
        case handlerError = "handler_error"
    }

    public var base: any LambdaHandler
    public var function: LambdaFunction
    public var metricsLogger: Logger
    public var timeSource: any TimeSource

    public init(base: any LambdaHandler, function: LambdaFunction, metricsLogger: Logger,
                timeSource: any TimeSource = SystemTimeSource()) {
        self.base = base
        self.function = function
        self.metricsLogger = metricsLogger
        self.timeSource = timeSource
    }

    public func handle(_ event: Data, context: LambdaContext) async throws -> Data {
        let meter = InvocationMeter()
        let started = ContinuousClock.now
        let output: Data
        do {
            output = try await InvocationMeter.$current.withValue(meter) {
                try await base.handle(event, context: context)
            }
        } catch {
            meter.recordFailure(kind: LambdaErrorReport(error: error).errorType)
            finish(meter: meter, context: context, started: started, outcome: .handlerError, resultBytes: 0)
            throw error
        }
        let outcome: Outcome = meter.snapshot.failed ? .toolFailure : .success
        finish(meter: meter, context: context, started: started, outcome: outcome, resultBytes: output.count)
        return output
    }

    private func finish(meter: InvocationMeter, context: LambdaContext, started: ContinuousClock.Instant,
                        outcome: Outcome, resultBytes: Int) {
        let snapshot = meter.snapshot
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        let metrics = InvocationMetrics(
            function: function.rawValue, operation: snapshot.operation ?? InvocationMetrics.noOperation,
            durationMilliseconds: milliseconds, resultBytes: resultBytes, truncated: snapshot.truncated,
            retries: snapshot.retries, failed: outcome != .success, upstreamStatus: snapshot.upstreamStatus,
            timestamp: timeSource.now)

        var metadata = metrics.members
        metadata["aws-request-id"] = .string(context.requestID)
        metadata["outcome"] = .string(outcome.rawValue)
        if let kind = snapshot.failureKind {
            metadata["error"] = .string(kind)
        }
        let level: Logger.Level = outcome == .handlerError ? .error : .info
        metricsLogger.log(level, "invocation served", metadata)
    }
}
