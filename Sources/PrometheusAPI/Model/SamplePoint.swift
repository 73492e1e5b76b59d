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

    /// Parses a plain decimal such as `-12.375` exactly, or returns `nil` for any other form (an
    /// exponent, more than 15 digits), which the caller then parses in full.
    static func fastDecimal(_ text: String) -> Double? {
        // Native strings store UTF-8 contiguously; this avoids iterating the UTF-8 view.
        text.utf8.withContiguousStorageIfAvailable { ExactDecimal.parse(UnsafeRawBufferPointer($0)) } ?? nil
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
