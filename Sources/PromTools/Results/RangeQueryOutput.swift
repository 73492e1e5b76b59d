import Foundation
import PrometheusAPI

/// The result of the `range_query` tool.
public struct RangeQueryOutput: Sendable, Equatable, Codable {
    public var query: String
    /// The evaluated range, RFC 3339 in UTC.
    public var start: String
    public var end: String
    /// The step used, in seconds.
    public var step: Double
    /// Whether the step was requested, chosen automatically, or raised to fit Prometheus' limit.
    public var stepSource: StepSelection.Source
    public var resultType: String
    public var series: [RangeSeriesOutput]
    public var totalSeries: Int
    public var returnedSeries: Int
    public var totalPoints: Int
    public var returnedPoints: Int
    public var truncated: Bool
    /// Says how the step was chosen, why the result was cut or that nothing matched.
    public var note: String?
    public var warnings: [String]
    public var infos: [String]
    public var server: String
}

/// One series of a range result.
public struct RangeSeriesOutput: Sendable, Equatable, Codable {
    public var labels: [String: String]
    /// `[unix seconds, "value"]` pairs, oldest first.
    public var points: [SamplePoint]
    public var histograms: [HistogramPoint]?
    /// Points of this series left out to fit the budget; absent when none were.
    public var droppedPoints: Int?

    public init(labels: [String: String], points: [SamplePoint], histograms: [HistogramPoint]?,
                droppedPoints: Int? = nil) {
        self.labels = labels
        self.points = points
        self.histograms = histograms
        self.droppedPoints = droppedPoints
    }
}
