import Foundation
import PromLambdaCore

/// Static keys of a profile in the shared credentials file, or failing that the config file.
///
/// The keys are `aws_access_key_id`, `aws_secret_access_key` and optionally `aws_session_token` (or the older
/// `aws_security_token`). The credentials file wins: the config file is read only when the credentials file has
/// no `aws_access_key_id` for the profile, as botocore does.
///
/// NOTE: profiles that get credentials by assuming a role, through SSO, web identity or `credential_process`
/// are not supported and count as having no credentials.
public struct ProfileCredentialProvider: CredentialProvider {
    static let source = "shared credentials and config files"
    public var environment: Environment

    public init(environment: Environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        try resolve()
    }

    func resolve() throws -> AWSCredentials {
        let files = SharedConfigFiles(environment: environment)
        let credentialsProfile = try files.loadCredentialsFile()?.credentialsFileProfile(files.profile)
        if let keys = credentialsProfile,
           let credentials = try Self.credentials(from: keys, source: files.describe(files.credentialsFileName)) {
            return credentials
        }
        let configProfile = try files.loadConfigFile()?.configFileProfile(files.profile)
        if let keys = configProfile,
           let credentials = try Self.credentials(from: keys, source: files.describe(files.configFileName)) {
            return credentials
        }

        if files.profileIsExplicit, credentialsProfile == nil, configProfile == nil {
            throw CredentialError.profileNotFound(profile: files.profile,
                                                  files: [files.credentialsFileName, files.configFileName])
        }
        throw CredentialError.notConfigured(source: Self.source, checked: [
            files.describe(files.credentialsFileName) + " and " + files.configFileName,
        ])
    }

    /// Returns the keys' credentials, or `nil` when they have no `aws_access_key_id`.
    private static func credentials(from keys: [String: String], source: String) throws -> AWSCredentials? {
        guard let accessKeyId = keys["aws_access_key_id"], !accessKeyId.isEmpty else { return nil }
        guard let secretAccessKey = keys["aws_secret_access_key"], !secretAccessKey.isEmpty else {
            throw CredentialError.incomplete(source: source, missing: "aws_secret_access_key")
        }
        let token = [keys["aws_session_token"], keys["aws_security_token"]].compactMap { $0 }.first { !$0.isEmpty }
        return AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: token)
    }
}
