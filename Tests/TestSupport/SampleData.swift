import Foundation

/// The fixed data set that the test Prometheus serves, and the exact value of every sample in it.
///
/// Every series has one sample each ``step`` seconds from ``start`` on, ``sampleCount`` in all,
/// except `demo_wide_gauge`, which has one sample each ``wideStep`` seconds so that the larger
/// sizes stay quick to backfill. The window ends in the past, so the live samples of the
/// server's self-scrape never fall inside it, and queries made at ``evaluationTime`` return the
/// same result on every run.
///
/// The metrics, in the order they are written:
/// - `demo_http_requests_total{job="demo", instance, method, status}`, a counter with 8 series
///   that grows by ``requestRate(instance:method:status:)`` per second from 0 at ``start``.
/// - `demo_temperature_celsius{room}`, a gauge with 4 series, among them the non-ASCII value
///   `café` and `lab+annex`, a value that a `+` left unencoded in a URL turns into a space.
///   See ``temperature(room:at:)``.
/// - `demo_special_values`, a gauge with no labels whose samples cycle through a finite value,
///   NaN, +Inf and -Inf. See ``specialValue(at:)``.
/// - `demo_wide_gauge{series="0"...}`, a gauge with ``wideSeriesCount`` series for tests of
///   large results. See ``wideValue(series:at:)``.
///
/// The expected-value functions take any time in the window and return the value of the latest
/// sample at or before it. An instant query at that time returns the same value, as long as the
/// time is within Prometheus' lookback window (5 minutes by default) of that sample.
public struct SampleData: Sendable, Hashable {
    /// The number of `demo_wide_gauge` series.
    public var wideSeriesCount: Int
    /// Seconds between two `demo_wide_gauge` samples: a positive multiple of ``step``.
    public var wideStep: Int
    /// Samples per series of the other metrics, ``step`` seconds apart.
    public var sampleCount: Int

    /// Creates the data set of a standard size, covering the full ``window``.
    public init(size: Size) {
        self.init(wideSeriesCount: size.wideSeriesCount, wideStep: size.wideStep)
    }

    /// Creates a data set of any shape, for tests of the generator itself.
    ///
    /// - Precondition: `wideSeriesCount >= 0`, `sampleCount >= 1`, and `wideStep` is a positive
    ///   multiple of ``step``.
    public init(wideSeriesCount: Int, wideStep: Int = SampleData.step, sampleCount: Int = SampleData.standardSampleCount) {
        precondition(wideSeriesCount >= 0, "wideSeriesCount must not be negative, got \(wideSeriesCount)")
        precondition(sampleCount >= 1, "sampleCount must be at least 1, got \(sampleCount)")
        precondition(wideStep > 0 && wideStep % Self.step == 0,
                     "wideStep must be a positive multiple of \(Self.step) s, got \(wideStep)")
        self.wideSeriesCount = wideSeriesCount
        self.wideStep = wideStep
        self.sampleCount = sampleCount
    }
}

// MARK: - Time window

extension SampleData {
    /// The time of the first sample of every series: 2026-01-01T00:00:00Z, in Unix seconds.
    ///
    /// It is a multiple of 2 hours, so promtool, which cuts blocks at multiples of 2 hours since
    /// the Unix epoch, writes the standard window as one block.
    public static let startUnixSeconds = 1_767_225_600
    /// Seconds between two samples of a series.
    public static let step = 15
    /// Samples per series in the standard window: 2 hours at 15 s.
    public static let standardSampleCount = 480
    /// The length of the standard window in seconds, 2 hours. The last sample lies one ``step`` before its end.
    public static let window = standardSampleCount * step
    /// The time at which tests query the data: 2026-01-01T01:00:00Z, the middle of the window.
    ///
    /// It is a sample time of every metric in every size, and more than 5 minutes from both ends
    /// of the window, so the 5-minute range of `rate(...[5m])` lies inside the data.
    public static let evaluationUnixSeconds = startUnixSeconds + 3_600

    /// 2026-01-01T00:00:00Z, the time of the first sample.
    public static let start = Date(timeIntervalSince1970: TimeInterval(startUnixSeconds))
    /// 2026-01-01T01:00:00Z, the time at which tests query the data.
    public static let evaluationTime = Date(timeIntervalSince1970: TimeInterval(evaluationUnixSeconds))
    /// 2026-01-01T01:59:45Z, the time of the last sample in the standard window.
    public static let lastSampleTime = Date(timeIntervalSince1970: TimeInterval(startUnixSeconds + window - step))

    /// The time of a `demo_special_values` sample of NaN: ``evaluationTime`` + 15 s.
    public static let nanTime = Date(timeIntervalSince1970: TimeInterval(evaluationUnixSeconds + step))
    /// The time of a `demo_special_values` sample of +Inf: ``evaluationTime`` + 30 s.
    public static let positiveInfinityTime = Date(timeIntervalSince1970: TimeInterval(evaluationUnixSeconds + 2 * step))
    /// The time of a `demo_special_values` sample of -Inf: ``evaluationTime`` + 45 s.
    public static let negativeInfinityTime = Date(timeIntervalSince1970: TimeInterval(evaluationUnixSeconds + 3 * step))

    /// Returns the time of the last sample of a series sampled every `interval` seconds, at or before `time`.
    ///
    /// Times before ``start`` return ``start``. Times after the window are not clamped, so
    /// callers should keep `time` inside it.
    public static func sampleTime(atOrBefore time: Date, interval: Int = step) -> Date {
        Date(timeIntervalSince1970: TimeInterval(sampleUnixSeconds(atOrBefore: time, interval: interval)))
    }

    /// Returns the index of the last sample at or before `time` of a series sampled every `interval` seconds.
    static func sampleIndex(atOrBefore time: Date, interval: Int = step) -> Int {
        let elapsed = time.timeIntervalSince1970 - TimeInterval(startUnixSeconds)
        guard elapsed > 0 else { return 0 }
        return Int((elapsed / TimeInterval(interval)).rounded(.down))
    }

    static func sampleUnixSeconds(atOrBefore time: Date, interval: Int) -> Int {
        startUnixSeconds + sampleIndex(atOrBefore: time, interval: interval) * interval
    }
}
