// demo-prometheus: starts the test Prometheus with generated data and keeps it running for
// scripts/demo and for trying the tools by hand.
//
// Standard output receives exactly these lines once the server is ready, each KEY=VALUE:
//   PROMETHEUS_URL=http://127.0.0.1:<port>
//   EVALUATION_TIME=2026-01-01T01:00:00Z
//   DATA_START=2026-01-01T00:00:00Z
//   DATA_END=2026-01-01T01:59:45Z
// Logs go to standard error as JSON lines. The server stops on SIGTERM, SIGINT or end of
// standard input, and the program then exits with status 0.

import Dispatch
import Foundation
import PromLambdaCore
import Synchronization
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    Usage: demo-prometheus [--size small|medium|large] [--ignore-stdin]

    Starts Prometheus 2.42 on a free port of 127.0.0.1 with the generated test data, prints
    PROMETHEUS_URL, EVALUATION_TIME, DATA_START and DATA_END as KEY=VALUE lines on standard
    output, and keeps running until SIGTERM, SIGINT or the end of standard input.

    Options:
      --size SIZE       The data set: small (23 series, default), medium (1,013 series) or
                        large (20,013 series).
      --ignore-stdin    Keep running at the end of standard input, for shells that start the
                        program in the background with standard input from /dev/null.
      --help            Print this help.

    """

struct Options {
    var size = SampleData.Size.small
    var stopsAtEndOfInput = true
}

/// Parses the command line, printing help or an error and exiting where it must.
func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        switch argument {
        case "--help", "-h":
            print(usage, terminator: "")
            exit(0)
        case "--ignore-stdin":
            options.stopsAtEndOfInput = false
        case "--size":
            guard let value = remaining.popFirst() else { fail("--size needs a value: small, medium or large.") }
            guard let size = SampleData.Size(rawValue: value) else {
                fail("Invalid --size \(value): use small, medium or large.")
            }
            options.size = size
        default:
            fail("Unknown argument \(argument). Run demo-prometheus --help for the options.")
        }
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("demo-prometheus: \(message)\n".utf8))
    exit(2)
}

/// The first stop request, which may arrive before or while the main task waits for it.
final class StopRequest: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<Void, Never>)
        case requested
    }

    private let state = Mutex(State.pending)
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Returns once ``request(reason:)`` has been called, at once if it already was.
    func wait() async {
        await withCheckedContinuation { continuation in
            let alreadyRequested = state.withLock { state in
                if case .requested = state { return true }
                state = .waiting(continuation)
                return false
            }
            if alreadyRequested { continuation.resume() }
        }
    }

    /// Records a stop request and resumes the waiting task. Calls after the first do nothing.
    func request(reason: String) {
        let waiting: CheckedContinuation<Void, Never>?? = state.withLock { state in
            switch state {
            case .requested:
                return .none
            case .pending:
                state = .requested
                return .some(nil)
            case .waiting(let continuation):
                state = .requested
                return .some(continuation)
            }
        }
        guard let waiting else { return }
        logger.info("Stop requested", ["reason": .string(reason)])
        waiting?.resume()
    }
}

/// Routes SIGTERM, SIGINT and, if `watchInput` is set, the end of standard input to `stopRequest`.
/// Returns the signal sources, which must stay alive.
///
/// It is a global function rather than top-level code so that its closures are not isolated to
/// the main actor: they run on Dispatch's queues and a thread of their own.
func installStopTriggers(_ stopRequest: StopRequest, watchInput: Bool) -> [any DispatchSourceSignal] {
    var sources: [any DispatchSourceSignal] = []
    for (signalNumber, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
        // A Dispatch signal source does not replace the signal's action, and the default
        // action of both ends the process, so they are set to be ignored.
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler { stopRequest.request(reason: name) }
        source.resume()
        sources.append(source)
    }
    if watchInput {
        Thread.detachNewThread {
            while let chunk = try? FileHandle.standardInput.read(upToCount: 4_096), !chunk.isEmpty {}
            stopRequest.request(reason: "end of standard input")
        }
    }
    return sources
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let logger = Logger(label: "demo-prometheus", handler: JSONLinesLogHandler())

// Stop requests are recorded from here on, so one that arrives during start-up is not lost.
let stopRequest = StopRequest(logger: logger)
let signalSources = installStopTriggers(stopRequest, watchInput: options.stopsAtEndOfInput)

let server: TestPrometheus
do {
    server = try await TestPrometheus.start(data: SampleData(size: options.size), logger: logger)
} catch {
    logger.error("Starting the test Prometheus failed", ["error": .string("\(error)")])
    exit(1)
}

// One unbuffered write, so that a script reading the pipe receives all four lines together.
let announcement = """
    PROMETHEUS_URL=\(server.url.absoluteString)
    EVALUATION_TIME=\(RFC3339.format(SampleData.evaluationTime))
    DATA_START=\(RFC3339.format(SampleData.start))
    DATA_END=\(RFC3339.format(SampleData.lastSampleTime))

    """
FileHandle.standardOutput.write(Data(announcement.utf8))

await stopRequest.wait()
server.stop()
exit(0)
