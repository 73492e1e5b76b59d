import Foundation
import TestSupport
import HTTPTransport
import Testing
import TestDoubles
@testable import AmazonPrometheus

@Suite struct AMPControlPlaneClientTests {
    typealias Fixtures = ControlPlaneFixtures

    @Test func listWorkspacesRequestShape() async throws {
        let http = RecordingHTTPClient([Fixtures.listResponse([Fixtures.summaryJSON(id: "ws-1", alias: "a b+c")])])
        let page = try await Fixtures.client(http).listWorkspaces(alias: "a b+c", maxResults: 25, nextToken: "t/1=")

        let request = try #require(http.requests.first)
        #expect(request.method == .get)
        #expect(request.url.absoluteString
                == "https://aps.us-east-1.amazonaws.com/workspaces?alias=a%20b%2Bc&maxResults=25&nextToken=t%2F1%3D")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["X-Scope-OrgID"] == nil)
        #expect(page.workspaces.map(\.workspaceId) == ["ws-1"])
        #expect(page.nextToken == nil)
    }

    @Test func listWorkspacesWithoutFilter() async throws {
        let http = RecordingHTTPClient([Fixtures.listResponse([], nextToken: "next")])
        let page = try await Fixtures.client(http).listWorkspaces()
        #expect(http.requests.first?.url.absoluteString == "https://aps.us-east-1.amazonaws.com/workspaces")
        #expect(page.nextToken == "next")
    }

    @Test func endpointPathIsKept() async throws {
        let http = RecordingHTTPClient([Fixtures.describeResponse(id: "ws-1", alias: nil)])
        let client = AMPControlPlaneClient(endpoint: URL(string: "http://127.0.0.1:4566/aps/")!, region: "us-east-1",
                                           http: http)
        _ = try await client.describeWorkspace(id: "ws-1")
        #expect(http.requests.first?.url.absoluteString == "http://127.0.0.1:4566/aps/workspaces/ws-1")
    }

    @Test func describeWorkspaceDecodesEndpoint() async throws {
        let http = RecordingHTTPClient([Fixtures.describeResponse(id: "ws-7", alias: "prod")])
        let workspace = try await Fixtures.client(http).describeWorkspace(id: "ws-7")
        #expect(http.requests.first?.url.absoluteString == "https://aps.us-east-1.amazonaws.com/workspaces/ws-7")
        #expect(workspace.alias == "prod")
        #expect(workspace.prometheusEndpoint?.absoluteString
                == "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-7/api/v1/")
    }

    @Test(arguments: ["", "ws/1", "..", String(repeating: "w", count: 65)])
    func invalidWorkspaceIDNotSent(_ id: String) async {
        let http = RecordingHTTPClient([])
        await #expect {
            _ = try await Fixtures.client(http).describeWorkspace(id: id)
        } throws: { error in
            (error as? AMPError)?.reason == .invalidRequest
        }
        #expect(http.requests.isEmpty)
    }

    @Test(arguments: [0, 1001])
    func maxResultsOutOfRangeNotSent(_ maxResults: Int) async {
        let http = RecordingHTTPClient([])
        await #expect(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces(maxResults: maxResults)
        }
        #expect(http.requests.isEmpty)
    }

    @Test func invalidJSONIsInvalidResponse() async throws {
        let http = RecordingHTTPClient([.json(200, #"{"workspaces":[{"workspaceId":"ws-1"}]}"#)])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        #expect(error.reason == .invalidResponse)
        #expect(error.message.contains("missing field .workspaces[0].arn"))
    }

    @Test func transportFailureKept() async throws {
        let http = RecordingHTTPClient([])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        guard case .transport(.connectionFailed) = error.reason else {
            Issue.record("expected a connection failure, got \(error.reason)")
            return
        }
        #expect(error.isRetryable)
    }
}
