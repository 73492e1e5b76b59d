import Foundation
import HTTPTransport
import PromLambdaCore

/// A client for AMP's control plane: ListWorkspaces and DescribeWorkspace.
///
/// The client does not sign: the injected `HTTPClient` must sign each request with SigV4 for ``region`` and
/// service `aps`. It does not retry either; wrap the signing client in a `RetryingHTTPClient`, outside the
/// signer, so that every attempt is signed afresh. Safe to share between tasks.
///
/// ```swift
/// let client = AMPControlPlaneClient(endpoint: try AMPEndpoints.controlPlaneURL(region: region, environment: env),
///                                    region: region, http: signingClient)
/// let page = try await client.listWorkspaces(alias: "prod")
/// ```
public struct AMPControlPlaneClient: Sendable {
    /// The control plane base URL, such as `https://aps.us-east-1.amazonaws.com`.
    public let endpoint: URL
    /// The region requests are signed for; error messages name it too.
    public let region: String
    public var http: any HTTPClient
    public var options: Options
    /// Reads `Retry-After` dates; the client never sleeps.
    public var timeSource: any TimeSource
    public var logger: Logger

    public struct Options: Sendable {
        /// The timeout of each HTTP request, in seconds.
        public var requestTimeout: Double
        /// The largest response body read, in bytes. A ListWorkspaces page of 1,000 workspaces with tags stays
        /// well below the default.
        public var maxResponseBytes: Int

        public init(requestTimeout: Double = 10, maxResponseBytes: Int = 8 << 20) {
            self.requestTimeout = requestTimeout
            self.maxResponseBytes = maxResponseBytes
        }
    }

    public init(endpoint: URL, region: String, http: any HTTPClient, options: Options = Options(),
                timeSource: any TimeSource = SystemTimeSource(), logger: Logger = .disabled) {
        self.endpoint = endpoint
        self.region = region
        self.http = http
        self.options = options
        self.timeSource = timeSource
        self.logger = logger
    }

    /// Creates a client for `region`, at the endpoint that ``AMPEndpoints/controlPlaneURL(region:environment:)``
    /// resolves from `environment`.
    public init(region: String, environment: Environment, http: any HTTPClient, options: Options = Options(),
                timeSource: any TimeSource = SystemTimeSource(), logger: Logger = .disabled)
        throws(AMPConfigurationError)
    {
        self.init(endpoint: try AMPEndpoints.controlPlaneURL(region: region, environment: environment),
                  region: region, http: http, options: options, timeSource: timeSource, logger: logger)
    }
}

// MARK: - Operations

extension AMPControlPlaneClient {
    /// Returns one page of the region's workspaces, including those being created or deleted.
    ///
    /// - Parameters:
    ///   - alias: a prefix filter on the alias, not an exact match; AMP strips blanks from both ends.
    ///   - maxResults: the page size, 1 to 1000; `nil` leaves AMP's default of 100.
    ///   - nextToken: the previous page's ``WorkspacePage/nextToken``; the other arguments must stay the same.
    /// - Throws: ``AMPError``; ``AMPError/Reason/invalidRequest`` for an alias or page size out of range.
    public func listWorkspaces(alias: String? = nil, maxResults: Int? = nil,
                               nextToken: String? = nil) async throws(AMPError) -> WorkspacePage
    {
        let operation = AMPOperation.listWorkspaces(alias: alias)
        if let alias, !AMPWire.Limits.aliasLength.contains(alias.count) {
            throw invalidRequest(operation, "the alias prefix must have 1 to 100 characters, not \(alias.count).")
        }
        if let maxResults, !AMPWire.Limits.maxResults.contains(maxResults) {
            throw invalidRequest(operation, "maxResults must be from 1 to 1000, not \(maxResults).")
        }

        var query = QueryParameters()
        query.append(AMPWire.QueryParameter.alias, alias)
        query.append(AMPWire.QueryParameter.maxResults, maxResults.map(String.init))
        query.append(AMPWire.QueryParameter.nextToken, nextToken)
        return try await get(path: AMPWire.Path.workspaces, query: query, operation: operation)
    }

    /// Returns the workspace with its `prometheusEndpoint`.
    ///
    /// - Throws: ``AMPError``, with ``AMPError/Reason/resourceNotFound`` when no workspace has the ID in this
    ///   region, and ``AMPError/Reason/invalidRequest`` for an ID that is not a valid workspace ID.
    public func describeWorkspace(id: String) async throws(AMPError) -> WorkspaceDescription {
        let operation = AMPOperation.describeWorkspace(id: id)
        guard AMPEndpoints.isValidWorkspaceID(id) else {
            throw invalidRequest(operation, AMPEndpoints.invalidWorkspaceIDMessage(id))
        }
        let path = AMPWire.Path.workspaces + "/" + PercentEncoding.encode(id)
        let response: DescribeWorkspaceResponse = try await get(path: path, query: QueryParameters(),
                                                                operation: operation)
        return response.workspace
    }

    private func invalidRequest(_ operation: AMPOperation, _ message: String) -> AMPError {
        AMPError(reason: .invalidRequest, operation: operation, region: region, message: message)
    }
}
