import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore

/// The server a call targets: the configured one, or an AMP workspace named in the arguments.
public struct TargetSelector: Sendable, Equatable {
    public var workspaceID: String?
    public var workspaceAlias: String?
    public var region: String?

    public init(workspaceID: String? = nil, workspaceAlias: String? = nil, region: String? = nil) {
        self.workspaceID = workspaceID
        self.workspaceAlias = workspaceAlias
        self.region = region
    }

    public var isEmpty: Bool { workspaceID == nil && workspaceAlias == nil && region == nil }
}

/// A ready client for one call, with a description of the server fit for results and logs.
public struct PrometheusConnection: Sendable {
    public var client: PrometheusClient
    /// The server as shown to callers: its URL without credentials, or the AMP workspace.
    public var serverDescription: String
    /// Facts about the AMP workspace when the server is one; `nil` for a plain Prometheus.
    public var workspace: JSONValue?

    public init(client: PrometheusClient, serverDescription: String, workspace: JSONValue? = nil) {
        self.client = client
        self.serverDescription = serverDescription
        self.workspace = workspace
    }

    /// AMP serves only the query APIs: no build info, flags, config or targets.
    public var isAmazonManaged: Bool { workspace != nil }
}

/// Resolves the server for each call. Endpoints come only from configuration or from AMP itself,
/// never from a tool's caller.
public protocol PrometheusConnector: Sendable {
    func connect(_ selector: TargetSelector, context: ToolCallContext) async throws -> PrometheusConnection
}

/// A connector for one fixed Prometheus-compatible URL, unsigned.
public struct StaticPrometheusConnector: PrometheusConnector {
    public var baseURL: URL
    public var http: any HTTPClient
    public var options: PrometheusClient.Options
    public var retryPolicy: RetryPolicy
    public var timeSource: any TimeSource

    public init(baseURL: URL, http: any HTTPClient, options: PrometheusClient.Options = .init(),
                retryPolicy: RetryPolicy = RetryPolicy(), timeSource: any TimeSource = SystemTimeSource()) {
        self.baseURL = baseURL
        self.http = http
        self.options = options
        self.retryPolicy = retryPolicy
        self.timeSource = timeSource
    }

    public func connect(_ selector: TargetSelector, context: ToolCallContext) async throws -> PrometheusConnection {
        guard selector.isEmpty else {
            throw ToolFailure(kind: .configuration, message: "workspace_id, workspace_alias and region apply only to "
                              + "Amazon Managed Service for Prometheus, but promlambda is configured for "
                              + "\(baseURL.redactedForDisplay). Leave them out, or configure AMP (see the README).")
        }
        let client = PrometheusClient(
            baseURL: baseURL,
            http: RetryingHTTPClient(base: http, policy: retryPolicy, timeSource: timeSource, logger: context.logger,
                                     deadline: context.deadline),
            options: options.fitted(to: context.deadline, now: timeSource.now))
        return PrometheusConnection(client: client, serverDescription: baseURL.redactedForDisplay)
    }
}

extension PrometheusClient.Options {
    /// Shortens the request timeout so the request ends before `deadline`, less one second for sending the result.
    public func fitted(to deadline: Date?, now: Date) -> PrometheusClient.Options {
        guard let deadline else { return self }
        var copy = self
        copy.requestTimeout = max(0.5, min(requestTimeout, deadline.timeIntervalSince(now) - 1))
        return copy
    }
}
