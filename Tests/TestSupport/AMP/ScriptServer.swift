import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Python script run as a server on 127.0.0.1: it prints its port on the first line of standard output and
/// serves until its standard input closes or it receives SIGTERM.
///
/// The script's standard input is a pipe that only this object writes to, so the script also exits when the
/// test process dies without calling ``stop()``. Standard error goes to a log file, shown when the start fails.
public final class ScriptServer: Sendable {
    private struct State {
        var process: Process
        var input: Pipe
        var stopped = false
    }

    public let port: Int
    /// The script's standard error.
    public let log: URL
    private let state: Mutex<State>

    /// The maximum wait for the port line, in seconds. Importing botocore is the slow part of a start, and the
    /// margin is for machines busy compiling.
    static let startTimeout: Double = 60

    private init(port: Int, log: URL, process: Process, input: Pipe) {
        self.port = port
        self.log = log
        state = Mutex(State(process: process, input: input))
    }

    /// Starts `script` with `arguments` and returns once it has printed its port.
    /// - Throws: ``TestPython/Failure`` when there is no interpreter, or when the script exits or stays silent for
    ///   ``startTimeout`` seconds before printing a port. The message ends with the script's standard error.
    public static func start(script: URL, arguments: [String] = []) async throws -> ScriptServer {
        let python = try TestPython.interpreter()
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(script.deletingPathExtension().lastPathComponent)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw TestPython.Failure(description: "Creating the log file \(log.path) failed.")
        }
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = logHandle
        try process.run()

        let firstLine = await readFirstLine(output.fileHandleForReading, process: process)
        guard let portText = firstLine, let port = Int(portText.trimmingCharacters(in: .whitespaces)) else {
            terminate(process)
            throw TestPython.Failure(description: "\(script.lastPathComponent) did not print its port (first line: "
                + "\(firstLine.map { "\"\($0)\"" } ?? "none")). Its standard error:\n\(tail(of: log))")
        }
        return ScriptServer(port: port, log: log, process: process, input: input)
    }

    /// Closes the script's standard input and ends it with SIGTERM; calls after the first return at once.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            try? state.input.fileHandleForWriting.close()
            Self.terminate(state.process)
        }
    }

    deinit {
        stop()
        // Nothing can read the log once the server is gone, so leave nothing behind in the temporary folder.
        try? FileManager.default.removeItem(at: log)
    }

    /// Reads one line on a thread of its own, so that no task of the cooperative pool blocks on the pipe.
    /// Returns `nil` at end of file; the process is killed if no line arrives within ``startTimeout``.
    private static func readFirstLine(_ handle: FileHandle, process: Process) async -> String? {
        let timer = DispatchWorkItem { [process] in
            if process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + startTimeout, execute: timer)
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first else {
                        continuation.resume(returning: nil)
                        return
                    }
                    if byte == UInt8(ascii: "\n") {
                        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                        return
                    }
                    bytes.append(byte)
                }
            }
        }
    }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline {
            usleep(10_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Returns the last `maxBytes` bytes of the log, or a note that it is empty.
    public static func tail(of log: URL, maxBytes: Int = 4_096) -> String {
        guard let data = try? Data(contentsOf: log), !data.isEmpty else { return "(\(log.path) is empty)" }
        return String(decoding: data.suffix(maxBytes), as: UTF8.self)
    }
}
