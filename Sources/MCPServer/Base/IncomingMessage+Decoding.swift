import Foundation
import PromLambdaCore

extension IncomingMessage {
    /// Decodes and classifies one message, parsing its bytes exactly once.
    ///
    /// Batches (a top-level array) are rejected with `-32600`: MCP 2025-06-18 removed JSON-RPC
    /// batching, and this server applies that to every protocol version it speaks.
    ///
    /// - Returns: the message, or the rejection to send back: `-32700` when the bytes are not
    ///   JSON and `-32600` when they are JSON but not a valid single message.
    static func decode(_ data: Data) -> Result<IncomingMessage, MessageRejection> {
        let result = data.withUnsafeBytes { bytes -> Result<Envelope, MessageRejection> in
            var reader = JSONByteReader(bytes)
            do throws(JSONReadError) {
                switch reader.peek() {
                case UInt8(ascii: "{"):
                    let envelope = try Envelope(reading: &reader)
                    try reader.expectEnd()
                    return .success(envelope)
                case UInt8(ascii: "["):
                    _ = try reader.readValue()
                    try reader.expectEnd()
                    return .failure(MessageRejection(id: nil, error: .invalidRequest(
                        "Invalid request: JSON-RPC batches are not supported; send each message on its own.")))
                default:
                    _ = try reader.readValue()
                    try reader.expectEnd()
                    // The text is JSON, but the top-level value is neither an object nor an array.
                    return .failure(MessageRejection(
                        id: nil, error: .invalidRequest("Invalid request: a message must be a JSON object.")))
                }
            } catch {
                return .failure(MessageRejection(id: nil, error: .parseError(detail: error.description)))
            }
        }
        return result.flatMap { $0.classify() }
    }
}

// MARK: - Envelope

/// The members of a JSON-RPC message object, read without rejecting anything yet.
///
/// Reading fails only for text that is not JSON, so every structural problem reaches
/// ``classify()`` and gets an error response with the request's id where one could be read.
private struct Envelope {
    /// The content of the `id` member.
    enum IDMember {
        case absent
        case null
        case valid(RequestID)
        /// Present but neither a string nor an integer, such as `1.5` or `{}`.
        case invalid
    }

    var jsonrpc: JSONValue?
    var id: IDMember = .absent
    var method: JSONValue?
    var params: JSONValue?
    var hasResult = false
    var hasError = false

    /// Reads one object; a repeated member keeps its last value.
    init(reading reader: inout JSONByteReader) throws(JSONReadError) {
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            switch key {
            case "jsonrpc": jsonrpc = try reader.readValue()
            case "id": id = try Self.readID(&reader)
            case "method": method = try reader.readValue()
            case "params":
                let value = try reader.readValue()
                if case .null = value { params = nil } else { params = value }
            case "result":
                hasResult = true
                try reader.skipValue()
            case "error":
                hasError = true
                try reader.skipValue()
            default:
                try reader.skipValue()
            }
        }
    }

    /// Reads the id as a string or an exact `Int64`, from the number's own digits so that ids
    /// above 2^53 keep their value. Any other value is `.invalid`, which ``classify()`` rejects.
    private static func readID(_ reader: inout JSONByteReader) throws(JSONReadError) -> IDMember {
        guard let next = reader.peek() else { throw reader.error("the text ended before the value did") }
        switch next {
        case UInt8(ascii: "\""):
            return .valid(.string(try reader.readString()))
        case UInt8(ascii: "n"):
            _ = try reader.consumeNull()
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = reader.position
            _ = try reader.readNumber()
            let digits = String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[start..<reader.position]),
                                as: UTF8.self)
            return Int64(digits).map { .valid(.integer($0)) } ?? .invalid
        default:
            _ = try reader.readValue()
            return .invalid
        }
    }

    func classify() -> Result<IncomingMessage, MessageRejection> {
        let readableID: RequestID? = if case .valid(let value) = id { value } else { nil }

        guard jsonrpc == .string("2.0") else {
            return reject(readableID, #"Invalid request: "jsonrpc" must be "2.0"."#)
        }

        guard let method else {
            if hasResult || hasError {
                switch id {
                case .valid(let value): return .success(.response(id: value))
                case .null: return .success(.response(id: nil))
                case .absent, .invalid: return reject(nil, "Invalid request: a response needs a string or integer id.")
                }
            }
            return reject(readableID, #"Invalid request: the message has no "method", "result" or "error"."#)
        }
        guard case .string(let name) = method else {
            return reject(readableID, #"Invalid request: "method" must be a string."#)
        }

        switch id {
        case .absent:
            return .success(.notification(JSONRPCNotification(method: name, params: params)))
        case .valid(let value):
            return .success(.request(JSONRPCRequest(id: value, method: name, params: params)))
        case .null:
            return reject(nil, #"Invalid request: "id" must be a string or an integer; MCP does not allow null."#)
        case .invalid:
            return reject(nil, #"Invalid request: "id" must be a string or an integer."#)
        }
    }

    private func reject(_ id: RequestID?, _ message: String) -> Result<IncomingMessage, MessageRejection> {
        .failure(MessageRejection(id: id, error: .invalidRequest(message)))
    }
}
