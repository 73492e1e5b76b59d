import PrometheusAPI
import PromLambdaCore

/// Computes the length of values as `JSONEncoder.promlambda` writes them, without encoding them.
///
/// Used to measure many small items quickly; ``ResultBudget/finish(_:maxBytes:shrink:)`` checks
/// the encoded result anyway, so a wrong count costs a cut, never an oversized result.
enum JSONSize {
    /// Returns the length of `text` as a JSON string, quotes included: `"` and `\` take two bytes,
    /// control characters two (`\n`, `\t` and the like) or six (`\u0001`), the rest their UTF-8 length.
    static func string(_ text: String) -> Int {
        JSONWriter.stringLength(text)
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

    /// Returns the length of a sample as `[timestamp,"value"]`.
    static func point(_ point: SamplePoint) -> Int {
        JSONWriter.numberText(point.timestamp).utf8.count + string(point.value) + 3
    }

    /// Returns the length of an array of samples, brackets and commas included.
    static func points(_ points: [SamplePoint]) -> Int {
        points.reduce(1 + max(1, points.count)) { $0 + point($1) }
    }
}
