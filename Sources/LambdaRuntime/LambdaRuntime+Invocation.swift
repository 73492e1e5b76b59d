import Foundation
import HTTPTransport
import PromLambdaCore

extension LambdaRuntime {
    /// The result of one invocation, as logged.
    enum Outcome: String {
        case success
        case handlerError = "handler_error"
        case responseTooLarge = "response_too_large"
        /// The Runtime API refused the response with a status other than 413 or 500.
        case responseRejected = "response_rejected"
    }

    /// Runs the handler for one invocation and posts its response or error.
    /// - Throws: only errors after which the runtime must exit.
    func serve(_ invocation: RuntimeInvocation) async throws {
        let started = timeSource.now
        let context = LambdaContext(invocation: invocation, timeSource: timeSource, logger: self.logger,
                                    defaultTimeout: configuration.defaultTimeout,
                                    deadlineTolerance: configuration.deadlineTolerance)
        let logger = context.logger
        setTraceID(context.traceID)
        logger.debug("invocation started", ["event_bytes": .number(Double(invocation.event.count))])
        if let reason = context.deadline.defaultReason {
            logger.warning("deadline header unusable; using the default timeout", [
                "reason": .string(reason.rawValue), "default_timeout_seconds": .number(configuration.defaultTimeout),
            ])
        }
        if let error = context.clientContextError {
            logger.warning("client context ignored", ["error": .string(error.description)])
        }

        let outcome: Outcome
        let output: Data
        do {
            output = try await handler.handle(invocation.event, context: context)
        } catch {
            let report = LambdaErrorReport(error: error)
            logger.error("handler failed", ["error_type": .string(report.errorType), "error": .string(report.errorMessage)])
            try await post(context: context) {
                try await client.sendError(requestID: invocation.requestID, report: report)
            }
            finish(context: context, started: started, outcome: .handlerError)
            return
        }

        do {
            try await client.sendResponse(requestID: invocation.requestID, body: output)
            outcome = .success
        } catch RuntimeAPIError.responseTooLarge(_, let bytes) {
            let report = LambdaErrorReport(
                errorMessage: "The response of \(bytes) bytes exceeds the Lambda response payload limit.",
                errorType: RuntimeAPI.ErrorType.responseTooLarge)
            logger.error("response rejected as too large", ["response_bytes": .number(Double(bytes))])
            try await post(context: context) {
                try await client.sendError(requestID: invocation.requestID, report: report)
            }
            outcome = .responseTooLarge
        } catch let error as RuntimeAPIError where !error.requiresExit {
            logger.error("failed to post the response", ["error": .string(error.description)])
            outcome = .responseRejected
        }
        finish(context: context, started: started, outcome: outcome)
    }

    /// Runs a post to the Runtime API, logging and swallowing the errors after which the loop can go on.
    private func post(context: LambdaContext, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RuntimeAPIError where !error.requiresExit {
            context.logger.error("failed to post the error report", ["error": .string(error.description)])
        }
    }

    private func finish(context: LambdaContext, started: Date, outcome: Outcome) {
        let milliseconds = (timeSource.now.timeIntervalSince(started) * 1_000).rounded()
        context.logger.info("invocation finished", [
            "outcome": .string(outcome.rawValue), "duration_ms": .number(milliseconds),
        ])
    }
}
