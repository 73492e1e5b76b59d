import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore
import Testing
import TestSupport
@testable import PromTools

/// Result shaping, formats and empty-result hints against the real Prometheus 2.42 with the
/// generated data, whose every value ``SampleData`` gives exactly.
@Suite struct ShapingIntegrationTests {
    let evaluation = RFC3339.format(SampleData.evaluationTime)

    func time(_ offset: Int) -> Date {
        SampleData.start.addingTimeInterval(Double(offset))
    }

    /// Returns the summary the tool should report for `values` sampled at `times`.
    func expectedSummary(_ values: [Double], times: [Date]) -> (first: SamplePoint, last: SamplePoint, mean: Double) {
        let format = { (value: Double) in value.rounded() == value ? String(Int(value)) : String(value) }
        return (SamplePoint(timestamp: times[0].timeIntervalSince1970, value: format(values[0])),
                SamplePoint(timestamp: times[times.count - 1].timeIntervalSince1970, value: format(values[values.count - 1])),
                values.reduce(0, +) / Double(values.count))
    }

    // MARK: - Instant vectors

    @Test func vectorTopValuesWithinBudget() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("query", ["query": "demo_wide_gauge", "time": .string(evaluation),
                                                           "max_bytes": 1_000])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let data = SampleData(size: .small)
        let expected = (0..<data.wideSeriesCount).reversed().prefix(result.returnedSeries).map { series in
            ["series": String(series), "value": String(Int(data.wideValue(series: series, at: SampleData.evaluationTime)))]
        }

        #expect(output.structured.encodedData().count <= 1_000)
        #expect(result.totalSeries == 10)
        #expect(result.returnedSeries > 0)
        #expect(result.returnedSeries < 10)
        #expect(result.series?.map { ["series": $0.labels["series"] ?? "", "value": $0.value ?? ""] } == expected)
        #expect(result.note?.contains("\(10 - result.returnedSeries) series were left out") == true)
        #expect(result.suggestions?.first?.query == "sum without (series) (demo_wide_gauge)")
        #expect(result.suggestions?.first?.estimatedSeries == 1)
    }

    @Test func tableSortsRoomsByValue() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("query", ["query": "demo_temperature_celsius",
                                                           "time": .string(evaluation), "format": "table"])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let rooms = SampleData.Room.allCases.sorted {
            SampleData.temperature(room: $0, at: SampleData.evaluationTime)
                > SampleData.temperature(room: $1, at: SampleData.evaluationTime)
        }
        let rows = rooms.map { room in
            room.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                + ResultTable.number(SampleData.temperature(room: room, at: SampleData.evaluationTime))
        }
        #expect(result.table == (["every row: demo_temperature_celsius", "room       VALUE"] + rows)
                    .joined(separator: "\n"))
        #expect(output.structured.encodedData().count <= 32_000)
    }

    // MARK: - Range summaries

    @Test func rangeSummaryExactFromSampleData() async throws {
        let prometheus = try await RealPrometheus.start()
        let data = SampleData(size: .small)
        let times = (0..<10).map { time($0 * data.wideStep) }
        let output = try await prometheus.output("range_query", [
            "query": "demo_wide_gauge", "start": .string(RFC3339.format(times[0])),
            "end": .string(RFC3339.format(times[9])), "step": .string("\(data.wideStep)s"),
        ])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let series = try #require(result.series)

        #expect(series.count == 10)
        #expect(result.totalPoints == 100)
        #expect(result.returnedPoints == 100)
        #expect(!result.truncated)
        #expect(output.structured.encodedData().count <= 32_000)
        for entry in series {
            let number = try #require(Int(entry.labels["series"] ?? ""))
            let values = times.map { data.wideValue(series: number, at: $0) }
            let expected = expectedSummary(values, times: times)
            #expect(entry.summary?.first == expected.first, "series \(number)")
            #expect(entry.summary?.last == expected.last, "series \(number)")
            #expect(entry.summary?.min == values.min(), "series \(number)")
            #expect(entry.summary?.max == values.max(), "series \(number)")
            #expect(entry.summary?.mean == expected.mean, "series \(number)")
            #expect(entry.summary?.trend == "rising", "series \(number)")
            #expect(entry.points?.map(\.value) == values.map { String(Int($0)) }, "series \(number)")
        }
    }

    @Test func rangeSummarySkipsSpecialValues() async throws {
        let prometheus = try await RealPrometheus.start()
        let times = (0..<8).map { time($0 * SampleData.step) }
        let output = try await prometheus.output("range_query", [
            "query": "demo_special_values", "start": .string(RFC3339.format(times[0])),
            "end": .string(RFC3339.format(times[7])), "step": "15s",
        ])
        let summary = try #require(try output.structured.decoded(as: RangeQueryOutput.self).series?.first?.summary)
        let values = times.map(SampleData.specialValue(at:))
        let finite = values.filter(\.isFinite)

        #expect(summary.count == 8)
        #expect(summary.first?.value == "0")
        #expect(summary.last?.value == "-Inf")
        #expect(summary.min == finite.min())
        #expect(summary.max == finite.max())
        #expect(summary.mean == finite.reduce(0, +) / Double(finite.count))
        #expect(summary.nonFinite == ["NaN": values.filter(\.isNaN).count,
                                      "+Inf": values.filter { $0 == .infinity }.count,
                                      "-Inf": values.filter { $0 == -.infinity }.count])
    }

    @Test func rangePointsForFirstSeriesOnly() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("range_query", [
            "query": "demo_wide_gauge", "start": .string(RFC3339.format(SampleData.start)),
            "end": .string(RFC3339.format(SampleData.lastSampleTime)), "step": "15s",
        ])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let series = try #require(result.series)
        let withPoints = series.prefix { $0.points != nil }.count

        #expect(output.structured.encodedData().count <= 32_000)
        #expect(series.count == 10)
        #expect(withPoints >= 1)
        #expect(withPoints < 10)
        #expect(result.returnedPoints == withPoints * SampleData.standardSampleCount)
        #expect(result.totalPoints == 10 * SampleData.standardSampleCount)
        #expect(result.suggestions?.first?.step.map { $0 > 15 } == true)
    }

    @Test func summariesOverBudgetCountLabels() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("range_query", [
            "query": "demo_wide_gauge", "start": .string(RFC3339.format(SampleData.start)),
            "end": .string(evaluation), "step": "5m", "max_bytes": 1_500,
        ])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)

        #expect(output.structured.encodedData().count <= 1_500)
        #expect(result.returnedSeries < 10)
        #expect(result.labelCardinality?.map(\.label) == ["series", "__name__"])
        #expect(result.labelCardinality?.map(\.values) == [10, 1])
        #expect(result.suggestions?.first?.query == "sum without (series) (demo_wide_gauge)")
        #expect(result.suggestions?.first?.estimatedSeries == 1)
    }

    // MARK: - Raw

    @Test func rawMatchesPrometheusResponse() async throws {
        let prometheus = try await RealPrometheus.start()
        let parameters = QueryParameters([("query", "demo_temperature_celsius"), ("start", "1767225600"),
                                          ("end", "1767229200"), ("step", "600")])
        let direct = try #require(URL(string: prometheus.server.url.absoluteString + "/api/v1/query_range")?
            .appending(path: "", query: parameters))
        let response = try await URLSessionHTTPClient().send(HTTPRequest(url: direct))
        let sent = try #require(try JSONValue.decode(response.body)["data"]?["result"]?.arrayValue)

        let output = try await prometheus.output("range_query", [
            "query": "demo_temperature_celsius", "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T01:00:00Z",
            "step": "10m", "format": "raw", "max_bytes": 1_500,
        ])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let returned = try #require(result.result)

        #expect(output.structured.encodedData().count <= 1_500)
        #expect(returned.count > 0)
        #expect(returned.count < sent.count)
        #expect(returned == Array(sent.prefix(returned.count)))
        #expect(result.totalSeries == sent.count)
    }

    // MARK: - Empty results

    @Test func missingMetricSuggestsNames() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("query", ["query": "demo_temprature_celsius", "time": .string(evaluation)])
        let hints = try #require(try output.structured.decoded(as: QueryOutput.self).hints)
        #expect(hints.metricExists == false)
        #expect(hints.similarMetrics?.first == SampleData.temperatureMetric)
        #expect(hints.requests == 2)
        #expect(prometheus.http.requests.count == 3)
    }

    @Test func missingLabelValueListsValues() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("query", ["query": #"demo_temperature_celsius{room="kitchn"}"#,
                                                           "time": .string(evaluation)])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let check = try #require(result.hints?.matchers?.first)
        #expect(result.hints?.metricExists == true)
        #expect(check.matchingValues == 0)
        #expect(check.totalValues == SampleData.Room.allCases.count)
        #expect(check.existingValues?.first == SampleData.Room.kitchen.rawValue)
        #expect(Set(check.existingValues ?? []) == Set(SampleData.Room.allCases.map(\.rawValue)))
        #expect(result.note?.contains(#"room="kitchn" matches none of the 4 values of room: kitchen"#) == true)
    }

    @Test func complexQuerySkipsHints() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("query", ["query": "demo_wide_gauge > 1000", "time": .string(evaluation)])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.totalSeries == 0)
        #expect(result.hints?.skippedReason == SimpleSelectorParser.TooComplex.reason)
        #expect(prometheus.http.requests.count == 1)
    }

    @Test func rangeAfterDataChecksRange() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("range_query", [
            "query": "demo_temperature_celsius", "start": "2026-01-01T03:00:00Z", "end": "2026-01-01T04:00:00Z",
            "step": "1m",
        ])
        let hints = try #require(try output.structured.decoded(as: RangeQueryOutput.self).hints)
        #expect(hints.evaluated == "from 2026-01-01T03:00:00.000Z to 2026-01-01T04:00:00.000Z")
        #expect(hints.checkedStart == "2026-01-01T02:55:00.000Z")
        #expect(hints.metricExists == false)
    }

    // MARK: - Listings

    @Test func labelValuesOfMetric() async throws {
        let prometheus = try await RealPrometheus.start()
        let output = try await prometheus.output("label_values", ["label": "room", "match": .string(SampleData.temperatureMetric)])
        let result = try output.structured.decoded(as: LabelValuesOutput.self)
        #expect(result.values == SampleData.Room.allCases.map(\.rawValue).sorted())
        #expect(result.totalValues == 4)
    }

    // MARK: - Every tool

    /// Calls with a budget of 1,000 bytes, and whether each must be cut. The listings depend on how
    /// many metrics the server has scraped from itself so far, so their cut is not checked.
    static let smallBudgetCalls: [(tool: String, arguments: JSONValue, truncated: Bool?)] = [
        ("query", ["query": "demo_wide_gauge", "time": "2026-01-01T01:00:00Z"], true),
        ("query", ["query": "demo_wide_gauge", "time": "2026-01-01T01:00:00Z", "format": "table"], false),
        ("query", ["query": "demo_wide_gauge[5m]", "time": "2026-01-01T01:00:00Z"], true),
        ("query", ["query": "demo_wide_gauge[5m]", "time": "2026-01-01T01:00:00Z", "format": "raw"], true),
        ("range_query", ["query": "demo_wide_gauge", "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T01:00:00Z"],
         true),
        ("range_query", ["query": "demo_wide_gauge", "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T01:00:00Z",
                         "format": "table"], true),
        ("list_metrics", [:], nil),
        ("list_metrics", ["format": "table"], nil),
        ("label_values", ["label": "__name__"], nil),
        ("server_info", ["include_config": true], true),
    ]

    @Test(arguments: smallBudgetCalls.indices)
    func everyToolWithinSmallBudget(index: Int) async throws {
        let prometheus = try await RealPrometheus.start()
        let (tool, arguments, truncated) = Self.smallBudgetCalls[index]
        var withBudget = arguments.objectValue ?? [:]
        withBudget["max_bytes"] = 1_000
        let output = try await prometheus.output(tool, .object(withBudget))
        let bytes = output.structured.encodedData().count
        #expect(bytes <= 1_000, "\(tool) \(arguments.encodedString())")
        #expect(output.structured["size"]?["bytes"] == .number(Double(bytes)), "\(tool) \(arguments.encodedString())")
        if let truncated {
            #expect(output.structured["truncated"] == .bool(truncated), "\(tool) \(arguments.encodedString())")
        }
    }

    // MARK: - Large responses

    /// The large data set's demo_wide_gauge over its whole window: 20,000 series of 24 points,
    /// over 10 MB as Prometheus sends it.
    @Test func largeRangeWithinBudget() async throws {
        let prometheus = try await RealPrometheus.start(size: .large)
        let data = SampleData(size: .large)
        let times = (0..<data.wideSampleCount).map { time($0 * data.wideStep) }
        let parameters = QueryParameters([("query", SampleData.wideMetric),
                                          ("start", PrometheusClient.formatTime(times[0])),
                                          ("end", PrometheusClient.formatTime(times[times.count - 1])),
                                          ("step", String(data.wideStep))])
        let direct = try #require(URL(string: prometheus.server.url.absoluteString + "/api/v1/query_range")?
            .appending(path: "", query: parameters))
        let raw = try await URLSessionHTTPClient().send(HTTPRequest(url: direct, maxResponseBytes: 1 << 30))

        let output = try await prometheus.output("range_query", [
            "query": .string(SampleData.wideMetric), "start": .string(RFC3339.format(times[0])),
            "end": .string(RFC3339.format(times[times.count - 1])), "step": .string("\(data.wideStep)s"),
        ])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let series = try #require(result.series)

        #expect(raw.body.count > 10_000_000)
        #expect(output.structured.encodedData().count <= 32_000)
        #expect(result.totalSeries == 20_000)
        #expect(result.totalPoints == 20_000 * data.wideSampleCount)
        #expect(series.count == result.returnedSeries)
        #expect(series.count > 0)
        #expect(result.labelCardinality?.first?.label == "series")
        #expect(result.labelCardinality?.first?.values == 20_000)
        #expect(result.suggestions?.first?.query == "sum without (series) (demo_wide_gauge)")
        #expect(result.suggestions?.first?.estimatedSeries == 1)
        for entry in series {
            let number = try #require(Int(entry.labels["series"] ?? ""))
            let values = times.map { data.wideValue(series: number, at: $0) }
            let expected = expectedSummary(values, times: times)
            #expect(entry.summary?.first == expected.first, "series \(number)")
            #expect(entry.summary?.last == expected.last, "series \(number)")
            #expect(entry.summary?.min == values.min(), "series \(number)")
            #expect(entry.summary?.max == values.max(), "series \(number)")
            #expect(entry.summary?.mean == expected.mean, "series \(number)")
        }
    }

    @Test func largeVectorTopValues() async throws {
        let prometheus = try await RealPrometheus.start(size: .large)
        let data = SampleData(size: .large)
        let output = try await prometheus.output("query", ["query": .string(SampleData.wideMetric),
                                                           "time": .string(evaluation)])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let expected = (0..<data.wideSeriesCount).reversed().prefix(result.returnedSeries).map {
            String(Int(data.wideValue(series: $0, at: SampleData.evaluationTime)))
        }
        #expect(output.structured.encodedData().count <= 32_000)
        #expect(result.totalSeries == 20_000)
        #expect(result.returnedSeries > 0)
        #expect(result.series?.map { $0.value ?? "" } == expected)
    }
}
