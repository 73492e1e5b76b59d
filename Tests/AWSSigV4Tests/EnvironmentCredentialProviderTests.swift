import Foundation
import PromLambdaCore
import Testing
@testable import AWSSigV4

@Suite struct EnvironmentCredentialProviderTests {
    @Test func readsKeysAndSessionToken() async throws {
        let provider = EnvironmentCredentialProvider(environment: Environment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            "AWS_CREDENTIAL_EXPIRATION": "2026-03-14T10:00:00Z",
        ]))
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyId == "AKIAENV")
        #expect(credentials.secretAccessKey == "env-secret")
        #expect(credentials.sessionToken == "env-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_773_482_400))
    }

    @Test func readsLegacySecurityToken() async throws {
        let provider = EnvironmentCredentialProvider(environment: Environment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SECURITY_TOKEN": "legacy",
        ]))
        #expect(try await provider.credentials().sessionToken == "legacy")
    }

    @Test func missingKeysIsNotConfigured() async {
        let provider = EnvironmentCredentialProvider(environment: Environment(["AWS_SESSION_TOKEN": "orphan", "AWS_ACCESS_KEY_ID": ""]))
        await #expect(throws: CredentialError.notConfigured(source: "environment variables",
                                                            checked: ["AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"])) {
            try await provider.credentials()
        }
    }

    @Test func secretWithoutKeyIsIncomplete() async {
        let provider = EnvironmentCredentialProvider(environment: Environment(["AWS_SECRET_ACCESS_KEY": "lonely"]))
        await #expect(throws: CredentialError.incomplete(source: "environment variables", missing: "AWS_ACCESS_KEY_ID")) {
            try await provider.credentials()
        }
    }

    @Test func keyWithoutSecretIsIncomplete() async {
        let provider = EnvironmentCredentialProvider(environment: Environment(["AWS_ACCESS_KEY_ID": "AKIAENV"]))
        await #expect(throws: CredentialError.incomplete(source: "environment variables", missing: "AWS_SECRET_ACCESS_KEY")) {
            try await provider.credentials()
        }
    }

    @Test func invalidExpirationIsRejected() async {
        let provider = EnvironmentCredentialProvider(environment: Environment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_CREDENTIAL_EXPIRATION": "soon",
        ]))
        await #expect(throws: CredentialError.invalidExpiration(source: "AWS_CREDENTIAL_EXPIRATION", value: "soon")) {
            try await provider.credentials()
        }
    }
}
