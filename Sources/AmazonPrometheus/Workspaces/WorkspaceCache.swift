import Foundation
import PromLambdaCore

/// Resolved workspaces kept for a short time, so that a warm Lambda function or a long MCP session does not call
/// the control plane before every query.
///
/// Only `ACTIVE` workspaces are stored. An entry is used for `timeToLive` seconds, so a workspace that is deleted
/// or re-aliased meanwhile is noticed up to that much later. Until then its queries fail with the data plane's 404.
public actor WorkspaceCache {
    /// The key of an entry: the control plane it came from and the reference that found it.
    public struct Key: Sendable, Hashable {
        public var endpoint: String
        public var region: String
        public var reference: WorkspaceReference

        public init(endpoint: URL, region: String, reference: WorkspaceReference) {
            self.endpoint = endpoint.absoluteString
            self.region = region
            self.reference = reference
        }
    }

    private struct Entry {
        var workspace: ResolvedWorkspace
        var expires: Date
    }

    /// How long an entry is used, in seconds.
    public let timeToLive: Double
    /// The maximum number of entries. When a new entry needs room, the one closest to expiry is removed first.
    public let capacity: Int
    private let timeSource: any TimeSource
    private var entries: [Key: Entry] = [:]

    public init(timeToLive: Double = 300, capacity: Int = 64, timeSource: any TimeSource = SystemTimeSource()) {
        self.timeToLive = timeToLive
        self.capacity = max(1, capacity)
        self.timeSource = timeSource
    }

    /// Returns the entry for `key` unless it has expired.
    public func workspace(for key: Key) -> ResolvedWorkspace? {
        guard let entry = entries[key] else { return nil }
        guard entry.expires > timeSource.now else {
            entries.removeValue(forKey: key)
            return nil
        }
        return entry.workspace
    }

    /// Stores `workspace` under `key`; a workspace that is not `ACTIVE` is ignored.
    public func store(_ workspace: ResolvedWorkspace, for key: Key) {
        guard workspace.workspace.status == AMPWire.queryableStatus else { return }
        let now = timeSource.now
        entries = entries.filter { $0.value.expires > now }
        while entries.count >= capacity, let soonest = entries.min(by: { $0.value.expires < $1.value.expires }) {
            entries.removeValue(forKey: soonest.key)
        }
        entries[key] = Entry(workspace: workspace, expires: now.addingTimeInterval(timeToLive))
    }

    public func removeAll() {
        entries.removeAll()
    }

    /// The number of entries, expired ones included until they are next touched.
    public var count: Int { entries.count }
}
