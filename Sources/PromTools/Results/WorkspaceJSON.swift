import AmazonPrometheus
import Foundation
import PromLambdaCore

/// The JSON form of AMP workspaces in tool results.
enum WorkspaceJSON {
    static func describe(_ workspace: WorkspaceDescription, region: String) -> JSONValue {
        var object = summaryObject(workspace.summary, region: region)
        if let endpoint = workspace.prometheusEndpoint {
            object["prometheusEndpoint"] = .string(endpoint.absoluteString)
        }
        return .object(object)
    }

    static func summary(_ workspace: WorkspaceSummary, region: String) -> JSONValue {
        .object(summaryObject(workspace, region: region))
    }

    private static func summaryObject(_ workspace: WorkspaceSummary, region: String) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "workspaceId": .string(workspace.workspaceId),
            "arn": .string(workspace.arn),
            "status": .string(workspace.status.rawValue),
            "createdAt": .string(RFC3339.format(workspace.createdAt)),
            "region": .string(region),
        ]
        if let alias = workspace.alias { object["alias"] = .string(alias) }
        return object
    }
}
