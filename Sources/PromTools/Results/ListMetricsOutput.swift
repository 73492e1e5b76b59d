import Foundation

/// The result of the `list_metrics` tool: one page of metric names.
public struct ListMetricsOutput: Sendable, Equatable, Codable, SizedOutput {
    public var filter: String?
    /// The filter mode: `substring` or `regex`.
    public var filterMode: String?
    public var format: OutputFormat
    /// Every metric name on the server.
    public var totalMetrics: Int
    /// Names that match the filter.
    public var matchedMetrics: Int
    public var offset: Int
    public var limit: Int
    /// The page with type, help and unit (`summary` format).
    public var metrics: [MetricEntry]?
    /// The page of names only, without the metadata request (`raw` format).
    public var names: [String]?
    /// The page as an aligned text table (`table` format).
    public var table: String?
    /// The offset of the next page; absent on the last page.
    public var nextOffset: Int?
    /// The most common name prefixes among the matching names, when they span several pages: values
    /// to pass as `filter`.
    public var prefixes: [NamePrefix]?
    public var truncated: Bool
    public var note: String?
    public var warnings: [String]
    public var server: String
    public var size: ResultSize
}

/// A metric name prefix, up to and including its first `_`, and how many names start with it.
public struct NamePrefix: Sendable, Equatable, Codable {
    public var prefix: String
    public var count: Int
}

/// A metric name with its type, help and unit when the server has metadata for it.
public struct MetricEntry: Sendable, Equatable, Codable {
    public var name: String
    public var type: String?
    public var help: String?
    public var unit: String?

    public init(name: String, type: String? = nil, help: String? = nil, unit: String? = nil) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
    }
}
