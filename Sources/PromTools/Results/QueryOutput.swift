import Foundation
import PrometheusAPI

/// The result of the `query` tool: an instant query evaluated at one time.
public struct QueryOutput: Sendable, Equatable, Codable {
    public var query: String
    /// The evaluation time, RFC 3339 in UTC.
    public var time: String
    public var resultType: String
    /// The series of a vector result, within the budget.
    public var series: [VectorSample]?
    /// The raw samples of a range-vector selector such as `up[5m]`, within the budget.
    public var matrix: [RangeSeriesOutput]?
    /// The value of a scalar or string result.
    public var value: String?
    /// How many series Prometheus returned.
    public var totalSeries: Int
    /// How many series this result carries; fewer than `totalSeries` when cut.
    public var returnedSeries: Int
    public var truncated: Bool
    /// Says why the result was cut, or that nothing matched, and what to try next.
    public var note: String?
    public var warnings: [String]
    public var infos: [String]
    /// The server that returned the result.
    public var server: String
}

/// One series of an instant vector.
public struct VectorSample: Sendable, Equatable, Codable {
    public var labels: [String: String]
    /// The float value as Prometheus wrote it (`"1.5"`, `"NaN"`, `"+Inf"`).
    public var value: String?
    /// The native histogram, for series that carry one instead of a float.
    public var histogram: NativeHistogram?

    public init(labels: [String: String], value: String?, histogram: NativeHistogram?) {
        self.labels = labels
        self.value = value
        self.histogram = histogram
    }
}
