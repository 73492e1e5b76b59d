import Foundation
import PrometheusAPI
import PromLambdaCore

/// The result of the `range_query` tool.
public struct RangeQueryOutput: Sendable, Equatable, Codable, SizedOutput {
    public var query: String
    /// The evaluated range, RFC 3339 in UTC.
    public var start: String
    public var end: String
    /// The step used, in seconds.
    public var step: Double
    /// Whether the step was requested, chosen automatically, or raised to fit Prometheus' limit.
    public var stepSource: StepSelection.Source
    public var resultType: String
    public var format: OutputFormat
    /// Each series summarized, with its points while they fit (`summary` format).
    public var series: [RangeSeriesOutput]?
    /// The elements of `result` as Prometheus sent them, whole, while they fit (`raw` format).
    public var result: [JSONValue]?
    /// One summary row per series as an aligned text table (`table` format).
    public var table: String?
    public var totalSeries: Int
    public var returnedSeries: Int
    public var totalPoints: Int
    /// Raw points in this result.
    public var returnedPoints: Int
    public var truncated: Bool
    public var labelCardinality: [LabelCardinality]?
    public var suggestions: [QuerySuggestion]?
    public var hints: EmptyResultHints?
    /// Says how the step was chosen, why the result was cut or that nothing matched.
    public var note: String?
    public var warnings: [String]
    public var infos: [String]
    public var server: String
    public var size: ResultSize
}

/// One series of a range result.
public struct RangeSeriesOutput: Sendable, Equatable, Codable {
    public var labels: [String: String]
    /// First, last, min, max, mean and trend (`summary` format).
    public var summary: SeriesSummary?
    /// `[unix seconds, "value"]` pairs, oldest first; absent when left out to fit the budget.
    public var points: [SamplePoint]?
    public var histograms: [HistogramPoint]?
    /// Points of this series left out to fit the budget; absent when none were.
    public var droppedPoints: Int?

    public init(labels: [String: String], summary: SeriesSummary? = nil, points: [SamplePoint]?,
                histograms: [HistogramPoint]?, droppedPoints: Int? = nil) {
        self.labels = labels
        self.summary = summary
        self.points = points
        self.histograms = histograms
        self.droppedPoints = droppedPoints
    }
}

// MARK: - JSONValueConvertible

extension RangeSeriesOutput: JSONValueConvertible {
    /// The members `encode(to:)` writes, absent ones left out.
    public var jsonValue: JSONValue {
        var members = [String: JSONValue](minimumCapacity: 5)
        members["labels"] = labels.jsonValue
        members["summary"] = summary.map { $0.jsonValue }
        members["points"] = points.map { points in .array(points.map { $0.jsonValue }) }
        // Native histograms are rare. They contain only strings and integers, so encoding them cannot
        // throw, and `try?` drops nothing.
        members["histograms"] = histograms.flatMap { try? JSONValue.encoding($0) }
        members["droppedPoints"] = droppedPoints.map { .number(Double($0)) }
        return .object(members)
    }
}
