import Foundation

/// One workspace as DescribeWorkspace returns it: the summary's fields and the query endpoint.
public struct WorkspaceDescription: Sendable, Equatable {
    public var workspaceId: String
    public var alias: String?
    public var arn: String
    /// The wire field `status.statusCode`.
    public var status: WorkspaceStatusCode
    /// The Prometheus-compatible API, such as
    /// `https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-…/api/v1/` (with a trailing slash).
    /// The service model does not mark it required, so it is `nil` when absent.
    public var prometheusEndpoint: URL?
    public var createdAt: Date
    public var tags: [String: String]?
    public var kmsKeyArn: String?

    public init(workspaceId: String, alias: String? = nil, arn: String, status: WorkspaceStatusCode,
                prometheusEndpoint: URL?, createdAt: Date, tags: [String: String]? = nil, kmsKeyArn: String? = nil) {
        self.workspaceId = workspaceId
        self.alias = alias
        self.arn = arn
        self.status = status
        self.prometheusEndpoint = prometheusEndpoint
        self.createdAt = createdAt
        self.tags = tags
        self.kmsKeyArn = kmsKeyArn
    }

    public var summary: WorkspaceSummary {
        WorkspaceSummary(workspaceId: workspaceId, alias: alias, arn: arn, status: status, createdAt: createdAt,
                         tags: tags, kmsKeyArn: kmsKeyArn)
    }
}

// MARK: - Decodable

extension WorkspaceDescription: Decodable {
    enum CodingKeys: String, CodingKey {
        case workspaceId, alias, arn, status, prometheusEndpoint, createdAt, tags, kmsKeyArn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspaceId = try container.decode(String.self, forKey: .workspaceId)
        alias = try container.decodeIfPresent(String.self, forKey: .alias)
        arn = try container.decode(String.self, forKey: .arn)
        status = try container.decode(WorkspaceStatusField.self, forKey: .status).statusCode
        if let endpoint = try container.decodeIfPresent(String.self, forKey: .prometheusEndpoint) {
            guard let url = URL(string: endpoint), url.scheme != nil, url.host != nil else {
                throw DecodingError.dataCorruptedError(forKey: .prometheusEndpoint, in: container,
                                                       debugDescription: "Not an absolute URL: \"\(endpoint)\".")
            }
            prometheusEndpoint = url
        } else {
            prometheusEndpoint = nil
        }
        createdAt = try AWSTimestamp.decode(from: container, forKey: .createdAt)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags)
        kmsKeyArn = try container.decodeIfPresent(String.self, forKey: .kmsKeyArn)
    }
}

/// The DescribeWorkspace response body, `{"workspace": {…}}`.
struct DescribeWorkspaceResponse: Decodable {
    var workspace: WorkspaceDescription
}
