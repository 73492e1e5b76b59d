import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import PromLambdaFunctions
import PromTools

// The Lambda custom runtime entry point: one binary for every promlambda function, chosen by `_HANDLER`.
// It reads the environment once, builds the function's handler, and serves invocations until the Runtime
// API fails. A configuration error is posted to /runtime/init/error before the process exits with 1.

let environment = Environment.process
let logHandler = JSONLinesLogHandler()
var logging = FunctionLogging(level: .info, handler: logHandler)

let runtimeClient: RuntimeAPIClient
do {
    runtimeClient = try RuntimeAPIClient(environment: environment, http: URLSessionHTTPClient())
} catch {
    logging.logger.critical("runtime API address unusable; exiting", ["error": .string(error.description)])
    exit(1)
}

let configuration: FunctionConfiguration
let handler: any LambdaHandler
do {
    configuration = try FunctionConfiguration(environment: environment)
    logging = FunctionLogging(level: configuration.logLevel, handler: logHandler)
    let factory = FunctionHandlerFactory(configuration: configuration, environment: environment,
                                         http: StandardHTTPClient(environment: environment), logging: logging)
    handler = try factory.makeHandler()
} catch {
    let report = LambdaErrorReport(errorMessage: error.message, errorType: RuntimeAPI.ErrorType.configInvalid)
    await LambdaRuntime.reportInitializationError(report, client: runtimeClient, logger: logging.logger.with([
        "variable": .string(error.variable),
    ]))
    exit(1)
}

logging.logger.info("function started", configuration.startMetadata)
let runtime = LambdaRuntime(client: runtimeClient, handler: handler, logger: logging.logger,
                            setTraceID: LambdaRuntime.processTraceIDSetter)
do {
    try await runtime.run()
} catch {
    // The runtime has logged the error; Lambda starts a new process.
    exit(1)
}
