import Foundation
import TestSupport
import PrometheusAPI
import PromLambdaCore
import Testing
import TestDoubles
@testable import AmazonPrometheus

@Suite struct AMPEndpointsTests {
    @Test func controlPlaneDefaultForRegion() throws {
        let url = try AMPEndpoints.controlPlaneURL(region: "eu-west-1", environment: Environment())
        #expect(url.absoluteString == "https://aps.eu-west-1.amazonaws.com")
    }

    @Test func controlPlaneInChinaPartition() throws {
        let url = try AMPEndpoints.controlPlaneURL(region: "cn-north-1")
        #expect(url.absoluteString == "https://aps.cn-north-1.amazonaws.com.cn")
    }

    @Test func serviceVariableBeatsGlobalVariable() throws {
        let environment = Environment([
            "AWS_ENDPOINT_URL_AMP": "http://127.0.0.1:4566/",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9999",
        ])
        let url = try AMPEndpoints.controlPlaneURL(region: "us-east-1", environment: environment)
        #expect(url.absoluteString == "http://127.0.0.1:4566")
    }

    @Test func globalVariableUsedAlone() throws {
        let environment = Environment(["AWS_ENDPOINT_URL": "https://vpce-123.aps.us-east-1.vpce.amazonaws.com/base/"])
        let url = try AMPEndpoints.controlPlaneURL(region: "us-east-1", environment: environment)
        #expect(url.absoluteString == "https://vpce-123.aps.us-east-1.vpce.amazonaws.com/base")
    }

    @Test func emptyOverrideIsIgnored() throws {
        let environment = Environment(["AWS_ENDPOINT_URL_AMP": "", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"])
        let url = try AMPEndpoints.controlPlaneURL(region: "us-east-1", environment: environment)
        #expect(url.absoluteString == "http://127.0.0.1:1")
    }

    @Test func ignoreFlagDisablesOverrides() throws {
        let environment = Environment([
            "AWS_ENDPOINT_URL_AMP": "http://127.0.0.1:4566",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        ])
        let url = try AMPEndpoints.controlPlaneURL(region: "us-west-2", environment: environment)
        #expect(url.absoluteString == "https://aps.us-west-2.amazonaws.com")
    }

    @Test(arguments: ["aps.us-east-1.amazonaws.com", "ftp://host", "https://user:secret@host", "https://host/?a=1"])
    func invalidOverrideNamesVariable(_ value: String) {
        let environment = Environment(["AWS_ENDPOINT_URL_AMP": value])
        #expect {
            try AMPEndpoints.controlPlaneURL(region: "us-east-1", environment: environment)
        } throws: { error in
            (error as? AMPConfigurationError)?.variable == "AWS_ENDPOINT_URL_AMP"
        }
    }

    @Test(arguments: ["", "US-EAST-1", "us-east-1.evil.example/", "-us-east-1", "us east 1"])
    func invalidRegionRejected(_ region: String) {
        #expect(throws: AMPConfigurationError.self) {
            try AMPEndpoints.controlPlaneURL(region: region)
        }
    }

    @Test func overrideStillValidatesRegion() {
        let environment = Environment(["AWS_ENDPOINT_URL_AMP": "http://127.0.0.1:4566"])
        #expect(throws: AMPConfigurationError.self) {
            try AMPEndpoints.controlPlaneURL(region: "us-east-1.evil.example", environment: environment)
        }
    }

    @Test func dataPlaneURLForWorkspace() throws {
        let url = try AMPEndpoints.dataPlaneURL(region: "ap-southeast-2", workspaceID: "ws-1234abcd")
        #expect(url.absoluteString == "https://aps-workspaces.ap-southeast-2.amazonaws.com/workspaces/ws-1234abcd")
    }

    @Test func dataPlaneRejectsInvalidWorkspaceID() {
        #expect(throws: AMPConfigurationError.self) {
            try AMPEndpoints.dataPlaneURL(region: "us-east-1", workspaceID: "../admin")
        }
    }

    @Test(arguments: [
        ("ws-12345678-abcd-1234-abcd-123456789012", true), ("a", true), ("ws_1.2", true),
        ("", false), ("-ws", false), ("ws/1", false), ("..", false), ("ws 1", false),
        (String(repeating: "a", count: 65), false),
    ])
    func workspaceIDValidation(_ id: String, _ valid: Bool) {
        #expect(AMPEndpoints.isValidWorkspaceID(id) == valid)
    }

    @Test(arguments: [
        ("us-gov-west-1", "aws-us-gov", "amazonaws.com"), ("cn-northwest-1", "aws-cn", "amazonaws.com.cn"),
        ("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"), ("eu-central-1", "aws", "amazonaws.com"),
    ])
    func partitionForRegion(_ region: String, _ id: String, _ suffix: String) {
        let partition = AWSPartition.forRegion(region)
        #expect(partition.id == id)
        #expect(partition.dnsSuffix == suffix)
    }
}

@Suite struct AMPWorkspaceURLTests {
    @Test func queryURLRecognised() throws {
        let url = URL(string: "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-abc-123/api/v1/query")!
        let workspace = try #require(AMPWorkspaceURL(url))
        #expect(workspace.region == "eu-west-1")
        #expect(workspace.workspaceID == "ws-abc-123")
        #expect(workspace.baseURL.absoluteString == "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-abc-123")
    }

    @Test(arguments: [
        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1",
        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/",
        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/",
        "https://APS-WORKSPACES.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/label/job/values",
    ])
    func workspaceFormsRecognised(_ text: String) throws {
        let workspace = try #require(AMPWorkspaceURL(URL(string: text)!))
        #expect(workspace.workspaceID == "ws-1")
        #expect(workspace.region == "us-east-1")
    }

    @Test func chinaWorkspaceRecognised() throws {
        let url = URL(string: "https://aps-workspaces.cn-north-1.amazonaws.com.cn/workspaces/ws-9/api/v1")!
        let workspace = try #require(AMPWorkspaceURL(url))
        #expect(workspace.region == "cn-north-1")
    }

    @Test func workspaceClientDropsTenantHeader() async throws {
        let url = URL(string: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/query")!
        let workspace = try #require(AMPWorkspaceURL(url))
        let http = RecordingHTTPClient([.json(200, #"{"status":"success","data":[]}"#)])
        let options = PrometheusClient.Options(headers: [("X-Scope-OrgID", "tenant-a")])

        _ = try await workspace.makePrometheusClient(http: http, options: options).labelNames()

        let request = try #require(http.requests.first)
        #expect(request.headers["X-Scope-OrgID"] == nil)
        #expect(request.url.absoluteString == "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/labels")
    }

    @Test func portIsKept() throws {
        let url = URL(string: "https://aps-workspaces.us-east-1.amazonaws.com:8443/workspaces/ws-1/api/v1")!
        let workspace = try #require(AMPWorkspaceURL(url))
        #expect(workspace.baseURL.absoluteString == "https://aps-workspaces.us-east-1.amazonaws.com:8443/workspaces/ws-1")
    }

    @Test(arguments: [
        "http://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1",
        "https://aps.us-east-1.amazonaws.com/workspaces/ws-1",
        "https://aps-workspaces.us-east-1.amazonaws.com.evil.example/workspaces/ws-1",
        "https://aps-workspaces.cn-north-1.amazonaws.com/workspaces/ws-1",
        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces",
        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/alertmanager/api/v2",
        "https://aps-workspaces.us-east-1.amazonaws.com/other/ws-1",
        "http://127.0.0.1:9090/workspaces/ws-1/api/v1",
    ])
    func otherURLsNotRecognised(_ text: String) {
        #expect(AMPWorkspaceURL(URL(string: text)!) == nil)
    }
}
