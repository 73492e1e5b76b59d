import Foundation
import PrometheusAPI
import PromLambdaCore

/// The series a ``SeriesShaper`` kept, with the totals of the whole result.
///
/// It writes them into a tool's result, and cuts them further while the result is over its budget.
struct ShapedSeries {
    var format: OutputFormat
    var order: VectorOrder
    /// Whether the result is a matrix.
    var isRange: Bool
    var counter: LabelCardinalityCounter
    var totalSeries: Int
    var totalPoints: Int
    var firstRawBytes: Int?

    /// Instant series, for `summary` and `table`.
    var vectors: [VectorSample] = []
    /// Range series with their summaries and, in `summary`, the points that fit.
    var ranges: [RangeSeriesOutput] = []
    /// Elements as sent, for `raw`.
    var raw: [RawSeries] = []
    /// The room left for points beside the summaries, for suggesting a larger step.
    var pointsRoomBytes = 0
    var bytesPerPoint: Double?

    var returnedSeries: Int {
        switch format {
        case .raw: raw.count
        case .summary, .table: isRange ? ranges.count : vectors.count
        }
    }

    /// Samples and histograms carried as points; summaries and table rows carry none.
    var returnedPoints: Int {
        switch format {
        case .raw: raw.reduce(0) { $0 + $1.points }
        case .table: isRange ? 0 : vectors.count
        case .summary:
            isRange ? ranges.reduce(0) { $0 + ($1.points?.count ?? 0) + ($1.histograms?.count ?? 0) } : vectors.count
        }
    }

    var seriesLeftOut: Int { totalSeries - returnedSeries }

    /// Whether anything the server sent is missing: series, or in `summary` and `raw` points.
    var truncated: Bool {
        if seriesLeftOut > 0 { return true }
        return format != .table && returnedPoints < totalPoints
    }

    // MARK: - Cutting

    /// Removes content worth at least `excess` bytes from the end: in `summary`, the points of the
    /// last series that has them before any summary. Returns `false` when nothing is left.
    mutating func shrink(by excess: Int) -> Bool {
        var removed = 0
        switch format {
        case .raw:
            while removed < excess, let last = raw.popLast() { removed += ResultBudget.size(of: last.json) + 1 }
        case .table:
            // Rows also lose their padding as they go, so removing by the unpadded estimate is enough.
            while removed < excess, isRange ? !ranges.isEmpty : !vectors.isEmpty {
                removed += isRange ? ResultTable.estimatedRowBytes(ranges.removeLast()) + 1
                    : ResultTable.estimatedRowBytes(vectors.removeLast()) + 1
            }
        case .summary where isRange:
            while removed < excess, let index = ranges.lastIndex(where: { $0.points != nil || $0.histograms != nil }) {
                let before = ResultBudget.size(of: ranges[index])
                ranges[index].points = nil
                ranges[index].histograms = nil
                removed += before - ResultBudget.size(of: ranges[index])
            }
            while removed < excess, let last = ranges.popLast() { removed += ResultBudget.size(of: last) + 1 }
        case .summary:
            while removed < excess, let last = vectors.popLast() { removed += SeriesShaper.jsonBytes(last) + 1 }
        }
        return removed > 0
    }

    // MARK: - Result pieces

    /// The elements for `raw`.
    var rawResult: [JSONValue]? {
        format == .raw ? raw.map(\.json) : nil
    }

    func table() -> String? {
        guard format == .table else { return nil }
        return isRange ? ResultTable.summaries(ranges) : ResultTable.vector(vectors)
    }

    /// Whether the budget is small enough that the label counts and suggestions are kept short:
    /// fewer labels, no example values, so that some series still fit beside them.
    var isCompact = false

    static let compactBudget = 8_000
    static let maxLabels = 20
    static let maxCompactLabels = 5

    /// The label counts, the most values first, when series were left out.
    var labelCardinality: [LabelCardinality]? {
        guard seriesLeftOut > 0 else { return nil }
        var all = Array(counter.cardinality().prefix(isCompact ? Self.maxCompactLabels : Self.maxLabels))
        if isCompact {
            for index in all.indices { all[index].examples = nil }
        }
        return all.isEmpty ? nil : all
    }

    /// How many labels the label counts leave out, for the note.
    var labelsLeftOut: Int {
        max(0, counter.cardinality().count - (isCompact ? Self.maxCompactLabels : Self.maxLabels))
    }

    /// Narrower queries when series were left out, and for a range summary whose points did not
    /// all fit, a larger step.
    func suggestions(query: String, step: Double?) -> [QuerySuggestion]? {
        var suggestions: [QuerySuggestion] = []
        if seriesLeftOut > 0 {
            suggestions = QuerySuggestions.make(query: query, counter: counter, fittingSeries: returnedSeries,
                                                isRange: step != nil)
        } else if format == .summary, isRange, let step, let bytesPerPoint, returnedPoints < totalPoints,
                  let larger = QuerySuggestions.largerStep(query: query, step: step,
                                                           pointsBytes: Int(bytesPerPoint * Double(totalPoints)),
                                                           roomBytes: pointsRoomBytes) {
            suggestions = [larger]
        }
        return suggestions.isEmpty ? nil : suggestions
    }

    /// Says what was left out and how to get the rest; `nil` when nothing was.
    func note(maxBytes: Int) -> String? {
        guard truncated else { return nil }
        let budget = "to stay within \(maxBytes) bytes"
        let others = labelsLeftOut > 0 ? " (\(labelsLeftOut) labels with fewer values are not listed)" : ""
        let narrow = "See labelCardinality\(others) and suggestions to narrow the query, or raise max_bytes."
        switch format {
        case .raw:
            if raw.isEmpty, let firstRawBytes {
                return "Not even the first of \(totalSeries) series (\(firstRawBytes) bytes as sent) fits in "
                    + "\(maxBytes) bytes. Raise max_bytes, or use format summary. " + narrow
            }
            return "Showing the first \(raw.count) of \(totalSeries) series as Prometheus sent them \(budget); "
                + "\(seriesLeftOut) series were left out. " + narrow
        case .table:
            return "The table shows \(returnedSeries) of \(totalSeries) series (\(order(isRange))) \(budget); "
                + "\(seriesLeftOut) series were left out. " + narrow
        case .summary where !isRange:
            return "Showing \(returnedSeries) of \(totalSeries) series (\(order.phrase)) \(budget); "
                + "\(seriesLeftOut) series were left out. " + narrow
        case .summary:
            if seriesLeftOut > 0 {
                return "Summaries of the first \(returnedSeries) of \(totalSeries) series fit in \(maxBytes) bytes; "
                    + "\(seriesLeftOut) series were left out, and \(returnedPoints) of \(totalPoints) points are "
                    + "shown. " + narrow
            }
            let withPoints = ranges.prefix { $0.points != nil || $0.histograms != nil }.count
            return "Every series is summarized; raw points are shown for the first \(withPoints) of "
                + "\(totalSeries) series (\(returnedPoints) of \(totalPoints) points) \(budget). Raise the step "
                + "(see suggestions) or max_bytes for more points."
        }
    }

    private func order(_ isRange: Bool) -> String {
        isRange ? VectorOrder.asReturned.phrase : order.phrase
    }
}
