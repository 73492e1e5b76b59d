import Foundation
import Synchronization
import Testing
@testable import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Starting and stopping servers of their own, and the failures a start reports.
@Suite struct TestPrometheusLifecycleTests {
    /// Ten minutes of data and one wide series, to keep these starts quick.
    static let briefData = SampleData(wideSeriesCount: 1, sampleCount: 40)

    @Test func stopEndsServerAndRemovesDirectory() async throws {
        let server = try await TestPrometheus.start(data: Self.briefData)
        let readyURL = server.url.appendingPathComponent("-/ready")
        let (_, response) = try await URLSession.shared.data(from: readyURL)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("data").path))

        server.stop()
        #expect(!server.isRunning)
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
        await #expect(throws: (any Error).self) {
            _ = try await URLSession.shared.data(from: readyURL)
        }
        server.stop()
    }

    @Test func separateStartsGetDistinctPorts() async throws {
        async let first = TestPrometheus.start(data: Self.briefData)
        async let second = TestPrometheus.start(data: Self.briefData)
        let servers = try await [first, second]
        defer { servers.forEach { $0.stop() } }

        #expect(servers[0].port != servers[1].port)
        #expect(servers[0].directory != servers[1].directory)
    }

    @Test func takenPortRetriesWithAnother() async throws {
        let occupant = try await TestPrometheus.start(data: Self.briefData)
        defer { occupant.stop() }
        // The first port offered is the running server's, so the new one fails to bind it.
        let offers = PortOffers(first: occupant.port)

        let server = try await TestPrometheus.start(
            data: Self.briefData, binaries: nil, readinessTimeout: .seconds(30), logger: .disabled,
            reservePort: { try offers.next() }
        )
        defer { server.stop() }

        #expect(offers.count == 2)
        #expect(server.port != occupant.port)
        #expect(server.isRunning)
    }

    @Test func missingBinaryNamesSetupScript() async throws {
        let installed = try PrometheusBinaries.locate()
        let binaries = PrometheusBinaries(prometheus: URL(fileURLWithPath: "/nonexistent/prometheus"), promtool: installed.promtool)

        let error = await #expect(throws: TestPrometheusError.self) {
            _ = try await TestPrometheus.start(data: Self.briefData, binaries: binaries)
        }
        #expect(error?.kind == .binaryNotFound)
        #expect(error?.message.contains("/nonexistent/prometheus") == true)
        #expect(error?.message.contains("scripts/setup") == true)
    }

    @Test func failedBackfillReportsStatus() async throws {
        let installed = try PrometheusBinaries.locate()
        let binaries = PrometheusBinaries(prometheus: installed.prometheus, promtool: URL(fileURLWithPath: "/bin/false"))

        let error = await #expect(throws: TestPrometheusError.self) {
            _ = try await TestPrometheus.start(data: Self.briefData, binaries: binaries)
        }
        #expect(error?.kind == .backfillFailed)
        #expect(error?.message.contains("/bin/false tsdb create-blocks-from openmetrics") == true)
        #expect(error?.message.contains("exited with status 1") == true)
    }

    @Test func earlyExitReportsLogTail() async throws {
        let installed = try PrometheusBinaries.locate()
        // promtool in place of prometheus rejects the server flags, prints usage and exits.
        let binaries = PrometheusBinaries(prometheus: installed.promtool, promtool: installed.promtool)

        let error = await #expect(throws: TestPrometheusError.self) {
            _ = try await TestPrometheus.start(data: Self.briefData, binaries: binaries)
        }
        #expect(error?.kind == .exitedBeforeReady)
        #expect(error?.message.contains("unknown long flag") == true)
    }

    @Test func watchdogStopsServerWhenConnectionCloses() throws {
        let directory = try makeScratchDirectory()
        let sleeper = try startSleeper()
        defer { sleeper.terminate(timeout: .seconds(1)) }

        let watchdog = try ProcessWatchdog(guarding: sleeper.id, removing: directory)
        #expect(sleeper.isRunning)
        watchdog.closeConnectionForTesting()

        #expect(sleeper.waitForExit(timeout: .seconds(10)) == .signalled(SIGTERM))
        let deadline = ContinuousClock.now + .seconds(10)
        while watchdog.isRunning, ContinuousClock.now < deadline {
            usleep(20_000)
        }
        #expect(!watchdog.isRunning)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func disarmedWatchdogLeavesServerRunning() throws {
        let directory = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sleeper = try startSleeper()
        defer { sleeper.terminate(timeout: .seconds(1)) }

        let watchdog = try ProcessWatchdog(guarding: sleeper.id, removing: directory)
        watchdog.disarm()
        usleep(300_000)

        #expect(!watchdog.isRunning)
        #expect(sleeper.isRunning)
        #expect(FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func childProcessStopsOnSIGTERM() throws {
        let sleeper = try startSleeper()
        sleeper.terminate(timeout: .seconds(5))
        #expect(sleeper.currentTermination == .signalled(SIGTERM))
    }

    @Test func childProcessClosesInheritedDescriptors() throws {
        // Opened without close-on-exec, so only closing descriptors 3 and up keeps it from the child.
        let leaked = open("/dev/null", O_RDONLY)
        try #require(leaked >= 3)
        defer { close(leaked) }
        let directory = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listing = directory.appendingPathComponent("fd.txt")

        let termination = try runToCompletion(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "ls /proc/$$/fd"], log: listing, timeout: .seconds(10)
        )
        let descriptors = try String(contentsOf: listing, encoding: .utf8).split(separator: "\n").map(String.init)

        #expect(termination == .exited(0))
        #expect(descriptors.contains("2"))
        #expect(!descriptors.contains(String(leaked)))
    }

    private func makeScratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("promlambda-watchdog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Starts `sleep 60` as a stand-in for a server.
    private func startSleeper() throws -> ChildProcess {
        let nullDevice = try openDescriptor("/dev/null", flags: O_RDWR)
        defer { close(nullDevice) }
        return try ChildProcess(
            executable: URL(fileURLWithPath: "/bin/sleep"), arguments: ["60"],
            standardInput: nullDevice, standardOutput: nullDevice, standardError: nullDevice
        )
    }
}

/// Ports for a start: `first`, then free ones from ``LoopbackPort/reserve()``.
final class PortOffers: Sendable {
    private let first: Int
    private let offered = Mutex(0)

    init(first: Int) {
        self.first = first
    }

    /// The number of ports offered so far.
    var count: Int { offered.withLock { $0 } }

    func next() throws -> Int {
        let index = offered.withLock { count in
            defer { count += 1 }
            return count
        }
        return index == 0 ? first : try LoopbackPort.reserve()
    }
}

/// The medium size, which benchmarks use. Its start takes a few seconds.
@Suite struct TestPrometheusMediumTests {
    @Test func mediumServesThousandWideSeries() async throws {
        let server = try await TestPrometheus.shared(size: .medium)
        let count = try await PrometheusHTTP.query("count(\(SampleData.wideMetric))", at: SampleData.evaluationTime, on: server)
        #expect(count.map(\.value) == ["1000"])

        // 90 s after the evaluation time lies between two 60 s samples, so the query returns the earlier one.
        let time = SampleData.evaluationTime.addingTimeInterval(90)
        let samples = try await PrometheusHTTP.query(#"demo_wide_gauge{series="999"}"#, at: time, on: server)
        #expect(samples.map(\.value) == [prometheusText(server.data.wideValue(series: 999, at: time))])
        #expect(samples.map(\.value) == ["9991"])
    }
}
