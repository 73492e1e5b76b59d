import Foundation
import TestSupport
import HTTPTransport
@testable import AmazonPrometheus

/// Response bodies and clients for tests with a recording fake `HTTPClient`.
enum ControlPlaneFixtures {
    static let region = "us-east-1"
    static let endpoint = URL(string: "https://aps.us-east-1.amazonaws.com")!

    static func client(_ http: any HTTPClient) -> AMPControlPlaneClient {
        AMPControlPlaneClient(endpoint: endpoint, region: region, http: http)
    }

    /// Returns a WorkspaceSummary JSON object, created at `createdAt` epoch seconds.
    static func summaryJSON(id: String, alias: String?, status: String = "ACTIVE",
                            createdAt: Double = 1_700_000_000) -> String {
        let aliasField = alias.map { #","alias":"\#($0)""# } ?? ""
        return #"{"workspaceId":"\#(id)","arn":"arn:aws:aps:us-east-1:123456789012:workspace/\#(id)","#
            + #""status":{"statusCode":"\#(status)"},"createdAt":\#(createdAt)\#(aliasField)}"#
    }

    static func listResponse(_ summaries: [String], nextToken: String? = nil) -> HTTPResponse {
        let token = nextToken.map { #","nextToken":"\#($0)""# } ?? ""
        return .json(200, #"{"workspaces":[\#(summaries.joined(separator: ","))]\#(token)}"#)
    }

    static func describeResponse(id: String, alias: String?, status: String = "ACTIVE") -> HTTPResponse {
        let aliasField = alias.map { #","alias":"\#($0)""# } ?? ""
        let endpoint = "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/\(id)/api/v1/"
        return .json(200, #"{"workspace":{"workspaceId":"\#(id)","#
            + #""arn":"arn:aws:aps:us-east-1:123456789012:workspace/\#(id)","status":{"statusCode":"\#(status)"},"#
            + #""prometheusEndpoint":"\#(endpoint)","createdAt":1700000000.5\#(aliasField)}}"#)
    }

    /// Returns an AWS rest-json error: the type in `x-amzn-ErrorType` and the message in the body.
    static func errorResponse(_ status: Int, type: String?, message: String,
                              extraHeaders: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/json")] + extraHeaders)
        if let type { headers.add("x-amzn-ErrorType", type) }
        let body = try! JSONSerialization.data(withJSONObject: ["message": message])
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}
