import Foundation
import PromLambdaCore

/// The CloudWatch embedded metric format (EMF) members of one invocation's log line.
///
/// CloudWatch Logs extracts the metrics from any log event that is a JSON object with an `_aws` member.
/// `_aws.Timestamp` is the time in Unix epoch milliseconds. `_aws.CloudWatchMetrics` is a list of directives,
/// each with a `Namespace`, `Dimensions` (a list of dimension sets, each a list of member names) and
/// `Metrics` (each a `Name` and a `Unit`). Every name a directive uses must be a member of the same object:
/// a string for a dimension and a number for a metric. Other members, such as `UpstreamStatus` here, stay
/// in the log event as properties that Logs Insights can query.
///
/// - SeeAlso: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
public struct InvocationMetrics: Sendable, Equatable {
    public static let namespace = "promlambda"
    /// The operation recorded when the call named no tool that exists.
    public static let unknownOperation = "unknown"
    /// The operation recorded when the invocation ended before any operation was chosen.
    public static let noOperation = "none"

    public var function: String
    public var operation: String
    public var durationMilliseconds: Double
    public var resultBytes: Int
    public var truncated: Bool
    public var retries: Int
    public var failed: Bool
    public var upstreamStatus: Int?
    public var timestamp: Date

    public init(function: String, operation: String, durationMilliseconds: Double, resultBytes: Int,
                truncated: Bool, retries: Int, failed: Bool, upstreamStatus: Int?, timestamp: Date) {
        self.function = function
        self.operation = operation
        self.durationMilliseconds = durationMilliseconds
        self.resultBytes = resultBytes
        self.truncated = truncated
        self.retries = retries
        self.failed = failed
        self.upstreamStatus = upstreamStatus
        self.timestamp = timestamp
    }

    /// The metric names and their CloudWatch units, in the order the directive lists them.
    static let definitions: [(name: String, unit: String)] = [
        ("Duration", "Milliseconds"), ("ResultBytes", "Bytes"), ("Truncated", "Count"), ("Retries", "Count"),
        ("Failed", "Count"),
    ]

    /// The members to merge into the log line's root object.
    public var members: [String: JSONValue] {
        let directive: JSONValue = [
            "Namespace": .string(Self.namespace),
            "Dimensions": [["Function", "Operation"]],
            "Metrics": .array(Self.definitions.map { ["Name": .string($0.name), "Unit": .string($0.unit)] }),
        ]
        var members: [String: JSONValue] = [
            "_aws": [
                "Timestamp": .number((timestamp.timeIntervalSince1970 * 1_000).rounded()),
                "CloudWatchMetrics": [directive],
            ],
            "Function": .string(function),
            "Operation": .string(operation),
            "Duration": .number((durationMilliseconds * 1_000).rounded() / 1_000),
            "ResultBytes": .number(Double(resultBytes)),
            "Truncated": .number(truncated ? 1 : 0),
            "Retries": .number(Double(retries)),
            "Failed": .number(failed ? 1 : 0),
        ]
        if let upstreamStatus {
            members["UpstreamStatus"] = .number(Double(upstreamStatus))
        }
        return members
    }
}
