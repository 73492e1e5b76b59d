import Foundation
import PromLambdaCore

/// A Python helper server from `Tests/TestSupport/Resources`, started as a child process.
///
/// The script must print one JSON object on its first line of standard output, such as `{"port": N}`,
/// once it listens, and must exit when its standard input closes. This value keeps the other end of
/// that pipe, so the server also stops when the test process ends. The interpreter is that of
/// ``TestPython/interpreter()``. Unlike ``ScriptServer``, which reads a bare port number, this type reads
/// a JSON line, so a script can report several ports.
public final class PythonServer {
    /// The directory of the helper scripts.
    public static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources")

    /// The first line the script printed.
    public let announcement: JSONValue
    private let process: Process
    private let lifeline: Pipe

    /// The `port` member of the announcement.
    public var port: Int { Int(announcement["port"]?.numberValue ?? 0) }

    /// Starts `script` from ``resources`` with `arguments` and waits for its announcement.
    public static func start(script: String, arguments: [String]) async throws -> PythonServer {
        let path = resources.appendingPathComponent(script).path
        let python = try TestPython.interpreter()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, path] + arguments
        let output = Pipe()
        let lifeline = Pipe()
        process.standardOutput = output
        process.standardInput = lifeline
        try process.run()

        let line = await RuntimeAPIDouble.readLine(from: output.fileHandleForReading)
        guard let announcement = try? JSONValue.decode(Data(line.utf8)), announcement["port"] != nil else {
            process.terminate()
            throw RuntimeAPIDouble.StartError(description: "\(script) did not report its port (\(python) \(path)); "
                + "it printed \"\(line)\". Set PROMLAMBDA_TEST_PYTHON to the Python of scripts/setup.")
        }
        return PythonServer(announcement: announcement, process: process, lifeline: lifeline)
    }

    private init(announcement: JSONValue, process: Process, lifeline: Pipe) {
        self.announcement = announcement
        self.process = process
        self.lifeline = lifeline
    }

    deinit {
        stop()
    }

    /// Sends SIGTERM without waiting for the exit.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
    }
}
