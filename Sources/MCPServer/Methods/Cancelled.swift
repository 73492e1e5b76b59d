import PromLambdaCore

/// `notifications/cancelled`: the client no longer wants the response to an earlier request.
///
/// The server cancels the task of that request and sends no response for it. A cancellation for
/// a request that already finished, or that the server never saw, is ignored, as the spec allows.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/utilities/cancellation
enum Cancelled: MCPMethod {
    static let name = "notifications/cancelled"

    struct Parameters: Sendable, Equatable {
        var requestID: RequestID
        var reason: String?
    }

    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        let object = try ParamsObject(params, method: name)
        let requestID: RequestID
        switch object.members["requestId"] {
        case .string(let text)?:
            requestID = .string(text)
        // NOTE: `params` arrive as a JSONValue whose numbers are Doubles, so an integer id above
        // 2^53 cannot be matched here and its cancellation is ignored.
        case .number(let number)? where number.rounded() == number && abs(number) <= 9_007_199_254_740_992:
            requestID = .integer(Int64(number))
        case nil:
            throw .invalidParams("Invalid params: \(name) needs \"requestId\".")
        case let other?:
            throw .invalidParams(
                "Invalid params: \"requestId\" of \(name) must be a string or an integer, not \(other.typeName).")
        }
        return Parameters(requestID: requestID, reason: try object.optionalString("reason"))
    }
}
