import Foundation

/// The destination of a session's messages: one JSON-RPC message per call, without a newline.
///
/// Implementations must be safe to call from concurrent tasks and must write each message
/// whole, so that two responses never interleave.
public protocol MessageOutput: Sendable {
    /// Writes one message.
    ///
    /// - Throws: when the message could not be written, such as when the client closed the
    ///   pipe. The session then cancels its running calls and ``MCPServer/serve(input:output:)``
    ///   rethrows the error.
    func send(_ message: Data) async throws
}
