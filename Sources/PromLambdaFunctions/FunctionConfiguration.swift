import Foundation
import LambdaRuntime
import PromLambdaCore
import HTTPTransport
import PromTools

/// Everything a function reads from its environment, read once at start.
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `_HANDLER` | the function to serve: `query`, `range_query`, `list_metrics`, `server_info`, `find_workspace`, `integration`, `mcp`, or a legacy `lambda_<name>.lambda_handler` string | none (Lambda sets it) |
/// | `PROMLAMBDA_ROUTING_MODE` | how `integration` reaches a tool: `in-process` or `invoke` | `in-process` |
/// | `PROMLAMBDA_QUERY_FUNCTION` and the four like it | the function that `integration` invokes for each tool in `invoke` mode | none; required in `invoke` mode |
/// | `AWS_REGION`, then `AWS_DEFAULT_REGION` | the region of the Lambda Invoke endpoint in `invoke` mode | none; Lambda sets `AWS_REGION` |
/// | `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL` | another Lambda Invoke endpoint | `https://lambda.<region>.amazonaws.com` |
/// | `LOG_LEVEL` | the lowest level logged: `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical` | `info` |
///
/// The Prometheus and AMP settings are those of ``ToolConfiguration``. None of them is required at start,
/// because a call may name an AMP workspace; a call that names no server when none is configured gets a
/// `configuration` failure result.
public struct FunctionConfiguration: Sendable {
    public var function: LambdaFunction
    public var tools: ToolConfiguration
    public var routing: Routing
    public var logLevel: Logger.Level

    /// The integration function's way of running the tool it routes to.
    public enum Routing: Sendable, Equatable {
        /// Calls the tool in this process.
        case inProcess
        /// Calls the tool's own function through the Lambda Invoke API.
        case invoke(InvokeRouting)
    }

    /// The targets of `invoke` mode: a function per tool, and the endpoint and region to call them at.
    public struct InvokeRouting: Sendable, Equatable {
        /// The function name, alias or ARN to invoke, by tool name.
        public var functionNames: [String: String]
        /// The region to sign for.
        public var region: String
        /// The Lambda Invoke endpoint.
        public var endpoint: URL

        public init(functionNames: [String: String], region: String, endpoint: URL) {
            self.functionNames = functionNames
            self.region = region
            self.endpoint = endpoint
        }
    }

    public static let routingModeVariable = "PROMLAMBDA_ROUTING_MODE"
    public static let logLevelVariable = "LOG_LEVEL"
    public static let regionVariables = ["AWS_REGION", "AWS_DEFAULT_REGION"]

    /// The variable that names the function to invoke for each tool, in catalog order.
    public static let functionNameVariables: [(tool: String, variable: String)] = LambdaFunction.toolFunctions
        .compactMap(\.toolName)
        .map { ($0, "PROMLAMBDA_\($0.uppercased())_FUNCTION") }

    public init(function: LambdaFunction, tools: ToolConfiguration, routing: Routing = .inProcess,
                logLevel: Logger.Level = .info) {
        self.function = function
        self.tools = tools
        self.routing = routing
        self.logLevel = logLevel
    }

    /// Reads the variables above.
    /// - Parameter function: the function to serve, when the caller chose it; `nil` reads `_HANDLER`.
    /// - Throws: ``ConfigurationError`` naming the first variable that is missing or invalid.
    public init(environment: Environment, function: LambdaFunction? = nil) throws(ConfigurationError) {
        if let function {
            self.function = function
        } else {
            guard let handler = environment[LambdaFunction.handlerVariable] else {
                throw ConfigurationError(variable: LambdaFunction.handlerVariable, message: "\(LambdaFunction.handlerVariable) "
                                         + "is not set. Set it to one of: "
                                         + LambdaFunction.acceptedHandlers.joined(separator: ", ") + ".")
            }
            self.function = try LambdaFunction(handler: handler)
        }
        tools = try ToolConfiguration(environment: environment)
        logLevel = try Self.parseLogLevel(environment[Self.logLevelVariable])

        let mode = try Self.parseRoutingMode(environment[Self.routingModeVariable])
        if self.function == .integration && mode == .invoke {
            routing = .invoke(try Self.invokeRouting(environment: environment))
        } else {
            routing = .inProcess
        }
    }

    // MARK: - Parsing

    enum RoutingMode: String, CaseIterable {
        case inProcess = "in-process"
        case invoke
    }

    static func parseRoutingMode(_ text: String?) throws(ConfigurationError) -> RoutingMode {
        guard let text else { return .inProcess }
        guard let mode = RoutingMode(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ConfigurationError(variable: routingModeVariable, message: "\(routingModeVariable) must be "
                                     + "in-process or invoke, not \"\(text)\".")
        }
        return mode
    }

    static func parseLogLevel(_ text: String?) throws(ConfigurationError) -> Logger.Level {
        guard let text else { return .info }
        guard let level = Logger.Level(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(variable: logLevelVariable, message: "\(logLevelVariable) must be one of "
                                     + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                                     + ", not \"\(text)\".")
        }
        return level
    }

    static func invokeRouting(environment: Environment) throws(ConfigurationError) -> InvokeRouting {
        var names: [String: String] = [:]
        for (tool, variable) in functionNameVariables {
            guard let name = environment[variable]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw ConfigurationError(variable: variable, message: "\(variable) is not set. In invoke mode the "
                                         + "integration function needs the name or ARN of the function that serves "
                                         + "the \(tool) tool; set it, or set \(routingModeVariable)=in-process.")
            }
            names[tool] = name
        }

        guard let region = regionVariables.lazy.compactMap({ environment[$0] }).first else {
            throw ConfigurationError(variable: regionVariables[0], message: "\(regionVariables[0]) is not set. In "
                                     + "invoke mode the integration function needs the region of the functions "
                                     + "it invokes, such as us-east-1. Lambda sets it; set it when running elsewhere.")
        }
        let endpoint: URL
        do {
            endpoint = try LambdaInvokeClient.endpoint(region: region, environment: environment)
        } catch {
            switch error {
            case .invalidEndpoint(let variable, _):
                throw ConfigurationError(variable: variable, message: error.description)
            default:
                let variable = environment[regionVariables[0]] != nil ? regionVariables[0] : regionVariables[1]
                throw ConfigurationError(variable: variable, message: error.description)
            }
        }
        return InvokeRouting(functionNames: names, region: region, endpoint: endpoint)
    }
}

extension FunctionConfiguration {
    /// The settings logged when the function starts. They contain no credentials, and the server URL has
    /// no user info or query.
    public var startMetadata: [String: JSONValue] {
        var metadata: [String: JSONValue] = [
            "function": .string(function.rawValue), "log_level": .string(logLevel.rawValue),
        ]
        switch routing {
        case .inProcess:
            if function == .integration { metadata["routing_mode"] = "in-process" }
        case .invoke(let routing):
            metadata["routing_mode"] = "invoke"
            metadata["invoke_endpoint"] = .string(routing.endpoint.redactedForDisplay)
            metadata["invoke_functions"] = .object(routing.functionNames.mapValues(JSONValue.string))
        }
        if let url = tools.prometheusURL {
            metadata["prometheus_url"] = .string(url.redactedForDisplay)
        }
        if let workspaceID = tools.workspaceID {
            metadata["amp_workspace_id"] = .string(workspaceID)
        }
        if let workspaceAlias = tools.workspaceAlias {
            metadata["amp_workspace_alias"] = .string(workspaceAlias)
        }
        return metadata
    }
}
