import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `/bin/sh` child that terminates a server and removes its directory when this process ends.
///
/// The watchdog's standard input is one end of a Unix socket pair. Only this process has the
/// other end, with close-on-exec set so that no other child inherits it. The kernel closes that
/// end when this process exits for any reason, SIGKILL and crashes included. The watchdog then
/// reads end-of-file, sends SIGTERM to the server, waits up to 10 s for it to exit (sending
/// SIGKILL after that) and removes the directory. The watchdog ignores SIGINT and SIGHUP, so a
/// Ctrl-C in the terminal still leads to the cleanup.
///
/// ``disarm()`` ends the watchdog without touching the server, for a normal stop.
///
/// NOTE: If the server has already exited and the kernel has reused its process ID before the
/// watchdog runs, the watchdog signals the unrelated process that now has that ID.
final class ProcessWatchdog: Sendable {
    /// The shell script, with the server's process ID as `$1` and the directory as `$2`.
    ///
    /// `running` reads the state field of `/proc/<pid>/stat`, which follows the last `) `, and
    /// counts a zombie as ended: once this process is gone, the server's new parent reaps it
    /// at a time of its own choosing.
    private static let script = """
        trap '' INT HUP
        running() {
            state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d ' ' -f 1)
            [ -n "$state" ] && [ "$state" != Z ]
        }
        while read -r _; do :; done
        kill -TERM "$1" 2>/dev/null
        waited=0
        while running "$1" && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
        if running "$1"; then kill -KILL "$1" 2>/dev/null; fi
        rm -rf "$2"
        """

    private let shell: ChildProcess
    /// This process' end of the socket pair, or nil once closed.
    private let ownEnd: Mutex<Int32?>

    /// Starts a watchdog for the process `serverID` and the directory `directory`.
    init(guarding serverID: pid_t, removing directory: URL) throws {
        var descriptors: [Int32] = [-1, -1]
        // A socket pair instead of pipe2(2), which the Glibc module does not export. Close-on-exec
        // is set at creation, so a process that another thread starts meanwhile cannot inherit it.
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0, &descriptors) == 0 else {
            throw TestPrometheusError(.startFailed, "Creating the watchdog socket pair failed: \(String(cString: strerror(errno))).")
        }
        let watchdogEnd = descriptors[0]
        defer { close(watchdogEnd) }
        let nullDevice: Int32
        do {
            nullDevice = try openDescriptor("/dev/null", flags: O_RDWR)
        } catch {
            close(descriptors[1])
            throw error
        }
        defer { close(nullDevice) }

        do {
            shell = try ChildProcess(
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", Self.script, "promlambda-watchdog", String(serverID), directory.path],
                standardInput: watchdogEnd, standardOutput: nullDevice, standardError: nullDevice
            )
        } catch {
            close(descriptors[1])
            throw error
        }
        ownEnd = Mutex(descriptors[1])
    }

    /// Ends the watchdog without signalling the server, and waits for it to exit.
    func disarm() {
        shell.terminate(timeout: .seconds(5))
        closeOwnEnd()
    }

    /// Closes this process' end as the kernel does at exit, so the watchdog stops the server. For tests.
    func closeConnectionForTesting() {
        closeOwnEnd()
    }

    /// Whether the watchdog's shell is still running.
    var isRunning: Bool { shell.isRunning }

    private func closeOwnEnd() {
        ownEnd.withLock { descriptor in
            if let open = descriptor {
                close(open)
                descriptor = nil
            }
        }
    }
}
