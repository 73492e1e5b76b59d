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
        do {
            return try JSONEncoder.promlambda.encode(self)
        } catch {
            let fallback = JSONRPCResponse.failure(id, JSONRPCError(
                code: .internalError,
                message: "Internal error: the result could not be encoded as JSON.",
                data: .string(String(describing: error))))
            // Strings, integers and null always encode, so this second attempt cannot fail.
            return (try? JSONEncoder.promlambda.encode(fallback)) ?? Data()
        }
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
