import Foundation
import PrometheusAPI

/// One page of a sorted list of names or values, and the sentences that describe what else there is.
///
/// Shared by `list_metrics` and `label_values`: both list strings the server returns, filter them,
/// and show `limit` of them from `offset`.
struct NamePage {
    static let defaultLimit = 100
    static let maxLimit = 5_000

    var filter: MetricFilter?
    var limit: Int
    var offset: Int
    /// Every string the server listed.
    var total = 0
    /// The strings that match the filter, sorted.
    var matched: [String] = []

    init(_ arguments: ToolArguments) throws(ToolFailure) {
        filter = try arguments.optionalString("filter", maxLength: 1_000).map { text throws(ToolFailure) in
            try MetricFilter(text)
        }
        limit = try arguments.optionalInt("limit", range: 1...Self.maxLimit) ?? Self.defaultLimit
        offset = try arguments.optionalInt("offset", range: 0...Int(Int32.max)) ?? 0
    }

    static let argumentNames: Set<String> = ["filter", "limit", "offset"]

    /// Counts `name` and keeps it when it matches the filter.
    mutating func add(_ name: String) {
        total += 1
        if filter?.matches(name) ?? true { matched.append(name) }
    }

    /// Sorts the matching strings; Prometheus sends them sorted, other servers may not.
    mutating func finish() {
        matched.sort()
    }

    var page: ArraySlice<String> {
        matched.dropFirst(offset).prefix(limit)
    }

    /// Returns the offset of the page after the `shown` entries from `offset`, or `nil` when none follows.
    func nextOffset(shown: Int) -> Int? {
        offset + shown < matched.count ? offset + shown : nil
    }

    /// Says what is missing from the page: names cut to fit the budget, and further pages.
    /// - Parameter noun: the plural of what is listed, such as `metric names`.
    func note(shown: Int, noun: String, filterHint: String) -> String? {
        if matched.isEmpty {
            return filter.map { "No \(noun) match \"\($0.text)\" among \(total)." } ?? "The server returned no \(noun)."
        }
        if offset >= matched.count {
            return "offset \(offset) is past the last of \(matched.count) matching \(noun)."
        }
        var parts: [String] = []
        if shown < page.count {
            parts.append("Only \(shown) of the \(page.count) \(noun) on this page fit in the byte budget.")
        }
        if let next = nextOffset(shown: shown) {
            parts.append("\(matched.count - next) more match; call again with offset \(next)"
                         + (filter == nil ? ", or \(filterHint)." : "."))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Returns the ten most common prefixes of the matching strings, each up to and including the
    /// first `_`. Returns `nil` when the strings fit on one page.
    func prefixes() -> [NamePrefix]? {
        guard matched.count > limit || offset > 0 else { return nil }
        var counts: [String: Int] = [:]
        for name in matched {
            guard let underscore = name.firstIndex(of: "_") else { continue }
            counts[String(name[...underscore]), default: 0] += 1
        }
        let top = counts.map { NamePrefix(prefix: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.prefix) > ($1.count, $0.prefix) }
            .prefix(10)
        return top.count > 1 ? Array(top) : nil
    }

    /// Removes entries from the end of `items` worth at least `excess` bytes of JSON.
    static func shrink<T: Encodable>(_ items: inout [T], by excess: Int) -> Bool {
        var removed = 0
        while removed < excess, let last = items.popLast() { removed += ResultBudget.size(of: last) + 1 }
        return removed > 0
    }
}
