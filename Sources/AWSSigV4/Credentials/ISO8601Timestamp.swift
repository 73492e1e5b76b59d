import Foundation

/// A parser for the ISO 8601 times that credential sources give as expiry, such as `2026-01-31T12:00:00Z`.
enum ISO8601Timestamp {
    /// Returns the date, or `nil` when `text` is not an ISO 8601 date and time with a zone, with or without
    /// fractional seconds.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) {
            return date
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
