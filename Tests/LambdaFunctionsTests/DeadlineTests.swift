import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// The invocation deadline reaches the tool: a query slower than the time left comes back as a `timeout`
/// result before the deadline, and the function goes on serving.
@Suite struct DeadlineTests {
    static let kitchen = JSONValue.string(#"demo_temperature_celsius{room="kitchen"}"#)
    static let slowKitchen = JSONValue.string(#"demo_temperature_celsius{room="kitchen"} "# + DelayingProxy.marker)

    static func arguments(_ query: JSONValue) -> JSONValue {
        ["query": query, "time": Events.evaluationTime]
    }

    @Test func slowQueryTimesOutBeforeDeadline() async throws {
        let prometheus = try await TestPrometheus.shared()
        let proxy = try await DelayingProxy.start(upstream: prometheus.url, delaySeconds: 5)
        let function = try await FunctionHarness.start(handler: "query", prometheus: proxy.url)
        let deadline = Date().addingTimeInterval(1.5)
        try await function.enqueue("slow", Self.arguments(Self.slowKitchen).encodedString(),
                                   deadline: deadline)
        try await function.enqueue("next", Self.arguments(Self.kitchen).encodedString())

        let records = try await function.records(2)
        #expect(records.map(\.kind) == ["response", "response"])
        #expect(records[0].json?["error"] == "timeout")
        #expect(records[0].json?["message"]?.stringValue?.contains("timed out") == true)
        let received = try #require(records[0].receivedAtMs)
        #expect(received <= deadline.timeIntervalSince1970 * 1_000)
        #expect(records[1].json?["series"]?[0]?["value"] == "21")
        #expect(try function.metricsLine("slow")["error"] == "timeout")
    }

    /// The control case: the same proxy and query with time to spare return the value.
    @Test func slowQueryWithinDeadlineSucceeds() async throws {
        let prometheus = try await TestPrometheus.shared()
        let proxy = try await DelayingProxy.start(upstream: prometheus.url, delaySeconds: 2)
        let function = try await FunctionHarness.start(handler: "query", prometheus: proxy.url)
        try await function.enqueue("slow", Self.arguments(Self.slowKitchen).encodedString(),
                                   deadline: Date().addingTimeInterval(30))

        let records = try await function.records(1)
        #expect(records.first?.kind == "response")
        #expect(records.first?.json?["series"]?[0]?["value"] == "21")
    }
}
