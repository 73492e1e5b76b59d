import PromLambdaCore

/// A JSON-RPC request: a method call that expects exactly one response with the same `id`.
struct JSONRPCRequest: Sendable, Equatable {
    var id: RequestID
    var method: String
    /// The `params` member as sent; `nil` when absent or `null`.
    var params: JSONValue?
}

/// A JSON-RPC notification: a method call without an `id`, which gets no response.
struct JSONRPCNotification: Sendable, Equatable {
    var method: String
    var params: JSONValue?
}

/// One message from a client, classified by the JSON-RPC 2.0 rules.
enum IncomingMessage: Sendable, Equatable {
    case request(JSONRPCRequest)
    case notification(JSONRPCNotification)
    /// A response to a request the server sent. This server sends no requests, so it only logs
    /// these; `id` is `nil` when the response carried `id: null`.
    case response(id: RequestID?)
}

/// A message that cannot be served, with the error to send back.
///
/// `id` is the request's id when it could be read, and `nil` (sent as `id: null`) when the text
/// was not JSON, the id was missing or invalid, or the message was a batch.
struct MessageRejection: Error, Sendable, Equatable {
    var id: RequestID?
    var error: JSONRPCError
}
