/// The `status.statusCode` of an AMP workspace.
///
/// An open set: a status that AMP adds later is kept as it came instead of failing the decoding.
public struct WorkspaceStatusCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let creating = WorkspaceStatusCode(rawValue: "CREATING")
    public static let active = WorkspaceStatusCode(rawValue: "ACTIVE")
    public static let updating = WorkspaceStatusCode(rawValue: "UPDATING")
    public static let deleting = WorkspaceStatusCode(rawValue: "DELETING")
    public static let creationFailed = WorkspaceStatusCode(rawValue: "CREATION_FAILED")
}
