import Foundation
import HTTPTransport
import LambdaRuntime
import MCPServer
import PromLambdaCore
import PromTools

/// Builds the handler of the configured function, the same way for `bootstrap` and `promlambda invoke`.
public struct FunctionHandlerFactory: Sendable {
    public var configuration: FunctionConfiguration
    /// The client for Prometheus requests; the factory adds metering, and the toolbox adds retries.
    public var prometheusHTTP: any HTTPClient
    /// The client for Lambda Invoke requests in `invoke` routing mode, signing when signing is available.
    public var invokeHTTP: any HTTPClient
    /// The logger of the function's own records, at `LOG_LEVEL`.
    public var logger: Logger
    /// The logger of the per-invocation metrics line, at level `trace` so that it is always written.
    public var metricsLogger: Logger
    public var timeSource: any TimeSource

    public init(configuration: FunctionConfiguration, prometheusHTTP: any HTTPClient, invokeHTTP: any HTTPClient,
                logger: Logger, metricsLogger: Logger, timeSource: any TimeSource = SystemTimeSource()) {
        self.configuration = configuration
        self.prometheusHTTP = prometheusHTTP
        self.invokeHTTP = invokeHTTP
        self.logger = logger
        self.metricsLogger = metricsLogger
        self.timeSource = timeSource
    }

    /// Returns the handler, wrapped in a ``MeteredLambdaHandler``.
    /// - Throws: ``ConfigurationError`` when the function needs a setting that is missing.
    public func makeHandler() throws(ConfigurationError) -> any LambdaHandler {
        let function = configuration.function
        let handler: any LambdaHandler
        switch function {
        case .mcp:
            let provider = try makeProvider()
            let server = MCPServer(provider: provider, logger: logger)
            handler = MCPFunctionHandler(http: StreamableHTTPHandler(server: server),
                                         toolNames: Set(provider.definitions.map(\.name)))
        case .integration:
            handler = JSONEventLambdaHandler(IntegrationFunctionHandler(dispatcher: try makeDispatcher()))
        case .query, .rangeQuery, .listMetrics, .serverInfo, .findWorkspace:
            let tool = function.toolName ?? function.rawValue
            handler = JSONEventLambdaHandler(ToolFunctionHandler(
                tool: tool, dispatcher: InProcessDispatcher(provider: try makeProvider())))
        }
        return MeteredLambdaHandler(base: handler, function: function, metricsLogger: metricsLogger,
                                    timeSource: timeSource)
    }

    /// Returns the dispatcher of the integration function's routing mode.
    func makeDispatcher() throws(ConfigurationError) -> any ToolDispatcher {
        switch configuration.routing {
        case .inProcess:
            return InProcessDispatcher(provider: try makeProvider())
        case .invoke(let routing):
            let client = LambdaInvokeClient(endpoint: routing.endpoint, http: MeteredHTTPClient(base: invokeHTTP))
            return LambdaInvokeDispatcher(client: client, functionNames: routing.functionNames,
                                          timeSource: timeSource)
        }
    }

    func makeProvider() throws(ConfigurationError) -> any ToolProvider {
        let toolbox = try configuration.tools.makeToolbox(http: MeteredHTTPClient(base: prometheusHTTP),
                                                          timeSource: timeSource)
        return MeteredToolProvider(base: toolbox)
    }
}
