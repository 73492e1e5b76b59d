/// Computes the length of values as `JSONEncoder.promlambda` writes them, without encoding them.
///
/// Used to measure many small items quickly; ``ResultBudget/finish(_:maxBytes:shrink:)`` checks
/// the encoded result anyway, so a wrong count costs a cut, never an oversized result.
enum JSONSize {
    /// Returns the length of `text` as a JSON string, quotes included: `"` and `\` take two bytes,
    /// control characters two (`\n`, `\t` and the like) or six (`\u0001`), the rest their UTF-8 length.
    static func string(_ text: String) -> Int {
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
            case ..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    /// Returns the length of a string-to-string object such as a label set.
    static func map(_ map: [String: String]) -> Int {
        guard !map.isEmpty else { return 2 }
        var length = 1 + map.count  // the braces, and a comma between members
        for (key, value) in map {
            length += string(key) + 1 + string(value)
        }
        return length
    }
}
