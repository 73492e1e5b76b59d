/// An MCP protocol revision this server speaks, and the features each one adds.
///
/// Results are shaped for the negotiated revision: fields a revision does not define are left
/// out, so an older client never sees them.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle#version-negotiation
public enum ProtocolVersion: String, Sendable, CaseIterable, Comparable {
    case v2024_11_05 = "2024-11-05"
    case v2025_03_26 = "2025-03-26"
    case v2025_06_18 = "2025-06-18"

    /// The newest revision, returned when a client requests one this server does not speak.
    public static let latest = ProtocolVersion.v2025_06_18

    /// The revision a streamable HTTP server assumes when a request has no
    /// `MCP-Protocol-Version` header, as the 2025-06-18 transport section requires.
    public static let assumedWithoutHeader = ProtocolVersion.v2025_03_26

    /// Picks the revision for the `initialize` result: the requested one when this server speaks
    /// it, otherwise ``latest``.
    public static func negotiate(requested: String) -> ProtocolVersion {
        ProtocolVersion(rawValue: requested) ?? latest
    }

    /// Whether tools carry `annotations` (read-only, destructive, idempotent, open-world hints).
    var hasToolAnnotations: Bool { self >= .v2025_03_26 }

    /// Whether tools carry `title` and `outputSchema`, and results carry `structuredContent`.
    ///
    /// The three travel together: a client that sees an `outputSchema` expects
    /// `structuredContent` in every successful result and rejects one without it.
    var hasStructuredContent: Bool { self >= .v2025_06_18 }

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        Self.allCases.firstIndex(of: self) ?? 0
    }
}
