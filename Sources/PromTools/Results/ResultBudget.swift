import Foundation
import PromLambdaCore

/// Fits the elements of a result into a size budget measured in bytes of compact JSON.
public enum ResultBudget {
    /// Bytes kept free for the note, counters and flags that are filled in after the data is cut.
    public static let noteReserve = 800

    /// Returns the size of `value` as compact JSON, in bytes.
    public static func size<T: Encodable>(of value: T) -> Int {
        (try? JSONEncoder.promlambda.encode(value).count) ?? 0
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
}
