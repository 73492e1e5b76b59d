import Foundation
import Testing
@testable import TestSupport

@Suite struct SampleDataTests {
    /// The whole OpenMetrics text of 4 samples per series and 2 wide series sampled every 30 s,
    /// written out by hand from the rates, bases and cycles that SampleData documents.
    static let tinyText = """
        # TYPE demo_http_requests counter
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="200"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="200"} 60 1767225615
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="200"} 120 1767225630
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="200"} 180 1767225645
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="500"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="500"} 11.25 1767225615
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="500"} 22.5 1767225630
        demo_http_requests_total{job="demo",instance="app-1:8080",method="GET",status="500"} 33.75 1767225645
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="200"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="200"} 15 1767225615
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="200"} 30 1767225630
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="200"} 45 1767225645
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="500"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="500"} 1.875 1767225615
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="500"} 3.75 1767225630
        demo_http_requests_total{job="demo",instance="app-1:8080",method="POST",status="500"} 5.625 1767225645
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="200"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="200"} 120 1767225615
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="200"} 240 1767225630
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="200"} 360 1767225645
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="500"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="500"} 22.5 1767225615
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="500"} 45 1767225630
        demo_http_requests_total{job="demo",instance="app-2:8080",method="GET",status="500"} 67.5 1767225645
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="200"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="200"} 30 1767225615
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="200"} 60 1767225630
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="200"} 90 1767225645
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="500"} 0 1767225600
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="500"} 3.75 1767225615
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="500"} 7.5 1767225630
        demo_http_requests_total{job="demo",instance="app-2:8080",method="POST",status="500"} 11.25 1767225645
        # TYPE demo_temperature_celsius gauge
        demo_temperature_celsius{room="kitchen"} 21 1767225600
        demo_temperature_celsius{room="kitchen"} 21.25 1767225615
        demo_temperature_celsius{room="kitchen"} 21.5 1767225630
        demo_temperature_celsius{room="kitchen"} 21.75 1767225645
        demo_temperature_celsius{room="lab"} 18.5 1767225600
        demo_temperature_celsius{room="lab"} 18.75 1767225615
        demo_temperature_celsius{room="lab"} 19 1767225630
        demo_temperature_celsius{room="lab"} 19.25 1767225645
        demo_temperature_celsius{room="café"} 23.25 1767225600
        demo_temperature_celsius{room="café"} 23.5 1767225615
        demo_temperature_celsius{room="café"} 23.75 1767225630
        demo_temperature_celsius{room="café"} 24 1767225645
        demo_temperature_celsius{room="lab+annex"} -4.75 1767225600
        demo_temperature_celsius{room="lab+annex"} -4.5 1767225615
        demo_temperature_celsius{room="lab+annex"} -4.25 1767225630
        demo_temperature_celsius{room="lab+annex"} -4 1767225645
        # TYPE demo_special_values gauge
        demo_special_values 0 1767225600
        demo_special_values NaN 1767225615
        demo_special_values +Inf 1767225630
        demo_special_values -Inf 1767225645
        # TYPE demo_wide_gauge gauge
        demo_wide_gauge{series="0"} 0 1767225600
        demo_wide_gauge{series="0"} 1 1767225630
        demo_wide_gauge{series="1"} 10 1767225600
        demo_wide_gauge{series="1"} 11 1767225630
        # EOF

        """

    @Test func openMetricsTextTinyConfiguration() {
        let data = SampleData(wideSeriesCount: 2, wideStep: 30, sampleCount: 4)
        #expect(data.openMetricsText() == Self.tinyText)
    }

    @Test func writtenFileMatchesText() throws {
        // Medium is several megabytes, so the writer flushes several 1 MiB chunks on the way.
        let data = SampleData(size: .medium)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("promlambda-sampledata-\(UUID().uuidString).om")
        defer { try? FileManager.default.removeItem(at: url) }

        try data.writeOpenMetrics(to: url)
        let written = try String(contentsOf: url, encoding: .utf8)
        let expected = data.openMetricsText()
        #expect(expected.utf8.count > 2 << 20)
        #expect(written == expected)
    }

    @Test func formatValueSpecialCases() {
        #expect(OpenMetricsWriter.formatValue(.nan) == "NaN")
        #expect(OpenMetricsWriter.formatValue(.infinity) == "+Inf")
        #expect(OpenMetricsWriter.formatValue(-.infinity) == "-Inf")
        #expect(OpenMetricsWriter.formatValue(240) == "240")
        #expect(OpenMetricsWriter.formatValue(-4.75) == "-4.75")
        #expect(OpenMetricsWriter.formatValue(1.875) == "1.875")
        #expect(OpenMetricsWriter.formatValue(1e20) == "1e+20")
    }

    @Test func escapeLabelValueSpecialCharacters() {
        #expect(OpenMetricsWriter.escapeLabelValue(#"say "hi""#) == #"say \"hi\""#)
        #expect(OpenMetricsWriter.escapeLabelValue(#"C:\temp"#) == #"C:\\temp"#)
        #expect(OpenMetricsWriter.escapeLabelValue("two\nlines") == #"two\nlines"#)
        #expect(OpenMetricsWriter.escapeLabelValue("café lab+annex") == "café lab+annex")
    }

    @Test func fixedTimesMatchTheirDates() {
        let parser = ISO8601DateFormatter()
        #expect(SampleData.start == parser.date(from: "2026-01-01T00:00:00Z"))
        #expect(SampleData.evaluationTime == parser.date(from: "2026-01-01T01:00:00Z"))
        #expect(SampleData.lastSampleTime == parser.date(from: "2026-01-01T01:59:45Z"))
        #expect(SampleData.startUnixSeconds % 7_200 == 0)
    }

    @Test func sampleTimeRoundsDownToStep() {
        let evaluation = SampleData.evaluationTime
        #expect(SampleData.sampleTime(atOrBefore: evaluation.addingTimeInterval(14.9)) == evaluation)
        #expect(SampleData.sampleTime(atOrBefore: evaluation.addingTimeInterval(15)) == evaluation.addingTimeInterval(15))
        #expect(SampleData.sampleTime(atOrBefore: evaluation.addingTimeInterval(299), interval: 300) == evaluation)
        #expect(SampleData.sampleTime(atOrBefore: SampleData.start.addingTimeInterval(-60)) == SampleData.start)
    }

    @Test func temperatureCyclesEveryEightSamples() {
        let evaluation = SampleData.evaluationTime
        #expect(SampleData.temperature(room: .cafe, at: evaluation) == 23.25)
        #expect(SampleData.temperature(room: .cafe, at: evaluation.addingTimeInterval(7 * 15)) == 25)
        #expect(SampleData.temperature(room: .cafe, at: evaluation.addingTimeInterval(8 * 15)) == 23.25)
        #expect(SampleData.temperature(room: .labAnnex, at: evaluation) == -4.75)
    }

    @Test func specialValueNamedTimes() {
        #expect(SampleData.specialValue(at: SampleData.evaluationTime) == 240)
        #expect(SampleData.specialValue(at: SampleData.nanTime).isNaN)
        #expect(SampleData.specialValue(at: SampleData.positiveInfinityTime) == .infinity)
        #expect(SampleData.specialValue(at: SampleData.negativeInfinityTime) == -.infinity)
    }

    @Test func requestRatesDistinctAndSummed() {
        let rates = SampleData.RequestSeries.all.map(\.perSecondRate)
        #expect(rates.count == 8)
        #expect(Set(rates).count == 8)
        #expect(SampleData.requestRate(method: .get, status: .ok) == 12)
        #expect(SampleData.requestRate(method: .post, status: .internalServerError) == 0.375)
        #expect(SampleData.requestCount(instance: .app2, method: .get, status: .internalServerError, at: SampleData.evaluationTime) == 5_400)
    }

    @Test func sizesSeriesAndSampleCounts() {
        #expect(SampleData(size: .small).seriesCount == 23)
        #expect(SampleData(size: .medium).seriesCount == 1_013)
        #expect(SampleData(size: .large).seriesCount == 20_013)
        #expect(SampleData(size: .small).wideSampleCount == 480)
        #expect(SampleData(size: .medium).wideSampleCount == 120)
        #expect(SampleData(size: .large).wideSampleCount == 24)
    }

    @Test func wideValueUsesOwnSampleIndex() {
        let large = SampleData(size: .large)
        // The evaluation time is 3,600 s in, which is wide sample 12 at 300 s.
        #expect(large.wideValue(series: 19_999, at: SampleData.evaluationTime) == 199_992)
        #expect(large.wideValue(series: 0, at: SampleData.evaluationTime.addingTimeInterval(299)) == 2)
    }
}
