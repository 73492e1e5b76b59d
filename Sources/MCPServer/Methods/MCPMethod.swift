import PromLambdaCore

/// An MCP method modelled as a type: its wire name and how its `params` are read.
///
/// Each method is a caseless enum with nested `Parameters` (and `Result` for requests); the
/// dispatcher in ``ClientRequest`` and ``ClientNotification`` is keyed by `name`.
protocol MCPMethod {
    associatedtype Parameters: Sendable

    /// The `method` string on the wire, such as `tools/call`.
    static var name: String { get }

    /// Reads the message's `params`.
    ///
    /// - Throws: ``JSONRPCError`` with code `invalidParams` naming the member that is missing or
    ///   has the wrong type.
    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters
}

/// The members of a `params` object, read with errors that name the method and the member.
///
/// MCP defines every `params` as an object; an absent or `null` `params` reads as `{}`.
struct ParamsObject {
    let method: String
    let members: [String: JSONValue]

    init(_ params: JSONValue?, method: String) throws(JSONRPCError) {
        self.method = method
        switch params {
        case nil, .null?:
            members = [:]
        case .object(let members)?:
            self.members = members
        case let other?:
            throw .invalidParams("Invalid params: \(method) takes an object, not \(other.typeName).")
        }
    }

    func requiredString(_ key: String) throws(JSONRPCError) -> String {
        guard let value = members[key] else {
            throw .invalidParams("Invalid params: \(method) needs \"\(key)\".")
        }
        guard case .string(let text) = value else {
            throw wrongType(key, expected: "a string", found: value)
        }
        return text
    }

    func optionalString(_ key: String) throws(JSONRPCError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw wrongType(key, expected: "a string", found: other)
        }
    }

    func optionalObject(_ key: String) throws(JSONRPCError) -> [String: JSONValue]? {
        switch members[key] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        case let other?: throw wrongType(key, expected: "an object", found: other)
        }
    }

    private func wrongType(_ key: String, expected: String, found: JSONValue) -> JSONRPCError {
        .invalidParams("Invalid params: \"\(key)\" of \(method) must be \(expected), not \(found.typeName).")
    }
}
