import Foundation

/// The `data` of a query or range query: one of Prometheus' four result types.
public enum QueryResult: Sendable, Equatable {
    case vector([InstantSeries])
    case matrix([RangeSeries])
    case scalar(SamplePoint)
    case string(SamplePoint)

    /// The `resultType` name as Prometheus writes it.
    public var resultType: String {
        switch self {
        case .vector: "vector"
        case .matrix: "matrix"
        case .scalar: "scalar"
        case .string: "string"
        }
    }
}

/// A labelled series with one sample, the element of an instant vector.
public struct InstantSeries: Sendable, Equatable, Codable {
    public var metric: [String: String]
    /// The float sample; `nil` when the series carries a native histogram instead.
    public var value: SamplePoint?
    public var histogram: HistogramPoint?

    public init(metric: [String: String], value: SamplePoint? = nil, histogram: HistogramPoint? = nil) {
        self.metric = metric
        self.value = value
        self.histogram = histogram
    }
}

/// A labelled series with many samples, the element of a range matrix.
public struct RangeSeries: Sendable, Equatable, Codable {
    public var metric: [String: String]
    public var values: [SamplePoint]
    public var histograms: [HistogramPoint]

    public init(metric: [String: String], values: [SamplePoint] = [], histograms: [HistogramPoint] = []) {
        self.metric = metric
        self.values = values
        self.histograms = histograms
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decodeIfPresent([String: String].self, forKey: .metric) ?? [:]
        values = try container.decodeIfPresent([SamplePoint].self, forKey: .values) ?? []
        histograms = try container.decodeIfPresent([HistogramPoint].self, forKey: .histograms) ?? []
    }
}

// MARK: - Codable

extension QueryResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case resultType, result
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .resultType)
        switch type {
        case "vector": self = .vector(try container.decode([InstantSeries].self, forKey: .result))
        case "matrix": self = .matrix(try container.decode([RangeSeries].self, forKey: .result))
        case "scalar": self = .scalar(try container.decode(SamplePoint.self, forKey: .result))
        case "string": self = .string(try container.decode(SamplePoint.self, forKey: .result))
        default:
            throw DecodingError.dataCorruptedError(forKey: .resultType, in: container,
                                                   debugDescription: "Unknown resultType \"\(type)\".")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resultType, forKey: .resultType)
        switch self {
        case .vector(let series): try container.encode(series, forKey: .result)
        case .matrix(let series): try container.encode(series, forKey: .result)
        case .scalar(let point), .string(let point): try container.encode(point, forKey: .result)
        }
    }
}
