import Foundation
import HTTPTransport
import PrometheusAPI

/// An `ACTIVE` workspace with the URL its Prometheus-compatible API is queried at.
public struct ResolvedWorkspace: Sendable, Equatable {
    public var workspace: WorkspaceDescription
    /// The region of the control plane that described the workspace; requests to `queryURL` are signed for it.
    public var region: String
    /// The workspace's `prometheusEndpoint`, such as
    /// `https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-…/api/v1/`.
    public var queryURL: URL

    public init(workspace: WorkspaceDescription, region: String, queryURL: URL) {
        self.workspace = workspace
        self.region = region
        self.queryURL = queryURL
    }

    /// Returns a Prometheus client for the workspace.
    ///
    /// `http` must sign with SigV4 for ``region`` and service `aps`, and retry if retries are wanted (retrying
    /// outside the signer). Any `X-Scope-OrgID` in `options.headers` is removed: AMP takes the tenant from the
    /// signed workspace path, and a Cortex or Mimir tenant header configured for another server must not reach it.
    public func makePrometheusClient(http: any HTTPClient,
                                     options: PrometheusClient.Options = PrometheusClient.Options()) -> PrometheusClient
    {
        PrometheusClient(baseURL: queryURL, http: http, options: AMPQueryOptions.removingTenantHeader(from: options))
    }
}
