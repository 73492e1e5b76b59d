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
/// because Prometheus measures it back from the newest block. Once the self-scrape's samples are
/// compacted into a block of their own, the default 15 days would delete the fixed data.
/// Backfilled blocks carry no HELP or TYPE metadata.
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
    /// The data set backfilled into the server.
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
        try await start(data: data, binaries: binaries, readinessTimeout: readinessTimeout, logger: logger, reservePort: LoopbackPort.reserve)
    }

    /// Starts a server as the public overload does, taking ports from `reservePort`, which tests
    /// replace to provoke a port conflict.
    static func start(
        data: SampleData, binaries: PrometheusBinaries?, readinessTimeout: Duration, logger: Logger,
        reservePort: @escaping @Sendable () throws -> Int
    ) async throws -> TestPrometheus {
        let started = ContinuousClock.now
        let binaries = try binaries ?? PrometheusBinaries.locate()
        try binaries.validate()

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("promlambda-prometheus-\(UUID().uuidString.lowercased())")
        do {
            let writeSeconds = try await runOffCooperativePool {
                try writeFiles(in: directory, data: data)
            }
            logger.info("Wrote the OpenMetrics file", [
                "directory": .string(directory.path), "series": .number(Double(data.seriesCount)),
                "seconds": .number(writeSeconds),
            ])
            let backfillSeconds = try await runOffCooperativePool {
                try backfill(in: directory, promtool: binaries.promtool)
            }
            logger.info("Backfilled the test data", ["seconds": .number(backfillSeconds)])
            return try await launch(
                directory: directory, data: data, prometheus: binaries.prometheus,
                readinessTimeout: readinessTimeout, started: started, logger: logger, reservePort: reservePort
            )
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Writes the OpenMetrics file and the rules into a new `directory`, and returns the seconds it took.
    private static func writeFiles(in directory: URL, data: SampleData) throws -> Double {
        let started = ContinuousClock.now
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.writeOpenMetrics(to: directory.appendingPathComponent(openMetricsFileName))
            try rulesText.write(to: directory.appendingPathComponent(rulesFileName), atomically: true, encoding: .utf8)
        } catch {
            throw TestPrometheusError(.fileSystem, "Writing the test Prometheus files in \(directory.path) failed: \(error).")
        }
        return seconds(ContinuousClock.now - started)
    }

    /// Backfills the TSDB in `directory/data` from the OpenMetrics file, and returns the seconds it took.
    private static func backfill(in directory: URL, promtool: URL) throws -> Double {
        let started = ContinuousClock.now
        let input = directory.appendingPathComponent(openMetricsFileName)
        let storage = directory.appendingPathComponent("data")
        let log = directory.appendingPathComponent("promtool.log")
        let arguments = ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input.path, storage.path]
        let command = "\(promtool.path) \(arguments.joined(separator: " "))"
        // The large size's backfill took 2.3 to 2.7 s on a 2-core machine, so 5 minutes only catches a hang.
        let timeout = Duration.seconds(300)
        guard let termination = try runToCompletion(executable: promtool, arguments: arguments, log: log, timeout: timeout) else {
            throw TestPrometheusError(.backfillFailed, "\(command) did not finish within \(timeout) and was terminated. Its output ends:\n\(tail(of: log))")
        }
        guard termination == .exited(0) else {
            throw TestPrometheusError(.backfillFailed, "\(command) \(termination). Its output ends:\n\(tail(of: log))")
        }
        // The blocks contain the data now, and the large size's input is about 24 MB.
        try? FileManager.default.removeItem(at: input)
        return seconds(ContinuousClock.now - started)
    }

    /// Starts `prometheus` on a free port and waits until it is ready, trying another port up
    /// to twice when the chosen one was taken in the meantime.
    private static func launch(
        directory: URL, data: SampleData, prometheus: URL, readinessTimeout: Duration,
        started: ContinuousClock.Instant, logger: Logger, reservePort: () throws -> Int
    ) async throws -> TestPrometheus {
        let maxAttempts = 3
        let configuration = directory.appendingPathComponent(configurationFileName)
        let storage = directory.appendingPathComponent("data")
        let log = directory.appendingPathComponent("prometheus.log")

        for attempt in 1...maxAttempts {
            let port = try reservePort()
            do {
                try configurationText(port: port).write(to: configuration, atomically: true, encoding: .utf8)
            } catch {
                throw TestPrometheusError(.fileSystem, "Writing \(configuration.path) failed: \(error).")
            }

            let server = try ServerProcess(
                executable: prometheus,
                arguments: [
                    "--config.file=\(configuration.path)",
                    "--storage.tsdb.path=\(storage.path)",
                    "--storage.tsdb.retention.time=100y",
                    "--web.listen-address=127.0.0.1:\(port)",
                ],
                log: log,
                cleanupDirectory: directory
            )
            let readiness: Readiness
            do {
                readiness = try await waitUntilReady(port: port, storage: storage, server: server, log: log, timeout: readinessTimeout)
            } catch {
                server.terminate()
                throw error
            }

            switch readiness {
            case .portTaken where attempt < maxAttempts:
                logger.warning("Port taken before Prometheus bound it, retrying", ["port": .number(Double(port)), "attempt": .number(Double(attempt))])
                server.terminate()
                continue
            case .portTaken:
                server.terminate()
                throw TestPrometheusError(
                    .portUnavailable,
                    "Another process took the reserved port on 127.0.0.1 before prometheus bound it, \(maxAttempts) times in a row. The last port was \(port), and the log ends:\n\(tail(of: log))"
                )
            case .ready:
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
        }
        // Every attempt either returns, continues or throws, and the last one cannot continue.
        fatalError("unreachable: the last start attempt neither returned nor threw")
    }

    private enum Readiness {
        /// This server returned 200 from `/-/ready`.
        case ready
        /// Another process has the port, because this server failed to bind it or another Prometheus responded.
        case portTaken
    }

    /// Polls `GET /-/ready` every 50 ms until it returns 200, then checks that the server that
    /// returned it is this one.
    ///
    /// A server that fails to bind its port exits, but another Prometheus on that port can
    /// return 200 from `/-/ready` before it does. So readiness counts only when
    /// `/api/v1/status/flags` reports this server's `storage.tsdb.path`.
    private static func waitUntilReady(port: Int, storage: URL, server: ServerProcess, log: URL, timeout: Duration) async throws -> Readiness {
        let readyURL = URL(string: "http://127.0.0.1:\(port)/-/ready")!
        let flagsURL = URL(string: "http://127.0.0.1:\(port)/api/v1/status/flags")!
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let deadline = ContinuousClock.now + timeout

        while true {
            if let termination = server.termination {
                if tail(of: log).contains("address already in use") {
                    return .portTaken
                }
                throw TestPrometheusError(
                    .exitedBeforeReady,
                    "prometheus \(termination) before it was ready on port \(port). Its log ends:\n\(tail(of: log))"
                )
            }
            if await statusCode(of: readyURL, in: session) == 200 {
                let flags = try? await session.data(from: flagsURL).0
                return storagePath(inFlags: flags) == storage.path ? .ready : .portTaken
            }
            guard ContinuousClock.now < deadline else {
                throw TestPrometheusError(
                    .readinessTimedOut,
                    "prometheus did not return 200 from \(readyURL.absoluteString) within \(timeout). Its log ends:\n\(tail(of: log))"
                )
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Returns the HTTP status of a GET with a 2 s timeout, or nil when the request failed.
    private static func statusCode(of url: URL, in session: URLSession) async -> Int? {
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        guard let (_, response) = try? await session.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// Returns `storage.tsdb.path` from the body of `/api/v1/status/flags`, or nil.
    private static func storagePath(inFlags body: Data?) -> String? {
        guard let body, let envelope = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let flags = envelope["data"] as? [String: Any]
        else { return nil }
        return flags["storage.tsdb.path"] as? String
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

// MARK: - Self-scrape

extension TestPrometheus {
    /// Waits until the self-scrape has run once, so that the targets endpoint lists its target
    /// with health `up` and the metadata endpoint has Prometheus' own metrics.
    ///
    /// Prometheus 2.42 lists the target only seconds after `/-/ready`: in this package's tests the
    /// first scrape came about 5 s after start-up, although the scrape interval is 1 s.
    ///
    /// - Throws: ``TestPrometheusError`` of kind `readinessTimedOut` when `up{job="prometheus"}`
    ///   is not 1 within `timeout`.
    public func waitUntilScraped(timeout: Duration = .seconds(30)) async throws {
        var components = URLComponents(url: url.appendingPathComponent("api/v1/query"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "query", value: "up{job=\"\(Self.selfScrapeJob)\"}")]
        let queryURL = components.url!
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let deadline = ContinuousClock.now + timeout

        while true {
            if let (body, _) = try? await session.data(from: queryURL), Self.isUpResult(body) {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw TestPrometheusError(
                    .readinessTimedOut,
                    "The self-scrape of \(url.absoluteString) did not succeed within \(timeout): \(queryURL.absoluteString) never returned 1. The log ends:\n\(tail(of: logFile))"
                )
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Returns whether a query response is a vector with one sample of value 1.
    private static func isUpResult(_ body: Data) -> Bool {
        guard let envelope = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let data = envelope["data"] as? [String: Any], let result = data["result"] as? [[String: Any]],
            result.count == 1, let value = result[0]["value"] as? [Any], value.count == 2
        else { return false }
        return value[1] as? String == "1"
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
