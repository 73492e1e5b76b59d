import Foundation

/// Arguments every tool accepts: the result budget and, for AMP, the workspace.
struct CommonArguments: Sendable {
    static let names: Set<String> = ["max_bytes", "workspace_id", "workspace_alias", "region"]

    var maxBytes: Int
    var selector: TargetSelector

    init(_ arguments: ToolArguments, settings: ToolSettings) throws(ToolFailure) {
        maxBytes = try arguments.optionalInt("max_bytes", range: 1_000...settings.maxMaxBytes)
            ?? settings.defaultMaxBytes
        selector = TargetSelector(
            workspaceID: try arguments.optionalString("workspace_id", maxLength: 128),
            workspaceAlias: try arguments.optionalString("workspace_alias", maxLength: 100),
            region: try arguments.optionalString("region", maxLength: 32))
        if selector.workspaceID != nil, selector.workspaceAlias != nil {
            throw ToolFailure.invalidArgument("workspace_alias", "Give workspace_id or workspace_alias, not both.")
        }
    }
}
