import Foundation
import PrometheusAPI
import PromLambdaCore

/// `server_info`: build, runtime and flags of the server; its configuration only on request.
public struct ServerInfoOperation: ToolOperation {
    public let environment: ToolEnvironment

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.serverInfo }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let arguments = try ToolArguments(json, tool: "server_info",
                                          allowed: CommonArguments.names.union(["include_config"]))
        let common = try CommonArguments(arguments, settings: environment.settings)
        let includeConfig = try arguments.optionalBool("include_config") ?? false
        let connection = try await environment.connector.connect(common.selector, context: context)
        let client = connection.client

        var output = ServerInfoOutput(server: connection.serverDescription, build: nil, runtime: nil, flags: nil,
                                      config: nil, workspace: connection.workspace, unavailable: [], truncated: false,
                                      note: nil, size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        if connection.isAmazonManaged {
            output.note = "Amazon Managed Service for Prometheus has no build, runtime, flags or config endpoints; "
                + "the workspace is described instead."
            return try Self.finish(&output, maxBytes: common.maxBytes)
        }

        // Each part is optional: Thanos, Mimir and VictoriaMetrics serve only some of these endpoints,
        // so one missing part is reported and the others are still returned.
        async let build = Self.attempt("build", { try await client.buildInfo().data })
        async let runtime = Self.attempt("runtime", { try await client.runtimeInfo().data })
        async let flags = Self.attempt("flags", { try await client.flags().data })
        async let config = includeConfig ? Self.attempt("config", { try await client.config().data.yaml }) : .skipped

        let (buildPart, runtimePart, flagsPart) = await (build, runtime, flags)
        output.build = buildPart.value(into: &output.unavailable).map { .object($0) }
        output.runtime = runtimePart.value(into: &output.unavailable).map { .object($0) }
        output.flags = flagsPart.value(into: &output.unavailable)
        output.config = await config.value(into: &output.unavailable)

        if output.build == nil, output.runtime == nil, output.flags == nil {
            throw Self.noStatusFailure(server: connection.serverDescription,
                                       parts: [("build", buildPart.error), ("runtime", runtimePart.error),
                                               ("flags", flagsPart.error)])
        }

        let size = ResultBudget.size(of: output)
        if size > common.maxBytes, let config = output.config {
            let keep = max(0, config.utf8.count - (size - common.maxBytes) - 200)
            output.config = String(decoding: config.utf8.prefix(keep), as: UTF8.self)
            output.truncated = true
            output.note = "The configuration was cut to \(keep) of \(config.utf8.count) bytes to stay within "
                + "\(common.maxBytes) bytes; raise max_bytes to see all of it."
        }
        if ResultBudget.size(of: output) > common.maxBytes, output.flags != nil {
            output.flags = nil
            output.truncated = true
            output.note = [output.note, "The flags were left out to stay within \(common.maxBytes) bytes; raise "
                           + "max_bytes to include them."].compactMap { $0 }.joined(separator: " ")
        }
        return try Self.finish(&output, maxBytes: common.maxBytes)
    }

    /// Encodes the result with its size. The config and flags were cut above; a result still over
    /// the budget loses the runtime information, then the build information.
    static func finish(_ output: inout ServerInfoOutput, maxBytes: Int) throws -> ToolOutput {
        let structured = try ResultBudget.finish(&output, maxBytes: maxBytes) { output, _ in
            let part: String
            if output.runtime != nil {
                output.runtime = nil
                part = "runtime"
            } else if output.build != nil {
                output.build = nil
                part = "build"
            } else {
                return false
            }
            output.truncated = true
            output.note = [output.note, "The \(part) information was left out to stay within \(maxBytes) bytes; "
                           + "raise max_bytes to include it."].compactMap { $0 }.joined(separator: " ")
            return true
        }
        return ToolOutput(structured: structured, text: ResultText.render(output), isError: false)
    }

    /// Builds the failure for a server none of whose status endpoints returned data, with the kind of
    /// the first failure. When every endpoint failed the same way, as on a web server that is not
    /// Prometheus or one that is down, the first failure is given once.
    static func noStatusFailure(server: String, parts: [(name: String, error: (any Error)?)]) -> ToolFailure {
        let failures = parts.compactMap { part in part.error.map { (part.name, PrometheusToolbox.failure(from: $0)) } }
        guard let (firstName, first) = failures.first else {
            return ToolFailure(kind: .invalidResponse, message: "No status endpoint of \(server) returned data.")
        }
        let names = failures.map(\.0).joined(separator: ", ")
        let message: String
        if Set(failures.map(\.1.message)).count == 1 {
            message = "No status endpoint of \(server) (\(names)) returned data: \(first.message)"
        } else if Set(failures.map(\.1.kind)).count == 1 {
            message = "No status endpoint of \(server) (\(names)) returned data; each failed with "
                + "\(first.kind.rawValue). \(firstName): \(first.message)"
        } else {
            message = "No status endpoint of \(server) returned data: "
                + failures.map { "\($0.0): \($0.1.message)" }.joined(separator: "; ")
        }
        return ToolFailure(kind: first.kind, message: message, httpStatus: first.httpStatus)
    }

    enum Part<Value: Sendable>: Sendable {
        case value(Value)
        case failed(String, any Error)
        case skipped

        var error: (any Error)? {
            if case .failed(_, let error) = self { return error }
            return nil
        }

        func value(into unavailable: inout [String]) -> Value? {
            switch self {
            case .value(let value): return value
            case .failed(let reason, _):
                unavailable.append(reason)
                return nil
            case .skipped: return nil
            }
        }
    }

    static func attempt<Value: Sendable>(_ name: String, _ body: @Sendable () async throws -> Value) async -> Part<Value> {
        do {
            return .value(try await body())
        } catch let error as PrometheusError {
            return .failed("\(name): \(error.description)", error)
        } catch {
            return .failed("\(name): \(error)", error)
        }
    }
}
