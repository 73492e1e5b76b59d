import Foundation

/// How many distinct values one label has across all series of a result.
public struct LabelCardinality: Sendable, Equatable, Codable {
    public var label: String
    /// Distinct values of the label; a lower bound when `capped` is set.
    public var values: Int
    /// How many series carry the label.
    public var series: Int
    /// The first few values seen, for writing a matcher; left out when the budget is small.
    public var examples: [String]?
    /// Set when counting stopped at ``LabelCardinalityCounter/maxTrackedValues``.
    public var capped: Bool?
}

/// Counts the distinct values of every label, and the series that would remain after summing each
/// label away, one series at a time.
///
/// Memory grows with the distinct values and label sets seen, never with the samples, and each
/// label stops tracking at ``maxTrackedValues`` values.
struct LabelCardinalityCounter {
    static let maxTrackedValues = 100_000
    static let exampleCount = 3

    private struct LabelStats {
        var values: Set<String> = []
        var examples: [String] = []
        var series = 0
        var capped = false
        /// Hashes of the series' label sets without `__name__` and without this label.
        var groupsWithout: Set<Int> = []
    }

    private var labels: [String: LabelStats] = [:]
    private(set) var seriesCount = 0

    mutating func add(_ labelSet: [String: String]) {
        seriesCount += 1
        // Each pair hashes on its own and the set hash is their wrapping sum, so the hash of the set
        // without one label is the sum less that pair's hash: one pass, whatever the label count.
        var pairHashes: [String: Int] = [:]
        var setHash = 0
        for (name, value) in labelSet where name != "__name__" {
            var hasher = Hasher()
            hasher.combine(name)
            hasher.combine(value)
            let hash = hasher.finalize()
            pairHashes[name] = hash
            setHash = setHash &+ hash
        }
        for (name, value) in labelSet {
            // The default subscript changes the stored stats in place, without copying their sets.
            Self.count(value, groupHash: pairHashes[name].map { setHash &- $0 },
                       into: &labels[name, default: LabelStats()])
        }
    }

    private static func count(_ value: String, groupHash: Int?, into stats: inout LabelStats) {
        stats.series += 1
        guard !stats.capped else { return }
        if stats.values.insert(value).inserted, stats.examples.count < exampleCount {
            stats.examples.append(value)
        }
        if let groupHash { stats.groupsWithout.insert(groupHash) }
        if stats.values.count >= maxTrackedValues { stats.capped = true }
    }

    /// Returns every label, the most distinct values first, then by name.
    func cardinality() -> [LabelCardinality] {
        labels.map { name, stats in
            LabelCardinality(label: name, values: stats.values.count, series: stats.series, examples: stats.examples,
                             capped: stats.capped ? true : nil)
        }.sorted { ($0.values, $1.label) > ($1.values, $0.label) }
    }

    /// Returns how many series `sum without (label) (...)` would return, or `nil` when the count
    /// was capped. Series without the label keep their own group, so they are added as they are.
    func seriesCount(without label: String) -> Int? {
        guard let stats = labels[label], !stats.capped else { return nil }
        return stats.groupsWithout.count + (seriesCount - stats.series)
    }
}
