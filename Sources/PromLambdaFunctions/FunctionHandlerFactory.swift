import AWSSigV4
import Foundation
import HTTPTransport
import LambdaRuntime
import MCPServer
import PromLambdaCore
import PromTools

/// Builds the handler of the configured function, the same way for `bootstrap` and `promlambda invoke`.
public struct FunctionHandlerFactory: Sendable {
    public var configuration: FunctionConfiguration
    /// Where AWS credentials, the region and endpoint overrides are read from.
    public var environment: Environment
    /// The client for every outbound request. The factory adds metering below the signing and retrying
    /// layers, so that each attempt is counted.
    public var http: any HTTPClient
    /// The logger of the function's own records, at `LOG_LEVEL`.
    public var logger: Logger
    /// The logger of the per-invocation metrics line, at level `trace` so that it is always written.
    public var metricsLogger: Logger
    public var timeSource: any TimeSource

    public init(configuration: FunctionConfiguration, environment: Environment, http: any HTTPClient,
                logging: FunctionLogging, timeSource: any TimeSource = SystemTimeSource()) {
        self.configuration = configuration
        self.environment = environment
        self.http = http
        self.logger = logging.logger
        self.metricsLogger = logging.metricsLogger
        self.timeSource = timeSource
    }

    /// Returns the handler, wrapped in a ``MeteredLambdaHandler``.
    /// - Throws: ``ConfigurationError`` when a setting the function needs is invalid.
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
            // The Invoke API accepts only requests signed for service `lambda`, with the role's credentials
            // that Lambda puts in the environment. Invoke calls are not retried: a retry could run a tool twice.
            let credentials = CachingCredentialProvider(
                base: CredentialProviderChain.standard(environment: environment, httpClient: http),
                timeSource: timeSource)
            let signing = SigningHTTPClient(base: MeteredHTTPClient(base: http), credentialProvider: credentials,
                                            region: routing.region, service: LambdaInvokeDispatcher.signingName,
                                            timeSource: timeSource)
            return LambdaInvokeDispatcher(client: LambdaInvokeClient(endpoint: routing.endpoint, http: signing),
                                          functionNames: routing.functionNames, timeSource: timeSource)
        }
    }

    func makeProvider() throws(ConfigurationError) -> any ToolProvider {
        let toolbox = try configuration.tools.makeToolbox(environment: environment,
                                                          http: MeteredHTTPClient(base: http), timeSource: timeSource)
        return MeteredToolProvider(base: toolbox)
    }
}
