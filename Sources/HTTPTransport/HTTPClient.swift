/// The one seam through which promlambda talks HTTP.
///
/// Implementations return every response, whatever its status: deciding what a status means
/// belongs to the caller. They throw ``HTTPTransportError`` when no response arrived.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
