import Foundation
import PromLambdaCore

/// A failure to resolve a workspace reference to a queryable workspace.
public enum WorkspaceResolutionError: Error, Sendable, Equatable {
    /// DescribeWorkspace found no workspace with the ID in the region.
    case workspaceNotFound(id: String, region: String)
    /// No workspace has the alias. `existingAliases` contains the region's aliases, sorted and cut to the
    /// resolver's `maxListedAliases`; `omittedAliasCount` counts the rest.
    case aliasNotFound(alias: String, region: String, existingAliases: [String], omittedAliasCount: Int)
    /// Several workspaces have the alias; the candidates are sorted by creation time, oldest first.
    case ambiguousAlias(alias: String, region: String, candidates: [WorkspaceSummary])
    /// The workspace exists, but its status is not `ACTIVE`, so it is not queried.
    case notActive(WorkspaceDescription, region: String)
    /// The alias listing had more pages than the resolver reads, so an exact match may have been missed.
    case listingIncomplete(alias: String, region: String, pagesRead: Int)
    /// DescribeWorkspace returned an `ACTIVE` workspace without a `prometheusEndpoint`.
    case missingPrometheusEndpoint(id: String, region: String)
    /// The ID or alias is not valid before any call is made.
    case invalidReference(WorkspaceReference, reason: String)
    /// A control plane call failed for another reason: access, signature, throttling, transport.
    case service(AMPError)
}

// MARK: - CustomStringConvertible

extension WorkspaceResolutionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .workspaceNotFound(let id, let region):
            return "Workspace \(id) was not found in \(region). Check the workspace ID and the region, or select "
                + "the workspace by its alias."
        case .aliasNotFound(let alias, let region, let existing, let omitted):
            guard !existing.isEmpty else {
                return "No workspace in \(region) has the alias '\(alias)', and no workspace there has an alias. "
                    + "Check the region, or select the workspace by its ID."
            }
            let list = existing.map { "'\($0)'" }.joined(separator: ", ")
            let more = omitted > 0 ? " and \(omitted) more" : ""
            return "No workspace in \(region) has the alias '\(alias)'. Existing aliases: \(list)\(more)."
        case .ambiguousAlias(let alias, let region, let candidates):
            let list = candidates.map {
                "\($0.workspaceId) (\($0.status.rawValue), created \(RFC3339.format($0.createdAt)))"
            }.joined(separator: ", ")
            return "The alias '\(alias)' matches \(candidates.count) workspaces in \(region): \(list). Select one "
                + "by its workspace ID."
        case .notActive(let workspace, let region):
            return "Workspace \(workspace.workspaceId)\(Self.aliasSuffix(workspace.alias)) in \(region) is "
                + "\(workspace.status.rawValue), not ACTIVE, so it cannot be queried. "
                + Self.advice(for: workspace.status)
        case .listingIncomplete(let alias, let region, let pagesRead):
            return "The workspaces of \(region) whose alias starts with '\(alias)' fill more than \(pagesRead) pages, "
                + "so the alias cannot be matched reliably. Select the workspace by its ID."
        case .missingPrometheusEndpoint(let id, let region):
            return "AMP described workspace \(id) in \(region) without a prometheusEndpoint, so there is no URL to "
                + "query. Retry later, or report the workspace to AWS Support if it persists."
        case .invalidReference(_, let reason):
            return reason
        case .service(let error):
            return error.description
        }
    }

    private static func aliasSuffix(_ alias: String?) -> String {
        alias.map { " ('\($0)')" } ?? ""
    }

    private static func advice(for status: WorkspaceStatusCode) -> String {
        switch status {
        case .creating, .updating:
            "Wait until it is ACTIVE and try again."
        case .deleting:
            "It is being deleted; select another workspace."
        case .creationFailed:
            "Its creation failed; delete it and create a new one, or select another workspace."
        default:
            "Select an ACTIVE workspace."
        }
    }
}
