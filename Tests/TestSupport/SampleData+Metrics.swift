import Foundation

// MARK: - Sizes

extension SampleData {
    /// The standard data sets: small for functional tests, medium and large for benchmarks.
    public enum Size: String, Sendable, CaseIterable, Hashable {
        /// 10 wide series at 15 s: 23 series in all.
        case small
        /// 1,000 wide series at 60 s: 1,013 series in all.
        case medium
        /// 20,000 wide series at 300 s: 20,013 series in all.
        case large

        /// The number of `demo_wide_gauge` series.
        public var wideSeriesCount: Int {
            switch self {
            case .small: 10
            case .medium: 1_000
            case .large: 20_000
            }
        }

        /// Seconds between two `demo_wide_gauge` samples.
        ///
        /// The larger sizes sample less often because promtool's backfill time grows with the
        /// sample count: 2.4 million samples took 9 s on a 2-core machine, so 20,000 series at
        /// 15 s would take over half a minute.
        public var wideStep: Int {
            switch self {
            case .small: 15
            case .medium: 60
            case .large: 300
            }
        }
    }

    /// The number of series of all metrics together.
    public var seriesCount: Int {
        RequestSeries.all.count + Room.allCases.count + 1 + wideSeriesCount
    }
}

// MARK: - demo_http_requests_total

extension SampleData {
    public static let requestsMetric = "demo_http_requests_total"
    /// The value of the `job` label of `demo_http_requests_total`.
    public static let requestsJob = "demo"

    /// The values of the `instance` label of `demo_http_requests_total`.
    public enum Instance: String, Sendable, CaseIterable, Hashable {
        case app1 = "app-1:8080"
        case app2 = "app-2:8080"

        /// The factor by which this instance's request rates exceed those of `app-1:8080`.
        var rateFactor: Double {
            switch self {
            case .app1: 1
            case .app2: 2
            }
        }
    }

    /// The values of the `method` label of `demo_http_requests_total`.
    public enum Method: String, Sendable, CaseIterable, Hashable {
        case get = "GET"
        case post = "POST"
    }

    /// The values of the `status` label of `demo_http_requests_total`.
    public enum Status: String, Sendable, CaseIterable, Hashable {
        case ok = "200"
        case internalServerError = "500"
    }

    /// One series of `demo_http_requests_total`.
    public struct RequestSeries: Sendable, Hashable {
        public var instance: Instance
        public var method: Method
        public var status: Status

        public init(instance: Instance, method: Method, status: Status) {
            self.instance = instance
            self.method = method
            self.status = status
        }

        /// All 8 series, in the order they are written.
        public static let all: [RequestSeries] = Instance.allCases.flatMap { instance in
            Method.allCases.flatMap { method in
                Status.allCases.map { status in RequestSeries(instance: instance, method: method, status: status) }
            }
        }

        /// The labels of the series, without `__name__`.
        public var labels: [String: String] {
            ["job": SampleData.requestsJob, "instance": instance.rawValue, "method": method.rawValue, "status": status.rawValue]
        }

        /// The increase per second. Every rate is distinct and a binary fraction, so sums and
        /// `rate()` results compare exactly.
        public var perSecondRate: Double {
            let base: Double = switch (method, status) {
            case (.get, .ok): 4
            case (.get, .internalServerError): 0.75
            case (.post, .ok): 1
            case (.post, .internalServerError): 0.125
            }
            return base * instance.rateFactor
        }
    }

    /// Returns the per-second rate of one series, which `rate(demo_http_requests_total[5m])` returns
    /// exactly at any sample time at least 5 minutes after ``start``.
    public static func requestRate(instance: Instance, method: Method, status: Status) -> Double {
        RequestSeries(instance: instance, method: method, status: status).perSecondRate
    }

    /// Returns the per-second rate summed over both instances, as `sum by (method, status) (rate(...))` returns it.
    public static func requestRate(method: Method, status: Status) -> Double {
        Instance.allCases.map { requestRate(instance: $0, method: method, status: status) }.reduce(0, +)
    }

    /// Returns the counter value of one series at the last sample at or before `time`: the rate times
    /// the seconds since ``start``.
    public static func requestCount(instance: Instance, method: Method, status: Status, at time: Date) -> Double {
        let elapsed = sampleIndex(atOrBefore: time) * step
        return requestRate(instance: instance, method: method, status: status) * Double(elapsed)
    }
}

// MARK: - demo_temperature_celsius

extension SampleData {
    public static let temperatureMetric = "demo_temperature_celsius"

    /// The values of the `room` label of `demo_temperature_celsius`.
    public enum Room: String, Sendable, CaseIterable, Hashable {
        case kitchen = "kitchen"
        case lab = "lab"
        /// A non-ASCII value: `é` is U+00E9, two bytes in UTF-8.
        case cafe = "café"
        /// A value with a `+`, which a query string must send as `%2B`.
        case labAnnex = "lab+annex"

        var baseTemperature: Double {
            switch self {
            case .kitchen: 21
            case .lab: 18.5
            case .cafe: 23.25
            case .labAnnex: -4.75
            }
        }
    }

    /// Returns the temperature in a room at the last sample at or before `time`.
    ///
    /// It is the room's base temperature plus 0.25 °C times the sample index modulo 8, so it
    /// repeats every 2 minutes and every value is a binary fraction. At ``evaluationTime`` the
    /// index is 240, so the value equals the base: kitchen 21, lab 18.5, café 23.25, lab+annex -4.75.
    public static func temperature(room: Room, at time: Date) -> Double {
        room.baseTemperature + 0.25 * Double(sampleIndex(atOrBefore: time) % 8)
    }
}

// MARK: - demo_special_values

extension SampleData {
    public static let specialValuesMetric = "demo_special_values"

    /// Returns the value of `demo_special_values` at the last sample at or before `time`.
    ///
    /// The sample index modulo 4 selects the value: 0 gives the index itself, 1 NaN, 2 +Inf and
    /// 3 -Inf. Prometheus' HTTP API returns the last three as the strings `"NaN"`, `"+Inf"` and `"-Inf"`.
    public static func specialValue(at time: Date) -> Double {
        let index = sampleIndex(atOrBefore: time)
        switch index % 4 {
        case 0: return Double(index)
        case 1: return .nan
        case 2: return .infinity
        default: return -.infinity
        }
    }
}

// MARK: - demo_wide_gauge

extension SampleData {
    public static let wideMetric = "demo_wide_gauge"
    /// The name of the label that numbers the `demo_wide_gauge` series from `"0"`.
    public static let wideSeriesLabel = "series"

    /// Returns the value of `demo_wide_gauge{series="<series>"}` at its last sample at or before `time`:
    /// `series * 10` plus the series' own sample index modulo 10.
    public func wideValue(series: Int, at time: Date) -> Double {
        Double(series * 10 + Self.sampleIndex(atOrBefore: time, interval: wideStep) % 10)
    }

    /// The number of `demo_wide_gauge` samples per series in this data set.
    public var wideSampleCount: Int {
        (sampleCount * Self.step + wideStep - 1) / wideStep
    }
}
