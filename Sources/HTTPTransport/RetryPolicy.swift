import Foundation
import PromLambdaCore

/// When and how long to wait before sending a request again.
///
/// Only 429 and 5xx responses (except 501) and connection failures are retried. A 4xx other than
/// 429 is never retried: sending the same bad query again cannot succeed.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt; 0 turns retries off.
    public var maxRetries: Int
    /// The first backoff, in seconds; each later one doubles, with full jitter.
    public var baseDelay: Double
    /// The maximum single wait, in seconds, including a server's `Retry-After`.
    public var maxDelay: Double

    public init(maxRetries: Int = 2, baseDelay: Double = 0.2, maxDelay: Double = 5) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let none = RetryPolicy(maxRetries: 0)

    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (status >= 500 && status != 501)
    }

    /// Returns the wait before retry number `attempt` (1 for the first retry), in seconds.
    /// - Parameter retryAfter: the response's `Retry-After` value, as seconds or an HTTP date.
    public func delay(attempt: Int, retryAfter: String?, now: Date, random: Double) -> Double {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            return min(max(seconds, 0), maxDelay)
        }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return ceiling * random
    }

    /// Parses `Retry-After` as delay seconds or an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`.
    public static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return date.timeIntervalSince(now)
    }
}
