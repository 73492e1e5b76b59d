import Foundation
import PrometheusAPI

/// Cuts range series to a byte budget, whole series first.
enum MatrixBudget {
    struct Fit {
        var series: [RangeSeriesOutput]
        var totalPoints: Int
        var returnedPoints: Int
        var truncated: Bool
    }

    /// Keeps whole series while they fit in `maxBytes`. When not even the first series fits, keeps
    /// its most recent points that do, and records how many older points were dropped.
    static func fit(_ series: [RangeSeries], maxBytes: Int) -> Fit {
        let outputs = series.map {
            RangeSeriesOutput(labels: $0.metric, points: $0.values,
                              histograms: $0.histograms.isEmpty ? nil : $0.histograms)
        }
        let totalPoints = series.reduce(0) { $0 + $1.values.count + $1.histograms.count }
        var kept = Array(outputs.prefix(ResultBudget.fittingPrefix(outputs, maxBytes: maxBytes).count))

        if kept.isEmpty, var first = outputs.first {
            let frame = RangeSeriesOutput(labels: first.labels, points: [], histograms: nil, droppedPoints: 0)
            let room = maxBytes - ResultBudget.size(of: frame) - 16
            let reversed = Array(first.points.reversed())
            let count = ResultBudget.fittingPrefix(reversed, maxBytes: room).count
            first.droppedPoints = first.points.count - count + (first.histograms?.count ?? 0)
            first.points = Array(first.points.suffix(count))
            first.histograms = nil
            kept = count > 0 ? [first] : []
        }

        let returnedPoints = kept.reduce(0) { $0 + $1.points.count + ($1.histograms?.count ?? 0) }
        return Fit(series: kept, totalPoints: totalPoints, returnedPoints: returnedPoints,
                   truncated: returnedPoints < totalPoints)
    }

    /// Builds the note that names what a cut left out.
    static func note(_ fit: Fit, totalSeries: Int, maxBytes: Int) -> String {
        let droppedSeries = totalSeries - fit.series.count
        var parts: [String] = []
        if droppedSeries > 0 {
            parts.append("Showing \(fit.series.count) of \(totalSeries) series to stay within \(maxBytes) bytes; "
                         + "\(droppedSeries) series were left out.")
        }
        if let partial = fit.series.first(where: { ($0.droppedPoints ?? 0) > 0 }), let dropped = partial.droppedPoints {
            parts.append("The oldest \(dropped) points of the first series were left out.")
        }
        parts.append("\(fit.returnedPoints) of \(fit.totalPoints) points are shown. Narrow the query with label "
                     + "matchers, aggregate it (sum by, topk), raise the step, or raise max_bytes.")
        return parts.joined(separator: " ")
    }
}
