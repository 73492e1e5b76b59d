import Foundation
import PromLambdaCore

/// The result of the `find_workspace` tool: one workspace, or a listing.
public struct FindWorkspaceOutput: Sendable, Equatable, Codable, SizedOutput {
    public var region: String
    /// The workspace found by ID or alias, with its `prometheusEndpoint`.
    public var workspace: JSONValue?
    /// The workspaces listed when no ID or alias was given.
    public var workspaces: [JSONValue]?
    public var totalWorkspaces: Int?
    public var truncated: Bool
    public var note: String?
    public var size: ResultSize
}
