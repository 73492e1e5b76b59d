import Foundation
import PrometheusAPI
import PromLambdaCore

/// The summary of one range series: its first and last samples, the minimum, maximum and mean,
/// and whether it rose or fell.
///
/// NaN, +Inf and -Inf samples are counted in `nonFinite` and left out of `min`, `max`, `mean`
/// and `trend`, which are computed over the finite samples only. `first` and `last` are the
/// series' first and last samples as Prometheus wrote them, whatever their value.
public struct SeriesSummary: Sendable, Equatable, Codable {
    /// The number of float samples.
    public var count: Int
    public var first: SamplePoint?
    public var last: SamplePoint?
    /// The smallest finite value; absent when no sample is finite.
    public var min: Double?
    /// The largest finite value; absent when no sample is finite.
    public var max: Double?
    /// The mean of the finite values, summed oldest first.
    public var mean: Double?
    /// `rising`, `falling` or `flat`: the last finite value against the first; absent with fewer
    /// than two finite samples.
    public var trend: String?
    /// Samples left out of min, max and mean, by value: `NaN`, `+Inf`, `-Inf`.
    public var nonFinite: [String: Int]?
    /// The number of native histogram samples, which the float statistics do not cover.
    public var histograms: Int?

    public init(samples: [SamplePoint], histogramCount: Int = 0) {
        count = samples.count
        first = samples.first
        last = samples.last
        histograms = histogramCount > 0 ? histogramCount : nil

        var sum = 0.0
        var finiteCount = 0
        var firstFinite: Double?
        var lastFinite: Double?
        var skipped: [String: Int] = [:]
        for sample in samples {
            guard let value = sample.doubleValue else { continue }
            guard value.isFinite else {
                skipped[value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf"), default: 0] += 1
                continue
            }
            min = Swift.min(min ?? value, value)
            max = Swift.max(max ?? value, value)
            sum += value
            finiteCount += 1
            if firstFinite == nil { firstFinite = value }
            lastFinite = value
        }
        mean = finiteCount > 0 ? sum / Double(finiteCount) : nil
        if let total = mean, !total.isFinite {
            // The sum of values near Double's limits overflowed; a running mean stays in range.
            mean = Self.runningMean(samples)
        }
        nonFinite = skipped.isEmpty ? nil : skipped
        if finiteCount >= 2, let firstFinite, let lastFinite {
            trend = lastFinite > firstFinite ? "rising" : (lastFinite < firstFinite ? "falling" : "flat")
        }
    }

    private static func runningMean(_ samples: [SamplePoint]) -> Double {
        var mean = 0.0
        var count = 0.0
        for sample in samples {
            guard let value = sample.doubleValue, value.isFinite else { continue }
            count += 1
            mean += (value - mean) / count
        }
        return mean
    }
}

// MARK: - JSONValueConvertible

extension SeriesSummary: JSONValueConvertible {
    /// The members `encode(to:)` writes, absent ones left out.
    public var jsonValue: JSONValue {
        var members = [String: JSONValue](minimumCapacity: 9)
        members["count"] = .number(Double(count))
        // Closures rather than key paths: a key path is resolved at run time on every call.
        members["first"] = first.map { $0.jsonValue }
        members["last"] = last.map { $0.jsonValue }
        members["min"] = min.map { .number($0) }
        members["max"] = max.map { .number($0) }
        members["mean"] = mean.map { .number($0) }
        members["trend"] = trend.map { .string($0) }
        members["nonFinite"] = nonFinite.map { .object($0.mapValues { .number(Double($0)) }) }
        members["histograms"] = histograms.map { .number(Double($0)) }
        return .object(members)
    }
}
