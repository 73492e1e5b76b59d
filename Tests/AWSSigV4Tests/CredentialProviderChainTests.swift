import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
@testable import AWSSigV4

@Suite struct CredentialProviderChainTests {
    static let secretEnvironment: [String: String] = [
        "HOME": "/nonexistent-home",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-secret-token",
        "AWS_EC2_METADATA_DISABLED": "true",
    ]

    @Test func chainReturnsFirstConfigured() async throws {
        let chain = CredentialProviderChain.standard(
            environment: Environment(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                                      "HOME": "/nonexistent-home"]),
            httpClient: RecordingHTTPClient())
        #expect(try await chain.credentials().accessKeyId == "AKIAENV")
    }

    @Test func chainSkipsToContainerProvider() async throws {
        try await LocalCredentialServer.with { server in
            let chain = CredentialProviderChain.standard(
                environment: Environment([
                    "HOME": "/nonexistent-home",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/container/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": LocalCredentialServer.expectedContainerToken,
                ]),
                httpClient: URLSessionHTTPClient())
            let credentials = try await chain.credentials()
            #expect(credentials.accessKeyId == "ASIALOCALTEST")
        }
    }

    @Test func noneFoundListsEveryPlace() async throws {
        let chain = CredentialProviderChain.standard(environment: Environment(Self.secretEnvironment),
                                                     httpClient: RecordingHTTPClient())
        do {
            _ = try await chain.credentials()
            Issue.record("expected the chain to find no credentials")
        } catch let error as CredentialError {
            let message = error.description
            #expect(message.contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
            #expect(message.contains("profile default in /nonexistent-home/.aws/credentials"))
            #expect(message.contains("/nonexistent-home/.aws/config"))
            #expect(message.contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI"))
            #expect(message.contains("disabled by AWS_EC2_METADATA_DISABLED"))
            #expect(!message.contains("container-secret-token"))
            guard case .noCredentials(let checked) = error else {
                Issue.record("expected noCredentials, got \(error)")
                return
            }
            #expect(checked.count == 4)
        }
    }

    @Test func noneFoundOmitsInstanceMetadataInLambda() async throws {
        let client = RecordingHTTPClient()
        let chain = CredentialProviderChain.standard(
            environment: Environment(["HOME": "/nonexistent-home", "AWS_LAMBDA_FUNCTION_NAME": "promlambda"]),
            httpClient: client)
        await #expect(throws: CredentialError.self) {
            try await chain.credentials()
        }
        #expect(chain.providers.count == 3)
        #expect(client.requests.isEmpty)
    }

    @Test func brokenSourceStopsChain() async throws {
        let later = CountingCredentialProvider([.success(AWSCredentials(accessKeyId: "LATER", secretAccessKey: "s"))])
        let chain = CredentialProviderChain([
            EnvironmentCredentialProvider(environment: Environment(["AWS_ACCESS_KEY_ID": "AKIAPARTIAL"])), later,
        ])
        await #expect(throws: CredentialError.incomplete(source: "environment variables", missing: "AWS_SECRET_ACCESS_KEY")) {
            try await chain.credentials()
        }
        #expect(later.callCount == 0)
    }

    @Test func errorDescriptionsHideSecrets() {
        let errors: [CredentialError] = [
            .invalidAuthorizationToken(variable: "AWS_CONTAINER_AUTHORIZATION_TOKEN"),
            .invalidResponse(source: "container credential endpoint", url: "http://127.0.0.1:1/c", reason: "bad"),
            .requestRejected(source: "container credential endpoint", url: "http://127.0.0.1:1/c", status: 403),
            .profileNotFound(profile: "dev", files: ["/h/.aws/credentials", "/h/.aws/config"]),
        ]
        for error in errors {
            #expect(error.description.hasSuffix("."), "\(error)")
        }
        #expect(errors[3].description.contains("'dev'"))
        #expect(errors[2].description.contains("HTTP 403"))
    }
}
