import Foundation
import PromLambdaCore
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Prometheus server on 127.0.0.1 that serves ``SampleData``, for integration tests and the demo.
///
/// ``start(data:binaries:readinessTimeout:logger:)`` writes the data as OpenMetrics text into a
/// fresh temporary directory, backfills it with `promtool tsdb create-blocks-from openmetrics`,
/// starts `prometheus` on a free port and waits until `/-/ready` returns 200. Prometheus 2.42's
/// promtool has no block-duration flag: it writes blocks aligned to 2 hours straight into the
/// directory given, which is the server's `--storage.tsdb.path`. Retention is set to 100 years
/// because Prometheus counts retention back from the newest block and would otherwise delete
/// data this old. Backfilled blocks carry no HELP or TYPE metadata.
///
/// ``stop()`` ends the server and removes the directory, and `deinit` calls it. If the test
/// process exits without stopping, for instance because a shared instance lives until exit or
/// because the process crashed, a watchdog child sends the server SIGTERM and removes the
/// directory once this process is gone. Most tests should use ``shared(size:)``, which starts one
/// server per size and process.
public final class TestPrometheus: Sendable {
    /// The base URL, `http://127.0.0.1:<port>`.
    public let url: URL
    public let port: Int
    /// The data set the server holds.
    public let data: SampleData
    /// The temporary directory with the configuration, the TSDB in `data/` and `prometheus.log`.
    public let directory: URL
    /// The time from the call to ``start(data:binaries:readinessTimeout:logger:)`` until the server was ready.
    public let startupDuration: Duration

    private let server: ServerProcess
    private let logger: Logger
    private let stopped = Mutex(false)

    private init(port: Int, data: SampleData, directory: URL, startupDuration: Duration, server: ServerProcess, logger: Logger) {
        self.url = URL(string: "http://127.0.0.1:\(port)")!
        self.port = port
        self.data = data
        self.directory = directory
        self.startupDuration = startupDuration
        self.server = server
        self.logger = logger
    }

    deinit {
        stop()
    }

    /// The path of the server's log, which receives its standard output and error.
    public var logFile: URL { directory.appendingPathComponent("prometheus.log") }

    /// Whether the server process is still running.
    public var isRunning: Bool { server.isRunning }

    /// Stops the server with SIGTERM, waiting up to 10 s before SIGKILL, and removes ``directory``.
    ///
    /// Blocks the calling thread until the server has exited, which took well under a second in
    /// this package's tests. Calls after the first return at once.
    public func stop() {
        let alreadyStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }

        server.terminate()
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            logger.warning("Removing the test Prometheus directory failed", ["directory": .string(directory.path), "error": .string("\(error)")])
        }
        logger.info("Stopped the test Prometheus", ["url": .string(url.absoluteString)])
    }
}

// MARK: - Start

extension TestPrometheus {
    /// Starts a server holding `data`, and returns once it is ready.
    ///
    /// - Parameters:
    ///   - data: The data set to backfill.
    ///   - binaries: The executables to run, or nil to find them with ``PrometheusBinaries/locate(environment:)``.
    ///   - readinessTimeout: The time to wait for `/-/ready` once `prometheus` runs.
    ///   - logger: Receives one record per stage with its duration.
    /// - Throws: ``TestPrometheusError``. Its message includes the end of promtool's or
    ///   Prometheus' log where one of them failed.
    public static func start(
        data: SampleData = SampleData(size: .small),
        binaries: PrometheusBinaries? = nil,
        readinessTimeout: Duration = .seconds(30),
        logger: Logger = .disabled
    ) async throws -> TestPrometheus {
        let clock = ContinuousClock()
        let started = clock.now
        let binaries = try binaries ?? PrometheusBinaries.locate()
        try binaries.validate()

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("promlambda-prometheus-\(UUID().uuidString.lowercased())")
        do {
            try await runOffCooperativePool {
                try prepareDirectory(directory, data: data, promtool: binaries.promtool)
            }
            logger.info("Backfilled the test data", [
                "directory": .string(directory.path), "series": .number(Double(data.seriesCount)),
                "seconds": .number(seconds(clock.now - started)),
            ])
            return try await launch(
                directory: directory, data: data, prometheus: binaries.prometheus,
                readinessTimeout: readinessTimeout, started: started, logger: logger
            )
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Writes the OpenMetrics file and the rules, and backfills the TSDB in `directory/data`.
    private static func prepareDirectory(_ directory: URL, data: SampleData, promtool: URL) throws {
        let input = directory.appendingPathComponent("data.om")
        let storage = directory.appendingPathComponent("data")
        let log = directory.appendingPathComponent("promtool.log")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.writeOpenMetrics(to: input)
            try rulesText.write(to: directory.appendingPathComponent(rulesFileName), atomically: true, encoding: .utf8)
        } catch let error as TestPrometheusError {
            throw error
        } catch {
            throw TestPrometheusError(.fileSystem, "Writing the test Prometheus files in \(directory.path) failed: \(error).")
        }

        let arguments = ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input.path, storage.path]
        let status = try runToCompletion(executable: promtool, arguments: arguments, log: log)
        guard status == 0 else {
            throw TestPrometheusError(
                .backfillFailed,
                "\(promtool.path) \(arguments.joined(separator: " ")) exited with status \(status). Its output ends:\n\(tail(of: log))"
            )
        }
        // The blocks hold the data now, and the large size's input is tens of megabytes.
        try? FileManager.default.removeItem(at: input)
    }

    /// Starts `prometheus` on a free port and waits until it is ready, trying another port up
    /// to twice when the chosen one was taken in the meantime.
    private static func launch(
        directory: URL, data: SampleData, prometheus: URL, readinessTimeout: Duration,
        started: ContinuousClock.Instant, logger: Logger
    ) async throws -> TestPrometheus {
        let maxAttempts = 3
        for attempt in 1...maxAttempts {
            let port = try LoopbackPort.reserve()
            let configuration = directory.appendingPathComponent(configurationFileName)
            let log = directory.appendingPathComponent("prometheus.log")
            do {
                try configurationText(port: port).write(to: configuration, atomically: true, encoding: .utf8)
            } catch {
                throw TestPrometheusError(.fileSystem, "Writing \(configuration.path) failed: \(error).")
            }

            let server = try ServerProcess(
                executable: prometheus,
                arguments: [
                    "--config.file=\(configuration.path)",
                    "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                    "--storage.tsdb.retention.time=100y",
                    "--web.listen-address=127.0.0.1:\(port)",
                ],
                log: log,
                cleanupDirectory: directory
            )
            do {
                try await waitUntilReady(port: port, server: server, log: log, timeout: readinessTimeout)
            } catch let error as TestPrometheusError
                where error.kind == .exitedBeforeReady && attempt < maxAttempts && tail(of: log).contains("address already in use")
            {
                logger.warning("Port taken before Prometheus bound it, retrying", ["port": .number(Double(port)), "attempt": .number(Double(attempt))])
                server.terminate()
                continue
            } catch {
                server.terminate()
                throw error
            }

            let startupDuration = ContinuousClock.now - started
            let instance = TestPrometheus(
                port: port, data: data, directory: directory, startupDuration: startupDuration, server: server, logger: logger
            )
            logger.info("Started the test Prometheus", [
                "url": .string(instance.url.absoluteString), "pid": .number(Double(server.processIdentifier)),
                "seconds": .number(seconds(startupDuration)),
            ])
            return instance
        }
        // Every attempt either returns, continues or throws, and the last one cannot continue.
        fatalError("unreachable: the last start attempt neither returned nor threw")
    }

    /// Polls `GET /-/ready` every 50 ms until it returns 200.
    private static func waitUntilReady(port: Int, server: ServerProcess, log: URL, timeout: Duration) async throws {
        let readyURL = URL(string: "http://127.0.0.1:\(port)/-/ready")!
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let deadline = ContinuousClock.now + timeout

        while true {
            if let status = server.terminationStatus {
                throw TestPrometheusError(
                    .exitedBeforeReady,
                    "prometheus exited with status \(status) before it was ready on port \(port). Its log ends:\n\(tail(of: log))"
                )
            }
            var request = URLRequest(url: readyURL)
            request.timeoutInterval = 2
            if let (_, response) = try? await session.data(for: request),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw TestPrometheusError(
                    .readinessTimedOut,
                    "prometheus did not answer \(readyURL.absoluteString) with 200 within \(timeout). Its log ends:\n\(tail(of: log))"
                )
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Runs blocking work on a Dispatch thread, so that waiting for a child process does not hold
/// one of the few threads of Swift's cooperative pool.
func runOffCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
