import Foundation
import PrometheusAPI
import PromLambdaCore

/// The result of the `query` tool: an instant query evaluated at one time.
public struct QueryOutput: Sendable, Equatable, Codable, SizedOutput {
    public var query: String
    /// The evaluation time, RFC 3339 in UTC.
    public var time: String
    public var resultType: String
    public var format: OutputFormat
    /// The order of `series` or of the table rows: `value_desc`, `value_asc` or `as_returned`.
    public var order: String?
    /// The series of a vector result, within the budget (`summary` format).
    public var series: [VectorSample]?
    /// The series of a range-vector selector such as `up[5m]`, within the budget (`summary` format).
    public var matrix: [RangeSeriesOutput]?
    /// The elements of `result` as Prometheus sent them, whole, while they fit (`raw` format).
    public var result: [JSONValue]?
    /// The series as an aligned text table (`table` format).
    public var table: String?
    /// The value of a scalar or string result.
    public var value: String?
    /// How many series Prometheus returned.
    public var totalSeries: Int
    /// How many series this result carries; fewer than `totalSeries` when cut.
    public var returnedSeries: Int
    public var truncated: Bool
    /// The distinct values of each label across all series, when series were left out.
    public var labelCardinality: [LabelCardinality]?
    /// Narrower queries, when series were left out.
    public var suggestions: [QuerySuggestion]?
    /// The checks made when nothing matched.
    public var hints: EmptyResultHints?
    /// Says why the result was cut, or that nothing matched, and what to try next.
    public var note: String?
    public var warnings: [String]
    public var infos: [String]
    /// The server that returned the result.
    public var server: String
    public var size: ResultSize
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

// MARK: - JSONValueConvertible

extension VectorSample: JSONValueConvertible {
    /// The members `encode(to:)` writes, absent ones left out.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["labels": labels.jsonValue]
        members["value"] = value.map { .string($0) }
        // Native histograms are rare. They contain only strings and integers, so encoding them cannot
        // throw, and `try?` drops nothing.
        members["histogram"] = histogram.flatMap { try? JSONValue.encoding($0) }
        return .object(members)
    }
}
