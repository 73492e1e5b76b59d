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
    private let child: ChildProcess
    private let watchdog: ProcessWatchdog
    private let stopped = Mutex(false)

    /// Starts `executable` with `arguments`, writing its output to `log`, and a watchdog that
    /// removes `cleanupDirectory` if this process dies before ``terminate(timeout:)``.
    init(executable: URL, arguments: [String], log: URL, cleanupDirectory: URL) throws {
        let logDescriptor = try openDescriptor(log.path, flags: O_WRONLY | O_CREAT | O_TRUNC)
        defer { close(logDescriptor) }
        let nullDevice = try openDescriptor("/dev/null", flags: O_RDONLY)
        defer { close(nullDevice) }

        child = try ChildProcess(
            executable: executable, arguments: arguments,
            standardInput: nullDevice, standardOutput: logDescriptor, standardError: logDescriptor
        )
        do {
            watchdog = try ProcessWatchdog(guarding: child.id, removing: cleanupDirectory)
        } catch {
            child.terminate(timeout: .seconds(10))
            throw error
        }
    }

    var processIdentifier: pid_t { child.id }

    var isRunning: Bool { child.isRunning }

    /// How the process ended, or nil while it runs.
    var termination: ChildProcess.Termination? { child.currentTermination }

    /// Sends SIGTERM and waits for the exit, sending SIGKILL after `timeout`, then disarms the
    /// watchdog. Blocks the calling thread. Calls after the first return at once.
    func terminate(timeout: Duration = .seconds(10)) {
        let alreadyStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        child.terminate(timeout: timeout)
        watchdog.disarm()
    }

    deinit {
        terminate()
    }
}

/// Runs `executable` to completion with its output in `log`, and returns how it ended, or nil
/// if it was still running after `timeout` and was terminated. Blocks the calling thread.
func runToCompletion(executable: URL, arguments: [String], log: URL, timeout: Duration) throws -> ChildProcess.Termination? {
    let logDescriptor = try openDescriptor(log.path, flags: O_WRONLY | O_CREAT | O_TRUNC)
    defer { close(logDescriptor) }
    let nullDevice = try openDescriptor("/dev/null", flags: O_RDONLY)
    defer { close(nullDevice) }

    let child = try ChildProcess(
        executable: executable, arguments: arguments,
        standardInput: nullDevice, standardOutput: logDescriptor, standardError: logDescriptor
    )
    if let termination = child.waitForExit(timeout: timeout) {
        return termination
    }
    child.terminate(timeout: .seconds(5))
    return nil
}

/// Returns the last `maxBytes` bytes of a log file, or a note that it could not be read.
func tail(of log: URL, maxBytes: Int = 4_096) -> String {
    guard let data = try? Data(contentsOf: log) else { return "(\(log.path) could not be read)" }
    let text = String(decoding: data.suffix(maxBytes), as: UTF8.self)
    return text.isEmpty ? "(\(log.path) is empty)" : text
}
