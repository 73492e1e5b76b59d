import Foundation
import HTTPTransport
import Testing
@testable import AWSSigV4

@Suite struct SigningHTTPClientTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE",
                                            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                            sessionToken: "client-session-token")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    @Test func clientSignsWithInjectedTime() async throws {
        let base = RecordingHTTPClient { _ in HTTPResponse(status: 200, body: Data("ok".utf8)) }
        let client = SigningHTTPClient(base: base, credentialProvider: StaticCredentialProvider(Self.credentials),
                                       region: "us-west-2", service: "aps", timeSource: ManualTimeSource(Self.date))
        let url = try #require(URL(string: "https://aps-workspaces.us-west-2.amazonaws.com/workspaces/ws-1/api/v1/query?query=up"))
        let response = try await client.send(HTTPRequest(url: url))

        #expect(response.body == Data("ok".utf8))
        let sent = try #require(base.requests.first)
        #expect(sent.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(sent.headers["X-Amz-Security-Token"] == "client-session-token")

        let expected = try SigV4Signer(credentials: Self.credentials, region: "us-west-2", service: "aps")
            .signHeaders(HTTPRequest(url: url), date: Self.date)
        #expect(sent.headers["Authorization"] == expected.request.headers["Authorization"])
        #expect(sent.headers["Authorization"]?.contains("/20150830/us-west-2/aps/aws4_request") == true)
    }

    @Test func clientStripsScopeOrgID() async throws {
        let base = RecordingHTTPClient()
        let client = SigningHTTPClient(base: base, credentialProvider: StaticCredentialProvider(Self.credentials),
                                       region: "us-east-1", service: "aps", timeSource: ManualTimeSource(Self.date))
        let url = try #require(URL(string: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/labels"))
        let request = HTTPRequest(url: url, headers: HTTPHeaders([("X-Scope-OrgID", "tenant-a"), ("x-scope-orgid", "b")]))
        _ = try await client.send(request)

        let sent = try #require(base.requests.first)
        #expect(sent.headers["X-Scope-OrgID"] == nil)
        #expect(sent.headers["Authorization"]?.contains("x-scope-orgid") == false)
    }

    @Test func clientPassesCredentialErrors() async throws {
        let base = RecordingHTTPClient()
        let provider = EnvironmentCredentialProvider(environment: .init())
        let client = SigningHTTPClient(base: base, credentialProvider: provider, region: "us-east-1", service: "aps")
        let url = try #require(URL(string: "https://aps-workspaces.us-east-1.amazonaws.com/"))
        await #expect(throws: CredentialError.self) {
            try await client.send(HTTPRequest(url: url))
        }
        #expect(base.requests.isEmpty)
    }

    @Test func clientSignedRequestAcceptedLocally() async throws {
        // A local server recomputes the signature with botocore and returns 200 only when it matches.
        try await BotocoreVerifyingServer.with { server in
            let client = SigningHTTPClient(base: URLSessionHTTPClient(),
                                           credentialProvider: StaticCredentialProvider(Self.credentials),
                                           region: "us-east-1", service: "aps")
            var form = QueryParameters()
            form.append("query", #"sum(rate(http_requests_total{job=~"api|web", path!~"/health.*"}[5m])) + 1"#)
            form.append("step", "30s")
            let url = try #require(URL(string: server.baseURL)?.appending(path: "/workspaces/ws-1/api/v1/query_range",
                                                                          query: QueryParameters([("label", "ü 1+1")])))
            let request = HTTPRequest(method: .post, url: url,
                                      headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
                                      body: Data(form.encoded.utf8))
            let response = try await client.send(request)
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        }
    }
}
