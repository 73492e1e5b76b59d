import Foundation
import PromLambdaCore

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary credentials,
/// `AWS_SESSION_TOKEN` (or the older `AWS_SECURITY_TOKEN`) and `AWS_CREDENTIAL_EXPIRATION`.
///
/// Lambda hands a function's role credentials to it this way.
public struct EnvironmentCredentialProvider: CredentialProvider {
    static let source = "environment variables"
    public var environment: Environment

    public init(environment: Environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        try resolve()
    }

    func resolve() throws -> AWSCredentials {
        let accessKeyId = environment["AWS_ACCESS_KEY_ID"]
        let secretAccessKey = environment["AWS_SECRET_ACCESS_KEY"]
        switch (accessKeyId, secretAccessKey) {
        case (nil, nil):
            throw CredentialError.notConfigured(
                source: Self.source, checked: ["AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"])
        case (nil, _):
            throw CredentialError.incomplete(source: Self.source, missing: "AWS_ACCESS_KEY_ID")
        case (_, nil):
            throw CredentialError.incomplete(source: Self.source, missing: "AWS_SECRET_ACCESS_KEY")
        case (let accessKeyId?, let secretAccessKey?):
            var expiration: Date?
            if let text = environment["AWS_CREDENTIAL_EXPIRATION"] {
                guard let date = ISO8601Timestamp.parse(text) else {
                    throw CredentialError.invalidExpiration(source: "AWS_CREDENTIAL_EXPIRATION", value: text)
                }
                expiration = date
            }
            return AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
                                  sessionToken: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"],
                                  expiration: expiration)
        }
    }
}
