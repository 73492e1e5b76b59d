import Foundation

/// One workspace as ListWorkspaces returns it. It has no `prometheusEndpoint`: only DescribeWorkspace returns that.
public struct WorkspaceSummary: Sendable, Equatable {
    public var workspaceId: String
    /// The alias, which AMP does not require to be unique.
    public var alias: String?
    public var arn: String
    /// The wire field `status.statusCode`.
    public var status: WorkspaceStatusCode
    public var createdAt: Date
    public var tags: [String: String]?
    public var kmsKeyArn: String?

    public init(workspaceId: String, alias: String? = nil, arn: String, status: WorkspaceStatusCode, createdAt: Date,
                tags: [String: String]? = nil, kmsKeyArn: String? = nil) {
        self.workspaceId = workspaceId
        self.alias = alias
        self.arn = arn
        self.status = status
        self.createdAt = createdAt
        self.tags = tags
        self.kmsKeyArn = kmsKeyArn
    }
}

/// The nested `status` object of the wire form.
struct WorkspaceStatusField: Codable {
    var statusCode: WorkspaceStatusCode
}

// MARK: - Decodable

extension WorkspaceSummary: Decodable {
    enum CodingKeys: String, CodingKey {
        case workspaceId, alias, arn, status, createdAt, tags, kmsKeyArn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspaceId = try container.decode(String.self, forKey: .workspaceId)
        alias = try container.decodeIfPresent(String.self, forKey: .alias)
        arn = try container.decode(String.self, forKey: .arn)
        status = try container.decode(WorkspaceStatusField.self, forKey: .status).statusCode
        createdAt = try AWSTimestamp.decode(from: container, forKey: .createdAt)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags)
        kmsKeyArn = try container.decodeIfPresent(String.self, forKey: .kmsKeyArn)
    }
}

/// One page of ListWorkspaces.
public struct WorkspacePage: Sendable, Equatable, Decodable {
    public var workspaces: [WorkspaceSummary]
    /// The token for the next page, or `nil` on the last page.
    public var nextToken: String?

    public init(workspaces: [WorkspaceSummary], nextToken: String? = nil) {
        self.workspaces = workspaces
        self.nextToken = nextToken
    }
}
