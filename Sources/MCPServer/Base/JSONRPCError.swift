import PromLambdaCore

/// The `error` member of a JSON-RPC response: a code from the spec's fixed set, a message and
/// optional data.
///
/// Tool failures are not JSON-RPC errors: they come back as a `tools/call` result with
/// `isError: true`. A `JSONRPCError` means the message itself could not be served.
///
/// - SeeAlso: https://www.jsonrpc.org/specification#error_object
public struct JSONRPCError: Error, Sendable, Equatable {
    /// The error codes JSON-RPC 2.0 defines and this server sends.
    public enum Code: Int, Sendable, CaseIterable {
        /// The text is not valid JSON.
        case parseError = -32700
        /// The JSON is not a valid request object, or not one this server accepts here.
        case invalidRequest = -32600
        /// The method does not exist on this server.
        case methodNotFound = -32601
        /// The method exists but its `params` are invalid, or name an unknown tool.
        case invalidParams = -32602
        /// The server failed while serving a valid request.
        case internalError = -32603
    }

    public var code: Code
    /// One sentence saying what was wrong and, where it helps, what to send instead.
    public var message: String
    /// Detail for the client, such as the decoder's description of a parse error.
    public var data: JSONValue?

    public init(code: Code, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}

extension JSONRPCError {
    /// Creates the error for a message that is not valid JSON, with the decoder's description as `data`.
    static func parseError(detail: String) -> JSONRPCError {
        JSONRPCError(code: .parseError, message: "Parse error: the message is not valid JSON.", data: .string(detail))
    }

    static func invalidRequest(_ message: String) -> JSONRPCError {
        JSONRPCError(code: .invalidRequest, message: message)
    }

    static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(code: .methodNotFound, message: "Method not found: \(method).", data: .string(method))
    }

    static func invalidParams(_ message: String) -> JSONRPCError {
        JSONRPCError(code: .invalidParams, message: message)
    }
}

// MARK: - Encodable

extension JSONRPCError {
    /// The error object as JSON: `code`, `message`, and `data` when present.
    var json: JSONValue {
        var members: [String: JSONValue] = ["code": .number(Double(code.rawValue)), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }
}

extension JSONRPCError: Encodable {
    private enum CodingKeys: String, CodingKey {
        case code, message, data
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.rawValue, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(data, forKey: .data)
    }
}
