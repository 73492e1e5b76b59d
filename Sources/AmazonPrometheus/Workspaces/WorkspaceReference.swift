/// A caller's name for the workspace to query: its ID or its alias.
public enum WorkspaceReference: Sendable, Hashable, CustomStringConvertible {
    /// A workspace ID such as `ws-12345678-abcd-1234-abcd-123456789012`, looked up with DescribeWorkspace.
    case id(String)
    /// An alias, matched exactly. AMP does not require aliases to be unique, so it can match several workspaces.
    case alias(String)

    public var description: String {
        switch self {
        case .id(let id): "workspace \(id)"
        case .alias(let alias): "workspace alias '\(alias)'"
        }
    }
}
