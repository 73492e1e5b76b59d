import Foundation
import TestSupport
import Testing
@testable import AmazonPrometheus

@Suite struct WorkspaceModelTests {
    private func decodeSummary(_ json: String) throws -> WorkspaceSummary {
        try JSONDecoder().decode(WorkspaceSummary.self, from: Data(json.utf8))
    }

    @Test func summaryWithEpochSeconds() throws {
        let summary = try decodeSummary(#"""
            {"workspaceId":"ws-1","alias":"prod","arn":"arn:aws:aps:us-east-1:123456789012:workspace/ws-1",
             "status":{"statusCode":"ACTIVE"},"createdAt":1700000000.25,"tags":{"team":"obs"}}
            """#)
        #expect(summary.workspaceId == "ws-1")
        #expect(summary.alias == "prod")
        #expect(summary.status == .active)
        #expect(summary.createdAt == Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(summary.tags == ["team": "obs"])
    }

    @Test(arguments: [
        (#""2023-11-14T22:13:20Z""#, 1_700_000_000.0),
        (#""2023-11-14T22:13:20.5Z""#, 1_700_000_000.5),
        (#""2023-11-15T00:13:20+02:00""#, 1_700_000_000.0),
        (#""1700000000""#, 1_700_000_000.0),
        ("1700000000", 1_700_000_000.0),
    ])
    func createdAtForms(_ createdAt: String, _ expected: Double) throws {
        let summary = try decodeSummary(#"""
            {"workspaceId":"ws-1","arn":"a","status":{"statusCode":"ACTIVE"},"createdAt":\#(createdAt)}
            """#)
        #expect(summary.createdAt.timeIntervalSince1970 == expected)
    }

    @Test func invalidCreatedAtFails() {
        #expect(throws: DecodingError.self) {
            try decodeSummary(#"{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"ACTIVE"},"createdAt":"yesterday"}"#)
        }
    }

    @Test func missingAliasIsNil() throws {
        let summary = try decodeSummary(#"{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"CREATING"},"createdAt":1}"#)
        #expect(summary.alias == nil)
        #expect(summary.status == .creating)
    }

    @Test func unknownStatusKeptVerbatim() throws {
        let summary = try decodeSummary(#"{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"PAUSED"},"createdAt":1}"#)
        #expect(summary.status.rawValue == "PAUSED")
    }

    @Test func descriptionWithPrometheusEndpoint() throws {
        let json = #"""
            {"workspace":{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"ACTIVE"},"createdAt":"2024-01-01T00:00:00Z",
             "prometheusEndpoint":"https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/"}}
            """#
        let workspace = try JSONDecoder().decode(DescribeWorkspaceResponse.self, from: Data(json.utf8)).workspace
        #expect(workspace.prometheusEndpoint?.absoluteString
                == "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/")
        #expect(workspace.createdAt == Date(timeIntervalSince1970: 1_704_067_200))
    }

    @Test func relativePrometheusEndpointRejected() {
        let json = #"""
            {"workspace":{"workspaceId":"ws-1","arn":"a","status":{"statusCode":"ACTIVE"},"createdAt":1,
             "prometheusEndpoint":"workspaces/ws-1"}}
            """#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DescribeWorkspaceResponse.self, from: Data(json.utf8))
        }
    }
}
