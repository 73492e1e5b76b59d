import Foundation
import PromLambdaCore

/// Finds the workspace a caller names, by ID or by alias, and checks that it can be queried.
///
/// By ID it calls DescribeWorkspace. By alias it lists the workspaces whose alias starts with the alias (AMP's
/// `alias` filter is a prefix filter), reads every page up to ``Options/maxPages``, keeps the exact matches, then
/// describes the one match, because ListWorkspaces summaries carry no `prometheusEndpoint`.
///
/// ```swift
/// let resolver = WorkspaceResolver(client: controlPlane, cache: WorkspaceCache(timeSource: timeSource))
/// let workspace = try await resolver.resolve(.alias("production"))
/// let prometheus = workspace.makePrometheusClient(http: signingClient)
/// ```
public struct WorkspaceResolver: Sendable {
    public var client: AMPControlPlaneClient
    public var options: Options
    /// Resolved workspaces reused across calls; `nil` resolves every time.
    public var cache: WorkspaceCache?
    public var logger: Logger

    public struct Options: Sendable {
        /// The ListWorkspaces page size, 1 to 1000.
        public var pageSize: Int
        /// The most ListWorkspaces pages read per listing. The default of 10 pages of 100 covers 1,000
        /// workspaces per alias prefix: a generous guess at real accounts, not an AMP quota.
        public var maxPages: Int
        /// The maximum number of aliases that an alias-not-found error lists.
        public var maxListedAliases: Int

        public init(pageSize: Int = 100, maxPages: Int = 10, maxListedAliases: Int = 20) {
            self.pageSize = pageSize
            self.maxPages = max(1, maxPages)
            self.maxListedAliases = max(0, maxListedAliases)
        }
    }

    public init(client: AMPControlPlaneClient, options: Options = Options(), cache: WorkspaceCache? = nil,
                logger: Logger = .disabled) {
        self.client = client
        self.options = options
        self.cache = cache
        self.logger = logger
    }

    /// Returns the `ACTIVE` workspace that `reference` names, with its query URL.
    ///
    /// - Throws: ``WorkspaceResolutionError``: not found (with the region's aliases for an alias), ambiguous
    ///   (with the candidates), not `ACTIVE` (with the status), or ``WorkspaceResolutionError/service(_:)`` for a
    ///   failed control plane call.
    public func resolve(_ reference: WorkspaceReference) async throws(WorkspaceResolutionError) -> ResolvedWorkspace {
        let key = WorkspaceCache.Key(endpoint: client.endpoint, region: client.region, reference: reference)
        if let cache, let cached = await cache.workspace(for: key) {
            logger.trace("using cached AMP workspace", ["aws.workspace_id": .string(cached.workspace.workspaceId)])
            return cached
        }

        let workspace: WorkspaceDescription
        switch reference {
        case .id(let id):
            workspace = try await describe(id: id, reference: reference)
        case .alias(let alias):
            let workspaceID = try await findWorkspaceID(alias: alias)
            workspace = try await describe(id: workspaceID, reference: reference)
        }

        guard workspace.status == AMPWire.queryableStatus else {
            throw .notActive(workspace, region: client.region)
        }
        guard let queryURL = workspace.prometheusEndpoint else {
            throw .missingPrometheusEndpoint(id: workspace.workspaceId, region: client.region)
        }
        let resolved = ResolvedWorkspace(workspace: workspace, region: client.region, queryURL: queryURL)
        logger.debug("resolved AMP workspace", [
            "aws.workspace_id": .string(workspace.workspaceId), "aws.region": .string(client.region),
        ])
        await cache?.store(resolved, for: key)
        return resolved
    }

    /// Lists the region's workspaces, every page up to ``Options/maxPages``, for `promlambda workspaces`.
    ///
    /// - Parameter aliasPrefix: keeps only workspaces whose alias starts with it.
    /// - Throws: ``AMPError`` when a page fails.
    public func listAll(aliasPrefix: String? = nil) async throws(AMPError) -> WorkspaceListing {
        var workspaces: [WorkspaceSummary] = []
        var nextToken: String?
        var pagesRead = 0
        repeat {
            let page = try await client.listWorkspaces(alias: aliasPrefix, maxResults: options.pageSize,
                                                       nextToken: nextToken)
            pagesRead += 1
            workspaces += page.workspaces
            nextToken = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while nextToken != nil && pagesRead < options.maxPages
        return WorkspaceListing(workspaces: workspaces, isComplete: nextToken == nil, pagesRead: pagesRead)
    }

    // MARK: - Steps

    private func describe(id: String, reference: WorkspaceReference) async throws(WorkspaceResolutionError)
        -> WorkspaceDescription
    {
        guard AMPEndpoints.isValidWorkspaceID(id) else {
            throw .invalidReference(reference, reason: AMPEndpoints.invalidWorkspaceIDMessage(id))
        }
        do {
            return try await client.describeWorkspace(id: id)
        } catch where error.reason == .resourceNotFound {
            throw .workspaceNotFound(id: id, region: client.region)
        } catch {
            throw .service(error)
        }
    }

    /// Returns the ID of the one workspace whose alias is exactly `alias`, after trimming blanks as AMP does.
    private func findWorkspaceID(alias: String) async throws(WorkspaceResolutionError) -> String {
        let trimmed = alias.trimmingCharacters(in: .whitespaces)
        guard AMPWire.Limits.aliasLength.contains(trimmed.count) else {
            throw .invalidReference(.alias(alias), reason: "Invalid AMP workspace alias '\(alias)'. An alias has 1 "
                                    + "to 100 characters.")
        }

        let listing: WorkspaceListing
        do {
            listing = try await listAll(aliasPrefix: trimmed)
        } catch {
            throw .service(error)
        }
        let matches = listing.workspaces.filter { $0.alias == trimmed }.sorted { $0.createdAt < $1.createdAt }
        if matches.count > 1 {
            throw .ambiguousAlias(alias: trimmed, region: client.region, candidates: matches)
        }
        guard listing.isComplete else {
            throw .listingIncomplete(alias: trimmed, region: client.region, pagesRead: listing.pagesRead)
        }
        guard let match = matches.first else {
            throw try await aliasNotFound(trimmed)
        }
        return match.workspaceId
    }

    /// Builds the not-found error with the aliases of the whole region, read with a second, unfiltered listing
    /// because the first one held only the aliases that start with `alias`.
    private func aliasNotFound(_ alias: String) async throws(WorkspaceResolutionError) -> WorkspaceResolutionError {
        let everything: WorkspaceListing
        do {
            everything = try await listAll()
        } catch {
            throw .service(error)
        }
        let aliases = Set(everything.workspaces.compactMap(\.alias)).sorted()
        let listed = Array(aliases.prefix(options.maxListedAliases))
        return .aliasNotFound(alias: alias, region: client.region, existingAliases: listed,
                              omittedAliasCount: aliases.count - listed.count)
    }
}

/// The workspaces of one or more ListWorkspaces pages.
public struct WorkspaceListing: Sendable, Equatable {
    public var workspaces: [WorkspaceSummary]
    /// `false` when more pages remained after the resolver's page limit.
    public var isComplete: Bool
    public var pagesRead: Int

    public init(workspaces: [WorkspaceSummary], isComplete: Bool, pagesRead: Int) {
        self.workspaces = workspaces
        self.isComplete = isComplete
        self.pagesRead = pagesRead
    }
}
