import Foundation

/// The time by which an invocation must finish, and where that time came from.
public struct InvocationDeadline: Sendable, Equatable {
    /// The reason the `Lambda-Runtime-Deadline-Ms` header was not used.
    public enum DefaultReason: String, Sendable, Equatable {
        case missing
        /// The value is not a string of decimal digits.
        case notANumber
        /// The value lies further in the past than the clock skew tolerance.
        case inThePast
        /// The value lies further ahead than Lambda's 15-minute maximum timeout plus the tolerance.
        case tooFarAhead
    }

    public var date: Date
    /// The reason the deadline was defaulted; `nil` when it came from the header.
    public var defaultReason: DefaultReason?

    public var isDefaulted: Bool { defaultReason != nil }

    public init(date: Date, defaultReason: DefaultReason? = nil) {
        self.date = date
        self.defaultReason = defaultReason
    }

    /// Parses a `Lambda-Runtime-Deadline-Ms` value, Unix epoch milliseconds.
    ///
    /// A missing, non-numeric or implausible value gives `now + defaultTimeout` instead, with the
    /// reason recorded. A value is implausible when it lies more than `tolerance` seconds in the past,
    /// or more than 900 seconds (Lambda's maximum function timeout) plus `tolerance` ahead.
    /// - Parameters:
    ///   - header: the header value, or `nil` when the header is absent.
    ///   - defaultTimeout: seconds from `now` used when the header cannot be used.
    ///   - tolerance: seconds of clock difference accepted on either side.
    public static func parse(header: String?, now: Date, defaultTimeout: Double, tolerance: Double) -> Self {
        let fallback = now.addingTimeInterval(defaultTimeout)
        guard let header else {
            return InvocationDeadline(date: fallback, defaultReason: .missing)
        }
        let digits = header.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let milliseconds = UInt64(digits)
        else {
            return InvocationDeadline(date: fallback, defaultReason: .notANumber)
        }

        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        let secondsAhead = date.timeIntervalSince(now)
        if secondsAhead < -tolerance {
            return InvocationDeadline(date: fallback, defaultReason: .inThePast)
        }
        if secondsAhead > RuntimeAPI.maximumFunctionTimeout + tolerance {
            return InvocationDeadline(date: fallback, defaultReason: .tooFarAhead)
        }
        return InvocationDeadline(date: date)
    }
}
