import Foundation

/// The result of the `list_metrics` tool: one page of metric names.
public struct ListMetricsOutput: Sendable, Equatable, Codable {
    public var filter: String?
    /// The filter mode: `substring` or `regex`.
    public var filterMode: String?
    /// Every metric name on the server.
    public var totalMetrics: Int
    /// Names that match the filter.
    public var matchedMetrics: Int
    public var offset: Int
    public var limit: Int
    public var metrics: [MetricEntry]
    /// The `offset` of the next page; absent on the last page.
    public var nextOffset: Int?
    public var truncated: Bool
    public var note: String?
    public var warnings: [String]
    public var server: String
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
