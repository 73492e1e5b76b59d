import Foundation
import PromLambdaCore

/// A JSON-RPC response: the request's id with either a result or an error.
struct JSONRPCResponse: Sendable, Equatable {
    /// The request's id; `nil` is sent as `id: null`, for messages whose id could not be read.
    var id: RequestID?
    var outcome: Result<JSONValue, JSONRPCError>

    static func success(_ id: RequestID, _ result: JSONValue) -> JSONRPCResponse {
        JSONRPCResponse(id: id, outcome: .success(result))
    }

    static func failure(_ id: RequestID?, _ error: JSONRPCError) -> JSONRPCResponse {
        JSONRPCResponse(id: id, outcome: .failure(error))
    }

    init(id: RequestID?, outcome: Result<JSONValue, JSONRPCError>) {
        self.id = id
        self.outcome = outcome
    }

    init(rejection: MessageRejection) {
        self.init(id: rejection.id, outcome: .failure(rejection.error))
    }

    /// Encodes the response as compact JSON, without a trailing newline.
    ///
    /// A result that JSON cannot represent, such as a tool's `NaN` number, turns into a `-32603`
    /// error for the same id instead of a crash or a broken line.
    func encoded() -> Data {
        do throws(JSONWriteError) {
            return try written(outcome)
        } catch {
            let fallback = JSONRPCError(
                code: .internalError,
                message: "Internal error: the result could not be encoded as JSON.",
                data: .string(String(describing: error)))
            // Strings, integers and null always encode, so this second attempt cannot fail.
            return (try? written(.failure(fallback))) ?? Data()
        }
    }

    /// Writes the members in the order sorted keys give them: error, id, jsonrpc, result.
    private func written(_ outcome: Result<JSONValue, JSONRPCError>) throws(JSONWriteError) -> Data {
        var writer = JSONWriter()
        writer.writeRaw("{")
        if case .failure(let error) = outcome {
            writer.writeRaw(#""error":"#)
            try writer.write(error.json)
            writer.writeRaw(",")
        }
        writer.writeRaw(#""id":"#)
        switch id {
        case .string(let text): try writer.write(.string(text))
        // Written from the integer itself, so ids above 2^53 stay exact.
        case .integer(let number): writer.writeRaw(String(number))
        case nil: writer.writeRaw("null")
        }
        writer.writeRaw(#","jsonrpc":"2.0""#)
        if case .success(let result) = outcome {
            writer.writeRaw(#","result":"#)
            try writer.write(result)
        }
        writer.writeRaw("}")
        return Data(writer.bytes)
    }
}

// MARK: - Encodable

extension JSONRPCResponse: Encodable {
    private enum CodingKeys: String, CodingKey {
        case jsonrpc, id, result, error
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        if let id {
            try container.encode(id, forKey: .id)
        } else {
            try container.encodeNil(forKey: .id)
        }
        switch outcome {
        case .success(let result): try container.encode(result, forKey: .result)
        case .failure(let error): try container.encode(error, forKey: .error)
        }
    }
}
