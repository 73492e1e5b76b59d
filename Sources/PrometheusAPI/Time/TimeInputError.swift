/// A time, duration or step argument that could not be used, with the value and the accepted forms.
public struct TimeInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unrecognized
        case missingTimeZone
        case milliseconds
        case microsecondsOrNanoseconds
        case negative
        case notPositive
        case outOfRange
    }

    public var value: String
    public var reason: Reason
    /// The argument the value was given for (`time`, `start`, `step`), named in the message.
    public var field: String

    public init(value: String, reason: Reason, field: String) {
        self.value = value
        self.reason = reason
        self.field = field
    }

    public static let acceptedTimeForms =
        "RFC 3339 with a zone (2026-01-01T00:00:00Z, 2026-01-01T02:00:00.5+02:00), Unix seconds (1767225600 "
        + "or 1767225600.5), now, now-1h, or a duration meaning that long ago (15m)"

    public static let acceptedDurationForms = "a Prometheus duration (30s, 5m, 1h30m) or a number of seconds (15, 0.5)"

    public var description: String {
        switch reason {
        case .unrecognized where field == "step" || field.hasSuffix("duration"):
            "Invalid \(field) \"\(value)\": expected \(Self.acceptedDurationForms)."
        case .unrecognized:
            "Invalid \(field) \"\(value)\": expected \(Self.acceptedTimeForms)."
        case .missingTimeZone:
            "Invalid \(field) \"\(value)\": the time has no zone; add Z for UTC or an offset such as +02:00."
        case .milliseconds:
            "Invalid \(field) \"\(value)\": this looks like Unix milliseconds; send seconds (divide by 1000)."
        case .microsecondsOrNanoseconds:
            "Invalid \(field) \"\(value)\": this looks like Unix microseconds or nanoseconds; send seconds."
        case .negative:
            "Invalid \(field) \"\(value)\": times before 1970 are not accepted."
        case .notPositive:
            "Invalid \(field) \"\(value)\": it must be greater than zero."
        case .outOfRange:
            "Invalid \(field) \"\(value)\": the value is out of range (durations up to 100 years are accepted)."
        }
    }
}
