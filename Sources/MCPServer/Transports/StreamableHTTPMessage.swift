import Foundation

/// One HTTP request to the MCP endpoint, as ``StreamableHTTPHandler`` reads it.
///
/// Header names are matched case-insensitively. The value carries no URL: the handler serves
/// whatever path it is mounted on.
public struct StreamableHTTPRequest: Sendable, Equatable {
    /// The request method, such as `POST`.
    public var method: String
    /// Header values by lowercased name.
    public private(set) var headers: [String: String]
    /// The body, already decoded from base64 where the carrier encoded it.
    public var body: Data

    /// Creates a request; names that differ only in case are joined into one comma-separated
    /// value, as HTTP combines repeated fields.
    public init(method: String, headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.body = body
        self.headers = [:]
        // Sorted so that the joined value does not depend on dictionary order.
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let key = name.lowercased()
            if let existing = self.headers[key] {
                self.headers[key] = existing + ", " + value
            } else {
                self.headers[key] = value
            }
        }
    }

    /// Returns the value of a header, looked up case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// The HTTP response to send back for one ``StreamableHTTPRequest``.
public struct StreamableHTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header values by name, in the capitalization they are sent with.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension StreamableHTTPResponse {
    /// `202 Accepted` with no body: the response to a notification or a JSON-RPC response.
    static let accepted = StreamableHTTPResponse(status: 202)

    /// Creates a response whose `application/json` body is a JSON-RPC response.
    static func json(status: Int, _ response: JSONRPCResponse, headers: [String: String] = [:])
        -> StreamableHTTPResponse {
        var headers = headers
        headers[HeaderName.contentType] = "application/json"
        return StreamableHTTPResponse(status: status, headers: headers, body: response.encoded())
    }
}
