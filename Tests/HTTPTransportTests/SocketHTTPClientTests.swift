import Foundation
import PromLambdaCore
import Testing
import TestSupport
@testable import HTTPTransport

/// ``SocketHTTPClient`` against the real Prometheus of TestSupport, and the choice of client by
/// ``StandardHTTPClient``.
@Suite struct SocketHTTPClientTests {
    private static func apiURL(_ prometheus: TestPrometheus, _ pathAndQuery: String) throws -> URL {
        try #require(URL(string: prometheus.url.absoluteString + pathAndQuery))
    }

    private static func json(_ body: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    @Test func instantQueryByGET() async throws {
        let prometheus = try await TestPrometheus.shared()
        let query = QueryParameters([("query", "sum by (method) (demo_http_requests_total)"),
                                     ("time", "2026-01-01T01:00:00Z")])
        let url = try #require(prometheus.url.appending(path: "/api/v1/query", query: query))

        let response = try await SocketHTTPClient().send(HTTPRequest(url: url))

        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let body = try Self.json(response.body)
        #expect(body["status"] as? String == "success")
        let result = (body["data"] as? [String: Any])?["result"] as? [Any]
        #expect(result?.isEmpty == false)
    }

    @Test func instantQueryByPOSTForm() async throws {
        let prometheus = try await TestPrometheus.shared()
        var request = HTTPRequest(method: .post, url: try Self.apiURL(prometheus, "/api/v1/query"))
        request.headers.add("Content-Type", "application/x-www-form-urlencoded")
        request.body = Data(QueryParameters([("query", "1+1"), ("time", "2026-01-01T01:00:00Z")]).encoded.utf8)

        let response = try await SocketHTTPClient().send(request)

        #expect(response.status == 200)
        let data = try Self.json(response.body)["data"] as? [String: Any]
        let value = data?["result"] as? [Any]
        #expect(value?.last as? String == "2")
    }

    @Test func badQueryReturns400() async throws {
        let prometheus = try await TestPrometheus.shared()
        let url = try #require(prometheus.url.appending(path: "/api/v1/query", query: QueryParameters([("query", "sum(")])))

        let response = try await SocketHTTPClient().send(HTTPRequest(url: url))

        #expect(response.status == 400)
        #expect(try Self.json(response.body)["errorType"] as? String == "bad_data")
    }

    @Test func largeRangeQuery() async throws {
        let prometheus = try await TestPrometheus.shared()
        let query = QueryParameters([("query", "{__name__=~\"demo_.+\"}"), ("start", "2026-01-01T00:00:00Z"),
                                     ("end", "2026-01-01T02:00:00Z"), ("step", "15")])
        let url = try #require(prometheus.url.appending(path: "/api/v1/query_range", query: query))
        let client = SocketHTTPClient()

        let response = try await client.send(HTTPRequest(url: url, maxResponseBytes: 64 << 20))
        let direct = try await URLSessionHTTPClient().send(HTTPRequest(url: url, maxResponseBytes: 64 << 20))

        #expect(response.status == 200)
        #expect(response.body.count > 200_000)
        #expect(response.body == direct.body)
        #expect(try Self.json(response.body)["status"] as? String == "success")
    }

    @Test func largeRangeQueryOverLimit() async throws {
        let prometheus = try await TestPrometheus.shared()
        let query = QueryParameters([("query", "{__name__=~\"demo_.+\"}"), ("start", "2026-01-01T00:00:00Z"),
                                     ("end", "2026-01-01T02:00:00Z"), ("step", "15")])
        let url = try #require(prometheus.url.appending(path: "/api/v1/query_range", query: query))

        await #expect(throws: HTTPTransportError.responseTooLarge(url: url.redactedForDisplay, limit: 100_000)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url, maxResponseBytes: 100_000))
        }
    }

    @Test func keepAliveConnectionReused() async throws {
        let prometheus = try await TestPrometheus.shared()
        let url = try Self.apiURL(prometheus, "/api/v1/query?query=up")
        let client = SocketHTTPClient()

        for _ in 0..<3 {
            let response = try await client.send(HTTPRequest(url: url))
            #expect(response.status == 200)
        }

        #expect(client.pool.openedCount.load(ordering: .relaxed) == 1)
    }

    @Test func unreachablePortFails() async throws {
        // Port 1 on loopback is closed on any test machine that runs no tcpmux service.
        let url = try #require(URL(string: "http://127.0.0.1:1/api/v1/query?query=up"))

        await #expect(throws: HTTPTransportError.connectionFailed(
            url: url.redactedForDisplay, reason: SocketError.systemCall(name: "connect", errno: ECONNREFUSED).description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    @Test func hostNameResolved() async throws {
        let prometheus = try await TestPrometheus.shared()
        let url = try #require(URL(string: "http://localhost:\(prometheus.port)/api/v1/query?query=up"))

        let response = try await SocketHTTPClient().send(HTTPRequest(url: url))

        #expect(response.status == 200)
    }

    @Test(arguments: [
        ([String: String](), "http://127.0.0.1:9/", true),
        ([:], "https://aps-workspaces.us-east-1.amazonaws.com/", false),
        (["http_proxy": "http://127.0.0.1:3128"], "http://127.0.0.1:9/", false),
        (["HTTP_PROXY": "http://127.0.0.1:3128"], "http://127.0.0.1:9/", false),
        (["all_proxy": "http://127.0.0.1:3128"], "http://127.0.0.1:9/", false),
        (["ALL_PROXY": "http://127.0.0.1:3128"], "http://127.0.0.1:9/", false),
        (["https_proxy": "http://127.0.0.1:3128"], "http://127.0.0.1:9/", true),
        (["http_proxy": ""], "http://127.0.0.1:9/", true),
    ])
    func standardClientSelection(environment: [String: String], url: String, usesSocket: Bool) throws {
        let client = StandardHTTPClient(environment: Environment(environment))
        let parsed = try #require(URL(string: url))

        #expect(client.usesSocketClient(for: parsed) == usesSocket)
    }

    @Test func standardClientQueriesPrometheus() async throws {
        let prometheus = try await TestPrometheus.shared()
        let client = StandardHTTPClient(environment: Environment())

        let response = try await client.send(HTTPRequest(url: try Self.apiURL(prometheus, "/api/v1/query?query=up")))

        #expect(response.status == 200)
    }
}
