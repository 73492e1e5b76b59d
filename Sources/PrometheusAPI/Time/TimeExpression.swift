import Foundation
import PromLambdaCore

/// Parses the time forms agents send: RFC 3339, Unix seconds, `now`, `now-1h` and a bare
/// duration meaning that long before now.
public enum TimeExpression {
    /// Unix seconds above this are read as milliseconds or finer: 1e11 seconds is the year 5138.
    static let largestUnixSeconds = 1e11
    /// The maximum step or duration accepted: 100 years, far past any retention, so a typo is caught here
    /// instead of by Prometheus with a reformatted number.
    static let largestDurationSeconds = 100 * 365 * 86_400.0

    /// Parses `text` into a date, relative forms counted back from `now`.
    /// - Throws: ``TimeInputError`` naming `field`, the value and the accepted forms.
    public static func parse(_ text: String, now: Date, field: String) throws(TimeInputError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        if lowered == "now" { return now }
        if lowered.hasPrefix("now-") || lowered.hasPrefix("now+") {
            guard let seconds = PrometheusDuration.seconds(String(lowered.dropFirst(4))) else {
                throw TimeInputError(value: text, reason: .unrecognized, field: field)
            }
            let date = now.addingTimeInterval(lowered.hasPrefix("now-") ? -seconds : seconds)
            return try fromUnixSeconds(date.timeIntervalSince1970, original: text, field: field)
        }
        if let seconds = Double(trimmed), trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            return try fromUnixSeconds(seconds, original: text, field: field)
        }
        if let seconds = PrometheusDuration.seconds(trimmed) {
            return try fromUnixSeconds(now.addingTimeInterval(-seconds).timeIntervalSince1970, original: text,
                                       field: field)
        }
        return try parseRFC3339(trimmed, original: text, field: field)
    }

    /// Checks a Unix time given as a JSON number.
    public static func fromUnixSeconds(_ seconds: Double, original: String? = nil, field: String)
        throws(TimeInputError) -> Date
    {
        let shown = original ?? PrometheusClient.formatSeconds(seconds)
        guard seconds.isFinite else { throw TimeInputError(value: shown, reason: .outOfRange, field: field) }
        guard seconds >= 0 else { throw TimeInputError(value: shown, reason: .negative, field: field) }
        if seconds > largestUnixSeconds {
            throw TimeInputError(value: shown, reason: seconds < 1e14 ? .milliseconds : .microsecondsOrNanoseconds,
                                 field: field)
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space separator are accepted too.
    static func parseRFC3339(_ text: String, original: String, field: String) throws(TimeInputError) -> Date {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

        guard let year = number(0..<4), byte(at: 4) == UInt8(ascii: "-"), let month = number(5..<7),
              byte(at: 7) == UInt8(ascii: "-"), let day = number(8..<10)
        else { throw TimeInputError(value: original, reason: .unrecognized, field: field) }
        guard bytes.count > 10 else { throw TimeInputError(value: original, reason: .missingTimeZone, field: field) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
              let hour = number(11..<13), byte(at: 13) == UInt8(ascii: ":"), let minute = number(14..<16),
              byte(at: 16) == UInt8(ascii: ":"), let second = number(17..<19)
        else { throw TimeInputError(value: original, reason: .unrecognized, field: field) }

        var index = 19
        var fraction = 0.0
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while let digit = byte(at: index), digit >= 48, digit <= 57 {
                fraction += Double(digit - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw TimeInputError(value: original, reason: .unrecognized, field: field) }
        }

        var offsetSeconds = 0
        switch byte(at: index) {
        case nil:
            throw TimeInputError(value: original, reason: .missingTimeZone, field: field)
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHours = number(index + 1..<index + 3), byte(at: index + 3) == UInt8(ascii: ":"),
                  let offsetMinutes = number(index + 4..<index + 6), offsetHours < 24, offsetMinutes < 60
            else { throw TimeInputError(value: original, reason: .unrecognized, field: field) }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            throw TimeInputError(value: original, reason: .unrecognized, field: field)
        }
        guard index == bytes.count, (1...12).contains(month), (1...CivilTime.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 61
        else { throw TimeInputError(value: original, reason: .unrecognized, field: field) }

        let civil = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let seconds = Double(civil.epochSeconds - Int64(offsetSeconds)) + fraction
        return try fromUnixSeconds(seconds, original: original, field: field)
    }

    /// Parses a step or duration: a Prometheus duration or a number of seconds, greater than zero.
    public static func parseDuration(_ text: String, field: String) throws(TimeInputError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let seconds: Double
        if let number = Double(trimmed), trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            seconds = number
        } else if let parsed = PrometheusDuration.seconds(trimmed) {
            seconds = parsed
        } else {
            throw TimeInputError(value: text, reason: .unrecognized, field: field)
        }
        guard seconds.isFinite, seconds <= largestDurationSeconds else {
            throw TimeInputError(value: text, reason: .outOfRange, field: field)
        }
        guard seconds > 0 else { throw TimeInputError(value: text, reason: .notPositive, field: field) }
        return seconds
    }
}
