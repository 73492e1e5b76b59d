import Foundation
import PromTools

/// One of the functions that the single `bootstrap` binary serves; `_HANDLER` picks it.
///
/// The five tool functions each run one tool. `integration` routes a call to any of them by its
/// `operation` field or the gateway's tool name, and `mcp` serves the MCP streamable HTTP transport
/// behind a Lambda Function URL.
public enum LambdaFunction: String, CaseIterable, Sendable {
    case query
    case rangeQuery = "range_query"
    case listMetrics = "list_metrics"
    case serverInfo = "server_info"
    case findWorkspace = "find_workspace"
    case integration
    case mcp

    /// The environment variable that Lambda fills with the function's configured handler.
    public static let handlerVariable = "_HANDLER"

    /// The tool this function runs, or `nil` for `integration` and `mcp`, which serve every tool.
    public var toolName: String? {
        switch self {
        case .query, .rangeQuery, .listMetrics, .serverInfo, .findWorkspace: rawValue
        case .integration, .mcp: nil
        }
    }

    /// The handler string of the Python implementation this function replaces, such as
    /// `lambda_query.lambda_handler`, so that existing deployments keep their `_HANDLER` setting.
    public var legacyHandler: String? {
        self == .mcp ? nil : "lambda_\(rawValue).lambda_handler"
    }

    /// The functions whose tool the integration function can route to, in catalog order.
    public static let toolFunctions: [LambdaFunction] = allCases.filter { $0.toolName != nil }

    /// Every `_HANDLER` value accepted: the function names, then the legacy Python handler strings.
    public static var acceptedHandlers: [String] {
        allCases.map(\.rawValue) + allCases.compactMap(\.legacyHandler)
    }

    /// Reads a `_HANDLER` value: a function name such as `range_query`, or a legacy Python handler string.
    /// - Throws: ``ConfigurationError`` naming `_HANDLER` and the accepted values.
    public init(handler: String) throws(ConfigurationError) {
        let trimmed = handler.trimmingCharacters(in: .whitespaces)
        guard let function = Self.allCases.first(where: { $0.rawValue == trimmed || $0.legacyHandler == trimmed })
        else {
            throw ConfigurationError(variable: Self.handlerVariable, message: "\(Self.handlerVariable) is "
                                     + "\"\(handler)\", which names no promlambda function. Set it to one of: "
                                     + Self.acceptedHandlers.joined(separator: ", ") + ".")
        }
        self = function
    }
}
