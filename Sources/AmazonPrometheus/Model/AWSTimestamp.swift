import Foundation

/// Decoding of the AWS `timestamp` type in JSON bodies.
///
/// rest-json services send a timestamp without an explicit format as epoch seconds, possibly fractional, such as
/// `1700000000.123`. Some front ends and older SDK fixtures send ISO 8601 strings instead, so both are accepted.
enum AWSTimestamp {
    static func decode<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Date {
        if let seconds = try? container.decode(Double.self, forKey: key) {
            return Date(timeIntervalSince1970: seconds)
        }
        let text: String
        do {
            text = try container.decode(String.self, forKey: key)
        } catch {
            throw DecodingError.typeMismatch(Date.self, DecodingError.Context(
                codingPath: container.codingPath + [key],
                debugDescription: "Expected epoch seconds or an ISO 8601 string."))
        }
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "Invalid timestamp \"\(text)\"; expected epoch seconds or ISO 8601.")
        }
        return date
    }

    /// Parses epoch seconds given as a string, or ISO 8601 with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) {
            return Date(timeIntervalSince1970: seconds)
        }
        // ISO8601DateFormatter is not Sendable, so each call makes its own; timestamps are decoded rarely.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: trimmed) {
            return date
        }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: trimmed)
    }
}
