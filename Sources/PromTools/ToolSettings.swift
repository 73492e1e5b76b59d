import Foundation

/// Limits and defaults that apply to every tool call, set once from configuration.
public struct ToolSettings: Sendable {
    /// The size of a result when the call sets no `max_bytes`, in bytes of JSON.
    /// About 8,000 tokens at four bytes a token, which leaves a model room for several calls.
    public var defaultMaxBytes: Int
    /// The largest `max_bytes` a call may ask for; well under Lambda's 6 MB response limit.
    public var maxMaxBytes: Int
    /// The longest PromQL expression accepted, in bytes.
    public var maxQueryLength: Int
    /// The range of a range query when the call gives no `start`, in seconds.
    public var defaultRangeSeconds: Double
    /// Points per series that an automatic step aims at, as promtool does.
    public var targetPointsPerSeries: Int
    /// Prometheus rejects range queries with more points per series than this.
    public var maxPointsPerSeries: Int

    public init(defaultMaxBytes: Int = 32_000, maxMaxBytes: Int = 1_000_000, maxQueryLength: Int = 64_000,
                defaultRangeSeconds: Double = 3_600, targetPointsPerSeries: Int = 250,
                maxPointsPerSeries: Int = 11_000) {
        self.defaultMaxBytes = defaultMaxBytes
        self.maxMaxBytes = maxMaxBytes
        self.maxQueryLength = maxQueryLength
        self.defaultRangeSeconds = defaultRangeSeconds
        self.targetPointsPerSeries = targetPointsPerSeries
        self.maxPointsPerSeries = maxPointsPerSeries
    }
}
