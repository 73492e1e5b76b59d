import Foundation
import PromLambdaCore

/// The shared credentials and config files and the profile to read from them, located from an environment.
///
/// The profile is `AWS_PROFILE`, or `default`. The credentials file is `AWS_SHARED_CREDENTIALS_FILE`, or
/// `~/.aws/credentials`, and the config file is `AWS_CONFIG_FILE`, or `~/.aws/config`. A leading `~/` is expanded
/// with `HOME` from the environment, and without `HOME` a default path is unknown.
struct SharedConfigFiles: Sendable {
    var profile: String
    /// Whether `AWS_PROFILE` chose the profile, so a missing profile is an error instead of an absent source.
    var profileIsExplicit: Bool
    var credentialsPath: String?
    var configPath: String?

    init(environment: Environment) {
        profileIsExplicit = environment["AWS_PROFILE"] != nil
        profile = environment["AWS_PROFILE"] ?? "default"
        let home = environment["HOME"]
        credentialsPath = Self.path(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        configPath = Self.path(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
    }

    /// The credentials file's path for messages, or a note that it is unknown.
    var credentialsFileName: String { credentialsPath ?? "~/.aws/credentials (HOME is not set)" }
    /// The config file's path for messages, or a note that it is unknown.
    var configFileName: String { configPath ?? "~/.aws/config (HOME is not set)" }

    /// Returns `profile <name> in <file>` for messages.
    func describe(_ fileName: String) -> String {
        "profile \(profile) in \(fileName)"
    }

    /// Returns the parsed credentials file, or `nil` when it does not exist.
    /// - Throws: ``CredentialError/unreadableFile(path:reason:)`` when it exists but cannot be read.
    func loadCredentialsFile() throws -> ProfileFile? {
        try Self.load(credentialsPath)
    }

    /// Returns the parsed config file, or `nil` when it does not exist.
    /// - Throws: ``CredentialError/unreadableFile(path:reason:)`` when it exists but cannot be read.
    func loadConfigFile() throws -> ProfileFile? {
        try Self.load(configPath)
    }

    private static func load(_ path: String?) throws -> ProfileFile? {
        guard let path, FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return ProfileFile(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw CredentialError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    private static func path(_ configured: String, home: String?) -> String? {
        guard configured.hasPrefix("~/") else { return configured }
        guard let home else { return nil }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + configured.dropFirst()
    }
}
