import Foundation
import HTTPTransport
import PromLambdaCore
import PromTools
import TestDoubles
import TestSupport

/// A toolbox pointed at the shared test Prometheus, recording every request it sends.
struct RealPrometheus {
    let server: TestPrometheus
    let toolbox: PrometheusToolbox
    let http: RecordingWrapper

    static func start(size: SampleData.Size = .small, settings: ToolSettings = ToolSettings()) async throws -> RealPrometheus {
        let server = try await TestPrometheus.shared(size: size)
        let http = RecordingWrapper(URLSessionHTTPClient())
        let clock = ManualTimeSource(SampleData.evaluationTime)
        let connector = StaticPrometheusConnector(baseURL: server.url, http: http, retryPolicy: .none, timeSource: clock)
        let toolbox = PrometheusToolbox(environment: ToolEnvironment(connector: connector, timeSource: clock,
                                                                     settings: settings))
        return RealPrometheus(server: server, toolbox: toolbox, http: http)
    }

    func call<T: Decodable>(_ tool: String, _ arguments: JSONValue, as type: T.Type) async throws -> T {
        let output = await toolbox.call(name: tool, arguments: arguments, context: ToolCallContext())
        guard !output.isError else { throw ToolCallFailed(text: output.text) }
        return try output.structured.decoded(as: type)
    }

    /// Calls `tool` and returns its whole output, failing when the call failed.
    func output(_ tool: String, _ arguments: JSONValue) async throws -> ToolOutput {
        let output = await toolbox.call(name: tool, arguments: arguments, context: ToolCallContext())
        guard !output.isError else { throw ToolCallFailed(text: output.text) }
        return output
    }

    func failure(_ tool: String, _ arguments: JSONValue) async throws -> ToolFailure {
        let output = await toolbox.call(name: tool, arguments: arguments, context: ToolCallContext())
        guard output.isError else { throw ToolCallFailed(text: "expected a failure, got: \(output.text)") }
        return try output.structured.decoded(as: FailureJSON.self).failure
    }
}

struct ToolCallFailed: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

/// Decodes the failure JSON that tools return.
struct FailureJSON: Decodable {
    var error: String
    var message: String
    var field: String?
    var httpStatus: Int?
    var errorType: String?

    var failure: ToolFailure {
        ToolFailure(kind: .init(rawValue: error), message: message, field: field, httpStatus: httpStatus,
                    errorType: errorType)
    }
}
