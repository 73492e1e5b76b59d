import Foundation
import PrometheusAPI
import PromLambdaCore

/// Reads the series of a query result one at a time and keeps, for one output format, only what
/// fits in `roomBytes`, while counting every series, point and label value.
///
/// Memory stays within the room plus the label counts, however large the response:
/// - `summary`, instant vector: the highest-ranked series in ``VectorOrder``.
/// - `summary`, range series: a summary of each series in the server's order while the summaries
///   fit, and the points of the first series while they fit beside them. A new summary pushes
///   out the points of the last series that has them, so summaries come first.
/// - `table`: the same series as `summary`, measured as table rows and without points.
/// - `raw`: whole elements in the server's order while they fit.
struct SeriesShaper: QueryResultVisitor {
    let format: OutputFormat
    let order: VectorOrder
    let roomBytes: Int

    private(set) var counter = LabelCardinalityCounter()
    private(set) var totalSeries = 0
    private(set) var totalPoints = 0
    /// The size of the first element as sent, for the note when not even it fits in `raw`.
    private(set) var firstRawBytes: Int?

    private var vectors: BoundedSelection<VectorSample>
    private var summaries: SummarySelection
    private var rows: BoundedSelection<RangeSeriesOutput>
    private var raw: BoundedSelection<RawSeries>

    init(format: OutputFormat, order: VectorOrder, roomBytes: Int) {
        self.format = format
        self.order = format == .raw ? .asReturned : order
        self.roomBytes = roomBytes
        vectors = BoundedSelection(roomBytes: roomBytes)
        summaries = SummarySelection(roomBytes: roomBytes)
        rows = BoundedSelection(roomBytes: roomBytes)
        raw = BoundedSelection(roomBytes: roomBytes)
    }

    mutating func visit(_ series: StreamedSeries) throws {
        try Task.checkCancellation()
        let index = totalSeries
        totalSeries += 1
        totalPoints += series.samples.count + series.histograms.count
        counter.add(series.labels)

        switch (format, series.kind) {
        case (.raw, _):
            if firstRawBytes == nil { firstRawBytes = series.rawJSON.count }
            raw.offer(rank: VectorOrder.asReturned.rank(value: nil, index: index)) {
                let json = (try? JSONValue.decode(Data(series.rawJSON))) ?? .null
                return (RawSeries(json: json, points: series.samples.count + series.histograms.count),
                        series.rawJSON.count + 1)
            }
        case (.summary, .instant), (.table, .instant):
            let value = series.samples.first
            vectors.offer(rank: order.rank(value: value?.doubleValue, index: index)) {
                let sample = VectorSample(labels: series.labels, value: value?.value,
                                          histogram: series.histograms.first?.histogram)
                let cost = format == .table ? ResultTable.estimatedRowBytes(sample) : Self.jsonBytes(sample)
                return (sample, cost + 1)
            }
        case (.summary, .range):
            summaries.add(series)
        case (.table, .range):
            rows.offer(rank: VectorOrder.asReturned.rank(value: nil, index: index)) {
                let entry = RangeSeriesOutput(labels: series.labels,
                                              summary: SeriesSummary(samples: series.samples,
                                                                     histogramCount: series.histograms.count),
                                              points: nil, histograms: nil)
                return (entry, ResultTable.estimatedRowBytes(entry) + 1)
            }
        }
    }

    /// Returns the size of a vector sample as JSON: `{"labels":{…},"value":"…"}`.
    static func jsonBytes(_ sample: VectorSample) -> Int {
        var bytes = #"{"labels":}"#.utf8.count + JSONSize.map(sample.labels)
        if let value = sample.value { bytes += #","value":"#.utf8.count + JSONSize.string(value) }
        if let histogram = sample.histogram { bytes += #","histogram":"#.utf8.count + ResultBudget.size(of: histogram) }
        return bytes
    }

    /// Returns what was kept, for the result of `resultType`.
    /// - Parameter maxBytes: the budget, which decides whether label counts and suggestions are kept short.
    func shaped(resultType: String, maxBytes: Int) -> ShapedSeries {
        var shaped = ShapedSeries(format: format, order: order, isRange: resultType == "matrix", counter: counter,
                                  totalSeries: totalSeries, totalPoints: totalPoints, firstRawBytes: firstRawBytes)
        shaped.isCompact = maxBytes < ShapedSeries.compactBudget
        switch format {
        case .raw:
            shaped.raw = raw.sorted()
        case .summary where resultType == "matrix":
            shaped.ranges = summaries.entries
            shaped.pointsRoomBytes = roomBytes - summaries.summaryBytes
            shaped.bytesPerPoint = summaries.bytesPerPoint
        case .table where resultType == "matrix":
            shaped.ranges = rows.sorted()
        default:
            shaped.vectors = vectors.sorted()
        }
        return shaped
    }
}

/// One element of a result as Prometheus sent it, kept for the `raw` format.
struct RawSeries {
    var json: JSONValue
    /// Samples and histograms in the element.
    var points: Int
}

/// The summaries of range series and their points, kept in the server's order while they fit.
struct SummarySelection {
    let roomBytes: Int
    private(set) var entries: [RangeSeriesOutput] = []
    /// The bytes each entry's points take; 0 for an entry without points.
    private var pointBytes: [Int] = []
    /// How many leading entries carry their points.
    private var withPoints = 0
    private var usedBytes = 0
    /// Whether every series so far has its summary kept.
    private(set) var complete = true
    /// Whether the points of the next series may still be kept.
    private var pointsOpen = true
    /// The bytes the kept summaries take, points not counted.
    private(set) var summaryBytes = 0
    private var measuredPointBytes = 0
    private var measuredPoints = 0

    init(roomBytes: Int) {
        self.roomBytes = roomBytes
    }

    /// The average size of a point as JSON among the series measured, or `nil` when none was.
    var bytesPerPoint: Double? {
        measuredPoints > 0 ? Double(measuredPointBytes) / Double(measuredPoints) : nil
    }

    mutating func add(_ series: StreamedSeries) {
        guard complete else { return }
        let summary = SeriesSummary(samples: series.samples, histogramCount: series.histograms.count)
        let entry = RangeSeriesOutput(labels: series.labels, summary: summary, points: nil, histograms: nil)
        let cost = JSONSize.summarizedSeries(labels: series.labels, summary: summary) + 1
        while usedBytes + cost > roomBytes, withPoints > 0 {
            dropPoints(of: withPoints - 1)
        }
        guard usedBytes + cost <= roomBytes else {
            complete = false
            return
        }
        entries.append(entry)
        pointBytes.append(0)
        usedBytes += cost
        summaryBytes += cost

        guard pointsOpen, !series.samples.isEmpty || !series.histograms.isEmpty else { return }
        var full = entry
        full.points = series.samples
        full.histograms = series.histograms.isEmpty ? nil : series.histograms
        // Counted rather than encoded: this runs for every series of a result that may hold millions
        // of points. The entry already has members, so each added member brings a comma.
        var extra = #","points":"#.utf8.count + JSONSize.points(series.samples)
        if let histograms = full.histograms {
            extra += #","histograms":"#.utf8.count + ResultBudget.size(of: histograms)
        }
        measuredPointBytes += extra
        measuredPoints += series.samples.count + series.histograms.count
        guard usedBytes + extra <= roomBytes, withPoints == entries.count - 1 else {
            pointsOpen = false
            return
        }
        entries[entries.count - 1] = full
        pointBytes[entries.count - 1] = extra
        withPoints += 1
        usedBytes += extra
    }

    private mutating func dropPoints(of index: Int) {
        pointsOpen = false
        usedBytes -= pointBytes[index]
        pointBytes[index] = 0
        entries[index].points = nil
        entries[index].histograms = nil
        withPoints -= 1
    }
}
