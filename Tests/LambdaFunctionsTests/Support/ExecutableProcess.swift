import Foundation
import PromLambdaCore

/// An executable under test, run as a child with a controlled environment and its standard error in a
/// temporary file.
///
/// The environment holds only `PATH`, `LANG`, `TMPDIR` and `LD_LIBRARY_PATH` from this process, an empty
/// `HOME`, and the given variables. So no `AWS_*` variable, `~/.aws` file or `PROMETHEUS_URL` of the
/// developer's shell reaches the child.
final class ExecutableProcess {
    let process = Process()
    let stderrFile: URL
    let stdout = Pipe()
    let stdin = Pipe()
    /// When the process was started, for measurements.
    private(set) var startedAt = Date()

    static let inherited = ["PATH", "LANG", "TMPDIR", "LD_LIBRARY_PATH"]

    /// An empty directory that every child gets as `HOME`.
    static let home: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("promlambda-functions-home-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    init(executable: URL, arguments: [String] = [], environment: [String: String]) throws {
        stderrFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(executable.lastPathComponent)-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        var values = ProcessInfo.processInfo.environment.filter { Self.inherited.contains($0.key) }
        values["HOME"] = Self.home.path
        values.merge(environment) { _, new in new }
        process.executableURL = executable
        process.arguments = arguments
        process.environment = values
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        startedAt = Date()
        try process.run()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: stderrFile)
    }

    /// Sends SIGKILL without waiting for the exit. SIGTERM might not arrive, because `Process` passes on the
    /// signal mask of the thread that starts it, and the threads that run Swift tasks may block SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// Waits for the process to exit and returns its exit status, on a Dispatch thread so no task of the
    /// cooperative pool blocks.
    func waitForExit() async -> Int32 {
        let process = self.process
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }

    /// Writes `data` to standard input and closes it.
    func send(_ data: Data) throws {
        try stdin.fileHandleForWriting.write(contentsOf: data)
        try stdin.fileHandleForWriting.close()
    }

    /// Reads standard output to its end.
    func readOutput() async -> Data {
        let handle = stdout.fileHandleForReading
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: handle.readDataToEndOfFile())
            }
        }
    }

    var stderrText: String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }

    /// The JSON log lines written to standard error so far; lines that are not JSON are left out.
    var logRecords: [JSONValue] {
        stderrText.split(separator: "\n").compactMap { try? JSONValue.decode(Data($0.utf8)) }
    }
}
