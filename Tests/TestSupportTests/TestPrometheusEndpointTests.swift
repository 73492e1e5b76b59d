import Foundation
import Testing
import TestSupport

/// The endpoints whose content comes from the self-scrape and the rule group, not from SampleData.
@Suite struct TestPrometheusEndpointTests {
    @Test func backfilledMetricHasNoMetadata() async throws {
        let server = try await TestPrometheus.shared()
        let data = try await PrometheusHTTP.get("/api/v1/metadata?metric=\(SampleData.temperatureMetric)", on: server)
        let metadata = try #require(data as? [String: Any])
        #expect(metadata.isEmpty)
    }

    @Test func selfScrapeIsOnlyTarget() async throws {
        let server = try await TestPrometheus.shared()
        try await server.waitUntilScraped()
        let data = try await PrometheusHTTP.get("/api/v1/targets", on: server)
        let targets = try #require((data as? [String: Any])?["activeTargets"] as? [[String: Any]])

        #expect(targets.count == 1)
        let labels = targets.first?["labels"] as? [String: String]
        #expect(labels?["job"] == TestPrometheus.selfScrapeJob)
        #expect(labels?["instance"] == "127.0.0.1:\(server.port)")
        #expect(targets.first?["health"] as? String == "up")
    }

    @Test func selfScrapeFillsMetadata() async throws {
        let server = try await TestPrometheus.shared()
        try await server.waitUntilScraped()
        let data = try await PrometheusHTTP.get("/api/v1/metadata?metric=prometheus_build_info", on: server)
        let entries = try #require((data as? [String: Any])?["prometheus_build_info"] as? [[String: Any]])

        #expect(entries.count == 1)
        #expect(entries.first?["type"] as? String == "gauge")
    }

    @Test func alwaysFiringAlertFires() async throws {
        let server = try await TestPrometheus.shared()
        // Rules are evaluated every second, so the alert fires within about a second of start-up.
        var states: [String] = []
        for _ in 0..<100 {
            let data = try await PrometheusHTTP.get("/api/v1/alerts", on: server)
            let alerts = (data as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
            states = alerts.filter { ($0["labels"] as? [String: String])?["alertname"] == TestPrometheus.alertName }
                .compactMap { $0["state"] as? String }
            if states == ["firing"] { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(states == ["firing"])
    }

    @Test func ruleGroupListsBothRules() async throws {
        let server = try await TestPrometheus.shared()
        let data = try await PrometheusHTTP.get("/api/v1/rules", on: server)
        let groups = try #require((data as? [String: Any])?["groups"] as? [[String: Any]])

        #expect(groups.map { $0["name"] as? String } == [TestPrometheus.ruleGroupName])
        let rules = groups.first?["rules"] as? [[String: Any]] ?? []
        #expect(rules.compactMap { $0["name"] as? String } == [TestPrometheus.recordingRuleName, TestPrometheus.alertName])
    }
}
