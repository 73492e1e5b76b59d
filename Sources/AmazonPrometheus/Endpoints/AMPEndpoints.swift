import Foundation
import PromLambdaCore

/// The URLs of AMP's control plane and data plane.
///
/// ```swift
/// let controlPlane = try AMPEndpoints.controlPlaneURL(region: "eu-west-1", environment: environment)
/// // https://aps.eu-west-1.amazonaws.com, or the value of AWS_ENDPOINT_URL_AMP or AWS_ENDPOINT_URL
/// ```
public enum AMPEndpoints {
    /// Returns the control plane base URL for `region`.
    ///
    /// An override comes first from `AWS_ENDPOINT_URL_AMP`, then from `AWS_ENDPOINT_URL`, as the AWS SDKs read
    /// them; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns both off. The value is read from `environment`,
    /// never from the process. An override may carry a path, which the API paths are appended to.
    ///
    /// - Throws: ``AMPConfigurationError`` for an invalid region, even with an override because requests are
    ///   signed for the region, or for an override that is not an absolute http or https URL.
    public static func controlPlaneURL(region: String, environment: Environment = Environment())
        throws(AMPConfigurationError) -> URL
    {
        try validate(region: region)
        if let (variable, text) = endpointOverride(in: environment) {
            return try parseOverride(text, variable: variable)
        }
        return try defaultControlPlaneURL(region: region)
    }

    /// Returns `https://aps.<region>.<DNS suffix>`, the control plane without overrides.
    public static func defaultControlPlaneURL(region: String) throws(AMPConfigurationError) -> URL {
        try validate(region: region)
        let host = "\(AMPWire.Host.controlPlanePrefix).\(region).\(AWSPartition.forRegion(region).dnsSuffix)"
        guard let url = URL(string: "https://\(host)") else {
            throw AMPConfigurationError(message: "Cannot build the AMP control plane URL for region '\(region)'.")
        }
        return url
    }

    /// Returns `https://aps-workspaces.<region>.<DNS suffix>/workspaces/<id>`, the base URL of a workspace's
    /// Prometheus-compatible API (without `/api/v1`, which ``PrometheusAPI/PrometheusClient`` adds).
    public static func dataPlaneURL(region: String, workspaceID: String) throws(AMPConfigurationError) -> URL {
        try validate(region: region)
        guard isValidWorkspaceID(workspaceID) else {
            throw AMPConfigurationError(message: invalidWorkspaceIDMessage(workspaceID))
        }
        let host = "\(AMPWire.Host.dataPlanePrefix).\(region).\(AWSPartition.forRegion(region).dnsSuffix)"
        guard let url = URL(string: "https://\(host)/\(AMPWire.Path.workspacesSegment)/\(workspaceID)") else {
            throw AMPConfigurationError(message: "Cannot build the AMP data plane URL for region '\(region)' and "
                                        + "workspace \(workspaceID).")
        }
        return url
    }

    /// Returns the variable and value of the endpoint override in force, if any.
    public static func endpointOverride(in environment: Environment) -> (variable: String, value: String)? {
        let ignore = environment[AMPWire.EnvironmentVariable.ignoreConfiguredEndpointURLs]?.lowercased()
        guard ignore != "true" else { return nil }
        for variable in [AMPWire.EnvironmentVariable.endpointURLAMP, AMPWire.EnvironmentVariable.endpointURL] {
            if let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return (variable, value)
            }
        }
        return nil
    }

    // MARK: - Validation

    /// Returns whether `region` can be a host label: lower-case letters, digits and inner hyphens, as in `us-east-1`.
    /// It keeps a value such as `evil.example/` out of the host name.
    public static func isValidRegion(_ region: String) -> Bool {
        guard (1...63).contains(region.utf8.count), !region.hasPrefix("-"), !region.hasSuffix("-") else { return false }
        return region.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    /// Returns whether `id` matches the service model's `WorkspaceId`: 1 to 64 characters, a letter or digit first, then
    /// letters, digits, `-`, `.` and `_`. Real IDs look like `ws-12345678-abcd-1234-abcd-123456789012`.
    public static func isValidWorkspaceID(_ id: String) -> Bool {
        guard AMPWire.Limits.workspaceIDLength.contains(id.utf8.count), let first = id.utf8.first,
              isASCIIAlphanumeric(first)
        else { return false }
        return id.utf8.allSatisfy { isASCIIAlphanumeric($0) || [UInt8(ascii: "-"), UInt8(ascii: "."),
                                                                 UInt8(ascii: "_")].contains($0) }
    }

    static func validate(region: String) throws(AMPConfigurationError) {
        guard isValidRegion(region) else {
            throw AMPConfigurationError(message: "Invalid AWS region '\(region)'. Use a region name such as "
                                        + "us-east-1, in lower case.")
        }
    }

    static func invalidWorkspaceIDMessage(_ id: String) -> String {
        "Invalid AMP workspace ID '\(id)'. A workspace ID has 1 to 64 letters, digits, '-', '.' or '_', such as "
            + "ws-12345678-abcd-1234-abcd-123456789012."
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Parses an override: an absolute http or https URL with a host and without user info, query or fragment.
    /// A trailing `/` is dropped so that API paths append cleanly.
    private static func parseOverride(_ text: String, variable: String) throws(AMPConfigurationError) -> URL {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty
        else {
            throw AMPConfigurationError(variable: variable, message: "\(variable) must be an http or https URL such "
                                        + "as https://aps.us-east-1.amazonaws.com, not \"\(text)\".")
        }
        guard components.user == nil, components.password == nil, components.query == nil,
              components.fragment == nil
        else {
            throw AMPConfigurationError(variable: variable, message: "\(variable) must be a base URL without a user "
                                        + "name, password, query or fragment.")
        }
        while components.percentEncodedPath.hasSuffix("/") {
            components.percentEncodedPath.removeLast()
        }
        guard let url = components.url else {
            throw AMPConfigurationError(variable: variable, message: "\(variable) is not a valid URL: \"\(text)\".")
        }
        return url
    }
}
