import Foundation
import TestSupport
import HTTPTransport
import Testing
import TestDoubles
@testable import AmazonPrometheus

/// Workspace lookup against the AMP emulator, with every request signed by the project's SigV4 signer and
/// checked by botocore.
@Suite struct EmulatorWorkspaceLookupTests {
    typealias Workspace = AMPEmulator.Workspace

    @Test func describeByIDReturnsEndpoint() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-alpha-1", alias: "alpha")])
        defer { emulator.stop() }

        let resolved = try await EmulatorFixtures.resolver(emulator).resolve(.id("ws-alpha-1"))

        #expect(resolved.workspace.alias == "alpha")
        #expect(resolved.workspace.status == .active)
        #expect(resolved.queryURL == emulator.prometheusEndpoint(workspaceID: "ws-alpha-1"))
        let requests = try await emulator.receivedRequests()
        #expect(requests.map(\.path) == ["/workspaces/ws-alpha-1"])
        #expect(requests.map(\.status) == [200])
        #expect(requests.allSatisfy { $0.header("Authorization") != nil })
        #expect(requests.allSatisfy { $0.header("X-Scope-OrgID") == nil })
    }

    @Test func aliasFoundAcrossSeveralPages() async throws {
        let emulator = try await EmulatorFixtures.start([
            Workspace(id: "ws-1", alias: "prod-eu"), Workspace(id: "ws-2", alias: "prod-us"),
            Workspace(id: "ws-3", alias: "staging"), Workspace(id: "ws-4", alias: "prod-ap"),
            Workspace(id: "ws-5", alias: "production"), Workspace(id: "ws-6", alias: "prod"),
        ], pageSize: 2)
        defer { emulator.stop() }

        let resolved = try await EmulatorFixtures.resolver(emulator).resolve(.alias("prod"))

        #expect(resolved.workspace.workspaceId == "ws-6")
        let requests = try await emulator.receivedRequests()
        let listings = requests.filter { $0.path == "/workspaces" }
        #expect(listings.count == 3)
        #expect(listings.map { $0.queryParameters["alias"] } == ["prod", "prod", "prod"])
        #expect(listings[0].queryParameters["nextToken"] == nil)
        #expect(listings[1].queryParameters["nextToken"] != nil)
        #expect(listings[2].queryParameters["nextToken"] != nil)
        #expect(requests.last?.path == "/workspaces/ws-6")
    }

    @Test func ambiguousAliasListsCandidates() async throws {
        let emulator = try await EmulatorFixtures.start([
            Workspace(id: "ws-new", alias: "shared", status: "CREATING", createdAt: 1_720_000_000),
            Workspace(id: "ws-old", alias: "shared", createdAt: 1_710_000_000),
            Workspace(id: "ws-other", alias: "shared-extra"),
        ], pageSize: 1)
        defer { emulator.stop() }

        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await EmulatorFixtures.resolver(emulator).resolve(.alias("shared"))
        }
        guard case .ambiguousAlias(let alias, _, let candidates) = error else {
            Issue.record("expected ambiguousAlias, got \(error)")
            return
        }
        #expect(alias == "shared")
        #expect(candidates.map(\.workspaceId) == ["ws-old", "ws-new"])
        #expect(candidates.map(\.status) == [.active, .creating])
        #expect(candidates.map(\.createdAt) == [Date(timeIntervalSince1970: 1_710_000_000),
                                                Date(timeIntervalSince1970: 1_720_000_000)])
        #expect(error.description.contains("ws-new (CREATING, created 2024-07-03T09:46:40Z)"))
    }

    @Test func unknownAliasListsExistingAliases() async throws {
        let emulator = try await EmulatorFixtures.start([
            Workspace(id: "ws-1", alias: "prod"), Workspace(id: "ws-2", alias: "dev"),
            Workspace(id: "ws-3"), Workspace(id: "ws-4", alias: "staging"),
        ], pageSize: 2)
        defer { emulator.stop() }

        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await EmulatorFixtures.resolver(emulator).resolve(.alias("qa"))
        }
        #expect(error == .aliasNotFound(alias: "qa", region: "us-east-1", existingAliases: ["dev", "prod", "staging"],
                                        omittedAliasCount: 0))
    }

    @Test func inactiveWorkspaceReportedWithStatus() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1", alias: "fresh", status: "CREATING")])
        defer { emulator.stop() }

        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await EmulatorFixtures.resolver(emulator).resolve(.alias("fresh"))
        }
        guard case .notActive(let workspace, _) = error else {
            Issue.record("expected notActive, got \(error)")
            return
        }
        #expect(workspace.status == .creating)
        #expect(error.description.contains("is CREATING, not ACTIVE"))
        let paths = try await emulator.receivedRequests().map(\.path)
        #expect(!paths.contains { $0.contains("/api/v1/") })
    }

    @Test func unknownIDNotFound() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }

        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await EmulatorFixtures.resolver(emulator).resolve(.id("ws-missing"))
        }
        #expect(error == .workspaceNotFound(id: "ws-missing", region: "us-east-1"))
    }

    @Test func listAllWithPrefixReadsEveryPage() async throws {
        let emulator = try await EmulatorFixtures.start([
            Workspace(id: "ws-1", alias: "team-a"), Workspace(id: "ws-2", alias: "other"),
            Workspace(id: "ws-3", alias: "team-b"), Workspace(id: "ws-4", alias: "team-c"),
        ], pageSize: 1)
        defer { emulator.stop() }

        let listing = try await EmulatorFixtures.resolver(emulator).listAll(aliasPrefix: "team-")

        #expect(listing.workspaces.map(\.workspaceId) == ["ws-1", "ws-3", "ws-4"])
        #expect(listing.isComplete)
        #expect(listing.pagesRead == 3)
    }

    @Test func throttledCallSucceedsOnRetry() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1", alias: "prod")])
        defer { emulator.stop() }
        try await emulator.throttle(next: 1, retryAfterSeconds: 1)

        let clock = ManualTimeSource(Date())
        let http = RetryingHTTPClient(base: TestSigningHTTPClient(for: emulator), policy: RetryPolicy(maxRetries: 2),
                                      timeSource: clock)
        let resolved = try await EmulatorFixtures.resolver(emulator, http: http).resolve(.id("ws-1"))

        #expect(resolved.workspace.workspaceId == "ws-1")
        #expect(clock.sleeps == [1])
        let requests = try await emulator.receivedRequests()
        #expect(requests.map(\.status) == [429, 200])
        #expect(requests.first?.errorType == "ThrottlingException")
    }

    @Test func throttlingWithoutRetryKeepsRetryAfter() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }
        try await emulator.throttle(next: 1, retryAfterSeconds: 2)

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator).listWorkspaces()
        }
        #expect(error.reason == .throttled)
        #expect(error.retryAfter == 2)
    }
}
