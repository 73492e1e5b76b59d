/// A failure to find or fetch AWS credentials.
///
/// Cases carry the names of variables, the paths of files and the URLs involved, but never a secret access
/// key, a session token or an authorization token.
public enum CredentialError: Error, Sendable, Equatable {
    /// The provider's source is not set up. `checked` names the variables or files it looked at.
    case notConfigured(source: String, checked: [String])
    /// No provider of a chain found credentials. `checked` lists every place each provider looked at.
    case noCredentials(checked: [String])
    /// A source has part of a key pair, such as an access key ID without its secret access key.
    case incomplete(source: String, missing: String)
    /// `AWS_PROFILE` names a profile that neither shared file contains.
    case profileNotFound(profile: String, files: [String])
    /// A shared credentials, config or token file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// An environment variable contains an endpoint that is not a URL or that credentials may not be fetched from.
    case invalidEndpoint(variable: String, reason: String)
    /// The container authorization token contains a line break, which would inject a header.
    case invalidAuthorizationToken(variable: String)
    /// A credential endpoint returned an HTTP error status.
    case requestRejected(source: String, url: String, status: Int)
    /// A credential endpoint could not be reached or did not respond in time.
    case requestFailed(source: String, url: String, reason: String)
    /// A credential endpoint returned a body that is not the expected credentials JSON.
    case invalidResponse(source: String, url: String, reason: String)
    /// A timestamp given as the credentials' expiry is not ISO 8601.
    case invalidExpiration(source: String, value: String)
}

// MARK: - CustomStringConvertible

extension CredentialError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notConfigured(let source, let checked):
            "No credentials from \(source): checked \(checked.joined(separator: ", "))."
        case .noCredentials(let checked):
            "No AWS credentials found. Checked: " + checked.joined(separator: "; ") + ". Set AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile that has keys, or run where a container or "
                + "EC2 role provides credentials."
        case .incomplete(let source, let missing):
            "Incomplete credentials in \(source): \(missing) is missing. Set it, or remove the partial keys."
        case .profileNotFound(let profile, let files):
            "The AWS profile '\(profile)' named by AWS_PROFILE was not found in \(files.joined(separator: " or ")). "
                + "Check the profile name, or add a [\(profile)] section to the credentials file."
        case .unreadableFile(let path, let reason):
            "Failed to read \(path): \(reason). Check the file's permissions."
        case .invalidEndpoint(let variable, let reason):
            "Invalid credential endpoint in \(variable): \(reason)."
        case .invalidAuthorizationToken(let variable):
            "Invalid container authorization token from \(variable): it contains a line break."
        case .requestRejected(let source, let url, let status):
            "The \(source) at \(url) returned HTTP \(status). Check the role or task that should provide credentials."
        case .requestFailed(let source, let url, let reason):
            "Request to the \(source) at \(url) failed: \(reason)"
        case .invalidResponse(let source, let url, let reason):
            "Invalid credentials response from the \(source) at \(url): \(reason)."
        case .invalidExpiration(let source, let value):
            "Invalid credential expiration '\(value)' from \(source). Expected an ISO 8601 time such as "
                + "2026-01-31T12:00:00Z."
        }
    }
}
