import Foundation
import PromLambdaCore

/// The shape of an event, which decides where the payload sits and how the response must look.
///
/// Rules, applied in order to the decoded event:
/// 1. **Function URL** (payload format 2.0): an object with `"version": "2.0"` and a string at
///    `requestContext.http.method`. API Gateway HTTP APIs send the same format and accept the same response.
/// 2. **API Gateway proxy** (REST, payload format 1.0): an object whose `body` is a string, or `null` when
///    `httpMethod` is a string too. Every top-level key must be one that API Gateway sends (`body`,
///    `headers`, `httpMethod`, `isBase64Encoded`, `path`, `requestContext` and the like). So the test event
///    `{"body": "{\"query\": \"up\"}"}` counts, but tool arguments `{"body": "x", "limit": 5}` do not.
/// 3. **Direct**: anything else. AgentCore Gateway and the Invoke API send tool arguments this way, as a
///    flat JSON object.
///
/// A tool whose only arguments are named like API Gateway fields, with `body` a string, would be read
/// as rule 2; promlambda's tools have no argument named `body`.
public enum InvocationEvent: Sendable, Equatable {
    case functionURL(FunctionURLRequest)
    case apiGateway(APIGatewayProxyRequest)
    case direct(JSONValue)

    /// Decodes and classifies an event.
    /// - Throws: ``InvocationEventError/eventNotJSON(bytes:)`` when the bytes are not JSON.
    public init(decoding event: Data) throws(InvocationEventError) {
        do {
            self.init(json: try JSONValue.decode(event))
        } catch {
            throw .eventNotJSON(bytes: event.count)
        }
    }

    /// Classifies a decoded event by the rules above.
    public init(json: JSONValue) {
        if let request = FunctionURLRequest(json: json) {
            self = .functionURL(request)
        } else if Self.isAPIGatewayProxy(json) {
            self = .apiGateway(APIGatewayProxyRequest(json: json))
        } else {
            self = .direct(json)
        }
    }

    private static func isAPIGatewayProxy(_ json: JSONValue) -> Bool {
        guard let members = json.objectValue, let body = members["body"] else { return false }
        guard members.keys.allSatisfy(APIGatewayProxyRequest.knownKeys.contains) else { return false }
        switch body {
        case .string: return true
        case .null: return members["httpMethod"]?.stringValue != nil
        default: return false
        }
    }

    /// Extracts the JSON payload: the event itself for a direct event, the decoded body otherwise, and `null`
    /// for an HTTP request without a body.
    /// - Throws: ``InvocationEventError`` when an HTTP body is not valid base64 or not JSON.
    public func payload() throws(InvocationEventError) -> JSONValue {
        let body: Data
        switch self {
        case .direct(let json): return json
        case .apiGateway(let request): body = try request.bodyData()
        case .functionURL(let request): body = try request.bodyData()
        }
        guard !body.isEmpty else { return .null }
        do {
            return try JSONValue.decode(body)
        } catch {
            throw .bodyNotJSON
        }
    }

    /// Whether the event came over HTTP, so the response needs a status code and a string body.
    public var isHTTP: Bool {
        if case .direct = self { return false }
        return true
    }

    // MARK: - Responses

    /// Encodes `body` as the response to this event.
    ///
    /// A direct event gets `body` itself as a plain JSON value, and `statusCode` is dropped. An HTTP-shaped
    /// event gets `{"statusCode": …, "headers": {"Content-Type": "application/json"}, "body": "<JSON text>"}`,
    /// plus `"isBase64Encoded": false` for a Function URL.
    public func response(statusCode: Int = 200, body: JSONValue) -> Data {
        let headers = ["Content-Type": RuntimeAPI.ContentType.json]
        let text = body.encodedString()
        switch self {
        case .direct:
            return body.encodedData()
        case .apiGateway:
            return Self.encode(APIGatewayProxyResponse(statusCode: statusCode, headers: headers, body: text))
        case .functionURL:
            return Self.encode(FunctionURLResponse(statusCode: statusCode, headers: headers, body: text))
        }
    }

    private static func encode(_ value: some Encodable) -> Data {
        // The response types hold only strings, integers, booleans and string arrays, which always encode.
        (try? JSONEncoder.promlambda.encode(value)) ?? Data("{}".utf8)
    }
}
