import Foundation
import Testing
@testable import HTTPTransport

@Suite struct RetryPolicyTests {
    @Test func retryableStatuses() {
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 400))
        #expect(!RetryPolicy.isRetryable(status: 422))
        #expect(!RetryPolicy.isRetryable(status: 501))
    }

    @Test func delayHonoursRetryAfterSeconds() {
        let policy = RetryPolicy(maxRetries: 2, baseDelay: 0.2, maxDelay: 5)
        #expect(policy.delay(attempt: 1, retryAfter: "2", now: Date(), random: 0.5) == 2)
        #expect(policy.delay(attempt: 1, retryAfter: "60", now: Date(), random: 0.5) == 5)
    }

    @Test func delayHonoursRetryAfterDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_478)  // 2015-10-21T07:27:58Z
        let delay = RetryPolicy().delay(attempt: 1, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", now: now, random: 0)
        #expect(delay == 2)
    }

    @Test func delayGrowsWithJitter() {
        let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.2, maxDelay: 5)
        #expect(policy.delay(attempt: 1, retryAfter: nil, now: Date(), random: 1) == 0.2)
        #expect(policy.delay(attempt: 3, retryAfter: nil, now: Date(), random: 1) == 0.8)
        #expect(policy.delay(attempt: 3, retryAfter: nil, now: Date(), random: 0.5) == 0.4)
    }
}
