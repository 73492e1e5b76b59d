import Foundation
import TestSupport
import HTTPTransport
import PrometheusAPI
import Testing
import TestDoubles
@testable import AmazonPrometheus

/// The resolver against a recording fake; the emulator tests cover the same paths over HTTP with signing.
@Suite struct WorkspaceResolverTests {
    typealias Fixtures = ControlPlaneFixtures

    @Test func cacheServesRepeatedLookup() async throws {
        let http = RecordingHTTPClient([Fixtures.describeResponse(id: "ws-1", alias: "prod")])
        let clock = ManualTimeSource(Date(timeIntervalSince1970: 1_800_000_000))
        let resolver = WorkspaceResolver(client: Fixtures.client(http), cache: WorkspaceCache(timeToLive: 60,
                                                                                              timeSource: clock))
        let first = try await resolver.resolve(.id("ws-1"))
        clock.advance(by: 59)
        let second = try await resolver.resolve(.id("ws-1"))

        #expect(first == second)
        #expect(http.requests.count == 1)
    }

    @Test func cacheEntryExpires() async throws {
        let http = RecordingHTTPClient([
            Fixtures.describeResponse(id: "ws-1", alias: "prod"), Fixtures.describeResponse(id: "ws-1", alias: "prod"),
        ])
        let clock = ManualTimeSource(Date(timeIntervalSince1970: 1_800_000_000))
        let resolver = WorkspaceResolver(client: Fixtures.client(http), cache: WorkspaceCache(timeToLive: 60,
                                                                                              timeSource: clock))
        _ = try await resolver.resolve(.id("ws-1"))
        clock.advance(by: 61)
        _ = try await resolver.resolve(.id("ws-1"))

        #expect(http.requests.count == 2)
    }

    @Test func cacheSkipsInactiveWorkspace() async throws {
        let http = RecordingHTTPClient([
            Fixtures.describeResponse(id: "ws-1", alias: nil, status: "CREATING"),
            Fixtures.describeResponse(id: "ws-1", alias: nil, status: "ACTIVE"),
        ])
        let resolver = WorkspaceResolver(client: Fixtures.client(http), cache: WorkspaceCache())
        await #expect(throws: WorkspaceResolutionError.self) {
            _ = try await resolver.resolve(.id("ws-1"))
        }
        let resolved = try await resolver.resolve(.id("ws-1"))
        #expect(resolved.workspace.status == .active)
    }

    @Test func pageLimitReportsIncompleteListing() async throws {
        let http = RecordingHTTPClient([
            Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-1", alias: "prod-a")], nextToken: "2"),
            Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-2", alias: "prod")], nextToken: "3"),
        ])
        let resolver = WorkspaceResolver(client: Fixtures.client(http), options: .init(maxPages: 2))
        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await resolver.resolve(.alias("prod"))
        }
        #expect(error == .listingIncomplete(alias: "prod", region: "us-east-1", pagesRead: 2))
        #expect(http.requests.count == 2)
    }

    @Test func listAllFollowsNextToken() async throws {
        let http = RecordingHTTPClient([
            Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-1", alias: "a")], nextToken: "page2"),
            Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-2", alias: nil)]),
        ])
        let listing = try await WorkspaceResolver(client: Fixtures.client(http), options: .init(pageSize: 1)).listAll()

        #expect(listing.workspaces.map(\.workspaceId) == ["ws-1", "ws-2"])
        #expect(listing.isComplete)
        #expect(listing.pagesRead == 2)
        #expect(http.requests.last?.url.query == "maxResults=1&nextToken=page2")
    }

    @Test func notFoundAliasListBounded() async throws {
        let aliases = ["zeta", "alpha", "beta", "alpha"]
        let summaries = aliases.enumerated().map { Fixtures.summaryJSON(id: "ws-\($0.offset)", alias: $0.element) }
        let http = RecordingHTTPClient([Fixtures.listResponse([]), Fixtures.listResponse(summaries)])
        let resolver = WorkspaceResolver(client: Fixtures.client(http), options: .init(maxListedAliases: 2))
        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await resolver.resolve(.alias("gamma"))
        }
        #expect(error == .aliasNotFound(alias: "gamma", region: "us-east-1", existingAliases: ["alpha", "beta"],
                                        omittedAliasCount: 1))
        #expect(error.description == "No workspace in us-east-1 has the alias 'gamma'. Existing aliases: 'alpha', "
                + "'beta' and 1 more.")
    }

    @Test func aliasTrimmedBeforeMatching() async throws {
        let http = RecordingHTTPClient([
            Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-1", alias: "prod")]),
            Fixtures.describeResponse(id: "ws-1", alias: "prod"),
        ])
        let resolved = try await WorkspaceResolver(client: Fixtures.client(http)).resolve(.alias("  prod "))
        #expect(resolved.workspace.workspaceId == "ws-1")
        #expect(http.requests.first?.url.query == "alias=prod&maxResults=100")
    }

    @Test func emptyAliasRejectedWithoutCall() async throws {
        let http = RecordingHTTPClient([])
        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await WorkspaceResolver(client: Fixtures.client(http)).resolve(.alias("   "))
        }
        guard case .invalidReference = error else {
            Issue.record("expected invalidReference, got \(error)")
            return
        }
        #expect(http.requests.isEmpty)
    }

    @Test func missingEndpointReported() async throws {
        let body = #"{"workspace":{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"ACTIVE"},"createdAt":1}}"#
        let http = RecordingHTTPClient([.json(200, body)])
        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await WorkspaceResolver(client: Fixtures.client(http)).resolve(.id("ws-1"))
        }
        #expect(error == .missingPrometheusEndpoint(id: "ws-1", region: "us-east-1"))
    }
}

@Suite struct ResolvedWorkspaceTests {
    @Test func prometheusClientDropsTenantHeader() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":["a"]}"#)])
        let workspace = ResolvedWorkspace(
            workspace: WorkspaceDescription(workspaceId: "ws-1", arn: "a", status: .active, prometheusEndpoint: nil,
                                            createdAt: Date(timeIntervalSince1970: 0)),
            region: "us-east-1",
            queryURL: URL(string: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/")!)
        let options = PrometheusClient.Options(headers: [("x-scope-orgid", "tenant-a"), ("X-Custom", "kept")])
        _ = try await workspace.makePrometheusClient(http: http, options: options).labelNames()

        let request = try #require(http.requests.first)
        #expect(request.headers["X-Scope-OrgID"] == nil)
        #expect(request.headers["X-Custom"] == "kept")
        #expect(request.url.absoluteString
                == "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/labels")
    }
}

@Suite struct AMPSampleThresholdsTests {
    @Test func bothThresholdsAsParameters() throws {
        let thresholds = try AMPSampleThresholds(warning: 1_000, error: 50_000)
        #expect(thresholds.queryParameters.encoded
                == "max_samples_processed_warning_threshold=1000&max_samples_processed_error_threshold=50000")
    }

    @Test func unsetThresholdNotSent() throws {
        let thresholds = try AMPSampleThresholds(error: 10)
        #expect(thresholds.queryParameters.encoded == "max_samples_processed_error_threshold=10")
    }

    @Test(arguments: [(0, nil), (nil, -5), (100, 99)] as [(Int?, Int?)])
    func invalidThresholdsRejected(_ warning: Int?, _ error: Int?) {
        #expect(throws: AMPConfigurationError.self) {
            try AMPSampleThresholds(warning: warning, error: error)
        }
    }
}
