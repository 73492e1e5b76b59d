import Foundation
import Testing
@testable import MCPServer

/// A `mcp-test-server` child process with pipes on its standard input and output.
///
/// Standard error goes to a temporary file, so that a test can check where the logs went.
final class ServerProcess {
    let process = Process()
    let stderrFile: URL
    private let input = Pipe()
    private let output = Pipe()
    private var lines: AsyncThrowingStream<Data, any Error>.Iterator
    private var framer = LineFramer()
    private var pending: [Data] = []

    init(executable: URL, arguments: [String] = []) throws {
        stderrFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("mcp-test-server-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        lines = FileDescriptorInput(output.fileHandleForReading.fileDescriptor).chunks().makeAsyncIterator()
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
        }
        try? FileManager.default.removeItem(at: stderrFile)
    }

    func send(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func closeInput() throws {
        try input.fileHandleForWriting.close()
    }

    /// Returns the next line the server wrote, or `nil` once its standard output has closed.
    func nextLine() async throws -> String? {
        while pending.isEmpty {
            guard let chunk = try await lines.next() else {
                return framer.finish().map { String(decoding: $0, as: UTF8.self) }
            }
            pending = framer.append(chunk)
        }
        return String(decoding: pending.removeFirst(), as: UTF8.self)
    }

    /// Waits for the process to exit and returns its exit status.
    func waitForExit() async -> Int32 {
        let process = self.process
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }

    func stderrText() throws -> String {
        try String(contentsOf: stderrFile, encoding: .utf8)
    }
}
