import Foundation
import HTTPTransport
import Testing
import TestDoubles
@testable import PrometheusAPI

/// Records every series a streamed query passes on.
struct RecordingVisitor: QueryResultVisitor {
    var series: [(kind: StreamedSeries.Kind, labels: [String: String], samples: [SamplePoint], raw: String)] = []

    mutating func visit(_ streamed: StreamedSeries) throws {
        series.append((streamed.kind, streamed.labels, streamed.samples,
                       String(decoding: streamed.rawJSON, as: UTF8.self)))
    }
}

@Suite struct StreamedQueryTests {
    let base = URL(string: "http://127.0.0.1:9090")!
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    func stream(_ response: HTTPResponse) async throws -> (StreamedQueryResponse, RecordingVisitor) {
        var visitor = RecordingVisitor()
        let client = PrometheusClient(baseURL: base, http: RecordingHTTPClient([response]))
        let result = try await client.streamQuery("x", into: &visitor)
        return (result, visitor)
    }

    @Test func matrixSeriesInOrder() async throws {
        let first = #"{"metric":{"a":"1"},"values":[[1767225600,"1"],[1767225615,"NaN"]]}"#
        let second = #"{"metric":{"a":"2"},"values":[[1767225600.5,"+Inf"]]}"#
        let (result, visitor) = try await stream(.json(200, #"{"status":"success","data":{"resultType":"matrix","result":["#
                                                          + first + ", " + second + "]}}"))
        #expect(result.resultType == "matrix")
        #expect(result.seriesCount == 2)
        #expect(visitor.series.map(\.labels) == [["a": "1"], ["a": "2"]])
        #expect(visitor.series[0].samples == [SamplePoint(timestamp: 1_767_225_600, value: "1"),
                                              SamplePoint(timestamp: 1_767_225_615, value: "NaN")])
        #expect(visitor.series[1].samples == [SamplePoint(timestamp: 1_767_225_600.5, value: "+Inf")])
        #expect(visitor.series.map(\.kind) == [.range, .range])
    }

    @Test func rawJSONIsElementAsSent() async throws {
        let element = #"{"metric":{"room":"caf\u00e9"},  "value":[1767225600,"21"]}"#
        let (_, visitor) = try await stream(.json(200, #"{"status":"success","data":{"resultType":"vector","result":["#
                                                  + element + "]}}"))
        #expect(visitor.series.first?.raw == element)
        #expect(visitor.series.first?.labels == ["room": "café"])
        #expect(visitor.series.first?.kind == .instant)
    }

    @Test func resultBeforeResultType() async throws {
        let body = #"{"data":{"result":[{"metric":{},"value":[1,"2"]}],"resultType":"vector"},"status":"success","#
            + #""warnings":["w"],"infos":["i"]}"#
        let (result, visitor) = try await stream(.json(200, body))
        #expect(result.resultType == "vector")
        #expect(result.warnings == ["w"])
        #expect(result.infos == ["i"])
        #expect(visitor.series.count == 1)
    }

    @Test func scalarHasNoSeries() async throws {
        let (result, visitor) = try await stream(.json(200, #"{"status":"success","data":{"resultType":"scalar","result":[1767225600,"2"]}}"#))
        #expect(result.scalar == SamplePoint(timestamp: 1_767_225_600, value: "2"))
        #expect(visitor.series.isEmpty)
    }

    @Test func errorStatusOn200Thrown() async throws {
        let body = #"{"status":"error","errorType":"execution","error":"query timed out","data":null}"#
        await #expect(throws: PrometheusError.api(status: 200, errorType: .execution, message: "query timed out",
                                                  warnings: [])) {
            _ = try await stream(.json(200, body))
        }
    }

    @Test func missingDataReported() async throws {
        do {
            _ = try await stream(.json(200, #"{"status":"success"}"#))
            Issue.record("expected an error")
        } catch let PrometheusError.invalidResponse(_, reason, _) {
            #expect(reason == "the response has no data field")
        }
    }

    @Test func truncatedBodyNamesOffset() async throws {
        let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]"#
        do {
            _ = try await stream(.json(200, body))
            Issue.record("expected an error")
        } catch let PrometheusError.invalidResponse(status, reason, _) {
            #expect(status == 200)
            #expect(reason == "the body is not valid JSON (truncated or malformed, \(body.utf8.count) bytes): "
                    + "expected ',' at byte \(body.utf8.count), the end of the text")
        }
    }

    @Test func visitorErrorStopsReading() async throws {
        struct Stop: Error {}
        struct StoppingVisitor: QueryResultVisitor {
            var seen = 0
            mutating func visit(_ series: StreamedSeries) throws {
                seen += 1
                throw Stop()
            }
        }
        var visitor = StoppingVisitor()
        let body = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]},"#
            + #"{"metric":{},"value":[1,"2"]}]}}"#
        let client = PrometheusClient(baseURL: base, http: RecordingHTTPClient([.json(200, body)]))
        await #expect(throws: Stop.self) { _ = try await client.streamQuery("x", into: &visitor) }
        #expect(visitor.seen == 1)
    }

    @Test func rangeQuerySendsParameters() async throws {
        var visitor = RecordingVisitor()
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)])
        _ = try await PrometheusClient(baseURL: base, http: http)
            .streamQueryRange("up", start: start, end: start.addingTimeInterval(60), step: 15, into: &visitor)
        #expect(http.requests[0].url.absoluteString
                    == "http://127.0.0.1:9090/api/v1/query_range?query=up&start=1767225600&end=1767225660&step=15")
    }

    @Test func labelValuesStreamEachValue() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":["a","b\u00e9"],"warnings":["w"]}"#)])
        var values: [String] = []
        let response = try await PrometheusClient(baseURL: base, http: http)
            .streamLabelValues("job", matches: ["up"]) { values.append($0) }
        #expect(values == ["a", "bé"])
        #expect(response.data == 2)
        #expect(response.warnings == ["w"])
        #expect(http.requests[0].url.absoluteString == "http://127.0.0.1:9090/api/v1/label/job/values?match%5B%5D=up")
    }

    @Test func labelValuesErrorPassedThrough() async throws {
        let http = RecordingHTTPClient([.json(400, #"{"status":"error","errorType":"bad_data","error":"bad match"}"#)])
        await #expect(throws: PrometheusError.api(status: 400, errorType: .badData, message: "bad match", warnings: [])) {
            _ = try await PrometheusClient(baseURL: base, http: http).streamLabelValues("job") { _ in }
        }
    }
}
