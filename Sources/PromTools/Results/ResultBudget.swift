import Foundation
import PromLambdaCore

/// Fits the elements of a result into a size budget measured in bytes of compact JSON.
public enum ResultBudget {
    /// Bytes kept free for the note, counters and flags that are filled in after the data is cut.
    public static let noteReserve = 800

    /// Returns the size of `value` as compact JSON, in bytes.
    public static func size<T: Encodable>(of value: T) -> Int {
        (try? JSONValue.encoding(value).serializedCount()) ?? 0
    }

    /// Returns how many leading elements of `items` fit in `maxBytes`, counting the comma between
    /// elements, and the bytes they take.
    public static func fittingPrefix<T: Encodable>(_ items: [T], maxBytes: Int) -> (count: Int, bytes: Int) {
        var used = 0
        for (index, item) in items.enumerated() {
            let cost = size(of: item) + (index == 0 ? 0 : 1)
            if used + cost > maxBytes { return (index, used) }
            used += cost
        }
        return (items.count, used)
    }

    /// Estimates the tokens in `bytes` of JSON: four bytes a token, the usual estimate for English
    /// text and JSON with common tokenizers.
    public static func estimatedTokens(bytes: Int) -> Int {
        (bytes + 3) / 4
    }

    /// Returns the room left for series in a result whose other fields are already set: the budget
    /// less those fields and ``noteReserve``, or a fifth of the budget when that is less.
    ///
    /// The room may turn out too large once the note, label counts and suggestions are added;
    /// ``finish(_:maxBytes:shrink:)`` then cuts series until the result fits.
    static func room<T: Encodable>(for skeleton: T, maxBytes: Int) -> Int {
        max(0, maxBytes - size(of: skeleton) - min(noteReserve, maxBytes / 5))
    }

    /// Returns the query as echoed in a result: whole, unless it takes more than a quarter of the
    /// budget, in which case its start and an ellipsis.
    static func echo(_ query: String, maxBytes: Int) -> String {
        let limit = maxBytes / 4
        guard query.utf8.count > limit else { return query }
        var kept = ""
        for character in query {
            if kept.utf8.count + character.utf8.count > limit - 3 { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// Removes the listed values from empty-result hints, the first thing to go when a result
    /// without series is over budget. Returns `false` when there are none.
    static func shrinkHints(_ hints: inout EmptyResultHints?) -> Bool {
        guard var shortened = hints,
              shortened.similarMetrics != nil || shortened.matchers?.contains(where: { $0.existingValues != nil }) == true
        else { return false }
        shortened.similarMetrics = nil
        shortened.matchers = shortened.matchers?.map { check in
            var check = check
            check.existingValues = nil
            return check
        }
        hints = shortened
        return true
    }

    /// Shortens the server's warnings, then the note, for results over budget that have nothing
    /// else left to cut. Returns `false` when nothing is left to shorten.
    static func shrinkMessages(_ note: inout String?, _ warnings: inout [String], excess: Int) -> Bool {
        if warnings.count > 1 || (warnings.first?.utf8.count ?? 0) > 200 {
            let count = warnings.count
            let counted = count == 1 ? "1 warning from the server was" : "\(count) warnings from the server were"
            warnings = ["\(counted) left out to stay within the byte budget."]
            return true
        }
        if let text = note, text.utf8.count > 200 {
            let keep = max(100, text.utf8.count - excess - 40)
            note = String(decoding: text.utf8.prefix(keep), as: UTF8.self) + " … (cut to fit the byte budget)"
            return true
        }
        return false
    }
}
