import Foundation
import PromLambdaCore
import Testing
@testable import AWSSigV4

@Suite struct ProfileCredentialProviderTests {
    /// A temporary HOME with `.aws/credentials` and `.aws/config` holding the given text, `nil` for no file.
    /// The folder is removed when the value is released.
    final class Home {
        let url: URL

        init(credentials: String?, config: String?) throws {
            url = try TestFiles.makeTemporaryDirectory()
            let awsFolder = url.appendingPathComponent(".aws", isDirectory: true)
            try FileManager.default.createDirectory(at: awsFolder, withIntermediateDirectories: true)
            if let credentials {
                try Data(credentials.utf8).write(to: awsFolder.appendingPathComponent("credentials"))
            }
            if let config {
                try Data(config.utf8).write(to: awsFolder.appendingPathComponent("config"))
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: url)
        }

        func environment(_ extra: [String: String] = [:]) -> Environment {
            Environment(["HOME": url.path].merging(extra) { _, new in new })
        }

        func path(_ relative: String) -> String {
            url.appendingPathComponent(relative).path
        }
    }

    static let credentialsFile = """
    # comment line
    [default]
    aws_access_key_id = AKIADEFAULT
    aws_secret_access_key = default/secret

    [dev]
    AWS_ACCESS_KEY_ID=AKIADEV
    aws_secret_access_key: dev-secret
    aws_session_token = dev-token
    s3 =
      max_concurrent_requests = 20

    [broken]
    aws_access_key_id = AKIABROKEN
    """

    static let configFile = """
    [default]
    region = eu-west-1

    [profile dev]
    region = us-west-2
    aws_access_key_id = AKIACONFIGDEV
    aws_secret_access_key = config-dev-secret

    [profile config-only]
    aws_access_key_id = AKIACONFIGONLY
    aws_secret_access_key = config-only-secret
    region = ap-southeast-2

    ; without the profile prefix a config section is not a profile
    [unprefixed]
    aws_access_key_id = AKIAUNPREFIXED
    aws_secret_access_key = unprefixed-secret
    """

    @Test func defaultProfileFromCredentialsFile() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        let credentials = try ProfileCredentialProvider(environment: home.environment()).resolve()
        #expect(credentials.accessKeyId == "AKIADEFAULT")
        #expect(credentials.secretAccessKey == "default/secret")
        #expect(credentials.sessionToken == nil)
    }

    @Test func awsProfileSelectsSection() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        let credentials = try ProfileCredentialProvider(environment: home.environment(["AWS_PROFILE": "dev"])).resolve()
        // The credentials file wins over the config file's keys for the same profile.
        #expect(credentials.accessKeyId == "AKIADEV")
        #expect(credentials.secretAccessKey == "dev-secret")
        #expect(credentials.sessionToken == "dev-token")
    }

    @Test func configOnlyProfileUsesPrefixedSection() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        let provider = ProfileCredentialProvider(environment: home.environment(["AWS_PROFILE": "config-only"]))
        let credentials = try provider.resolve()
        #expect(credentials.accessKeyId == "AKIACONFIGONLY")
        #expect(credentials.secretAccessKey == "config-only-secret")
    }

    @Test func configSectionWithoutPrefixIgnored() throws {
        let home = try Home(credentials: nil, config: Self.configFile)
        let provider = ProfileCredentialProvider(environment: home.environment(["AWS_PROFILE": "unprefixed"]))
        #expect(throws: CredentialError.profileNotFound(profile: "unprefixed", files: [
            home.path(".aws/credentials"), home.path(".aws/config"),
        ])) {
            try provider.resolve()
        }
    }

    @Test func credentialsSectionNeedsNoPrefix() throws {
        // `[profile dev]` in a credentials file is a profile literally named "profile dev", not "dev".
        let home = try Home(credentials: "[profile other]\naws_access_key_id = A\naws_secret_access_key = B\n",
                            config: nil)
        let provider = ProfileCredentialProvider(environment: home.environment(["AWS_PROFILE": "other"]))
        #expect(throws: CredentialError.profileNotFound(profile: "other", files: [
            home.path(".aws/credentials"), home.path(".aws/config"),
        ])) {
            try provider.resolve()
        }
    }

    @Test func customFilePathsFromEnvironment() throws {
        let folder = try TestFiles.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let credentialsPath = folder.appendingPathComponent("my-credentials").path
        let configPath = folder.appendingPathComponent("my-config").path
        try Data("[ci]\naws_access_key_id = AKIACUSTOM\naws_secret_access_key = custom-secret\n".utf8)
            .write(to: URL(fileURLWithPath: credentialsPath))
        try Data("[profile ci]\nregion = ca-central-1\n".utf8).write(to: URL(fileURLWithPath: configPath))
        let environment = Environment([
            "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": configPath, "AWS_PROFILE": "ci",
        ])

        #expect(try ProfileCredentialProvider(environment: environment).resolve().accessKeyId == "AKIACUSTOM")
        #expect(try AWSRegion.resolve(environment: environment) == "ca-central-1")
    }

    @Test func keyWithoutSecretIsIncomplete() throws {
        let home = try Home(credentials: Self.credentialsFile, config: nil)
        let provider = ProfileCredentialProvider(environment: home.environment(["AWS_PROFILE": "broken"]))
        #expect(throws: CredentialError.incomplete(source: "profile broken in \(home.path(".aws/credentials"))",
                                                   missing: "aws_secret_access_key")) {
            try provider.resolve()
        }
    }

    @Test func missingFilesIsNotConfigured() throws {
        let home = try Home(credentials: nil, config: nil)
        let provider = ProfileCredentialProvider(environment: home.environment())
        #expect(throws: CredentialError.notConfigured(source: "shared credentials and config files", checked: [
            "profile default in \(home.path(".aws/credentials")) and \(home.path(".aws/config"))",
        ])) {
            try provider.resolve()
        }
    }

    @Test func missingHomeNamedInMessage() throws {
        let provider = ProfileCredentialProvider(environment: Environment())
        do {
            _ = try provider.resolve()
            Issue.record("expected an error without HOME")
        } catch let error as CredentialError {
            #expect(error.description.contains("~/.aws/credentials (HOME is not set)"))
        }
    }

    @Test func unreadableFileIsReported() throws {
        let home = try Home(credentials: nil, config: nil)
        // A directory where the credentials file should be exists but cannot be read as a file.
        try FileManager.default.createDirectory(atPath: home.path(".aws/credentials"), withIntermediateDirectories: true)
        do {
            _ = try ProfileCredentialProvider(environment: home.environment()).resolve()
            Issue.record("expected an unreadable-file error")
        } catch CredentialError.unreadableFile(let path, _) {
            #expect(path == home.path(".aws/credentials"))
        }
    }

    @Test func regionPrefersEnvironment() throws {
        let home = try Home(credentials: nil, config: Self.configFile)
        #expect(try AWSRegion.resolve(environment: home.environment(["AWS_REGION": "us-east-2",
                                                                     "AWS_DEFAULT_REGION": "sa-east-1"])) == "us-east-2")
        #expect(try AWSRegion.resolve(environment: home.environment(["AWS_DEFAULT_REGION": "sa-east-1"])) == "sa-east-1")
    }

    @Test func regionFromProfileInConfig() throws {
        let home = try Home(credentials: nil, config: Self.configFile)
        #expect(try AWSRegion.resolve(environment: home.environment()) == "eu-west-1")
        #expect(try AWSRegion.resolve(environment: home.environment(["AWS_PROFILE": "dev"])) == "us-west-2")
    }

    @Test func regionMissingListsPlaces() throws {
        let home = try Home(credentials: nil, config: nil)
        #expect(try AWSRegion.resolve(environment: home.environment()) == nil)
        #expect(throws: RegionError.notFound(checked: [
            "AWS_REGION", "AWS_DEFAULT_REGION", "region of profile default in \(home.path(".aws/config"))",
        ])) {
            try AWSRegion.require(environment: home.environment())
        }
    }

    @Test func profileFileParsesSections() {
        let file = ProfileFile(parsing: "top = ignored\n[a]\nKey = v = w\nother: x:y\n  nested = z\n[a]\nmore = 1\n")
        #expect(file.sections["a"] == ["key": "v = w", "other": "x:y", "more": "1"])
        #expect(file.sections.count == 1)
    }

    @Test func profileFileMergesDefaultSections() {
        let file = ProfileFile(parsing: "[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n")
        #expect(file.configFileProfile("default") == ["region": "b", "output": "json"])
        #expect(file.configFileProfile("missing") == nil)
    }
}
