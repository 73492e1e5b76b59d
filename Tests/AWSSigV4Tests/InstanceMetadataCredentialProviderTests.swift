import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
@testable import AWSSigV4

@Suite struct InstanceMetadataCredentialProviderTests {
    @Test func fetchesRoleCredentialsWithSessionToken() async throws {
        try await LocalCredentialServer.with { server in
            let provider = InstanceMetadataCredentialProvider(
                environment: Environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/"]),
                // The default 1 s per request is too short for a Python server on a loaded 2-core
                // machine; the default itself is checked against a recording client below.
                httpClient: URLSessionHTTPClient(), timeout: 10)
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIALOCALTEST")
            #expect(credentials.secretAccessKey == "local/secret+key")
            #expect(credentials.sessionToken == "local-session-token")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_773_482_400))
        }
    }

    @Test func sendsIMDSv2RequestsInOrder() async throws {
        let client = RecordingHTTPClient { request in
            switch request.url.absoluteString.replacingOccurrences(of: "http://127.0.0.1:1", with: "") {
            case "/latest/api/token": HTTPResponse(status: 200, body: Data("session".utf8))
            case "/latest/meta-data/iam/security-credentials/": HTTPResponse(status: 200, body: Data("role-a\n".utf8))
            default: HTTPResponse(status: 200, body: Data(#"{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S"}"#.utf8))
            }
        }
        let provider = InstanceMetadataCredentialProvider(
            environment: Environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"]), httpClient: client)
        _ = try await provider.credentials()

        let requests = client.requests
        #expect(requests.map(\.method) == [.put, .get, .get])
        #expect(requests.map(\.url.absoluteString) == [
            "http://127.0.0.1:1/latest/api/token", "http://127.0.0.1:1/latest/meta-data/iam/security-credentials/",
            "http://127.0.0.1:1/latest/meta-data/iam/security-credentials/role-a",
        ])
        #expect(requests.first?.headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect(requests.dropFirst().allSatisfy { $0.headers["X-aws-ec2-metadata-token"] == "session" })
        #expect(requests.allSatisfy { $0.timeout == 1 })
    }

    @Test func absentServiceIsNotConfigured() async {
        let client = RecordingHTTPClient { request in
            throw HTTPTransportError.timedOut(url: request.url.absoluteString, seconds: 1)
        }
        // The recording client replaces the network, so nothing is sent to 169.254.169.254.
        let provider = InstanceMetadataCredentialProvider(environment: Environment(), httpClient: client)
        await #expect(throws: CredentialError.notConfigured(source: "EC2 instance metadata service", checked: [
            "AWS_EC2_METADATA_SERVICE_ENDPOINT or http://169.254.169.254",
        ])) {
            try await provider.credentials()
        }
        #expect(client.requests.map(\.url.absoluteString) == ["http://169.254.169.254/latest/api/token"])
    }

    @Test func instanceWithoutRoleIsNotConfigured() async {
        let client = RecordingHTTPClient { request in
            request.method == .put ? HTTPResponse(status: 200, body: Data("t".utf8)) : HTTPResponse(status: 404)
        }
        let provider = InstanceMetadataCredentialProvider(
            environment: Environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"]), httpClient: client)
        await #expect(throws: CredentialError.notConfigured(source: "EC2 instance metadata service", checked: [
            "AWS_EC2_METADATA_SERVICE_ENDPOINT or http://169.254.169.254",
        ])) {
            try await provider.credentials()
        }
        #expect(client.requests.count == 2)
    }

    @Test func disabledSendsNothing() async {
        let client = RecordingHTTPClient()
        let provider = InstanceMetadataCredentialProvider(
            environment: Environment(["AWS_EC2_METADATA_DISABLED": "TRUE"]), httpClient: client)
        await #expect(throws: CredentialError.notConfigured(source: "EC2 instance metadata service",
                                                            checked: ["disabled by AWS_EC2_METADATA_DISABLED"])) {
            try await provider.credentials()
        }
        #expect(client.requests.isEmpty)
    }

    @Test func failedRoleCodeIsInvalidResponse() async {
        let client = RecordingHTTPClient { request in
            switch request.url.absoluteString.replacingOccurrences(of: "http://127.0.0.1:1", with: "") {
            case "/latest/api/token": HTTPResponse(status: 200, body: Data("t".utf8))
            case "/latest/meta-data/iam/security-credentials/": HTTPResponse(status: 200, body: Data("r".utf8))
            default: HTTPResponse(status: 200, body: Data(#"{"Code":"AssumeRoleUnauthorizedAccess","AccessKeyId":"","SecretAccessKey":""}"#.utf8))
            }
        }
        let provider = InstanceMetadataCredentialProvider(
            environment: Environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"]), httpClient: client)
        await #expect(throws: CredentialError.invalidResponse(
            source: "EC2 instance metadata service", url: "http://127.0.0.1:1/latest/meta-data/iam/security-credentials/r",
            reason: "Code is AssumeRoleUnauthorizedAccess, not Success")) {
            try await provider.credentials()
        }
    }
}
