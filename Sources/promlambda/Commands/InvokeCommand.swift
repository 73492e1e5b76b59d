import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import PromLambdaFunctions
import PromTools

/// `promlambda invoke`: runs one Lambda function's handler on one event, the way `bootstrap` runs it
/// in Lambda, and prints the response that Lambda would return.
///
/// The handler, configuration and logs are those of `bootstrap`. The invocation gets a random request
/// id, a deadline 30 seconds away and, with `--tool-name`, the client context that AgentCore Gateway
/// sends.
struct InvokeCommand {
    var environment: Environment
    var standardOutput: any TextSink
    var standardError: any TextSink
    /// Reads the event when `--event -` is given.
    var readStandardInput: @Sendable () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }

    /// Seconds from now to the synthetic invocation's deadline.
    static let deadlineSeconds: Double = 30

    static let spec = CommandSpec(
        name: "invoke", summary: "Run a Lambda function's handler once on an event and print its response.",
        positionals: [("FUNCTION", "query, range_query, list_metrics, server_info, find_workspace, integration, "
                       + "mcp, or a legacy name such as lambda_query.lambda_handler.")],
        options: [
            CommandSpec.Option(name: "event", valueName: "FILE",
                               help: "The event JSON file, or - to read the event from standard input."),
            CommandSpec.Option(name: "tool-name", valueName: "NAME",
                               help: "Send the client context of an AgentCore Gateway call to the tool NAME, "
                                   + "such as prom___query (TARGET___TOOL)."),
            CommandSpec.Option(name: "url", valueName: "URL", help: "Prometheus base URL. Default: $PROMETHEUS_URL."),
            CommandSpec.Option(name: "help", valueName: nil, help: "Show this help."),
        ],
        discussion: """
            The response is printed as Lambda returns it, followed by a newline. A tool failure is a response.
            When the handler fails, the error object that Lambda returns for a function error is printed.
            Logs and the metrics line go to standard error as JSON lines, at $LOG_LEVEL (default info).
            The other settings come from the environment, as in Lambda: see the README.

            Exit status: 0 when the function returned a response, 1 when it failed, 64 for a usage or
            configuration error.

            Example: echo '{"query": "up"}' | promlambda invoke query --event - --tool-name prom___query
            """)

    func run(_ arguments: [String]) async -> Int32 {
        let spec = Self.spec
        do {
            let parsed = try spec.parse(arguments)
            if parsed.has("help") {
                standardOutput.write(spec.help + "\n")
                return 0
            }
            guard parsed.positionals.count == 1 else {
                throw UsageError(message: parsed.positionals.isEmpty ? "Missing FUNCTION."
                                 : "Expected one FUNCTION, got \(parsed.positionals.count).", command: spec)
            }
            let function: LambdaFunction
            do {
                function = try LambdaFunction(handler: parsed.positionals[0])
            } catch {
                throw UsageError(message: "Unknown function \"\(parsed.positionals[0])\". Use one of: "
                                 + LambdaFunction.acceptedHandlers.joined(separator: ", ") + ".", command: spec)
            }
            guard let eventPath = parsed.value("event") else {
                throw UsageError(message: "Missing --event FILE (or --event - for standard input).", command: spec)
            }
            let event = try readEvent(eventPath)
            return try await invoke(function, event: event, toolName: parsed.value("tool-name"),
                                    url: parsed.value("url"))
        } catch {
            return CLI.report(error, spec: spec, to: standardError)
        }
    }

    private func readEvent(_ path: String) throws(UsageError) -> Data {
        if path == "-" {
            return readStandardInput()
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw UsageError(message: "Cannot read the event file \(path): \(error.localizedDescription)",
                             command: Self.spec)
        }
    }

    private func invoke(_ function: LambdaFunction, event: Data, toolName: String?, url: String?) async throws
        -> Int32
    {
        var environment = self.environment
        if let url {
            // As for the other commands, --url replaces whatever default server the environment names.
            environment.values["PROMETHEUS_URL"] = try ToolConfiguration.parseURL(url, variable: "--url").absoluteString
            environment.values["AMP_WORKSPACE_ID"] = nil
            environment.values["AMP_WORKSPACE_ALIAS"] = nil
        }
        let configuration = try FunctionConfiguration(environment: environment, function: function)
        let logging = FunctionLogging(level: configuration.logLevel,
                                      handler: JSONLinesLogHandler(sink: standardError))
        let factory = FunctionHandlerFactory(configuration: configuration, environment: environment,
                                             http: StandardHTTPClient(environment: environment), logging: logging)
        let handler = try factory.makeHandler()

        let clientContext = toolName.map { name in
            ClientContext(json: ["custom": [AgentCoreGatewayToolCall.CustomKey.toolName: .string(name)]])
        }
        let context = LambdaContext(
            requestID: UUID().uuidString.lowercased(),
            deadline: InvocationDeadline(date: Date().addingTimeInterval(Self.deadlineSeconds)),
            clientContext: clientContext, logger: logging.logger)

        do {
            let response = try await handler.handle(event, context: context)
            standardOutput.write(String(decoding: response, as: UTF8.self) + "\n")
            return 0
        } catch {
            let report = LambdaErrorReport(error: error)
            logging.logger.error("handler failed", [
                "error_type": .string(report.errorType), "error": .string(report.errorMessage),
            ])
            standardOutput.write(String(decoding: report.encoded(), as: UTF8.self) + "\n")
            return 1
        }
    }
}
