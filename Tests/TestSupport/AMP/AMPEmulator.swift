import Foundation
import HTTPTransport

/// The AMP emulator (`Resources/amp_emulator.py`) running on 127.0.0.1 for one test.
///
/// It serves ListWorkspaces, DescribeWorkspace and the data plane under `/workspaces/<id>/api/v1/`, checks every
/// SigV4 signature with botocore, and records what it received.
///
/// ```swift
/// let emulator = try await AMPEmulator.start(AMPEmulator.Configuration(workspaces: [.init(id: "ws-1", alias: "prod")]))
/// defer { emulator.stop() }
/// // Point a client at emulator.baseURL, or a CLI or Lambda process at emulator.clientEnvironment.
/// ```
///
/// Depends on Foundation and HTTPTransport only, so it can move to a shared test support target.
public final class AMPEmulator: Sendable {
    /// The emulator's configuration, written as JSON for the script; see the script's docstring for each key.
    public struct Configuration: Encodable, Sendable {
        public var region = "us-east-1"
        public var accountID = "123456789012"
        public var accessKeyID = "AKIDEMULATOREXAMPLE"
        public var secretAccessKey = "emulator/secret+key/EXAMPLE"
        public var sessionToken: String?
        /// Responds with ExpiredTokenException to requests that are otherwise valid.
        public var expiredSessionToken = false
        /// Seconds added to the emulator's clock before it checks the signing time.
        public var clockOffsetSeconds: Double = 0
        /// The largest ListWorkspaces page the emulator returns, whatever the `maxResults` of the request.
        public var pageSize = 100
        /// Where data plane requests are forwarded.
        public var prometheusURL: URL?
        /// IAM actions rejected with AccessDeniedException.
        public var deniedActions: [String] = []
        public var workspaces: [Workspace] = []

        public init() {}

        enum CodingKeys: String, CodingKey {
            case region, credentials, pageSize = "page_size", prometheusURL = "prometheus_url"
            case accountID = "account_id", expiredSessionToken = "expired_session_token"
            case clockOffsetSeconds = "clock_offset_seconds", deniedActions = "denied_actions", workspaces
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(region, forKey: .region)
            try container.encode(accountID, forKey: .accountID)
            var credentials = ["access_key_id": accessKeyID, "secret_access_key": secretAccessKey]
            credentials["session_token"] = sessionToken
            try container.encode(credentials, forKey: .credentials)
            try container.encode(expiredSessionToken, forKey: .expiredSessionToken)
            try container.encode(clockOffsetSeconds, forKey: .clockOffsetSeconds)
            try container.encode(pageSize, forKey: .pageSize)
            try container.encodeIfPresent(prometheusURL?.absoluteString, forKey: .prometheusURL)
            try container.encode(deniedActions, forKey: .deniedActions)
            try container.encode(workspaces, forKey: .workspaces)
        }
    }

    /// One workspace as the emulator stores it.
    public struct Workspace: Encodable, Sendable {
        public var workspaceId: String
        public var alias: String?
        public var status: String
        /// Epoch seconds.
        public var createdAt: Double
        public var tags: [String: String]?

        public init(id: String, alias: String? = nil, status: String = "ACTIVE", createdAt: Double = 1_700_000_000,
             tags: [String: String]? = nil) {
            workspaceId = id
            self.alias = alias
            self.status = status
            self.createdAt = createdAt
            self.tags = tags
        }
    }

    /// One request as the emulator received it, with the status of its response.
    public struct ReceivedRequest: Decodable, Sendable {
        public var method: String
        public var path: String
        /// The raw, still percent-encoded query.
        public var query: String
        public var headers: [[String]]
        public var body: String
        public var status: Int
        public var errorType: String?

        /// Returns the first value of the header `name`, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.first?.lowercased() == name.lowercased() }?.last
        }

        public var queryParameters: QueryParameters {
            QueryParameters.parse(query) ?? QueryParameters()
        }
    }

    public let configuration: Configuration
    private let server: ScriptServer
    private let control = URLSessionHTTPClient()

    private init(configuration: Configuration, server: ScriptServer) {
        self.configuration = configuration
        self.server = server
    }

    /// Starts an emulator with `configuration` and returns once it listens.
    public static func start(_ configuration: Configuration) async throws -> AMPEmulator {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("amp-emulator-\(UUID().uuidString).json")
        try JSONEncoder().encode(configuration).write(to: file)
        // The emulator reads the file before it prints its port, so the file can go once the start returns.
        defer { try? FileManager.default.removeItem(at: file) }
        let server = try await ScriptServer.start(script: TestPython.scriptsFolder.appendingPathComponent("amp_emulator.py"),
                                                  arguments: ["--config", file.path])
        return AMPEmulator(configuration: configuration, server: server)
    }

    /// `http://127.0.0.1:<port>`, the control plane endpoint, as `AWS_ENDPOINT_URL_AMP` would set it.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(server.port)")!
    }

    /// The `prometheusEndpoint` that DescribeWorkspace returns for `workspaceID`.
    public func prometheusEndpoint(workspaceID: String) -> URL {
        URL(string: "http://127.0.0.1:\(server.port)/workspaces/\(workspaceID)/api/v1/")!
    }

    /// The variables with which a promlambda process finds and signs for this emulator.
    public var clientEnvironment: [String: String] {
        var environment = [
            "AWS_ENDPOINT_URL_AMP": baseURL.absoluteString,
            "AWS_REGION": configuration.region,
            "AWS_ACCESS_KEY_ID": configuration.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": configuration.secretAccessKey,
        ]
        environment["AWS_SESSION_TOKEN"] = configuration.sessionToken
        return environment
    }

    /// Makes the emulator respond to the next `count` signed requests with 429 and `Retry-After: <seconds>`.
    public func throttle(next count: Int, retryAfterSeconds: Int) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["count": count, "retry_after_seconds": retryAfterSeconds])
        let response = try await control.send(HTTPRequest(method: .post, url: controlURL("throttle"), body: body))
        guard response.status == 204 else {
            throw TestPython.Failure(description: "POST /_emulator/throttle returned HTTP \(response.status).")
        }
    }

    /// Returns every request received so far, oldest first, without those to the control endpoints.
    public func receivedRequests() async throws -> [ReceivedRequest] {
        struct Payload: Decodable { var requests: [ReceivedRequest] }
        let response = try await control.send(HTTPRequest(url: controlURL("requests")))
        return try JSONDecoder().decode(Payload.self, from: response.body).requests
    }

    public func stop() {
        server.stop()
    }

    private func controlURL(_ name: String) -> URL {
        baseURL.appendingPathComponent("_emulator").appendingPathComponent(name)
    }
}
