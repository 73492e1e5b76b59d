import Foundation

/// The current time and a way to wait, injected so that tests control both.
public protocol TimeSource: Sendable {
    var now: Date { get }
    /// Suspends the task; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

public struct SystemTimeSource: TimeSource {
    public init() {}
    public var now: Date { Date() }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    }
}

/// RFC 3339 timestamps in UTC, the form Prometheus and AWS both accept.
public enum RFC3339 {
    /// Formats a date as `2026-12-04T20:03:52Z`, or with `fractionalDigits` digits of seconds.
    public static func format(_ date: Date, fractionalDigits: Int = 0) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let civil = CivilTime(epochSeconds: Int64(whole))
        // Built digit by digit: `String(format:)` cost more than the rest of a long text result.
        var text: [UInt8] = []
        text.reserveCapacity(21 + fractionalDigits)
        appendDigits(civil.year, width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(civil.month, width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(civil.day, width: 2, to: &text)
        text.append(UInt8(ascii: "T"))
        appendDigits(civil.hour, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(civil.minute, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(civil.second, width: 2, to: &text)
        if fractionalDigits > 0 {
            let scale = pow(10.0, Double(fractionalDigits))
            let fraction = min(Int(((seconds - whole) * scale).rounded()), Int(scale) - 1)
            text.append(UInt8(ascii: "."))
            appendDigits(fraction, width: fractionalDigits, to: &text)
        }
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `value` in decimal, padded with zeros to `width` digits, as `%0Nd` does. A negative
    /// value gets a leading `-`, and a value wider than `width` keeps all its digits.
    private static func appendDigits(_ value: Int, width: Int, to text: inout [UInt8]) {
        if value < 0 { text.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        var digitCount = 1
        while magnitude / divisor >= 10 {
            divisor *= 10
            digitCount += 1
        }
        let padding = max(0, width - (value < 0 ? 1 : 0) - digitCount)
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: padding))
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }
}

/// A UTC calendar date and time of day, computed from Unix seconds without a `Calendar`.
public struct CivilTime: Sendable, Equatable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Converts Unix seconds with Howard Hinnant's days-to-civil algorithm
    /// (https://howardhinnant.github.io/date_algorithms.html#civil_from_days).
    public init(epochSeconds: Int64) {
        let days = Int(epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400)
        let secondOfDay = Int(epochSeconds - Int64(days) * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
    }
}

extension CivilTime {
    /// Unix seconds of this UTC date and time, by Howard Hinnant's days-from-civil algorithm.
    public var epochSeconds: Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = Int64(era * 146_097 + dayOfEra - 719_468)
        return days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
