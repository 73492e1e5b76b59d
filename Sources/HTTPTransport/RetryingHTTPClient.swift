import Foundation
import PromLambdaCore

/// Wraps an ``HTTPClient`` and retries throttled and failed requests under a ``RetryPolicy``.
///
/// A retry is made only while the wait plus the request's own timeout fits before `deadline`, so a
/// Lambda function answers with the last failure instead of being killed mid-wait.
public struct RetryingHTTPClient: HTTPClient {
    public var base: any HTTPClient
    public var policy: RetryPolicy
    public var timeSource: any TimeSource
    public var logger: Logger
    /// The time by which every attempt must be finished; `nil` for no deadline.
    public var deadline: Date?
    /// Draws the jitter factor in 0...1; injected so tests are repeatable.
    public var random: @Sendable () -> Double

    public init(base: any HTTPClient, policy: RetryPolicy = RetryPolicy(), timeSource: any TimeSource = SystemTimeSource(),
                logger: Logger = .disabled, deadline: Date? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.base = base
        self.policy = policy
        self.timeSource = timeSource
        self.logger = logger
        self.deadline = deadline
        self.random = random
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            var outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await base.send(request))
            } catch let error as HTTPTransportError {
                outcome = .failure(error)
            }

            let retryAfter: String?
            let reason: String
            switch outcome {
            case .success(let response) where RetryPolicy.isRetryable(status: response.status):
                retryAfter = response.headers["Retry-After"]
                reason = "HTTP \(response.status)"
            case .failure(HTTPTransportError.connectionFailed(_, let message)):
                retryAfter = nil
                reason = message
            default:
                return try outcome.get()
            }

            attempt += 1
            guard attempt <= policy.maxRetries else { return try outcome.get() }
            let wait = policy.delay(attempt: attempt, retryAfter: retryAfter, now: timeSource.now, random: random())
            if let deadline {
                let needed = wait + (request.timeout ?? 0)
                guard timeSource.now.addingTimeInterval(needed) < deadline else { return try outcome.get() }
            }
            logger.notice("retrying request", [
                "url": .string(request.url.redactedForDisplay), "attempt": .number(Double(attempt)),
                "reason": .string(reason), "delay_seconds": .number(wait),
            ])
            try await timeSource.sleep(seconds: wait)
        }
    }
}
