import Foundation
import PrometheusAPI
import PromLambdaCore
import Testing
@testable import PromTools

/// The pieces under result shaping: the selector parser, the selection, the size counts.
@Suite struct ShapingPartsTests {
    // MARK: - SimpleSelectorParser

    static let parsed: [(query: String, selector: String, functions: [String])] = [
        ("up", "up", []),
        (#"demo_temperature_celsius{room="café", room!~'lab.*'}"#, #"demo_temperature_celsius{room="café", room!~"lab.*"}"#, []),
        (#"{__name__="up", job=~"a|b"}"#, #"up{job=~"a|b"}"#, []),
        (#"{job="api"}"#, #"{job="api"}"#, []),
        ("sum by (job) (rate(http_requests_total[5m]))", "http_requests_total[5m]", ["sum", "rate"]),
        ("sum(rate(x[1h])) without (instance)", "x[1h]", ["sum", "rate"]),
        ("topk(5, max_over_time(x{a=\"b\"}[10m]))", #"x{a="b"}[10m]"#, ["topk", "max_over_time"]),
        ("histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))", "h_bucket[5m]",
         ["histogram_quantile", "sum", "rate"]),
        ("clamp_max(x, 10)", "x", ["clamp_max"]),
        ("recording:rule:rate5m", "recording:rule:rate5m", []),
        ("x # a comment", "x", []),
    ]

    @Test(arguments: parsed.indices)
    func parserFindsSelector(index: Int) throws {
        let (query, expected, functions) = Self.parsed[index]
        let selector = try SimpleSelectorParser.parse(query).get()
        #expect(selector.text == expected)
        #expect(selector.functions == functions)
    }

    @Test(arguments: ["a + b", "x > 5", "x offset 5m", "x @ 1767225600", "rate(x[5m:1m])", "absent(x)",
                      "vector(1)", "x and y", "sum(x, y)", "label_replace(x, \"a\", \"b\", \"c\", \"d\")",
                      "1", "{}", "x{a=b}", "count_values(\"v\", x)", "-x", "x == 1"])
    func parserRejectsComplexQuery(query: String) {
        #expect(throws: SimpleSelectorParser.TooComplex.self) { try SimpleSelectorParser.parse(query).get() }
    }

    @Test func parserReadsEscapes() throws {
        let selector = try SimpleSelectorParser.parse(#"x{a="q\"uote", b=`raw\d`}"#).get()
        #expect(selector.matchers.map(\.value) == ["q\"uote", #"raw\d"#])
    }

    @Test func matcherRegexIsAnchored() throws {
        let matcher = LabelMatcher(label: "room", op: .matchesRegex, value: "lab")
        let accepts = try #require(matcher.makePredicate())
        #expect(accepts("lab"))
        #expect(!accepts("lab+annex"))
    }

    // MARK: - JSONSize

    @Test(arguments: ["", "plain", "quote\" backslash\\ slash/", "line\nfeed\ttab\r", "\u{01}\u{1f}", "café 😀",
                      "\u{7f}\u{2028}"])
    func jsonSizeMatchesEncoder(text: String) throws {
        #expect(JSONSize.string(text) == (try JSONEncoder.promlambda.encode(text).count))
    }

    @Test func jsonSizeOfLabelSet() throws {
        let labels = ["__name__": "m", "room": "café", "quote": "a\"b"]
        #expect(JSONSize.map(labels) == (try JSONEncoder.promlambda.encode(labels).count))
        #expect(JSONSize.map([:]) == 2)
    }

    @Test(arguments: [
        [],
        [SamplePoint(timestamp: 1_767_225_600, value: "1")],
        [SamplePoint(timestamp: 1_767_225_600.123, value: "NaN"), SamplePoint(timestamp: 1e16, value: "-Inf"),
         SamplePoint(timestamp: 0.5, value: "1.5e-7"), SamplePoint(timestamp: -1, value: "\"\\")],
    ] as [[SamplePoint]])
    func pointsSizeMatchesEncoder(points: [SamplePoint]) throws {
        #expect(JSONSize.points(points) == (try JSONEncoder.promlambda.encode(points).count))
    }

    @Test(arguments: [
        SeriesSummary(samples: []),
        SeriesSummary(samples: [SamplePoint(timestamp: 1, value: "2")], histogramCount: 3),
        SeriesSummary(samples: [SamplePoint(timestamp: 1_767_225_600, value: "0.1"),
                                SamplePoint(timestamp: 1_767_225_660.5, value: "NaN"),
                                SamplePoint(timestamp: 1_767_225_720, value: "-Inf"),
                                SamplePoint(timestamp: 1_767_225_780, value: "1e300"),
                                SamplePoint(timestamp: 1_767_225_840, value: "-12345678.25")]),
    ])
    func summarizedSeriesSizeMatchesEncoder(summary: SeriesSummary) throws {
        let labels = ["__name__": "m", "room": "café"]
        let entry = RangeSeriesOutput(labels: labels, summary: summary, points: nil, histograms: nil)
        #expect(JSONSize.summarizedSeries(labels: labels, summary: summary)
                == (try JSONEncoder.promlambda.encode(entry).count))
    }

    @Test func vectorSampleSizeMatchesEncoder() throws {
        let sample = VectorSample(labels: ["__name__": "m", "i": "1"], value: "1.5", histogram: nil)
        #expect(SeriesShaper.jsonBytes(sample) == (try JSONEncoder.promlambda.encode(sample).count))
    }

    // MARK: - BoundedSelection

    @Test func selectionKeepsSortedPrefix() {
        // A fixed pseudo-random sequence of values and costs, so the test repeats exactly.
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let items = (0..<2_000).map { _ in (value: Double(next(500)), cost: 1 + next(40)) }
        var selection = BoundedSelection<Int>(roomBytes: 3_000)
        for (index, item) in items.enumerated() {
            selection.offer(rank: VectorOrder.valueDescending.rank(value: item.value, index: index)) { (index, item.cost) }
        }

        let ranked = items.indices.sorted { (items[$0].value, -$0) > (items[$1].value, -$1) }
        var expected: [Int] = []
        var used = 0
        for index in ranked {
            guard used + items[index].cost <= 3_000 else { break }
            used += items[index].cost
            expected.append(index)
        }
        #expect(selection.sorted() == expected)
        #expect(selection.usedBytes == used)
    }

    @Test func selectionDropsSmallerLaterItems() {
        var selection = BoundedSelection<String>(roomBytes: 10)
        selection.offer(rank: SelectionRank(group: 2, key: 9, index: 0)) { ("a", 5) }
        selection.offer(rank: SelectionRank(group: 2, key: 5, index: 1)) { ("b", 8) }
        selection.offer(rank: SelectionRank(group: 2, key: 1, index: 2)) { ("c", 2) }
        #expect(selection.sorted() == ["a"])
    }

    // MARK: - LabelCardinalityCounter

    @Test func cardinalityCountsValuesAndGroups() {
        var counter = LabelCardinalityCounter()
        for index in 0..<12 {
            counter.add(["__name__": index < 6 ? "a" : "b", "pod": "pod-\(index)", "zone": "z\(index % 2)"])
        }
        counter.add(["__name__": "a", "zone": "z0"])

        #expect(counter.cardinality().map(\.label) == ["pod", "__name__", "zone"])
        #expect(counter.cardinality().map(\.values) == [12, 2, 2])
        #expect(counter.cardinality().map(\.series) == [12, 13, 13])
        // Without pod, the twelve series fall into the two zones. The series without pod keeps its
        // own group, so the count is an upper bound: 2 + 1.
        #expect(counter.seriesCount(without: "pod") == 3)
        #expect(counter.seriesCount(without: "zone") == 13)
    }
}
