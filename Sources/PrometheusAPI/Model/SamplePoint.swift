import Foundation
import PromLambdaCore

/// One float sample: a Unix timestamp in seconds and the value as Prometheus wrote it.
///
/// The value stays a string (`"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`) so nothing is lost or
/// reformatted on the way through; ``doubleValue`` parses it when arithmetic is needed.
public struct SamplePoint: Sendable, Equatable {
    public var timestamp: Double
    public var value: String

    public init(timestamp: Double, value: String) {
        self.timestamp = timestamp
        self.value = value
    }

    /// The value as a number; `NaN`, `+Inf` and `-Inf` map to their `Double` counterparts.
    public var doubleValue: Double? {
        // Most values are plain decimals, so the fast path goes before the string comparisons.
        if let decimal = Self.fastDecimal(value) { return decimal }
        return switch value {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(value)
        }
    }

    /// Parses a plain decimal such as `-12.375` exactly, without `strtod`, or returns `nil` for any
    /// other form (an exponent, more than 15 digits), which the caller then parses in full.
    ///
    /// A mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, so their one
    /// correctly rounded quotient is the correctly rounded value of the decimal.
    static func fastDecimal(_ text: String) -> Double? {
        // Native strings store UTF-8 contiguously; this avoids iterating the UTF-8 view.
        text.utf8.withContiguousStorageIfAvailable(fastDecimal(utf8:)) ?? nil
    }

    private static func fastDecimal(utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var index = 0
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { index = 1 }
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
                seenPoint = true
            } else {
                return nil
            }
        }
        // "1." and "-" are not numbers this path reads; the full parser decides about them.
        guard digits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        let magnitude = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / Self.powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// 10^0 through 10^15, each exact as a `Double`.
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}

// MARK: - Codable

extension SamplePoint: Codable {
    /// Decodes Prometheus' `[<unix seconds>, "<value>"]` pair.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        timestamp = try container.decode(Double.self)
        value = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(timestamp)
        try container.encode(value)
    }
}

/// One native histogram sample, decoded so that responses with native histograms do not fail.
public struct HistogramPoint: Sendable, Equatable, Codable {
    public var timestamp: Double
    public var histogram: NativeHistogram

    public init(timestamp: Double, histogram: NativeHistogram) {
        self.timestamp = timestamp
        self.histogram = histogram
    }

    /// Decodes Prometheus' `[<unix seconds>, {"count": …, "sum": …, "buckets": […]}]` pair.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        timestamp = try container.decode(Double.self)
        histogram = try container.decode(NativeHistogram.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(timestamp)
        try container.encode(histogram)
    }
}

/// A native histogram's count, sum and buckets, values kept as Prometheus wrote them.
public struct NativeHistogram: Sendable, Equatable, Codable {
    public var count: String
    public var sum: String
    /// Each bucket: boundary rule (0–3), lower bound, upper bound, count.
    public var buckets: [HistogramBucket]?

    public init(count: String, sum: String, buckets: [HistogramBucket]? = nil) {
        self.count = count
        self.sum = sum
        self.buckets = buckets
    }
}

/// One native histogram bucket: `[<boundary rule>, "<lower>", "<upper>", "<count>"]`.
public struct HistogramBucket: Sendable, Equatable, Codable {
    /// 0: open left, 1: open right, 2: open both, 3: closed both.
    public var boundaryRule: Int
    public var lower: String
    public var upper: String
    public var count: String

    public init(boundaryRule: Int, lower: String, upper: String, count: String) {
        self.boundaryRule = boundaryRule
        self.lower = lower
        self.upper = upper
        self.count = count
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        boundaryRule = try container.decode(Int.self)
        lower = try container.decode(String.self)
        upper = try container.decode(String.self)
        count = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(boundaryRule)
        try container.encode(lower)
        try container.encode(upper)
        try container.encode(count)
    }
}

// MARK: - JSONValueConvertible

extension SamplePoint: JSONValueConvertible {
    /// The pair `[<unix seconds>, "<value>"]`, as ``encode(to:)`` writes it.
    public var jsonValue: JSONValue { .array([.number(timestamp), .string(value)]) }
}
