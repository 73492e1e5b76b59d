import Foundation
import Testing
import TestSupport
@testable import HTTPTransport

@Suite struct URLSessionHTTPClientTests {
    @Test(arguments: [
        ("http://127.0.0.1:9090", true),
        ("http://127.1.2.3", true),
        ("http://localhost:9090/prometheus", true),
        ("http://LOCALHOST", true),
        ("http://[::1]:9090", true),
        ("http://128.0.0.1", false),
        ("http://10.0.0.1:9090", false),
        ("http://127.0.0.1.example.com", false),
        ("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1", false),
        ("http://[::2]:9090", false),
    ])
    func loopbackHostDetection(url: String, expected: Bool) throws {
        let parsed = try #require(URL(string: url))
        #expect(parsed.hasLoopbackHost == expected)
    }

    @Test func loopbackResponseUncompressed() async throws {
        let prometheus = try await TestPrometheus.shared()
        let url = try #require(URL(string: prometheus.url.absoluteString + "/api/v1/query?query=up"))

        let response = try await URLSessionHTTPClient().send(HTTPRequest(url: url))

        #expect(response.status == 200)
        #expect(response.headers["Content-Encoding"] == nil)
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(body?["status"] as? String == "success")
    }

    @Test func explicitAcceptEncodingKept() async throws {
        let prometheus = try await TestPrometheus.shared()
        let url = try #require(URL(string: prometheus.url.absoluteString + "/api/v1/query?query=up"))
        var request = HTTPRequest(url: url)
        request.headers.add("Accept-Encoding", "gzip")

        let response = try await URLSessionHTTPClient().send(request)

        #expect(response.status == 200)
        #expect(response.headers["Content-Encoding"] == "gzip")
        // libcurl inflates the body, so the caller still reads JSON.
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(body?["status"] as? String == "success")
    }
}
