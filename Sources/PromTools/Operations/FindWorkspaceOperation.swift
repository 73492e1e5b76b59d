import AmazonPrometheus
import Foundation
import PromLambdaCore

/// `find_workspace`: finds an Amazon Managed Service for Prometheus workspace by ID or exact alias,
/// or lists the workspaces of a Region.
public struct FindWorkspaceOperation: ToolOperation {
    public let connector: AmazonPrometheusConnector
    public let settings: ToolSettings

    public init(connector: AmazonPrometheusConnector, settings: ToolSettings) {
        self.connector = connector
        self.settings = settings
    }

    public var definition: ToolDefinition { ToolCatalog.findWorkspace }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let arguments = try ToolArguments(json, tool: "find_workspace",
                                          allowed: CommonArguments.names.union(["alias_prefix"]))
        let common = try CommonArguments(arguments, settings: settings)
        let prefix = try arguments.optionalString("alias_prefix", maxLength: 100)
        let region = try connector.access.region(common.selector.region)
        let resolver = try connector.resolver(region: region, context: context)

        var output = FindWorkspaceOutput(region: region, workspace: nil, workspaces: nil, totalWorkspaces: nil,
                                         truncated: false, note: nil,
                                         size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        if let reference = common.selector.reference {
            let resolved = try await resolver.resolve(reference)
            output.workspace = WorkspaceJSON.describe(resolved.workspace, region: resolved.region)
            return try Self.finish(&output, maxBytes: common.maxBytes)
        }

        let listing = try await resolver.listAll(aliasPrefix: prefix)
        let all = listing.workspaces.map { WorkspaceJSON.summary($0, region: region) }
        output.workspaces = []
        let room = common.maxBytes - ResultBudget.size(of: output) - ResultBudget.noteReserve
        let fit = ResultBudget.fittingPrefix(all, maxBytes: room)
        output.workspaces = Array(all.prefix(fit.count))
        output.totalWorkspaces = all.count
        output.truncated = fit.count < all.count || !listing.isComplete
        var notes: [String] = []
        if all.isEmpty {
            notes.append("No workspace" + (prefix.map { " has an alias starting with \"\($0)\"" } ?? " exists")
                         + " in \(region).")
        }
        if fit.count < all.count {
            notes.append("Showing \(fit.count) of \(all.count) workspaces to stay within \(common.maxBytes) bytes; "
                         + "pass alias_prefix to narrow the list.")
        }
        if !listing.isComplete {
            notes.append("The listing stopped after \(listing.pagesRead) pages; pass alias_prefix to narrow it.")
        }
        output.note = notes.isEmpty ? nil : notes.joined(separator: " ")
        return try Self.finish(&output, maxBytes: common.maxBytes)
    }

    /// Encodes the result with its size; a listing over the budget loses workspaces from the end.
    static func finish(_ output: inout FindWorkspaceOutput, maxBytes: Int) throws -> ToolOutput {
        let structured = try ResultBudget.finish(&output, maxBytes: maxBytes) { output, excess in
            guard var workspaces = output.workspaces, NamePage.shrink(&workspaces, by: excess) else { return false }
            output.workspaces = workspaces
            output.truncated = true
            output.note = "Showing \(workspaces.count) of \(output.totalWorkspaces ?? 0) workspaces to stay within "
                + "\(maxBytes) bytes; pass alias_prefix to narrow the list."
            return true
        }
        return ToolOutput(structured: structured, text: text(output), isError: false)
    }

    static func text(_ output: FindWorkspaceOutput) -> String {
        var lines: [String] = []
        if let workspace = output.workspace?.objectValue {
            lines.append("workspace in \(output.region):")
            lines += workspace.keys.sorted().map { "  \($0): \(ResultText.plain(workspace[$0] ?? .null))" }
        } else {
            let workspaces = output.workspaces ?? []
            lines.append("\(output.totalWorkspaces ?? workspaces.count) workspaces in \(output.region)")
            let rows = workspaces.map { workspace in
                ["workspaceId", "alias", "status", "createdAt"].map { ResultText.plain(workspace[$0] ?? "") }
            }
            if !rows.isEmpty { lines += ResultText.table(header: ["ID", "ALIAS", "STATUS", "CREATED"], rows: rows) }
        }
        if let note = output.note { lines += ["", "note: \(note)"] }
        return lines.joined(separator: "\n")
    }
}
