import Foundation
import PromLambdaCore

/// One tool: its catalog entry and how it runs.
public protocol ToolOperation: Sendable {
    var definition: ToolDefinition { get }
    /// Runs the tool. Throws ``ToolFailure`` for bad arguments, and the client's errors for failed
    /// requests; ``PrometheusToolbox`` turns every error into a failed ``ToolOutput``.
    func run(_ arguments: JSONValue, context: ToolCallContext) async throws -> ToolOutput
}

/// What the operations share: where to connect, the clock and the limits.
public struct ToolEnvironment: Sendable {
    public var connector: any PrometheusConnector
    public var timeSource: any TimeSource
    public var settings: ToolSettings

    public init(connector: any PrometheusConnector, timeSource: any TimeSource = SystemTimeSource(),
                settings: ToolSettings = ToolSettings()) {
        self.connector = connector
        self.timeSource = timeSource
        self.settings = settings
    }

    /// Prometheus' own `timeout` for a query: the time left before the deadline, less a margin for sending the result.
    func evaluationTimeout(_ context: ToolCallContext) -> Double? {
        guard let deadline = context.deadline else { return nil }
        return max(1, deadline.timeIntervalSince(timeSource.now) - 2)
    }
}
