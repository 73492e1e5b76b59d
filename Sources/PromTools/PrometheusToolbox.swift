import AmazonPrometheus
import AWSSigV4
import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore

/// The tools over one Prometheus-compatible server: the ``ToolProvider`` that the CLI, the Lambda
/// functions and the MCP server all call.
public struct PrometheusToolbox: ToolProvider {
    public let operations: [String: any ToolOperation]
    public let definitions: [ToolDefinition]

    public init(environment: ToolEnvironment, extraOperations: [any ToolOperation] = []) {
        let all: [any ToolOperation] = [
            QueryOperation(environment: environment),
            RangeQueryOperation(environment: environment),
            ListMetricsOperation(environment: environment),
            LabelValuesOperation(environment: environment),
            ServerInfoOperation(environment: environment),
        ] + extraOperations
        operations = Dictionary(all.map { ($0.definition.name, $0) }, uniquingKeysWith: { _, last in last })
        definitions = all.map(\.definition)
    }

    public func call(name: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        guard let operation = operations[name] else {
            return ToolFailure(kind: .unknownTool, message: "Unknown tool \"\(name)\". Available tools: "
                               + definitions.map(\.name).joined(separator: ", ") + ".").output
        }
        do {
            return try await operation.run(arguments, context: context)
        } catch {
            let failure = Self.failure(from: error)
            context.logger.notice("tool call failed", [
                "tool": .string(name), "error": .string(failure.kind.rawValue), "message": .string(failure.message),
            ])
            return failure.output
        }
    }

    /// Maps any error an operation throws to the failure shown to the caller.
    public static func failure(from error: any Error) -> ToolFailure {
        switch error {
        case let failure as ToolFailure: failure
        case let error as PrometheusError: ToolFailure(error)
        case let error as HTTPTransportError: ToolFailure(error)
        case let error as TimeInputError: ToolFailure(error)
        case let error as AMPError: ToolFailure(error)
        case let error as WorkspaceResolutionError: ToolFailure(error)
        case let error as CredentialError: ToolFailure(error)
        case let error as AMPConfigurationError: ToolFailure(error)
        case is CancellationError: ToolFailure(kind: .cancelled, message: "The call was cancelled.")
        default: ToolFailure(kind: .invalidResponse, message: "\(error)")
        }
    }
}
