import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore
import Testing
import TestDoubles
@testable import PromTools

/// Result shaping through the toolbox, on responses written here so that every expected value is known.
@Suite struct ResultShapingTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    func toolbox(_ responses: [HTTPResponse]) -> (PrometheusToolbox, RecordingHTTPClient) {
        let http = RecordingHTTPClient(responses)
        let clock = ManualTimeSource(Self.now)
        let connector = StaticPrometheusConnector(baseURL: URL(string: "http://127.0.0.1:9090")!, http: http,
                                                  retryPolicy: .none, timeSource: clock)
        return (PrometheusToolbox(environment: ToolEnvironment(connector: connector, timeSource: clock)), http)
    }

    static func envelope(_ resultType: String, _ elements: [String]) -> String {
        #"{"status":"success","data":{"resultType":"\#(resultType)","result":[\#(elements.joined(separator: ","))]}}"#
    }

    /// Returns an instant vector element of metric `m` with label `i`.
    static func sample(_ index: Int, _ value: String, extra: String = "") -> String {
        #"{"metric":{"__name__":"m","i":"\#(index)"\#(extra)},"value":[1767225600,"\#(value)"]}"#
    }

    /// Returns a matrix element with one point a minute from 2026-01-01T00:00:00Z.
    static func rangeSeries(_ labels: String, _ values: [String]) -> String {
        let points = values.enumerated().map { #"[\#(1_767_225_600 + 60 * $0.offset),"\#($0.element)"]"# }
        return #"{"metric":{\#(labels)},"values":[\#(points.joined(separator: ","))]}"#
    }

    func call(_ tool: String, _ arguments: JSONValue, responses: [HTTPResponse]) async throws
        -> (output: ToolOutput, http: RecordingHTTPClient)
    {
        let (toolbox, http) = toolbox(responses)
        let output = await toolbox.call(name: tool, arguments: arguments, context: ToolCallContext())
        if output.isError { Issue.record("tool failed: \(output.text)") }
        return (output, http)
    }

    // MARK: - Instant vectors

    @Test func vectorSortedHighestFirstAndCut() async throws {
        // Values 0...499 in a scrambled order: 7919 is prime, so i * 7919 % 500 visits each once.
        let elements = (0..<500).map { Self.sample($0, String($0 * 7_919 % 500)) }
        let (output, _) = try await call("query", ["query": "m", "max_bytes": 3_000],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let values = (result.series ?? []).compactMap { $0.value.flatMap(Int.init) }

        #expect(output.structured.encodedData().count <= 3_000)
        #expect(result.totalSeries == 500)
        #expect(result.returnedSeries == values.count)
        #expect(values.count > 5)
        #expect(values == Array((500 - values.count..<500).reversed()))
        #expect(result.order == "value_desc")
        #expect(result.truncated)
        #expect(result.note?.hasPrefix("Showing \(values.count) of 500 series (highest values first) to stay within "
                                       + "3000 bytes; \(500 - values.count) series were left out.") == true)
    }

    @Test func bottomkSortedLowestFirst() async throws {
        let elements = [Self.sample(0, "5"), Self.sample(1, "-2"), Self.sample(2, "3")]
        let (output, _) = try await call("query", ["query": "bottomk(3, m)"],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.series?.map(\.value) == ["-2", "3", "5"])
        #expect(result.order == "value_asc")
    }

    @Test func sortQueryKeepsServerOrder() async throws {
        let elements = [Self.sample(0, "1"), Self.sample(1, "9"), Self.sample(2, "5")]
        let (output, _) = try await call("query", ["query": "sort_by_label(m, \"i\")"],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.series?.map(\.value) == ["1", "9", "5"])
        #expect(result.order == "as_returned")
    }

    @Test func specialValuesRankAfterNumbers() async throws {
        let histogram = #"{"metric":{"i":"h"},"histogram":[1767225600,{"count":"2","sum":"1","buckets":[]}]}"#
        let elements = [Self.sample(0, "NaN"), histogram, Self.sample(1, "1"), Self.sample(2, "-Inf"),
                        Self.sample(3, "+Inf")]
        let (output, _) = try await call("query", ["query": "m"],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.series?.map { $0.value ?? "histogram" } == ["+Inf", "1", "-Inf", "NaN", "histogram"])
        #expect(result.series?.last?.histogram?.count == "2")
    }

    // MARK: - Range summaries

    @Test func summarySkipsNonFiniteValues() async throws {
        let series = Self.rangeSeries(#""__name__":"m""#, ["3", "NaN", "1", "+Inf", "5", "-Inf"])
        let (output, _) = try await call("range_query", ["query": "m", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:05:00Z", "step": "1m"],
                                         responses: [.json(200, Self.envelope("matrix", [series]))])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let summary = try #require(result.series?.first?.summary)
        #expect(summary.count == 6)
        #expect(summary.first == SamplePoint(timestamp: 1_767_225_600, value: "3"))
        #expect(summary.last == SamplePoint(timestamp: 1_767_225_900, value: "-Inf"))
        #expect(summary.min == 1)
        #expect(summary.max == 5)
        #expect(summary.mean == 3)
        #expect(summary.trend == "rising")
        #expect(summary.nonFinite == ["NaN": 1, "+Inf": 1, "-Inf": 1])
        #expect(result.series?.first?.points?.count == 6)
        #expect(!result.truncated)
    }

    @Test func summaryWithoutFiniteValues() {
        let summary = SeriesSummary(samples: [SamplePoint(timestamp: 1, value: "NaN"),
                                              SamplePoint(timestamp: 2, value: "+Inf")])
        #expect(summary.min == nil)
        #expect(summary.mean == nil)
        #expect(summary.trend == nil)
        #expect(summary.nonFinite == ["NaN": 1, "+Inf": 1])
    }

    @Test func summaryMeanSurvivesOverflow() {
        let summary = SeriesSummary(samples: [SamplePoint(timestamp: 1, value: "1.5e308"),
                                              SamplePoint(timestamp: 2, value: "1.5e308")])
        #expect(summary.mean == 1.5e308)
        #expect(summary.trend == "flat")
    }

    @Test func pointsKeptWhileTheyFit() async throws {
        let elements = (0..<20).map { index in
            Self.rangeSeries(#""__name__":"m","i":"\#(index)""#, (0..<30).map { String(index * 100 + $0) })
        }
        let (output, _) = try await call("range_query", ["query": "m", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:29:00Z", "step": "1m",
                                                         "max_bytes": 8_000],
                                         responses: [.json(200, Self.envelope("matrix", elements))])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let series = try #require(result.series)
        let withPoints = series.prefix { $0.points != nil }.count

        #expect(output.structured.encodedData().count <= 8_000)
        #expect(series.count == 20)
        #expect(withPoints > 0)
        #expect(withPoints < 20)
        #expect(series.dropFirst(withPoints).allSatisfy { $0.points == nil })
        #expect(result.returnedPoints == withPoints * 30)
        #expect(result.totalPoints == 600)
        let expectedMaxima: [Double?] = (0..<20).map { Double($0 * 100 + 29) }
        #expect(series.map { $0.summary?.max } == expectedMaxima)
        #expect(result.note == "Every series is summarized; raw points are shown for the first \(withPoints) of 20 "
                + "series (\(withPoints * 30) of 600 points) to stay within 8000 bytes. Raise the step (see "
                + "suggestions) or max_bytes for more points.")
        #expect(result.suggestions?.first?.query == "m")
        #expect((result.suggestions?.first?.step ?? 0) > 60)
        #expect(result.labelCardinality == nil)
    }

    @Test func summariesOverflowCountLabels() async throws {
        let elements = (0..<300).map { index in
            Self.rangeSeries(#""__name__":"m","instance":"host-\#(index % 3)","series":"\#(index)""#, ["1", "2"])
        }
        let (output, _) = try await call("range_query", ["query": "rate(m[5m])", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:01:00Z", "step": "1m",
                                                         "max_bytes": 10_000],
                                         responses: [.json(200, Self.envelope("matrix", elements))])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let returned = result.returnedSeries

        #expect(output.structured.encodedData().count <= 10_000)
        #expect(result.totalSeries == 300)
        #expect(returned > 0)
        #expect(returned < 300)
        #expect(result.series?.count == returned)
        #expect(result.labelCardinality?.map(\.label) == ["series", "instance", "__name__"])
        #expect(result.labelCardinality?.map(\.values) == [300, 3, 1])
        #expect(result.labelCardinality?.first?.examples == ["0", "1", "2"])
        #expect(result.suggestions?.first?.query == "sum without (series) (rate(m[5m]))")
        #expect(result.suggestions?.first?.estimatedSeries == 3)
        #expect(result.suggestions?.dropFirst().first?.query == "topk(\(min(returned, 20)), rate(m[5m]))")
        #expect(result.note?.hasPrefix("Summaries of the first \(returned) of 300 series fit in 10000 bytes; "
                                       + "\(300 - returned) series were left out") == true)
    }

    @Test func smallBudgetShortensLabelCounts() async throws {
        let elements = (0..<50).map { Self.sample($0, String($0)) }
        let (output, _) = try await call("query", ["query": "m", "max_bytes": 1_000],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(output.structured.encodedData().count <= 1_000)
        #expect(result.returnedSeries >= 1)
        #expect(result.labelCardinality?.map(\.label) == ["i", "__name__"])
        #expect(result.labelCardinality?.allSatisfy { $0.examples == nil } == true)
    }

    // MARK: - Formats

    @Test func rawKeepsElementsAsSent() async throws {
        let elements = (0..<40).map { Self.rangeSeries(#""__name__":"m","i":"\#($0)""#, ["1", "2.5", "NaN"]) }
        let (output, _) = try await call("range_query", ["query": "m", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:02:00Z", "step": "1m",
                                                         "format": "raw", "max_bytes": 2_500],
                                         responses: [.json(200, Self.envelope("matrix", elements))])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        let returned = try #require(result.result)

        #expect(output.structured.encodedData().count <= 2_500)
        #expect(returned.count == result.returnedSeries)
        #expect(returned.count > 0)
        #expect(returned == (try elements.prefix(returned.count).map { try JSONValue.decode(Data($0.utf8)) }))
        #expect(result.series == nil)
        #expect(result.returnedPoints == returned.count * 3)
        #expect(result.note?.hasPrefix("Showing the first \(returned.count) of 40 series as Prometheus sent them "
                                       + "to stay within 2500 bytes;") == true)
    }

    @Test func rawScalarIsPair() async throws {
        let body = #"{"status":"success","data":{"resultType":"scalar","result":[1767225600,"2"]}}"#
        let (output, _) = try await call("query", ["query": "1+1", "format": "raw"], responses: [.json(200, body)])
        #expect(output.structured["result"] == [1_767_225_600, "2"])
        #expect(output.structured["value"] == "2")
    }

    @Test func tableVectorColumnsVaryingLabels() async throws {
        let elements = [Self.sample(0, "0.5", extra: #","job":"api""#), Self.sample(1, "12", extra: #","job":"api""#)]
        let (output, _) = try await call("query", ["query": "m", "format": "table"],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(result.table == """
            every row: m{job="api"}
            i  VALUE
            1  12
            0  0.5
            """)
        #expect(result.series == nil)
        #expect(output.text.hasSuffix(result.table ?? "-"))
    }

    @Test func tableRangeSummaryRows() async throws {
        let elements = [Self.rangeSeries(#""__name__":"m","i":"a""#, ["1", "3"]),
                        Self.rangeSeries(#""__name__":"m","i":"b""#, ["4", "2.5"])]
        let (output, _) = try await call("range_query", ["query": "m", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:01:00Z", "step": "1m",
                                                         "format": "table"],
                                         responses: [.json(200, Self.envelope("matrix", elements))])
        let result = try output.structured.decoded(as: RangeQueryOutput.self)
        #expect(result.table == """
            every row: m
            SERIES   COUNT  FIRST  LAST  MIN  MAX  MEAN  TREND
            {i="a"}  2      1      3     1    3    2     rising
            {i="b"}  2      4      2.5   2.5  4    3.25  falling
            """)
        #expect(!result.truncated)
    }

    @Test func invalidFormatRejected() async throws {
        let (toolbox, http) = toolbox([])
        let output = await toolbox.call(name: "query", arguments: ["query": "m", "format": "csv"],
                                        context: ToolCallContext())
        #expect(output.isError)
        #expect(output.structured["field"] == "format")
        #expect(output.structured["message"] == "Argument \"format\" is \"csv\"; use one of: summary, raw, table.")
        #expect(http.requests.isEmpty)
    }

    @Test func sizeMatchesEncodedResult() async throws {
        let elements = (0..<30).map { Self.sample($0, String($0)) }
        let (output, _) = try await call("query", ["query": "m", "max_bytes": 5_000],
                                         responses: [.json(200, Self.envelope("vector", elements))])
        let bytes = output.structured.encodedData().count
        #expect(output.structured["size"]?["bytes"] == .number(Double(bytes)))
        #expect(output.structured["size"]?["estimatedTokens"] == .number(Double((bytes + 3) / 4)))
        #expect(output.structured["size"]?["budgetBytes"] == 5_000)
    }

    @Test func textCappedToBudget() async throws {
        let elements = (0..<20).map { Self.rangeSeries(#""i":"\#($0)""#, (0..<30).map(String.init)) }
        let (output, _) = try await call("range_query", ["query": "m", "start": "2026-01-01T00:00:00Z",
                                                         "end": "2026-01-01T00:29:00Z", "step": "1m",
                                                         "max_bytes": 20_000],
                                         responses: [.json(200, Self.envelope("matrix", elements))])
        #expect(output.text.utf8.count <= 20_000)
        #expect(output.text.hasSuffix("the structured result holds all that was returned."))
    }

    @Test func longQueryEchoShortened() async throws {
        let query = "m" + String(repeating: " + 0", count: 1_000)
        let (output, _) = try await call("query", ["query": .string(query), "max_bytes": 1_000],
                                         responses: [.json(200, Self.envelope("vector", [Self.sample(0, "1")]))])
        #expect(output.structured.encodedData().count <= 1_000)
        #expect(output.structured["query"]?.stringValue?.hasSuffix("…") == true)
    }

    // MARK: - Listings

    @Test func labelValuesPagesAndFilters() async throws {
        let values = (0..<30).map { #""v\#(String(format: "%02d", $0))""# }.joined(separator: ",")
        let (output, http) = try await call("label_values", ["label": "instance", "match": "up", "filter": "v1",
                                                             "limit": 4, "offset": 2],
                                            responses: [.json(200, #"{"status":"success","data":[\#(values)]}"#)])
        let result = try output.structured.decoded(as: LabelValuesOutput.self)
        #expect(result.totalValues == 30)
        #expect(result.matchedValues == 10)
        #expect(result.values == ["v12", "v13", "v14", "v15"])
        #expect(result.nextOffset == 6)
        #expect(result.note == "4 more match; call again with offset 6.")
        #expect(http.requests[0].url.absoluteString
                    == "http://127.0.0.1:9090/api/v1/label/instance/values?match%5B%5D=up")
    }

    @Test func labelValuesRejectsBadName() async throws {
        let (toolbox, http) = toolbox([])
        let output = await toolbox.call(name: "label_values", arguments: ["label": "../status"],
                                        context: ToolCallContext())
        #expect(output.structured["field"] == "label")
        #expect(http.requests.isEmpty)
    }

    @Test func listMetricsOffersPrefixes() async throws {
        let names = (0..<6).map { #""go_\#($0)""# } + (0..<3).map { #""node_\#($0)""# } + [#""up""#]
        let (output, _) = try await call("list_metrics", ["limit": 2, "format": "raw"],
                                         responses: [.json(200, #"{"status":"success","data":[\#(names.joined(separator: ","))]}"#)])
        let result = try output.structured.decoded(as: ListMetricsOutput.self)
        #expect(result.names == ["go_0", "go_1"])
        #expect(result.metrics == nil)
        #expect(result.prefixes == [NamePrefix(prefix: "go_", count: 6), NamePrefix(prefix: "node_", count: 3)])
        #expect(result.note == "8 more match; call again with offset 2, or pass a filter to narrow the list "
                + "(prefixes lists common ones).")
    }

    // MARK: - Empty results

    @Test func emptyMatcherListsValues() async throws {
        let (output, http) = try await call("query", ["query": #"sum(rate(m{job="api", code="50"}[1m]))"#],
                                            responses: [
                                                .json(200, Self.envelope("vector", [])),
                                                .json(200, #"{"status":"success","data":["m"]}"#),
                                                .json(200, #"{"status":"success","data":["api"]}"#),
                                                .json(200, #"{"status":"success","data":["200","404","500"]}"#),
                                            ])
        let result = try output.structured.decoded(as: QueryOutput.self)
        let hints = try #require(result.hints)
        #expect(hints.selector == #"m{job="api", code="50"}[1m]"#)
        #expect(hints.checkedStart == "2025-12-31T23:59:00.000Z")
        #expect(hints.metricExists == true)
        #expect(hints.matchers == [
            MatcherCheck(matcher: #"job="api""#, matchingValues: 1, totalValues: 1, existingValues: nil),
            MatcherCheck(matcher: #"code="50""#, matchingValues: 0, totalValues: 3, existingValues: ["500", "200", "404"]),
        ])
        #expect(hints.requests == 3)
        #expect(result.note == "No series matched at 2026-01-01T00:00:00.000Z. Series of m exist, but code=\"50\" "
                + "matches none of the 3 values of code: 500, 200, 404.")
        #expect(http.requests.map(\.url.path) == ["/api/v1/query", "/api/v1/label/__name__/values",
                                                  "/api/v1/label/job/values", "/api/v1/label/code/values"])
    }

    @Test func emptyChecksAtMostThreeRequests() async throws {
        let (output, http) = try await call("query", ["query": #"m{a="1", b="2", c="3"}"#],
                                            responses: [
                                                .json(200, Self.envelope("vector", [])),
                                                .json(200, #"{"status":"success","data":["m"]}"#),
                                                .json(200, #"{"status":"success","data":["1"]}"#),
                                                .json(200, #"{"status":"success","data":["2"]}"#),
                                            ])
        let hints = try #require(try output.structured.decoded(as: QueryOutput.self).hints)
        #expect(http.requests.count == 4)
        #expect(hints.requests == 3)
        #expect(hints.notChecked == [#"c="3": at most 3 requests are sent per result"#])
    }

    @Test func emptyComplexQuerySkipsChecks() async throws {
        let (output, http) = try await call("query", ["query": "m / on(job) n"],
                                            responses: [.json(200, Self.envelope("vector", []))])
        let result = try output.structured.decoded(as: QueryOutput.self)
        #expect(http.requests.count == 1)
        #expect(result.hints?.requests == 0)
        #expect(result.hints?.skippedReason == SimpleSelectorParser.TooComplex.reason)
        #expect(result.note == "No series matched at 2026-01-01T00:00:00.000Z. No hints were checked because "
                + SimpleSelectorParser.TooComplex.reason + ".")
    }

    @Test func emptyCheckFailureReported() async throws {
        let (output, _) = try await call("query", ["query": "m"],
                                         responses: [.json(200, Self.envelope("vector", [])),
                                                     .json(503, "unavailable")])
        let hints = try #require(try output.structured.decoded(as: QueryOutput.self).hints)
        #expect(hints.metricExists == nil)
        #expect(hints.notChecked?.first?.hasPrefix("whether m exists: the request failed: ") == true)
    }
}
