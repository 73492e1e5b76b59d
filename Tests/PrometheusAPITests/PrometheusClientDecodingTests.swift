import Foundation
import HTTPTransport
import Testing
import TestDoubles
@testable import PrometheusAPI

@Suite struct PrometheusClientDecodingTests {
    let base = URL(string: "http://127.0.0.1:9090")!

    @Test func vectorWithSpecialValues() async throws {
        let http = RecordingHTTPClient([.json(200, #"""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"a":"1"},"value":[1767225600,"NaN"]},
              {"metric":{"a":"2"},"value":[1767225600,"+Inf"]},
              {"metric":{"a":"3"},"value":[1767225600.5,"-Inf"]}]}}
            """#)])
        let response = try await PrometheusClient(baseURL: base, http: http).query("x")
        guard case .vector(let series) = response.data else { Issue.record("not a vector"); return }
        #expect(series.map { $0.value?.value } == ["NaN", "+Inf", "-Inf"])
        #expect(series[0].value?.doubleValue?.isNaN == true)
        #expect(series[1].value?.doubleValue == .infinity)
        #expect(series[2].value?.timestamp == 1_767_225_600.5)
    }

    @Test func scalarAndString() async throws {
        let http = RecordingHTTPClient([
            .json(200, #"{"status":"success","data":{"resultType":"scalar","result":[1767225600,"2"]}}"#),
            .json(200, #"{"status":"success","data":{"resultType":"string","result":[1767225600,"hello"]}}"#),
        ])
        let client = PrometheusClient(baseURL: base, http: http)
        #expect(try await client.query("1+1").data == QueryResult.scalar(SamplePoint(timestamp: 1_767_225_600, value: "2")))
        #expect(try await client.query("\"hello\"").data == QueryResult.string(SamplePoint(timestamp: 1_767_225_600, value: "hello")))
    }

    @Test func nativeHistogramDecodes() async throws {
        let http = RecordingHTTPClient([.json(200, #"""
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"h"},
             "histograms":[[1767225600,{"count":"10","sum":"3.5","buckets":[[0,"0.5","1","4"],[0,"1","2","6"]]}]]}]}}
            """#)])
        let response = try await PrometheusClient(baseURL: base, http: http).query("h")
        guard case .matrix(let series) = response.data else { Issue.record("not a matrix"); return }
        #expect(series[0].histograms[0].histogram.count == "10")
        #expect(series[0].histograms[0].histogram.buckets?[1] == HistogramBucket(boundaryRule: 0, lower: "1", upper: "2", count: "6"))
    }

    @Test func warningsAndInfosKept() async throws {
        let http = RecordingHTTPClient([.json(200, #"""
            {"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w1"],"infos":["i1"]}
            """#)])
        let response = try await PrometheusClient(baseURL: base, http: http).query("x")
        #expect(response.warnings == ["w1"])
        #expect(response.infos == ["i1"])
    }

    @Test func errorEnvelopePassedVerbatim() async throws {
        let message = #"1:5: parse error: unexpected right parenthesis ')'"#
        let http = RecordingHTTPClient([.json(400, #"{"status":"error","errorType":"bad_data","error":"\#(message)"}"#)])
        await #expect(throws: PrometheusError.api(status: 400, errorType: .badData, message: message, warnings: [])) {
            try await PrometheusClient(baseURL: base, http: http).query("sum())")
        }
    }

    @Test func htmlErrorBodyReportedAsText() async throws {
        let html = HTTPResponse(status: 502, headers: HTTPHeaders([("Content-Type", "text/html")]),
                                body: Data("<html>Bad Gateway</html>".utf8))
        let http = RecordingHTTPClient([html])
        await #expect(throws: PrometheusError.http(status: 502, contentType: "text/html", body: "Bad Gateway")) {
            try await PrometheusClient(baseURL: base, http: http).query("up")
        }
    }

    @Test func truncatedBodyReported() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":{"resultType":"vec"#)])
        do {
            _ = try await PrometheusClient(baseURL: base, http: http).query("up")
            Issue.record("expected an error")
        } catch let PrometheusError.invalidResponse(status, reason, _) {
            #expect(status == 200)
            #expect(reason.contains("not valid JSON"))
        }
    }

    @Test func nonJSONSuccessReported() async throws {
        let text = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Data("ok".utf8))
        let http = RecordingHTTPClient([text])
        do {
            _ = try await PrometheusClient(baseURL: base, http: http).query("up")
            Issue.record("expected an error")
        } catch let PrometheusError.invalidResponse(_, reason, body) {
            #expect(reason == "the body is text/plain, not JSON")
            #expect(body == "ok")
        }
    }

    @Test func plusEncodedInQuery() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}"#)])
        _ = try await PrometheusClient(baseURL: base, http: http).query("1+1", time: Date(timeIntervalSince1970: 1.5))
        #expect(http.requests[0].url.absoluteString == "http://127.0.0.1:9090/api/v1/query?query=1%2B1&time=1.5")
        #expect(http.requests[0].method == .get)
    }

    @Test func longQuerySentAsPOSTForm() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":{"resultType":"vector","result":[]}}"#)])
        let query = "sum(" + String(repeating: "x + ", count: 3_000) + "x)"
        _ = try await PrometheusClient(baseURL: base, http: http).query(query)
        let request = http.requests[0]
        #expect(request.method == .post)
        #expect(request.url.query == nil)
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(QueryParameters.parse(String(decoding: request.body, as: UTF8.self))?["query"] == query)
    }

    @Test func labelValuesNeverPOST() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":["a"]}"#)])
        let matches = (0..<500).map { "metric_with_a_long_name_\($0)" }
        _ = try await PrometheusClient(baseURL: base, http: http).labelValues("__name__", matches: matches)
        #expect(http.requests[0].method == .get)
        #expect(http.requests[0].url.path == "/api/v1/label/__name__/values")
    }

    @Test func ampEndpointPrefixStripped() async throws {
        let amp = URL(string: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/")!
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":["up"]}"#)])
        _ = try await PrometheusClient(baseURL: amp, http: http).labelNames()
        #expect(http.requests[0].url.absoluteString
                    == "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/labels")
    }

    @Test func seriesRepeatsMatch() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":[{"__name__":"up"}]}"#)])
        _ = try await PrometheusClient(baseURL: base, http: http).series(matches: ["up", #"{job="a"}"#])
        #expect(http.requests[0].url.query == "match%5B%5D=up&match%5B%5D=%7Bjob%3D%22a%22%7D")
    }

    @Test func transportErrorWrapped() async throws {
        let http = RecordingHTTPClient([])
        do {
            _ = try await PrometheusClient(baseURL: base, http: http).buildInfo()
            Issue.record("expected an error")
        } catch let PrometheusError.transport(error) {
            #expect(error == .connectionFailed(url: "http://127.0.0.1:9090/api/v1/status/buildinfo", reason: "no response queued"))
        }
    }
}
