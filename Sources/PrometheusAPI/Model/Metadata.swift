import Foundation

/// One entry of `/api/v1/metadata`: a metric's type, help text and unit.
public struct MetricMetadata: Sendable, Equatable, Codable {
    public var type: String
    public var help: String
    public var unit: String

    public init(type: String, help: String, unit: String) {
        self.type = type
        self.help = help
        self.unit = unit
    }
}

/// One scrape target of `/api/v1/targets`.
public struct ScrapeTarget: Sendable, Equatable, Codable {
    public var labels: [String: String]
    public var scrapePool: String?
    public var scrapeUrl: String?
    public var health: String
    public var lastError: String?
    public var lastScrape: String?

    public init(labels: [String: String], scrapePool: String? = nil, scrapeUrl: String? = nil, health: String,
                lastError: String? = nil, lastScrape: String? = nil) {
        self.labels = labels
        self.scrapePool = scrapePool
        self.scrapeUrl = scrapeUrl
        self.health = health
        self.lastError = lastError
        self.lastScrape = lastScrape
    }
}

/// The `data` of `/api/v1/targets`.
public struct TargetsResult: Sendable, Equatable, Codable {
    public var activeTargets: [ScrapeTarget]
    public var droppedTargets: [DroppedTarget]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        activeTargets = try container.decodeIfPresent([ScrapeTarget].self, forKey: .activeTargets) ?? []
        droppedTargets = try container.decodeIfPresent([DroppedTarget].self, forKey: .droppedTargets) ?? []
    }
}

/// A target that relabelling dropped; only its labels before relabelling are reported.
public struct DroppedTarget: Sendable, Equatable, Codable {
    public var discoveredLabels: [String: String]
}

/// The `data` of `/api/v1/status/config`.
public struct ConfigResult: Sendable, Equatable, Codable {
    /// The loaded configuration file as YAML text.
    public var yaml: String
}
