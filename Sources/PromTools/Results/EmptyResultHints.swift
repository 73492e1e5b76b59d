import Foundation

/// The checks made when a query returned no series, so that the caller can fix the query.
public struct EmptyResultHints: Sendable, Equatable, Codable {
    /// The time or range the query was evaluated at.
    public var evaluated: String
    /// The selector the checks were made for, as parsed from the query.
    public var selector: String?
    /// The range the checks covered, RFC 3339 in UTC: the evaluated time or range, widened by the
    /// selector's range or the default 5-minute lookback.
    public var checkedStart: String?
    public var checkedEnd: String?
    public var metric: String?
    /// Whether any series of `metric` exists in the checked range.
    public var metricExists: Bool?
    /// Metric names in the checked range that resemble `metric`, when it does not exist.
    public var similarMetrics: [String]?
    public var matchers: [MatcherCheck]?
    /// Matchers or steps that were not checked, each with the reason.
    public var notChecked: [String]?
    /// The reason no check was made at all.
    public var skippedReason: String?
    /// The extra requests sent to the server for these checks.
    public var requests: Int
}

/// The check of one label matcher against the values the label has.
public struct MatcherCheck: Sendable, Equatable, Codable {
    /// The matcher as written in the query, such as `room="kitchn"`.
    public var matcher: String
    /// How many of the label's values the matcher accepts.
    public var matchingValues: Int
    /// How many values the label has on the series checked.
    public var totalValues: Int
    /// Values the label does have, the closest to the matcher's value first; only when none match.
    public var existingValues: [String]?
}
