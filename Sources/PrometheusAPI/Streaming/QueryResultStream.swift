import Foundation
import PromLambdaCore

/// Receives the series of a query result one at a time, as ``PrometheusClient`` reads them from
/// the response body, so that a caller can keep only what it needs of a large result.
public protocol QueryResultVisitor {
    /// Receives one element of a vector or matrix `result`, in the order the server sent them.
    /// An error thrown here stops reading and is rethrown to the caller unchanged.
    mutating func visit(_ series: StreamedSeries) throws
}

/// One element of a vector or matrix result, read from the response body.
public struct StreamedSeries {
    /// Whether the element came from a vector (`value` or `histogram`) or a matrix (`values` or
    /// `histograms`).
    public enum Kind: Sendable, Equatable {
        case instant
        case range
    }

    public var kind: Kind
    /// The label set, `metric` on the wire.
    public var labels: [String: String]
    /// The float samples, oldest first; one for a vector element that carries a float.
    public var samples: [SamplePoint]
    /// The native histogram samples, oldest first.
    public var histograms: [HistogramPoint]
    /// The element's position in `result`, from 0.
    public var index: Int
    /// The element's JSON exactly as the server sent it. It points into the response body and is
    /// valid only during ``QueryResultVisitor/visit(_:)``; copy it to keep it.
    public var rawJSON: UnsafeRawBufferPointer
}

/// The parts of a streamed query response besides its series.
public struct StreamedQueryResponse: Sendable, Equatable {
    /// `vector`, `matrix`, `scalar` or `string`.
    public var resultType: String
    /// The value of a scalar or string result.
    public var scalar: SamplePoint?
    /// How many series the visitor received.
    public var seriesCount: Int
    public var warnings: [String]
    public var infos: [String]
    /// The HTTP status of the response.
    public var status: Int
    /// The size of the response body, in bytes.
    public var bodyBytes: Int

    public init(resultType: String, scalar: SamplePoint? = nil, seriesCount: Int = 0, warnings: [String] = [],
                infos: [String] = [], status: Int = 200, bodyBytes: Int = 0) {
        self.resultType = resultType
        self.scalar = scalar
        self.seriesCount = seriesCount
        self.warnings = warnings
        self.infos = infos
        self.status = status
        self.bodyBytes = bodyBytes
    }
}

/// Collects every series into a ``QueryResult``, for callers that want the whole result.
struct QueryResultCollector: QueryResultVisitor {
    var instant: [InstantSeries] = []
    var range: [RangeSeries] = []

    mutating func visit(_ series: StreamedSeries) throws {
        switch series.kind {
        case .instant:
            instant.append(InstantSeries(metric: series.labels, value: series.samples.first,
                                         histogram: series.histograms.first))
        case .range:
            range.append(RangeSeries(metric: series.labels, values: series.samples, histograms: series.histograms))
        }
    }

    func result(_ response: StreamedQueryResponse) throws -> QueryResult {
        switch response.resultType {
        case "vector": return .vector(instant)
        case "matrix": return .matrix(range)
        case "scalar", "string":
            guard let point = response.scalar else {
                throw PrometheusError.invalidResponse(status: response.status, reason: "the \(response.resultType) "
                                                      + "result has no [time, value] pair", body: "")
            }
            return response.resultType == "scalar" ? .scalar(point) : .string(point)
        default:
            throw PrometheusError.invalidResponse(status: response.status,
                                                  reason: "unknown resultType \"\(response.resultType)\"", body: "")
        }
    }
}

// MARK: - Reading

/// Reads Prometheus' query envelope from a body in memory, passing each series to a visitor.
///
/// The members may come in any order. Series are passed on as soon as they are read, so the
/// visitor receives them even when `resultType` comes after `result`. Their shape (`value` or
/// `values`) distinguishes a vector element from a matrix element.
enum QueryEnvelopeReader {
    struct Envelope {
        var status: String?
        var errorType: String?
        var error: String?
        var warnings: [String] = []
        var infos: [String] = []
        var hasData = false
        var resultType: String?
        var scalar: SamplePoint?
        var seriesCount = 0
    }

    static func read<Visitor: QueryResultVisitor>(_ bytes: UnsafeRawBufferPointer,
                                                  into visitor: inout Visitor) throws -> Envelope {
        var reader = JSONByteReader(bytes)
        var envelope = Envelope()
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            switch key {
            case "status": envelope.status = try reader.consumeNull() ? nil : reader.readString()
            case "errorType": envelope.errorType = try reader.consumeNull() ? nil : reader.readString()
            case "error": envelope.error = try reader.consumeNull() ? nil : reader.readString()
            case "warnings": envelope.warnings = try reader.consumeNull() ? [] : reader.readStringArray()
            case "infos": envelope.infos = try reader.consumeNull() ? [] : reader.readStringArray()
            case "data":
                if try reader.consumeNull() { continue }
                envelope.hasData = true
                try readData(&reader, into: &visitor, envelope: &envelope)
            default: try reader.skipValue()
            }
        }
        try reader.expectEnd()
        return envelope
    }

    private static func readData<Visitor: QueryResultVisitor>(_ reader: inout JSONByteReader,
                                                              into visitor: inout Visitor,
                                                              envelope: inout Envelope) throws {
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            switch key {
            case "resultType": envelope.resultType = try reader.readString()
            case "result": try readResult(&reader, into: &visitor, envelope: &envelope)
            default: try reader.skipValue()
            }
        }
    }

    /// Reads `result`: an array of series, or the `[time, value]` pair of a scalar or string.
    private static func readResult<Visitor: QueryResultVisitor>(_ reader: inout JSONByteReader,
                                                                into visitor: inout Visitor,
                                                                envelope: inout Envelope) throws {
        if try reader.consumeNull() { return }
        try reader.beginArray()
        let next = reader.peek()
        if next != UInt8(ascii: "{") && next != UInt8(ascii: "]") {
            let timestamp = try reader.readNumber()
            try reader.expect(UInt8(ascii: ","))
            let value = try reader.readString()
            try reader.expect(UInt8(ascii: "]"))
            envelope.scalar = SamplePoint(timestamp: timestamp, value: value)
            return
        }
        var first = true
        while try reader.nextElement(first: &first) {
            let series = try readSeries(&reader, index: envelope.seriesCount)
            envelope.seriesCount += 1
            try visitor.visit(series)
        }
    }

    private static func readSeries(_ reader: inout JSONByteReader, index: Int) throws(JSONReadError) -> StreamedSeries {
        _ = reader.peek()
        let start = reader.position
        var series = StreamedSeries(kind: .range, labels: [:], samples: [], histograms: [], index: index,
                                    rawJSON: UnsafeRawBufferPointer(start: nil, count: 0))
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            switch key {
            case "metric":
                series.labels = try reader.readStringMap()
            case "value":
                series.kind = .instant
                series.samples = [try readSample(&reader)]
            case "values":
                try reader.beginArray()
                var firstSample = true
                while try reader.nextElement(first: &firstSample) { series.samples.append(try readSample(&reader)) }
            case "histogram":
                series.kind = .instant
                series.histograms = [try readHistogramPoint(&reader)]
            case "histograms":
                try reader.beginArray()
                var firstSample = true
                while try reader.nextElement(first: &firstSample) {
                    series.histograms.append(try readHistogramPoint(&reader))
                }
            default:
                try reader.skipValue()
            }
        }
        series.rawJSON = UnsafeRawBufferPointer(rebasing: reader.bytes[start..<reader.position])
        return series
    }

    private static func readSample(_ reader: inout JSONByteReader) throws(JSONReadError) -> SamplePoint {
        if let sample = reader.readCompactSample() {
            return SamplePoint(timestamp: sample.timestamp, value: sample.value)
        }
        try reader.beginArray()
        let timestamp = try reader.readNumber()
        try reader.expect(UInt8(ascii: ","))
        let value = try reader.readString()
        try reader.expect(UInt8(ascii: "]"))
        return SamplePoint(timestamp: timestamp, value: value)
    }

    private static func readHistogramPoint(_ reader: inout JSONByteReader) throws(JSONReadError) -> HistogramPoint {
        try reader.beginArray()
        let timestamp = try reader.readNumber()
        try reader.expect(UInt8(ascii: ","))
        var histogram = NativeHistogram(count: "", sum: "")
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            switch key {
            case "count": histogram.count = try reader.readString()
            case "sum": histogram.sum = try reader.readString()
            case "buckets":
                var buckets: [HistogramBucket] = []
                try reader.beginArray()
                var firstBucket = true
                while try reader.nextElement(first: &firstBucket) {
                    try reader.beginArray()
                    let rule = try reader.readNumber()
                    try reader.expect(UInt8(ascii: ","))
                    let lower = try reader.readString()
                    try reader.expect(UInt8(ascii: ","))
                    let upper = try reader.readString()
                    try reader.expect(UInt8(ascii: ","))
                    let count = try reader.readString()
                    try reader.expect(UInt8(ascii: "]"))
                    guard let boundaryRule = Int(exactly: rule) else { throw reader.error("invalid bucket boundary rule") }
                    buckets.append(HistogramBucket(boundaryRule: boundaryRule, lower: lower, upper: upper, count: count))
                }
                histogram.buckets = buckets
            default:
                try reader.skipValue()
            }
        }
        try reader.expect(UInt8(ascii: "]"))
        return HistogramPoint(timestamp: timestamp, histogram: histogram)
    }
}
