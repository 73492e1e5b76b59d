import Foundation
import Testing
import TestSupport

/// Queries against the shared small server, checking that Prometheus returns exactly what
/// SampleData's expected-value functions return.
@Suite struct TestPrometheusQueryTests {
    @Test func gaugeMatchesTemperatureFunction() async throws {
        let server = try await TestPrometheus.shared()
        // 75 s after the evaluation time is sample index 245, where the 0.25-step cycle is at 5.
        for time in [SampleData.evaluationTime, SampleData.evaluationTime.addingTimeInterval(75)] {
            let samples = try await PrometheusHTTP.query(SampleData.temperatureMetric, at: time, on: server)
            #expect(samples.count == SampleData.Room.allCases.count)
            for room in SampleData.Room.allCases {
                let sample = samples.first { $0.labels["room"] == room.rawValue }
                #expect(sample?.value == prometheusText(SampleData.temperature(room: room, at: time)), "room \(room.rawValue)")
            }
        }
    }

    @Test func counterRateMatchesRequestRate() async throws {
        let server = try await TestPrometheus.shared()
        let samples = try await PrometheusHTTP.query("rate(\(SampleData.requestsMetric)[5m])", at: SampleData.evaluationTime, on: server)

        #expect(samples.count == SampleData.RequestSeries.all.count)
        for series in SampleData.RequestSeries.all {
            let sample = samples.first { $0.labels == series.labels }
            #expect(sample?.value == prometheusText(series.perSecondRate), "series \(series.labels)")
        }
    }

    @Test func summedRateMatchesRequestRate() async throws {
        let server = try await TestPrometheus.shared()
        let expression = "sum by (method, status) (rate(\(SampleData.requestsMetric)[5m]))"
        let samples = try await PrometheusHTTP.query(expression, at: SampleData.evaluationTime, on: server)

        #expect(samples.count == 4)
        for method in SampleData.Method.allCases {
            for status in SampleData.Status.allCases {
                let sample = samples.first { $0.labels == ["method": method.rawValue, "status": status.rawValue] }
                let expected = prometheusText(SampleData.requestRate(method: method, status: status))
                #expect(sample?.value == expected, "\(method.rawValue) \(status.rawValue)")
            }
        }
    }

    @Test func counterValueMatchesRequestCount() async throws {
        let server = try await TestPrometheus.shared()
        let time = SampleData.evaluationTime.addingTimeInterval(20)
        let samples = try await PrometheusHTTP.query(SampleData.requestsMetric, at: time, on: server)

        #expect(samples.count == SampleData.RequestSeries.all.count)
        for series in SampleData.RequestSeries.all {
            let sample = samples.first { $0.labels["instance"] == series.instance.rawValue && $0.labels["method"] == series.method.rawValue && $0.labels["status"] == series.status.rawValue }
            let expected = SampleData.requestCount(instance: series.instance, method: series.method, status: series.status, at: time)
            #expect(sample?.value == prometheusText(expected), "series \(series.labels)")
        }
    }

    @Test func specialValuesComeBackAsStrings() async throws {
        let server = try await TestPrometheus.shared()
        let cases: [(Date, String)] = [
            (SampleData.evaluationTime, "240"),
            (SampleData.nanTime, "NaN"),
            (SampleData.positiveInfinityTime, "+Inf"),
            (SampleData.negativeInfinityTime, "-Inf"),
        ]
        for (time, expected) in cases {
            let samples = try await PrometheusHTTP.query(SampleData.specialValuesMetric, at: time, on: server)
            #expect(samples.map(\.value) == [expected])
            #expect(prometheusText(SampleData.specialValue(at: time)) == expected)
        }
    }

    @Test func nonASCIILabelValueRoundTrips() async throws {
        let server = try await TestPrometheus.shared()
        let samples = try await PrometheusHTTP.query(#"demo_temperature_celsius{room="café"}"#, at: SampleData.evaluationTime, on: server)

        #expect(samples.count == 1)
        #expect(samples.first?.labels["room"] == "café")
        #expect(samples.first?.labels["room"]?.unicodeScalars.map(\.value) == [0x63, 0x61, 0x66, 0xE9])
        #expect(samples.first?.value == "23.25")
    }

    @Test func plusInLabelValueRoundTrips() async throws {
        let server = try await TestPrometheus.shared()
        let samples = try await PrometheusHTTP.query(#"demo_temperature_celsius{room="lab+annex"}"#, at: SampleData.evaluationTime, on: server)

        #expect(samples.map { $0.labels["room"] } == ["lab+annex"])
        #expect(samples.map(\.value) == ["-4.75"])
    }

    @Test func wideGaugeHasEverySeries() async throws {
        let server = try await TestPrometheus.shared()
        let count = try await PrometheusHTTP.query("count(\(SampleData.wideMetric))", at: SampleData.evaluationTime, on: server)
        #expect(count.map(\.value) == [String(server.data.wideSeriesCount)])

        let last = server.data.wideSeriesCount - 1
        let samples = try await PrometheusHTTP.query(#"demo_wide_gauge{series="\#(last)"}"#, at: SampleData.evaluationTime, on: server)
        #expect(samples.map(\.value) == [prometheusText(server.data.wideValue(series: last, at: SampleData.evaluationTime))])
    }

    @Test func selfScrapeStaysOutsideWindow() async throws {
        let server = try await TestPrometheus.shared()
        let samples = try await PrometheusHTTP.query(#"{job="\#(TestPrometheus.selfScrapeJob)"}"#, at: SampleData.evaluationTime, on: server)
        #expect(samples.isEmpty)
    }
}

/// Formats a value as Prometheus' JSON API writes the values that SampleData uses: whole numbers
/// without a fraction, binary fractions in full, and `NaN`, `+Inf` and `-Inf`.
func prometheusText(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value == .infinity { return "+Inf" }
    if value == -.infinity { return "-Inf" }
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
