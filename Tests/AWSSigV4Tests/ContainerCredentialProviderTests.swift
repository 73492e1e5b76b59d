import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
@testable import AWSSigV4

@Suite struct ContainerCredentialProviderTests {
    static func provider(_ values: [String: String],
                         client: any HTTPClient = URLSessionHTTPClient()) -> ContainerCredentialProvider {
        ContainerCredentialProvider(environment: Environment(values), httpClient: client)
    }

    @Test func fullURIFetchesFromLocalServer() async throws {
        try await LocalCredentialServer.with { server in
            let provider = Self.provider([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/container/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": LocalCredentialServer.expectedContainerToken,
            ])
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIALOCALTEST")
            #expect(credentials.secretAccessKey == "local/secret+key")
            #expect(credentials.sessionToken == "local-session-token")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_773_482_400))
        }
    }

    @Test func tokenFileWinsOverVariable() async throws {
        let folder = try TestFiles.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenFile = folder.appendingPathComponent("token")
        try Data((LocalCredentialServer.expectedContainerToken + "\n").utf8).write(to: tokenFile)

        try await LocalCredentialServer.with { server in
            let provider = Self.provider([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/container/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token",
            ])
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIALOCALTEST")
        }
    }

    @Test func wrongTokenIsRejected() async throws {
        try await LocalCredentialServer.with { server in
            let url = server.baseURL + "/container/creds"
            let provider = Self.provider([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": url, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token",
            ])
            await #expect(throws: CredentialError.requestRejected(source: "container credential endpoint", url: url,
                                                                  status: 401)) {
                try await provider.credentials()
            }
        }
    }

    @Test func serverErrorIsRetried() async throws {
        try await LocalCredentialServer.with { server in
            let provider = Self.provider([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/container/flaky",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": LocalCredentialServer.expectedContainerToken,
            ])
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIALOCALTEST")
        }
    }

    @Test func brokenBodiesAreInvalidResponses() async throws {
        try await LocalCredentialServer.with { server in
            for (path, reason) in [("/container/not-json", "the body is not credentials JSON"),
                                   ("/container/missing-secret", "the key SecretAccessKey is missing")] {
                let url = server.baseURL + path
                let provider = Self.provider([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": url,
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": LocalCredentialServer.expectedContainerToken,
                ])
                await #expect(throws: CredentialError.invalidResponse(source: "container credential endpoint", url: url,
                                                                      reason: reason)) {
                    try await provider.credentials()
                }
            }
        }
    }

    @Test func unreachableEndpointFailsAfterAttempts() async throws {
        let client = RecordingHTTPClient { request in
            throw HTTPTransportError.connectionFailed(url: request.url.absoluteString, reason: "refused")
        }
        let provider = Self.provider(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds"], client: client)
        await #expect(throws: CredentialError.requestFailed(
            source: "container credential endpoint", url: "http://127.0.0.1:9/creds",
            reason: "Connection to http://127.0.0.1:9/creds failed: refused.")) {
            try await provider.credentials()
        }
        #expect(client.requests.count == 3)
    }

    @Test func relativeURIUsesContainerHost() async throws {
        // The recording client replaces the network, so nothing is sent to 169.254.170.2.
        let client = RecordingHTTPClient { _ in
            HTTPResponse(status: 200, body: Data(#"{"AccessKeyId":"ASIAREL","SecretAccessKey":"rel-secret"}"#.utf8))
        }
        let provider = Self.provider([
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc-123",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/ignored",
        ], client: client)
        let credentials = try await provider.credentials()

        #expect(credentials.accessKeyId == "ASIAREL")
        #expect(credentials.sessionToken == nil)
        #expect(client.requests.map(\.url.absoluteString) == ["http://169.254.170.2/v2/credentials/abc-123"])
        #expect(client.requests.first?.headers["Authorization"] == nil)
        #expect(client.requests.first?.timeout == 2)
    }

    @Test(arguments: ["http://example.com/creds", "http://10.0.0.5/creds", "ftp://127.0.0.1/creds", "not a url"])
    func fullURIRejectsHost(_ uri: String) async {
        let client = RecordingHTTPClient()
        let provider = Self.provider(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri], client: client)
        await #expect {
            try await provider.credentials()
        } throws: { error in
            guard case CredentialError.invalidEndpoint(let variable, _) = error else { return false }
            return variable == "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        }
        #expect(client.requests.isEmpty)
    }

    @Test(arguments: ["https://creds.example.com/x", "http://127.0.0.2:8080/x", "http://[::1]:8080/x",
                      "http://localhost/x", "http://169.254.170.23/x"])
    func fullURIAcceptsAllowedHost(_ uri: String) throws {
        let provider = Self.provider(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri], client: RecordingHTTPClient())
        #expect(try provider.endpoint().absoluteString == uri)
    }

    @Test func tokenWithLineBreakRejected() async {
        let client = RecordingHTTPClient()
        let provider = Self.provider([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "abc\r\nX-Injected: 1",
        ], client: client)
        await #expect(throws: CredentialError.invalidAuthorizationToken(variable: "AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
            try await provider.credentials()
        }
        #expect(client.requests.isEmpty)
    }

    @Test func unsetVariablesIsNotConfigured() async {
        await #expect(throws: CredentialError.notConfigured(source: "container credential endpoint", checked: [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ])) {
            try await Self.provider([:], client: RecordingHTTPClient()).credentials()
        }
    }
}
