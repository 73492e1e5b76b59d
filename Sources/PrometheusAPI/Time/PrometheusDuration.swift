import Foundation

/// Parses Prometheus durations such as `1h30m`, `5m`, `250ms` and `1y`.
///
/// Units, largest first: `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`. Each unit appears at most
/// once and in that order, as in Prometheus' own `model.ParseDuration`.
public enum PrometheusDuration {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("y", 365 * 86_400), ("w", 7 * 86_400), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// Returns the duration in seconds, or `nil` when `text` is not a Prometheus duration.
    public static func seconds(_ text: String) -> Double? {
        var rest = Substring(text)
        var total = 0.0
        var nextUnitIndex = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // `ms` is the only two-letter unit, so it is tried before the one-letter ones.
            let suffix = rest.hasPrefix("ms") ? "ms" : String(rest.prefix(1))
            guard let index = units.firstIndex(where: { $0.suffix == suffix }), index >= nextUnitIndex else {
                return nil
            }
            let unit = units[index]
            total += number * unit.seconds
            rest = rest.dropFirst(unit.suffix.count)
            nextUnitIndex = index + 1
        }
        return total
    }

    /// Formats seconds as the shortest Prometheus duration, such as `1h30m` or `15s`.
    public static func format(_ seconds: Double) -> String {
        var milliseconds = Int64((seconds * 1000).rounded())
        if milliseconds == 0 { return "0s" }
        var text = ""
        for unit in units {
            let size = Int64((unit.seconds * 1000).rounded())
            if milliseconds >= size {
                text += "\(milliseconds / size)\(unit.suffix)"
                milliseconds %= size
            }
        }
        return text
    }
}
