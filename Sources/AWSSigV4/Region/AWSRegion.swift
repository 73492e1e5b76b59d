import PromLambdaCore

/// Finds the AWS region to sign for, as botocore and the AWS CLI do.
public enum AWSRegion {
    /// Returns the region from `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the `region` key of the profile in
    /// the shared config file, or `nil` when none of them sets one.
    ///
    /// The profile and the config file are those of ``ProfileCredentialProvider``: `AWS_PROFILE` or `default`,
    /// and `AWS_CONFIG_FILE` or `~/.aws/config`. The credentials file is not read for the region.
    /// - Throws: ``CredentialError/unreadableFile(path:reason:)`` when the config file exists but cannot be read.
    public static func resolve(environment: Environment) throws -> String? {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] {
            return region
        }
        let files = SharedConfigFiles(environment: environment)
        guard let region = try files.loadConfigFile()?.configFileProfile(files.profile)?["region"], !region.isEmpty
        else {
            return nil
        }
        return region
    }

    /// Returns the region as ``resolve(environment:)`` finds it.
    /// - Throws: ``RegionError/notFound(checked:)`` naming every place looked at when no region is set.
    public static func require(environment: Environment) throws -> String {
        if let region = try resolve(environment: environment) {
            return region
        }
        let files = SharedConfigFiles(environment: environment)
        throw RegionError.notFound(checked: ["AWS_REGION", "AWS_DEFAULT_REGION",
                                             "region of \(files.describe(files.configFileName))"])
    }
}

/// A missing AWS region.
public enum RegionError: Error, Sendable, Equatable {
    /// No source sets a region. `checked` names the variables and the profile looked at.
    case notFound(checked: [String])
}

// MARK: - CustomStringConvertible

extension RegionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let checked):
            "No AWS region found. Checked \(checked.joined(separator: ", ")). Set AWS_REGION, for example "
                + "AWS_REGION=us-east-1."
        }
    }
}
