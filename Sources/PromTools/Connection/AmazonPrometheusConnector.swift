import AmazonPrometheus
import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore

/// Connects each call to its server: the configured default, or the AMP workspace that the call's
/// `workspace_id` or `workspace_alias` names, found through DescribeWorkspace or ListWorkspaces.
///
/// Query URLs come only from configuration or from AMP's own `prometheusEndpoint`.
public struct AmazonPrometheusConnector: PrometheusConnector {
    /// The server used when a call names no workspace.
    public enum DefaultTarget: Sendable {
        /// None: every call must name a workspace.
        case none
        /// A plain Prometheus-compatible server, unsigned.
        case server(StaticPrometheusConnector)
        /// An AMP workspace URL given as `PROMETHEUS_URL`, signed for its region.
        case workspaceURL(AMPWorkspaceURL)
        /// An AMP workspace named by `AMP_WORKSPACE_ID` or `AMP_WORKSPACE_ALIAS`.
        case workspace(WorkspaceReference, region: String?)
    }

    public var access: AWSAccess
    public var defaultTarget: DefaultTarget
    public var options: PrometheusClient.Options
    public var cache: WorkspaceCache

    public init(access: AWSAccess, defaultTarget: DefaultTarget, options: PrometheusClient.Options = .init()) {
        self.access = access
        self.defaultTarget = defaultTarget
        self.options = options
        cache = WorkspaceCache(timeSource: access.timeSource)
    }

    public func connect(_ selector: TargetSelector, context: ToolCallContext) async throws -> PrometheusConnection {
        let options = options.fitted(to: context.deadline, now: access.timeSource.now)
        if let reference = selector.reference {
            return try await connectWorkspace(reference, region: selector.region, options: options, context: context)
        }
        if selector.region != nil {
            throw ToolFailure.invalidArgument("region", "region selects the Region of an AMP workspace, so it needs "
                                              + "workspace_id or workspace_alias too.")
        }
        switch defaultTarget {
        case .none:
            throw ToolFailure(kind: .configuration, message: "No Prometheus server is configured. Set PROMETHEUS_URL "
                              + "or AMP_WORKSPACE_ID, or pass workspace_id or workspace_alias.")
        case .server(let connector):
            return try await connector.connect(selector, context: context)
        case .workspaceURL(let url):
            let http = access.signedClient(region: url.region, service: "aps", context: context)
            return PrometheusConnection(client: url.makePrometheusClient(http: http, options: options),
                                        serverDescription: "AMP workspace \(url.workspaceID) in \(url.region)",
                                        workspace: ["workspaceId": .string(url.workspaceID),
                                                    "region": .string(url.region),
                                                    "prometheusEndpoint": .string(url.baseURL.absoluteString)])
        case .workspace(let reference, let region):
            return try await connectWorkspace(reference, region: region, options: options, context: context)
        }
    }

    /// Looks the workspace up in AMP's control plane and returns a signed client for its endpoint.
    func connectWorkspace(_ reference: WorkspaceReference, region requested: String?,
                          options: PrometheusClient.Options, context: ToolCallContext) async throws
        -> PrometheusConnection
    {
        let region = try access.region(requested)
        let resolved = try await resolver(region: region, context: context).resolve(reference)
        let http = access.signedClient(region: resolved.region, service: "aps", context: context)
        let workspace = resolved.workspace
        return PrometheusConnection(
            client: resolved.makePrometheusClient(http: http, options: options),
            serverDescription: "AMP workspace \(workspace.workspaceId)"
                + (workspace.alias.map { " (\($0))" } ?? "") + " in \(resolved.region)",
            workspace: WorkspaceJSON.describe(workspace, region: resolved.region))
    }

    func resolver(region: String, context: ToolCallContext) throws -> WorkspaceResolver {
        let http = access.signedClient(region: region, service: "aps", context: context)
        let client = try AMPControlPlaneClient(region: region, environment: access.environment, http: http,
                                               timeSource: access.timeSource, logger: context.logger)
        return WorkspaceResolver(client: client, cache: cache, logger: context.logger)
    }
}

extension TargetSelector {
    /// The workspace the call names, if any.
    var reference: WorkspaceReference? {
        if let workspaceID { return .id(workspaceID) }
        if let workspaceAlias { return .alias(workspaceAlias) }
        return nil
    }
}
