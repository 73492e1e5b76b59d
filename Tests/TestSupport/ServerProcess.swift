import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process that runs until stopped, with a ``ProcessWatchdog`` that ends it if this
/// process dies first. Its standard output and error go to a log file.
final class ServerProcess: Sendable {
    private struct State {
        var process: Process
        var watchdog: ProcessWatchdog
        var stopped = false
    }

    let processIdentifier: Int32
    private let state: Mutex<State>

    /// Starts `executable` with `arguments`, writing its output to `log`, and a watchdog that
    /// removes `cleanupDirectory` if this process dies before ``terminate(timeout:)``.
    init(executable: URL, arguments: [String], log: URL, cleanupDirectory: URL) throws {
        let logHandle = try openLog(log)
        defer { try? logHandle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = cleanupDirectory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        do {
            try process.run()
        } catch {
            throw TestPrometheusError(.exitedBeforeReady, "Starting \(executable.path) failed: \(error).")
        }

        let watchdog: ProcessWatchdog
        do {
            watchdog = try ProcessWatchdog(guarding: process.processIdentifier, removing: cleanupDirectory)
        } catch {
            Self.terminate(process, timeout: .seconds(10))
            throw error
        }
        processIdentifier = process.processIdentifier
        state = Mutex(State(process: process, watchdog: watchdog))
    }

    var isRunning: Bool {
        state.withLock { $0.process.isRunning }
    }

    /// The exit status, or the signal number if a signal ended it, once the process has exited.
    var terminationStatus: Int32? {
        state.withLock { $0.process.isRunning ? nil : $0.process.terminationStatus }
    }

    /// Sends SIGTERM and waits for the exit, sending SIGKILL after `timeout`, then disarms the
    /// watchdog. Blocks the calling thread. Calls after the first return at once.
    func terminate(timeout: Duration = .seconds(10)) {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            Self.terminate(state.process, timeout: timeout)
            state.watchdog.disarm()
        }
    }

    deinit {
        terminate()
    }

    private static func terminate(_ process: Process, timeout: Duration) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            usleep(10_000)
        }
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning {
            usleep(10_000)
        }
    }
}

/// Runs `executable` to completion with its output in `log`, and returns its exit status.
/// Blocks the calling thread.
func runToCompletion(executable: URL, arguments: [String], log: URL) throws -> Int32 {
    let logHandle = try openLog(log)
    defer { try? logHandle.close() }

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = logHandle
    process.standardError = logHandle
    try process.run()
    while process.isRunning {
        usleep(10_000)
    }
    return process.terminationStatus
}

/// The last `maxBytes` bytes of a log file, or a note that it could not be read.
func tail(of log: URL, maxBytes: Int = 4_096) -> String {
    guard let data = try? Data(contentsOf: log) else { return "(\(log.path) could not be read)" }
    let text = String(decoding: data.suffix(maxBytes), as: UTF8.self)
    return text.isEmpty ? "(\(log.path) is empty)" : text
}

private func openLog(_ url: URL) throws -> FileHandle {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw TestPrometheusError(.fileSystem, "Creating the log file \(url.path) failed.")
    }
    return try FileHandle(forWritingTo: url)
}
