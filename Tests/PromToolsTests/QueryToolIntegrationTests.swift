import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
import TestSupport
@testable import PromTools

/// The `query` tool against the real Prometheus 2.42 with the generated data.
@Suite struct QueryToolIntegrationTests {
    let evaluation = RFC3339.format(SampleData.evaluationTime)

    @Test func rateSumsExact() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", [
            "query": "sum by (method, status) (rate(demo_http_requests_total[5m]))", "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(result.resultType == "vector")
        #expect(result.totalSeries == 4)
        for sample in result.series ?? [] {
            let method = try #require(SampleData.Method(rawValue: sample.labels["method"] ?? ""))
            let status = try #require(SampleData.Status(rawValue: sample.labels["status"] ?? ""))
            #expect(Double(sample.value ?? "") == SampleData.requestRate(method: method, status: status))
        }
    }

    @Test func scalarResult() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", ["query": "1+1", "time": .string(evaluation)], as: QueryOutput.self)
        #expect(result.resultType == "scalar")
        #expect(result.value == "2")
    }

    @Test func stringResult() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", ["query": "\"hello world+1\"", "time": .string(evaluation)],
                                               as: QueryOutput.self)
        #expect(result.resultType == "string")
        #expect(result.value == "hello world+1")
    }

    @Test(arguments: [(1, "NaN"), (2, "+Inf"), (3, "-Inf"), (4, "4")])
    func specialValuesSurvive(index: Int, expected: String) async throws {
        let prometheus = try await RealPrometheus.start()
        let time = SampleData.start.addingTimeInterval(Double(index * SampleData.step))
        let result = try await prometheus.call("query", ["query": "demo_special_values", "time": .string(RFC3339.format(time))],
                                               as: QueryOutput.self)
        #expect(result.series?.first?.value == expected)
    }

    @Test func nonASCIILabelValue() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", [
            "query": #"demo_temperature_celsius{room="café"}"#, "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(result.series?.first?.labels["room"] == "café")
        #expect(Double(result.series?.first?.value ?? "") == SampleData.temperature(room: .cafe, at: SampleData.evaluationTime))
    }

    @Test func plusInLabelValue() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", [
            "query": #"demo_temperature_celsius{room="lab+annex"} + 1"#, "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(result.totalSeries == 1)
        #expect(Double(result.series?.first?.value ?? "") == SampleData.temperature(room: .labAnnex, at: SampleData.evaluationTime) + 1)
    }

    @Test func regexMatchers() async throws {
        let prometheus = try await RealPrometheus.start()
        let matching = try await prometheus.call("query", [
            "query": #"demo_temperature_celsius{room=~"lab.*"}"#, "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(Set(matching.series?.compactMap { $0.labels["room"] } ?? []) == ["lab", "lab+annex"])
        let excluding = try await prometheus.call("query", [
            "query": #"demo_temperature_celsius{room!~"lab.*|caf."}"#, "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(excluding.series?.compactMap { $0.labels["room"] } == ["kitchen"])
    }

    @Test func parseErrorVerbatim() async throws {
        let prometheus = try await RealPrometheus.start()
        let failure = try await prometheus.failure("query", ["query": "sum(rate(x[5m])", "time": .string(evaluation)])

        // The same request sent straight to Prometheus, for the exact text it returns.
        var direct = try #require(URL(string: prometheus.server.url.absoluteString + "/api/v1/query"))
        direct = try #require(direct.appending(path: "", query: QueryParameters([("query", "sum(rate(x[5m])")])))
        let response = try await URLSessionHTTPClient().send(HTTPRequest(url: direct))
        let envelope = try JSONValue.decode(response.body)

        #expect(failure.kind == .prometheusError)
        #expect(failure.httpStatus == 400)
        #expect(failure.errorType == "bad_data")
        #expect(.string(failure.message) == envelope["error"])
        #expect(failure.message.contains("parse error"))
        #expect(prometheus.http.requests.count == 1)
    }

    @Test func longQuerySentByPOST() async throws {
        let prometheus = try await RealPrometheus.start()
        let query = #"demo_temperature_celsius{room="kitchen"}"# + String(repeating: " + 0", count: 3_000)
        let result = try await prometheus.call("query", ["query": .string(query), "time": .string(evaluation)],
                                               as: QueryOutput.self)
        #expect(Double(result.series?.first?.value ?? "") == SampleData.temperature(room: .kitchen, at: SampleData.evaluationTime))
        #expect(prometheus.http.requests.last?.method == .post)
        #expect(prometheus.http.requests.last?.url.query == nil)
    }

    @Test func emptyResultSaysWhen() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", ["query": "no_such_metric", "time": .string(evaluation)],
                                               as: QueryOutput.self)
        #expect(result.totalSeries == 0)
        #expect(result.note == "No series matched at 2026-01-01T01:00:00.000Z. No series of no_such_metric exists "
                + "from 2026-01-01T00:55:00.000Z to 2026-01-01T01:00:00.000Z.")
    }

    @Test func rangeSelectorReturnsSamples() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", [
            "query": #"demo_temperature_celsius{room="kitchen"}[1m]"#, "time": .string(evaluation),
        ], as: QueryOutput.self)
        #expect(result.resultType == "matrix")
        #expect(result.matrix?.first?.points?.count == 5)
    }

    @Test func cutResultSaysWhatWasDropped() async throws {
        let prometheus = try await RealPrometheus.start()
        let result = try await prometheus.call("query", [
            "query": "demo_wide_gauge", "time": .string(evaluation), "max_bytes": 1_000,
        ], as: QueryOutput.self)
        let dropped = result.totalSeries - result.returnedSeries
        #expect(result.truncated)
        #expect(dropped > 0)
        #expect(result.note?.contains("\(dropped) series were left out") == true)
    }

    @Test func everyTimeFormAccepted() async throws {
        let prometheus = try await RealPrometheus.start()
        let seconds = SampleData.evaluationTime.timeIntervalSince1970
        let forms: [JSONValue] = [
            .string(evaluation), "2026-01-01T01:00:00.000Z", "2026-01-01T03:00:00+02:00",
            .string(String(Int(seconds))), .number(seconds), "now", "now-0s", "0s",
        ]
        for form in forms {
            let result = try await prometheus.call("query", ["query": "1", "time": form], as: QueryOutput.self)
            #expect(result.time == "2026-01-01T01:00:00.000Z", "form \(form.encodedString())")
        }
    }

    @Test func rejectedTimeFormsNamed() async throws {
        let prometheus = try await RealPrometheus.start()
        let forms: [JSONValue] = ["1767229200000", "1767229200000000000", "2026-01-01T01:00:00", "tomorrow", "-1", true]
        for form in forms {
            let failure = try await prometheus.failure("query", ["query": "1", "time": form])
            #expect(failure.field == "time", "form \(form.encodedString())")
        }
        #expect(prometheus.http.requests.isEmpty)
    }
}
