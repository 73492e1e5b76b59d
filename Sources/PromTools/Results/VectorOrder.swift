import Foundation

/// The order in which the series of an instant vector are kept and shown.
enum VectorOrder: String, Sendable {
    /// Highest value first, then NaN, then series without a float value.
    case valueDescending = "value_desc"
    /// Lowest value first, for `bottomk`.
    case valueAscending = "value_asc"
    /// The server's order, for queries that sort their own result.
    case asReturned = "as_returned"

    private static let sortCall = try! NSRegularExpression(pattern: #"\bsort(_desc|_by_label(_desc)?)?\s*\("#)
    private static let bottomkCall = try! NSRegularExpression(pattern: #"\bbottomk\s*\("#)

    /// Chooses the order for `query`: the server's when the query calls a `sort` function,
    /// ascending for `bottomk`, and otherwise descending by value, so that a cut keeps the highest.
    static func choose(for query: String) -> VectorOrder {
        let range = NSRange(query.startIndex..., in: query)
        if sortCall.firstMatch(in: query, range: range) != nil { return .asReturned }
        if bottomkCall.firstMatch(in: query, range: range) != nil { return .valueAscending }
        return .valueDescending
    }

    /// Returns the rank of a series in this order: floats first, then NaN, then histograms.
    func rank(value: Double?, index: Int) -> SelectionRank {
        switch (self, value) {
        case (.asReturned, _): SelectionRank(group: 0, key: 0, index: index)
        case (_, nil): SelectionRank(group: 0, key: 0, index: index)
        case (_, .some(let value)) where value.isNaN: SelectionRank(group: 1, key: 0, index: index)
        case (.valueDescending, .some(let value)): SelectionRank(group: 2, key: value, index: index)
        case (.valueAscending, .some(let value)): SelectionRank(group: 2, key: -value, index: index)
        }
    }

    /// The phrase used in notes.
    var phrase: String {
        switch self {
        case .valueDescending: "highest values first"
        case .valueAscending: "lowest values first"
        case .asReturned: "in the server's order"
        }
    }
}
