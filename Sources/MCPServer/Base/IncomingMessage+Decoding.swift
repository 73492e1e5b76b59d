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
        if data.first(where: { !Self.isJSONWhitespace($0) }) == UInt8(ascii: "[") {
            return decodeBatch(data)
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch DecodingError.dataCorrupted(let context) {
            return .failure(MessageRejection(id: nil, error: .parseError(detail: context.debugDescription)))
        } catch {
            // The text is JSON, but the top-level value is not an object.
            return .failure(MessageRejection(
                id: nil, error: .invalidRequest("Invalid request: a message must be a JSON object.")))
        }
        return envelope.classify()
    }

    private static func decodeBatch(_ data: Data) -> Result<IncomingMessage, MessageRejection> {
        do {
            _ = try JSONDecoder().decode([JSONValue].self, from: data)
        } catch {
            return .failure(MessageRejection(id: nil, error: .parseError(detail: Self.describe(error))))
        }
        return .failure(MessageRejection(id: nil, error: .invalidRequest(
            "Invalid request: JSON-RPC batches are not supported; send each message on its own.")))
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.debugDescription
        }
        return String(describing: error)
    }

    /// Space, tab, line feed and carriage return: the whitespace RFC 8259 allows around values.
    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

// MARK: - Envelope

/// The members of a JSON-RPC message object, read without rejecting anything yet.
///
/// Decoding never throws for a JSON object, so every structural problem reaches
/// ``classify()`` and gets an error response with the request's id where one could be read.
private struct Envelope: Decodable {
    /// The content of the `id` member.
    enum IDMember {
        case absent
        case null
        case valid(RequestID)
        /// Present but neither a string nor an integer, such as `1.5` or `{}`.
        case invalid
    }

    var jsonrpc: JSONValue?
    var id: IDMember
    var method: JSONValue?
    var params: JSONValue?
    var hasResult: Bool
    var hasError: Bool

    private enum CodingKeys: String, CodingKey {
        case jsonrpc, id, method, params, result, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jsonrpc = try container.decodeIfPresent(JSONValue.self, forKey: .jsonrpc)
        id = Self.decodeID(from: container)
        method = try container.decodeIfPresent(JSONValue.self, forKey: .method)
        params = try container.decodeIfPresent(JSONValue.self, forKey: .params)
        hasResult = container.contains(.result)
        hasError = container.contains(.error)
    }

    /// Reads the id as an exact `Int64` or a string. The `try?` probes are type tests: a value
    /// that is neither becomes `.invalid`, which ``classify()`` rejects with `-32600`.
    private static func decodeID(from container: KeyedDecodingContainer<CodingKeys>) -> IDMember {
        guard container.contains(.id) else { return .absent }
        if (try? container.decodeNil(forKey: .id)) == true {
            return .null
        }
        if let value = try? container.decode(Int64.self, forKey: .id) {
            return .valid(.integer(value))
        }
        if let value = try? container.decode(String.self, forKey: .id) {
            return .valid(.string(value))
        }
        return .invalid
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
