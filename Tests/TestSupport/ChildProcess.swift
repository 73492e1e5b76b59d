import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, with every signal unblocked and at its default action.
///
/// Foundation's `Process` on Linux passes on the signal mask of the thread that calls `run()`.
/// Dispatch's worker threads, which run Swift tasks, block most signals, so a child started from
/// a task ignored SIGTERM: measured with swift-corelibs-foundation in Swift 6.3.1, where
/// `/proc/<pid>/status` of such a child showed `SigBlk: fffffffe3bfbea27`. A child also inherits
/// signals set to SIG_IGN, as demo-prometheus sets SIGTERM and SIGINT. This type resets both.
///
/// The child's standard streams are the given descriptors. Descriptors 3 and up are closed in the
/// child where glibc has `posix_spawn_file_actions_addclosefrom_np` (2.34 and later). Elsewhere
/// only descriptors opened with close-on-exec stay out of it.
final class ChildProcess: Sendable {
    /// How a child ended.
    enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// A verb phrase for messages: "exited with status 1" or "was ended by signal 9".
        var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signalled(let signalNumber): "was ended by signal \(signalNumber)"
            }
        }
    }

    let id: pid_t
    /// The termination once `waitpid` has reaped the child. Until then `id` still names this child.
    private let termination = Mutex<Termination?>(nil)

    /// Starts `executable` with `arguments` and this process' environment.
    init(executable: URL, arguments: [String], standardInput: Int32, standardOutput: Int32, standardError: Int32) throws {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_adddup2(&fileActions, standardInput, 0)
        posix_spawn_file_actions_adddup2(&fileActions, standardOutput, 1)
        posix_spawn_file_actions_adddup2(&fileActions, standardError, 2)
        if let closeFrom = Self.addCloseFrom {
            _ = closeFrom(&fileActions, 3)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }

        var childID: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (environment + [nil]).withUnsafeBufferPointer { environmentPointer in
                posix_spawn(&childID, executable.path, &fileActions, &attributes,
                            argvPointer.baseAddress!, environmentPointer.baseAddress!)
            }
        }
        guard result == 0 else {
            throw TestPrometheusError(.startFailed, "Starting \(executable.path) failed: \(String(cString: strerror(result))).")
        }
        id = childID
    }

    /// The termination, reaping the child first if it has exited. Nil while it runs.
    var currentTermination: Termination? {
        termination.withLock { termination in
            reapIfExited(&termination)
            return termination
        }
    }

    var isRunning: Bool { currentTermination == nil }

    /// Sends `signalNumber` unless the child has been reaped, so the signal never reaches a
    /// later process that reuses the ID.
    func send(_ signalNumber: Int32) {
        termination.withLock { termination in
            reapIfExited(&termination)
            if termination == nil {
                kill(id, signalNumber)
            }
        }
    }

    /// Polls every 10 ms until the child exits or `timeout` passes, and returns the termination if it exited.
    @discardableResult
    func waitForExit(timeout: Duration) -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let ended = currentTermination { return ended }
            guard ContinuousClock.now < deadline else { return nil }
            usleep(10_000)
        }
    }

    /// Sends SIGTERM, waits up to `timeout`, then sends SIGKILL and waits for the exit.
    func terminate(timeout: Duration) {
        send(SIGTERM)
        if waitForExit(timeout: timeout) == nil {
            send(SIGKILL)
            waitForExit(timeout: .seconds(3_600))
        }
    }

    private func reapIfExited(_ termination: inout Termination?) {
        guard termination == nil else { return }
        var status: Int32 = 0
        guard waitpid(id, &status, WNOHANG) == id else { return }
        // The W* macros of <sys/wait.h> are not imported into Swift: the low 7 bits are the
        // signal number, 0 for a normal exit, whose status is in the next byte.
        let signalNumber = status & 0x7F
        termination = signalNumber == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signalNumber)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time because the
    /// Glibc module does not export it.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
}

/// Opens `path` with close-on-exec, so that only children that receive it as a standard stream get it.
func openDescriptor(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
    let descriptor = open(path, flags | O_CLOEXEC, mode)
    guard descriptor >= 0 else {
        throw TestPrometheusError(.fileSystem, "Opening \(path) failed: \(String(cString: strerror(errno))).")
    }
    return descriptor
}
