import Foundation

/// Reads the media types of `Accept` and `Content-Type` headers (RFC 9110, sections 12.5.1
/// and 8.3), as far as the streamable HTTP transport needs them.
enum MediaType {
    /// Returns whether an `Accept` value admits `application/json`.
    ///
    /// `application/json`, `application/*` and `*/*` all admit it, unless their `q` weight is 0.
    /// A missing header is handled by the caller.
    static func accepts(json accept: String) -> Bool {
        accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";")
            guard let type = parts.first.map(normalized) else { return false }
            guard ["application/json", "application/*", "*/*"].contains(type) else { return false }
            return weight(of: parts.dropFirst()) > 0
        }
    }

    /// Returns whether a `Content-Type` value is `application/json`, with or without parameters such as
    /// `charset=utf-8`.
    static func isJSON(contentType: String) -> Bool {
        contentType.split(separator: ";").first.map(normalized) == "application/json"
    }

    /// Reads the `q` parameter of a media range, which is 1 when absent or unreadable.
    private static func weight(of parameters: ArraySlice<Substring>) -> Double {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, normalized(pair[0]) == "q" else { continue }
            return Double(normalized(pair[1])) ?? 1
        }
        return 1
    }

    private static func normalized(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
