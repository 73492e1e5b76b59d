/// The `id` of a JSON-RPC request: a string or an integer, echoed unchanged in the response.
///
/// MCP forbids `null` ids on requests, so a `RequestID` is never null. Where no id can be read
/// (a parse error, an invalid request), a response carries `id: null`, and the code uses
/// `RequestID?` set to `nil`. Integers are kept as `Int64`, not `Double`, so ids above 2^53
/// come back exactly as they were sent.
///
/// - SeeAlso: https://www.jsonrpc.org/specification#request_object
public enum RequestID: Sendable, Hashable {
    case string(String)
    case integer(Int64)
}

// MARK: - CustomStringConvertible

extension RequestID: CustomStringConvertible {
    /// The id as text for logs and for ``ToolCallContext/requestID``.
    public var description: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        }
    }
}

// MARK: - Encodable

extension RequestID: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        }
    }
}
