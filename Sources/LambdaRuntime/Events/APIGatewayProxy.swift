import Foundation
import PromLambdaCore

/// An API Gateway REST API proxy event (payload format 1.0): `{"httpMethod": …, "headers": …, "body": …}`.
///
/// Only the fields the runtime uses are extracted; ``json`` keeps the whole event.
public struct APIGatewayProxyRequest: Sendable, Equatable {
    public var httpMethod: String?
    public var path: String?
    /// Headers as sent, with their original case.
    public var headers: [String: String]
    /// The body text, base64 when ``isBase64Encoded`` is true; `nil` for a request without a body.
    public var body: String?
    public var isBase64Encoded: Bool
    public var json: JSONValue

    /// The top-level keys an API Gateway proxy event may carry.
    static let knownKeys: Set<String> = [
        "body", "headers", "httpMethod", "isBase64Encoded", "multiValueHeaders", "multiValueQueryStringParameters",
        "path", "pathParameters", "queryStringParameters", "requestContext", "resource", "stageVariables",
    ]

    init(json: JSONValue) {
        httpMethod = json["httpMethod"]?.stringValue
        path = json["path"]?.stringValue
        headers = (json["headers"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        body = json["body"]?.stringValue
        isBase64Encoded = json["isBase64Encoded"]?.boolValue ?? false
        self.json = json
    }

    /// The body bytes, base64-decoded when ``isBase64Encoded`` is true; empty for a request without a body.
    public func bodyData() throws(InvocationEventError) -> Data {
        try HTTPBody.decode(body, isBase64Encoded: isBase64Encoded)
    }
}

/// The response API Gateway expects from a proxy integration.
public struct APIGatewayProxyResponse: Sendable, Equatable, Codable {
    public var statusCode: Int
    public var headers: [String: String]
    public var body: String

    public init(statusCode: Int, headers: [String: String], body: String) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }
}

/// Body handling shared by the HTTP-shaped events.
enum HTTPBody {
    static func decode(_ body: String?, isBase64Encoded: Bool) throws(InvocationEventError) -> Data {
        guard let body else { return Data() }
        guard isBase64Encoded else { return Data(body.utf8) }
        guard let data = Data(base64Encoded: body) else { throw .invalidBase64Body }
        return data
    }
}
