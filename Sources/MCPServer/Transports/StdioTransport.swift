import Foundation
import PromLambdaCore
import PromTools
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MCPServer {
    /// Serves the tools of `provider` over standard input and output until standard input ends.
    ///
    /// This is the entry point of `promlambda mcp`: an MCP client launches the process and
    /// writes newline-delimited JSON-RPC to its standard input. Standard output carries protocol
    /// messages only; `logger` must write elsewhere, such as standard error. Returns after the
    /// calls still running at end of input have written their responses.
    ///
    /// The process ignores `SIGPIPE` from then on, so that a client that closes the pipe makes
    /// a write fail with an error instead of killing the process.
    ///
    /// - Throws: when standard input cannot be read or standard output cannot be written.
    /// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio
    public static func runStdio(provider: any ToolProvider, name: String = MCPServer.defaultName,
                                version: String = MCPServer.defaultVersion, instructions: String? = nil,
                                logger: Logger = .disabled) async throws {
        signal(SIGPIPE, SIG_IGN)
        let server = MCPServer(provider: provider, name: name, version: version, instructions: instructions,
                               logger: logger)
        try await server.serve(input: FileDescriptorInput(STDIN_FILENO).chunks(),
                               output: FileHandleOutput(.standardOutput))
    }
}

/// Reads a file descriptor on a dedicated thread and delivers its bytes as an async sequence.
///
/// Each `read(2)` returns what the pipe holds, so a message is delivered as soon as it arrives.
/// `FileHandle.read(upToCount:)` is no substitute: on Linux it waits until the count is filled
/// or the input ends. `FileHandle.bytes` does not exist on Linux.
public struct FileDescriptorInput: Sendable {
    private let descriptor: Int32
    private let chunkSize: Int

    /// - Parameters:
    ///   - descriptor: The descriptor to read, such as `STDIN_FILENO`. It is not closed.
    ///   - chunkSize: The largest number of bytes one read returns.
    public init(_ descriptor: Int32, chunkSize: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.chunkSize = chunkSize
    }

    /// Starts the reading thread and returns the chunks it reads.
    ///
    /// The stream finishes at end of file, and throws when a read fails. The thread ends with
    /// the stream. When the consumer stops early, the thread stays blocked in its read until
    /// the next chunk or end of file arrives.
    public func chunks() -> AsyncThrowingStream<Data, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let (descriptor, chunkSize) = (self.descriptor, self.chunkSize)
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
                if count > 0 {
                    continuation.yield(Data(buffer[0..<count]))
                } else if count == 0 {
                    continuation.finish()
                    return
                } else if errno != EINTR {
                    continuation.finish(throwing: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                    return
                }
            }
        }
        thread.name = "mcp-stdin-reader"
        thread.start()
        return stream
    }
}

/// Writes each message and a newline to a file handle, one whole message at a time.
public final class FileHandleOutput: MessageOutput {
    private let handle: Mutex<FileHandle>

    public init(_ handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    public func send(_ message: Data) async throws {
        var line = message
        line.append(UInt8(ascii: "\n"))
        try handle.withLock { try $0.write(contentsOf: line) }
    }
}
