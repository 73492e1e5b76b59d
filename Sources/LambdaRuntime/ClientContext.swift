import Foundation
import PromLambdaCore

/// The client context a synchronous caller attached to the invocation, as generic JSON.
///
/// The Runtime API passes it in `Lambda-Runtime-Client-Context` as raw JSON text. Its documented keys
/// are `client`, `custom` and `env`. AgentCore Gateway puts the tool name and ids into `custom`.
/// Values are kept as ``JSONValue`` because callers may send numbers or objects where older runtimes
/// expected strings.
public struct ClientContext: Sendable, Equatable {
    /// The whole decoded object.
    public var json: JSONValue

    public init(json: JSONValue) {
        self.json = json
    }

    /// The `custom` object; empty when absent or not an object.
    public var custom: [String: JSONValue] { json["custom"]?.objectValue ?? [:] }
    /// The `env` object; empty when absent or not an object.
    public var env: [String: JSONValue] { json["env"]?.objectValue ?? [:] }
    /// The `client` object, or `nil` when absent or not an object.
    public var client: [String: JSONValue]? { json["client"]?.objectValue }

    /// Parses the header value.
    /// - Throws: ``ClientContextError`` when the text is not JSON or not a JSON object.
    public static func parse(header: String) throws(ClientContextError) -> ClientContext {
        let json: JSONValue
        do {
            json = try JSONValue.decode(Data(header.utf8))
        } catch {
            throw .notJSON
        }
        guard case .object = json else {
            throw .notAnObject(type: json.typeName)
        }
        return ClientContext(json: json)
    }
}

/// The reason a client context header was ignored.
public enum ClientContextError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON
    case notAnObject(type: String)

    public var description: String {
        switch self {
        case .notJSON: "The client context is not valid JSON."
        case .notAnObject(let type): "The client context is a JSON \(type), not an object."
        }
    }
}
