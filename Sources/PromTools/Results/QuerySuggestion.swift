import Foundation
import PrometheusAPI

/// A narrower query to try when a result did not fit, with why it is narrower.
public struct QuerySuggestion: Sendable, Equatable, Codable {
    public var query: String
    /// The step to run it with, in seconds, when the suggestion is a larger step.
    public var step: Double?
    /// The maximum number of series the query would return, when the label counts give an estimate.
    public var estimatedSeries: Int?
    public var reason: String
}

/// Builds the narrower queries offered when the series of a result do not all fit.
enum QuerySuggestions {
    /// Returns up to three suggestions: summing away the label with the most values, `topk`, and
    /// for the series of several metrics, a count per metric name.
    ///
    /// The label with the most values is summed away with `sum without (label)`, not `sum by (label)`.
    /// `sum by` would keep one series per value of that label, the most series any grouping can
    /// give. `sum without` drops only that label and keeps the others.
    /// - Parameters:
    ///   - fittingSeries: how many series fit in the budget, which sets k of `topk`.
    ///   - isRange: whether the query runs over a range, where `topk` picks its series per step.
    static func make(query: String, counter: LabelCardinalityCounter, fittingSeries: Int,
                     isRange: Bool) -> [QuerySuggestion] {
        var suggestions: [QuerySuggestion] = []
        let cardinality = counter.cardinality()
        let inner = query.trimmingCharacters(in: .whitespacesAndNewlines)

        if let widest = cardinality.first(where: { $0.label != "__name__" && $0.values > 1 }) {
            let remaining = counter.seriesCount(without: widest.label)
            suggestions.append(QuerySuggestion(
                query: "sum without (\(widest.label)) (\(inner))", step: nil, estimatedSeries: remaining,
                reason: "\(widest.label) has the most values (\(widest.values)\(widest.capped == true ? " or more" : "")); "
                    + "summing it away keeps the other labels."))
        }

        let k = max(1, min(fittingSeries, 20))
        suggestions.append(QuerySuggestion(
            query: "topk(\(k), \(inner))", step: nil, estimatedSeries: isRange ? nil : k,
            reason: isRange ? "The \(k) highest series at each step, so more than \(k) when the highest change."
                : "The \(k) highest series."))

        if let names = cardinality.first(where: { $0.label == "__name__" }), names.values > 1 {
            suggestions.append(QuerySuggestion(
                query: "count by (__name__) (\(inner))", step: nil, estimatedSeries: names.values,
                reason: "Counts the series of each of the \(names.values) metric names."))
        }
        return suggestions
    }

    /// Returns a step large enough for the points to fit: `step` times the ratio of the points'
    /// size to the room left for them, rounded up to a whole second.
    static func largerStep(query: String, step: Double, pointsBytes: Int, roomBytes: Int) -> QuerySuggestion? {
        guard roomBytes > 0, pointsBytes > roomBytes else { return nil }
        let factor = (Double(pointsBytes) / Double(roomBytes)).rounded(.up)
        let larger = (step * factor).rounded(.up)
        return QuerySuggestion(
            query: query, step: larger, estimatedSeries: nil,
            reason: "About 1/\(Int(factor)) of the points, which fits beside the summaries.")
    }
}
