import Foundation
import PromLambdaCore

/// The result of the `server_info` tool.
public struct ServerInfoOutput: Sendable, Equatable, Codable, SizedOutput {
    public var server: String
    /// `/api/v1/status/buildinfo`: version, revision, branch, Go version.
    public var build: JSONValue?
    /// `/api/v1/status/runtimeinfo`: start time, storage retention, series counts.
    public var runtime: JSONValue?
    /// `/api/v1/status/flags`: the command-line flags.
    public var flags: [String: String]?
    /// `/api/v1/status/config`: the configuration YAML, only when asked for.
    public var config: String?
    /// The AMP workspace, for Amazon Managed Service for Prometheus.
    public var workspace: JSONValue?
    /// Parts the server did not provide, each with the reason.
    public var unavailable: [String]
    public var truncated: Bool
    public var note: String?
    public var size: ResultSize
}
