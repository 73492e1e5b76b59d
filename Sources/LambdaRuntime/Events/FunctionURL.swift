import Foundation
import PromLambdaCore

/// A Lambda Function URL event, payload format 2.0, which API Gateway HTTP APIs also send.
///
/// Only the fields the runtime uses are extracted; ``json`` keeps the whole event.
///
/// - SeeAlso: https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
public struct FunctionURLRequest: Sendable, Equatable {
    /// The HTTP method, from `requestContext.http.method`.
    public var method: String
    public var rawPath: String?
    public var rawQueryString: String?
    /// Headers with lower-case names, as Lambda delivers them; repeated headers arrive comma-joined.
    public var headers: [String: String]
    public var cookies: [String]
    /// The body text, base64 when ``isBase64Encoded`` is true; `nil` for a request without a body.
    public var body: String?
    public var isBase64Encoded: Bool
    public var json: JSONValue

    init?(json: JSONValue) {
        guard json["version"]?.stringValue == "2.0",
              let method = json["requestContext"]?["http"]?["method"]?.stringValue
        else { return nil }
        self.method = method
        rawPath = json["rawPath"]?.stringValue
        rawQueryString = json["rawQueryString"]?.stringValue
        var headers: [String: String] = [:]
        for (name, value) in json["headers"]?.objectValue ?? [:] {
            if let value = value.stringValue { headers[name.lowercased()] = value }
        }
        self.headers = headers
        cookies = (json["cookies"]?.arrayValue ?? []).compactMap(\.stringValue)
        body = json["body"]?.stringValue
        isBase64Encoded = json["isBase64Encoded"]?.boolValue ?? false
        self.json = json
    }

    /// The body bytes, base64-decoded when ``isBase64Encoded`` is true; empty for a request without a body.
    public func bodyData() throws(InvocationEventError) -> Data {
        try HTTPBody.decode(body, isBase64Encoded: isBase64Encoded)
    }
}

/// The response a Function URL expects, payload format 2.0.
public struct FunctionURLResponse: Sendable, Equatable, Codable {
    public var statusCode: Int
    public var headers: [String: String]
    public var body: String
    public var isBase64Encoded: Bool
    /// `Set-Cookie` values; omitted from the JSON when `nil`.
    public var cookies: [String]?

    public init(statusCode: Int, headers: [String: String], body: String, isBase64Encoded: Bool = false,
                cookies: [String]? = nil) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
        self.isBase64Encoded = isBase64Encoded
        self.cookies = cookies
    }
}
