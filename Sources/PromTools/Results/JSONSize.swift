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

    /// Returns the length of a number as JSON.
    static func number(_ value: Double) -> Int {
        JSONWriter.numberText(value).utf8.count
    }

    /// Returns the length of a series summary as an object, absent members left out.
    static func summary(_ summary: SeriesSummary) -> Int {
        var members: [Int] = [#""count":"#.utf8.count + number(Double(summary.count))]
        if let first = summary.first { members.append(#""first":"#.utf8.count + point(first)) }
        if let last = summary.last { members.append(#""last":"#.utf8.count + point(last)) }
        if let min = summary.min { members.append(#""min":"#.utf8.count + number(min)) }
        if let max = summary.max { members.append(#""max":"#.utf8.count + number(max)) }
        if let mean = summary.mean { members.append(#""mean":"#.utf8.count + number(mean)) }
        if let trend = summary.trend { members.append(#""trend":"#.utf8.count + string(trend)) }
        if let nonFinite = summary.nonFinite {
            let counts = nonFinite.reduce(1 + Swift.max(1, nonFinite.count)) { length, entry in
                length + string(entry.key) + 1 + number(Double(entry.value))
            }
            members.append(#""nonFinite":"#.utf8.count + counts)
        }
        if let histograms = summary.histograms {
            members.append(#""histograms":"#.utf8.count + number(Double(histograms)))
        }
        return members.reduce(1 + members.count, +)
    }

    /// Returns the length of a range series without points: `{"labels":{…},"summary":{…}}`.
    static func summarizedSeries(labels: [String: String], summary: SeriesSummary) -> Int {
        #"{"labels":,"summary":}"#.utf8.count + map(labels) + self.summary(summary)
    }
}
