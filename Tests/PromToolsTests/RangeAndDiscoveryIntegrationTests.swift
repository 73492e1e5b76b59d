import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
import TestSupport
@testable import PromTools

/// `range_query`, `list_metrics` and `server_info` against the real Prometheus 2.42.
@Suite struct RangeAndDiscoveryIntegrationTests {
    func time(_ offset: Double) -> JSONValue {
        .string(RFC3339.format(SampleData.start.addingTimeInterval(offset)))
    }

    @Test func rangeRateExact() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("range_query", [
            "query": #"rate(demo_http_requests_total{instance="app-1:8080",method="GET",status="200"}[5m])"#,
            "start": time(600), "end": time(1_200), "step": "1m",
        ], as: RangeQueryOutput.self)
        let expected = SampleData.requestRate(instance: .app1, method: .get, status: .ok)
        #expect(result.step == 60)
        #expect(result.stepSource == .requested)
        #expect(result.series?.first?.points?.count == 11)
        #expect(result.series?.first?.points?.allSatisfy { Double($0.value) == expected } == true)
        #expect(result.series?.first?.points?.first?.timestamp == SampleData.start.timeIntervalSince1970 + 600)
    }

    @Test func automaticStepAboutTwoHundredFiftyPoints() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("range_query", [
            "query": #"demo_temperature_celsius{room="kitchen"}"#, "start": time(0), "end": time(3_600),
            "max_bytes": 100_000,
        ], as: RangeQueryOutput.self)
        #expect(result.stepSource == .automatic)
        #expect(result.step == 14)
        #expect(result.series?.first?.points?.count == 258)
        #expect(result.note?.contains("14s was chosen") == true)
    }

    @Test func tooFineStepRaised() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("range_query", [
            "query": "vector(1)", "start": time(0), "end": time(7_200), "step": "0.5",
        ], as: RangeQueryOutput.self)
        #expect(result.stepSource == .raised)
        #expect(result.step == 0.655)
        #expect(result.totalPoints <= 11_000)
        #expect(result.note?.contains("raised to 655ms") == true)
    }

    @Test func rangeCutSaysWhatWasDropped() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("range_query", [
            "query": "demo_wide_gauge", "start": time(0), "end": time(3_600), "step": "5m", "max_bytes": 2_000,
        ], as: RangeQueryOutput.self)
        #expect(result.truncated)
        #expect(result.returnedSeries < result.totalSeries)
        #expect(result.note?.contains("\(result.totalSeries - result.returnedSeries) series were left out") == true)
        #expect(result.note?.contains("\(result.returnedPoints) of \(result.totalPoints) points") == true)
    }

    @Test func listMetricsFindsDemoMetrics() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("list_metrics", ["filter": "^demo_"], as: ListMetricsOutput.self)
        #expect(result.metrics?.map(\.name) == ["demo_http_requests_total", "demo_special_values",
                                               "demo_temperature_celsius", "demo_wide_gauge"])
        #expect(result.matchedMetrics == 4)
        #expect(result.totalMetrics >= 4)
        #expect(result.nextOffset == nil)
    }

    @Test func listMetricsPages() async throws {
        let prometheus = try await RealPrometheus.start()
        let first = try await prometheus.call("list_metrics", ["filter": "^demo_", "limit": 3], as: ListMetricsOutput.self)
        let next = try #require(first.nextOffset)
        let second = try await prometheus.call("list_metrics", ["filter": "^demo_", "limit": 3, "offset": .number(Double(next))],
                                               as: ListMetricsOutput.self)
        #expect(first.metrics?.map(\.name) == ["demo_http_requests_total", "demo_special_values", "demo_temperature_celsius"])
        #expect(second.offset == 3)
        #expect(second.metrics?.map(\.name) == ["demo_wide_gauge"])
        #expect(second.nextOffset == nil)
    }

    @Test func serverInfoReportsVersion() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("server_info", [:], as: ServerInfoOutput.self)
        #expect(result.build?["version"]?.stringValue?.hasPrefix("2.42") == true)
        #expect(result.flags?["storage.tsdb.retention.time"] != nil)
        #expect(result.config == nil)
        #expect(result.unavailable.isEmpty)
    }

    @Test func serverInfoConfigOnRequest() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("server_info", ["include_config": true, "max_bytes": 100_000],
                                               as: ServerInfoOutput.self)
        #expect(result.config?.contains("scrape_configs") == true)
    }

    @Test func unreachableServerReported() async throws {
        let connector = StaticPrometheusConnector(baseURL: URL(string: "http://127.0.0.1:1")!,
                                                  http: URLSessionHTTPClient(), retryPolicy: .none)
        let toolbox = PrometheusToolbox(environment: ToolEnvironment(connector: connector))
        let output = await toolbox.call(name: "query", arguments: ["query": "up"], context: ToolCallContext())
        #expect(output.isError)
        #expect(output.structured["error"] == "unreachable")
    }
}
