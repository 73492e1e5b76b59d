import Foundation
import PrometheusAPI
import PromLambdaCore
import Testing
@testable import PromTools

/// Tests that the hand-built JSON of the types a result contains many of equals their `Encodable` form.
@Suite struct JSONValueConvertibleTests {
    func encoded<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValue.decode(JSONEncoder.promlambda.encode(value))
    }

    static let histogram = NativeHistogram(count: "3", sum: "4.5", buckets: [
        HistogramBucket(boundaryRule: 0, lower: "1", upper: "2", count: "3"),
    ])
    static let points = [SamplePoint(timestamp: 1_767_225_600, value: "1.5"),
                         SamplePoint(timestamp: 1_767_225_660.25, value: "NaN"),
                         SamplePoint(timestamp: 1_767_225_720, value: "+Inf")]

    @Test func samplePointMatchesItsEncoding() throws {
        for point in Self.points {
            #expect(point.jsonValue == (try encoded(point)))
        }
    }

    @Test func seriesSummaryMatchesItsEncoding() throws {
        let full = SeriesSummary(samples: Self.points, histogramCount: 2)
        #expect(full.jsonValue == (try encoded(full)))
        let empty = SeriesSummary(samples: [])
        #expect(empty.jsonValue == (try encoded(empty)))
    }

    @Test func rangeSeriesMatchesItsEncoding() throws {
        let entries = [
            RangeSeriesOutput(labels: ["__name__": "m", "job": "a\"b"], summary: SeriesSummary(samples: Self.points),
                              points: Self.points, histograms: [HistogramPoint(timestamp: 1, histogram: Self.histogram)],
                              droppedPoints: 7),
            RangeSeriesOutput(labels: [:], points: nil, histograms: nil),
        ]
        for entry in entries {
            #expect(entry.jsonValue == (try encoded(entry)))
        }
    }

    @Test func vectorSampleMatchesItsEncoding() throws {
        let samples = [VectorSample(labels: ["__name__": "up"], value: "1", histogram: nil),
                       VectorSample(labels: [:], value: nil, histogram: Self.histogram)]
        for sample in samples {
            #expect(sample.jsonValue == (try encoded(sample)))
        }
    }
}
