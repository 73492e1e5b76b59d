import Foundation

// MARK: - Public API

extension SampleData {
    /// Writes the data set as OpenMetrics text to `url`, the input of
    /// `promtool tsdb create-blocks-from openmetrics`.
    ///
    /// The text is streamed in chunks of about 1 MiB, so the large size never exists as one string.
    /// An existing file at `url` is replaced.
    public func writeOpenMetrics(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var writer = OpenMetricsWriter { bytes in try handle.write(contentsOf: bytes) }
        try writeFamilies(to: &writer)
        try writer.finish()
    }

    /// Returns the data set as one OpenMetrics string, for tests of small configurations.
    public func openMetricsText() -> String {
        var text = [UInt8]()
        var writer = OpenMetricsWriter { bytes in text.append(contentsOf: bytes) }
        // Appending to an array cannot throw, so neither can these calls.
        try! writeFamilies(to: &writer)
        try! writer.finish()
        return String(decoding: text, as: UTF8.self)
    }
}

// MARK: - Families

extension SampleData {
    /// Writes every metric family, each series' samples in time order and the series one after another.
    func writeFamilies(to writer: inout OpenMetricsWriter) throws {
        try writer.writeType(family: "demo_http_requests", type: "counter")
        for series in RequestSeries.all {
            let prefix = OpenMetricsWriter.seriesPrefix(name: Self.requestsMetric, labels: [
                ("job", Self.requestsJob), ("instance", series.instance.rawValue),
                ("method", series.method.rawValue), ("status", series.status.rawValue),
            ])
            for index in 0..<sampleCount {
                let time = sampleDate(index: index, interval: Self.step)
                let value = Self.requestCount(instance: series.instance, method: series.method, status: series.status, at: time)
                try writer.writeSample(prefix: prefix, value: value, unixSeconds: unixSeconds(of: time))
            }
        }

        try writer.writeType(family: Self.temperatureMetric, type: "gauge")
        for room in Room.allCases {
            let prefix = OpenMetricsWriter.seriesPrefix(name: Self.temperatureMetric, labels: [("room", room.rawValue)])
            for index in 0..<sampleCount {
                let time = sampleDate(index: index, interval: Self.step)
                try writer.writeSample(prefix: prefix, value: Self.temperature(room: room, at: time), unixSeconds: unixSeconds(of: time))
            }
        }

        try writer.writeType(family: Self.specialValuesMetric, type: "gauge")
        let specialPrefix = OpenMetricsWriter.seriesPrefix(name: Self.specialValuesMetric, labels: [])
        for index in 0..<sampleCount {
            let time = sampleDate(index: index, interval: Self.step)
            try writer.writeSample(prefix: specialPrefix, value: Self.specialValue(at: time), unixSeconds: unixSeconds(of: time))
        }

        try writer.writeType(family: Self.wideMetric, type: "gauge")
        for series in 0..<wideSeriesCount {
            let prefix = OpenMetricsWriter.seriesPrefix(name: Self.wideMetric, labels: [(Self.wideSeriesLabel, String(series))])
            for index in 0..<wideSampleCount {
                let time = sampleDate(index: index, interval: wideStep)
                try writer.writeSample(prefix: prefix, value: wideValue(series: series, at: time), unixSeconds: unixSeconds(of: time))
            }
        }

        try writer.writeEndOfFile()
    }

    private func sampleDate(index: Int, interval: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Self.startUnixSeconds + index * interval))
    }

    private func unixSeconds(of time: Date) -> Int {
        Int(time.timeIntervalSince1970)
    }
}

// MARK: - Writer

/// Formats OpenMetrics text lines and passes them on in chunks of about 1 MiB.
struct OpenMetricsWriter {
    private static let chunkSize = 1 << 20
    private var buffer: [UInt8] = []
    private let output: ([UInt8]) throws -> Void

    init(output: @escaping ([UInt8]) throws -> Void) {
        self.output = output
        buffer.reserveCapacity(Self.chunkSize + 4_096)
    }

    mutating func writeType(family: String, type: String) throws {
        try append("# TYPE \(family) \(type)\n")
    }

    /// Returns the bytes `name{l="v",...} ` that start every sample line of one series. Callers
    /// compute them once per series because they are most of each line.
    static func seriesPrefix(name: String, labels: [(String, String)]) -> [UInt8] {
        var prefix = name
        if !labels.isEmpty {
            prefix += "{"
            prefix += labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",")
            prefix += "}"
        }
        return Array((prefix + " ").utf8)
    }

    /// Writes one sample line, the series prefix then `value timestamp`, with the timestamp in
    /// seconds as OpenMetrics requires.
    mutating func writeSample(prefix: [UInt8], value: Double, unixSeconds: Int) throws {
        buffer.append(contentsOf: prefix)
        buffer.append(contentsOf: Self.formatValue(value).utf8)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: String(unixSeconds).utf8)
        buffer.append(UInt8(ascii: "\n"))
        try flushIfFull()
    }

    mutating func writeEndOfFile() throws {
        try append("# EOF\n")
    }

    /// Passes on what is still buffered. Call it once, after the last line.
    mutating func finish() throws {
        guard !buffer.isEmpty else { return }
        try output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    private mutating func flushIfFull() throws {
        if buffer.count >= Self.chunkSize {
            try finish()
        }
    }

    /// Escapes a label value as OpenMetrics requires: backslash, double quote and line feed.
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Formats a sample value: whole numbers without a fraction, `NaN`, `+Inf` and `-Inf` as
    /// OpenMetrics spells them, anything else in Swift's shortest round-trip form.
    static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
