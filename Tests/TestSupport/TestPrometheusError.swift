/// A failure to prepare, start or stop the test Prometheus, with what to do next in its message.
public struct TestPrometheusError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// `prometheus` or `promtool` is not installed.
        case binaryNotFound
        /// Writing the OpenMetrics file, the configuration or the temporary directory failed.
        case fileSystem
        /// `promtool tsdb create-blocks-from openmetrics` failed.
        case backfillFailed
        /// `posix_spawn` failed to start `prometheus`, `promtool` or the watchdog shell.
        case startFailed
        /// No free port on 127.0.0.1 could be reserved.
        case portUnavailable
        /// `prometheus` exited before it was ready.
        case exitedBeforeReady
        /// `prometheus` did not return 200 from `/-/ready`, or the self-scrape did not succeed, in time.
        case readinessTimedOut
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
