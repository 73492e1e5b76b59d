import Foundation
import PromLambdaCore
import Synchronization
import Testing
@testable import MCPServer

/// Records every message a session writes, and hands them to the test one at a time.
final class RecordingOutput: MessageOutput {
    private let recorded = Mutex<[Data]>([])
    private let continuation: AsyncStream<Data>.Continuation
    let stream: AsyncStream<Data>

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Data.self)
    }

    func send(_ message: Data) async throws {
        recorded.withLock { $0.append(message) }
        continuation.yield(message)
    }

    /// Returns every message written so far, as text.
    func texts() -> [String] {
        recorded.withLock { $0 }.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The client side of an in-memory session: writes lines and reads responses.
final class SessionClient {
    private let input: AsyncStream<Data>.Continuation
    private var responses: AsyncStream<Data>.Iterator

    init(input: AsyncStream<Data>.Continuation, output: RecordingOutput) {
        self.input = input
        self.responses = output.stream.makeAsyncIterator()
    }

    /// Sends one message followed by a newline.
    func send(_ line: String) {
        input.yield(Data((line + "\n").utf8))
    }

    /// Sends raw bytes, newlines included.
    func sendBytes(_ bytes: String) {
        input.yield(Data(bytes.utf8))
    }

    /// Ends the input, as a client closing the server's standard input does.
    func close() {
        input.finish()
    }

    /// Waits for the next message the server writes and decodes it.
    func nextResponse(sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let message = try #require(await responses.next(), "The session ended without another response.",
                                   sourceLocation: sourceLocation)
        return try JSONValue.decode(message)
    }

    /// Sends `initialize` with `version` and returns its response.
    @discardableResult
    func initialize(version: String = "2025-06-18") async throws -> JSONValue {
        send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}"#)
        return try await nextResponse()
    }
}

/// Runs a session of `server` over in-memory streams while `body` plays the client.
///
/// The input is closed after `body` returns, and the function returns once the session has
/// ended, so the output it returns is complete.
/// - Returns: every message the server wrote, as text.
@discardableResult
func withSession(_ server: MCPServer, _ body: (SessionClient) async throws -> Void) async throws -> [String] {
    let (input, inputContinuation) = AsyncStream.makeStream(of: Data.self)
    let output = RecordingOutput()
    async let serving: Void = server.serve(input: input, output: output)
    let client = SessionClient(input: inputContinuation, output: output)
    do {
        try await body(client)
    } catch {
        inputContinuation.finish()
        try await serving
        throw error
    }
    inputContinuation.finish()
    try await serving
    return output.texts()
}

/// Runs a session of a server for `provider`; see ``withSession(_:_:)``.
@discardableResult
func withSession(_ provider: FakeToolProvider, _ body: (SessionClient) async throws -> Void) async throws
    -> [String] {
    try await withSession(MCPServer(provider: provider), body)
}

extension JSONValue {
    /// The `error.code` member of a response, as an integer.
    var errorCode: Int? {
        self["error"]?["code"]?.numberValue.map { Int($0) }
    }
}
