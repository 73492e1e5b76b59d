import Foundation

/// A Python HTTP server script run as a child process on 127.0.0.1.
///
/// The script must print the port it bound to on its first line of output. Child processes may inherit a
/// blocked SIGTERM from the test process, so `with` prepends lines that make the script exit when its standard
/// input closes, and stops the server by closing it. A server whose test process dies stops the same way.
final class LocalPythonServer {
    /// Python lines that make a script exit when its standard input closes.
    static let exitWhenStdinCloses = """
    import os as _os, sys as _sys, threading as _threading
    def _exit_when_stdin_closes():
        _sys.stdin.buffer.read()
        _os._exit(0)
    _threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()

    """

    let process: Process
    let input: Pipe
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    let baseURL: String

    private init(process: Process, input: Pipe, port: Int) {
        self.process = process
        self.input = input
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// Starts `script`, runs `body` with the server, and stops the server afterwards, also when `body` throws.
    static func with<T>(script: String, arguments: [String], needsBotocore: Bool,
                        _ body: (LocalPythonServer) async throws -> T) async throws -> T {
        let server = try start(script: exitWhenStdinCloses + script, arguments: arguments, needsBotocore: needsBotocore)
        defer { server.stop() }
        return try await body(server)
    }

    private static func start(script: String, arguments: [String], needsBotocore: Bool) throws -> LocalPythonServer {
        let python = try PythonProcess.interpreter(needsBotocore: needsBotocore)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw PythonProcess.Failure(description: "The local Python server did not print its port (got '\(text)').")
        }
        return LocalPythonServer(process: process, input: input, port: port)
    }

    private func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
