import Foundation
import HTTPTransport
import PrometheusAPI

/// An AMP workspace recognised in a Prometheus URL, such as a `PROMETHEUS_URL` of
/// `https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-…/api/v1/query`.
///
/// A recognised URL means that the caller signs with SigV4 for the region and service `aps`, without further
/// configuration.
public struct AMPWorkspaceURL: Sendable, Equatable {
    public var region: String
    public var workspaceID: String
    /// `https://aps-workspaces.<region>.<suffix>/workspaces/<id>`, the base URL for
    /// ``PrometheusAPI/PrometheusClient``, without `/api/v1` or anything after it.
    public var baseURL: URL

    public init(region: String, workspaceID: String, baseURL: URL) {
        self.region = region
        self.workspaceID = workspaceID
        self.baseURL = baseURL
    }

    /// Recognises `https://aps-workspaces.<region>.<suffix>[:port]/workspaces/<id>[/api/v1[/…]]`.
    ///
    /// Returns `nil` for any other URL: another host, plain http, a path that does not start with
    /// `/workspaces/<id>`, or one that continues with something other than `/api/v1`. The region must belong to
    /// the DNS suffix's partition, and the ID must be a valid workspace ID.
    public init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              components.scheme?.lowercased() == "https", let host = components.host?.lowercased(),
              components.user == nil, components.password == nil
        else { return nil }

        let prefix = AMPWire.Host.dataPlanePrefix + "."
        guard host.hasPrefix(prefix) else { return nil }
        let rest = host.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        let region = String(rest[..<dot])
        let suffix = String(rest[rest.index(after: dot)...])
        guard AMPEndpoints.isValidRegion(region), AWSPartition.forRegion(region).dnsSuffix == suffix else {
            return nil
        }

        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true)
            .map(String.init)
        guard segments.count >= 2, segments[0] == AMPWire.Path.workspacesSegment,
              let workspaceID = segments[1].removingPercentEncoding, AMPEndpoints.isValidWorkspaceID(workspaceID)
        else { return nil }
        if segments.count > 2 {
            guard segments.count >= 4, segments[2] == "api", segments[3] == "v1" else { return nil }
        }

        var base = URLComponents()
        base.scheme = "https"
        base.host = host
        base.port = components.port
        base.percentEncodedPath = "/\(AMPWire.Path.workspacesSegment)/\(workspaceID)"
        guard let baseURL = base.url else { return nil }
        self.init(region: region, workspaceID: workspaceID, baseURL: baseURL)
    }

    /// Returns a Prometheus client for the workspace; `http` must sign for ``region`` and service `aps`.
    ///
    /// As with ``ResolvedWorkspace/makePrometheusClient(http:options:)``, any `X-Scope-OrgID` in
    /// `options.headers` is removed.
    public func makePrometheusClient(http: any HTTPClient,
                                     options: PrometheusClient.Options = PrometheusClient.Options()) -> PrometheusClient
    {
        PrometheusClient(baseURL: baseURL, http: http, options: AMPQueryOptions.removingTenantHeader(from: options))
    }
}
