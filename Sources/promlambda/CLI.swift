import Foundation
import HTTPTransport
import PromLambdaCore
import PromTools

/// The `promlambda` command: parses the command line, runs one command, and returns the exit code.
///
/// Exit codes: 0 on success, 1 when the command ran and failed, 64 for a usage error.
struct CLI {
    var environment: Environment
    var standardOutput: any TextSink
    var standardError: any TextSink

    static let version = PromLambdaVersion.current

    static let overview = """
        promlambda: Prometheus and Amazon Managed Service for Prometheus as tools for people, scripts and agents.

        Usage: promlambda <command> [options]

        Commands:
          query      Evaluate an instant PromQL query.
          range      Evaluate a PromQL query over a time range.
          metrics    List metric names, a page at a time.
          labels     List the values of a label, a page at a time.
          info       Show the server's build, runtime and flags.
          workspaces List or find Amazon Managed Service for Prometheus workspaces.
          mcp        Serve the tools to an MCP client over stdio.
          schema     Print the tool definitions, the Gateway tool schema or the reference.
          invoke     Run a Lambda function's handler once on an event.
          version    Print the version.

        Run 'promlambda <command> --help' for a command's options.
        The server is --url or $PROMETHEUS_URL, for example http://127.0.0.1:9090.
        """

    func run(_ arguments: [String]) async -> Int32 {
        guard let name = arguments.first else {
            standardError.write(Self.overview + "\n")
            return 64
        }
        if ["--help", "-h", "help"].contains(name) {
            standardOutput.write(Self.overview + "\n")
            return 0
        }
        if name == "version" || name == "--version" {
            standardOutput.write("promlambda \(Self.version)\n")
            return 0
        }
        if name == MCPCommand.spec.name {
            return await runMCP(Array(arguments.dropFirst()))
        }
        if name == SchemaCommand.spec.name {
            do {
                let parsed = try SchemaCommand.spec.parse(Array(arguments.dropFirst()))
                standardOutput.write(parsed.has("help") ? SchemaCommand.spec.help + "\n" : try SchemaCommand.render(parsed))
                return 0
            } catch {
                standardError.write("Error: \(error.message)\nUsage: \(SchemaCommand.spec.usage)\n")
                return 64
            }
        }
        if name == InvokeCommand.spec.name {
            let command = InvokeCommand(environment: environment, standardOutput: standardOutput,
                                        standardError: standardError)
            return await command.run(Array(arguments.dropFirst()))
        }
        guard let command = ToolCommand.all.first(where: { $0.spec.name == name }) else {
            standardError.write("Error: Unknown command '\(name)'. Run 'promlambda --help' for the list.\n")
            return 64
        }
        do {
            let parsed = try command.spec.parse(Array(arguments.dropFirst()))
            if parsed.has("help") {
                standardOutput.write(command.spec.help + "\n")
                return 0
            }
            return try await runTool(command, parsed)
        } catch {
            return Self.report(error, spec: nil, to: standardError)
        }
    }

    private func runMCP(_ arguments: [String]) async -> Int32 {
        do {
            let parsed = try MCPCommand.spec.parse(arguments)
            if parsed.has("help") {
                standardOutput.write(MCPCommand.spec.help + "\n")
                return 0
            }
            return try await MCPCommand.run(parsed, environment: environment, standardError: standardError)
        } catch {
            return Self.report(error, spec: MCPCommand.spec, to: standardError)
        }
    }

    /// Writes a command's error to `sink` and returns the exit status: 64 for a usage or configuration
    /// error, 1 for any other failure. A usage error is followed by the command's usage line.
    /// - Parameter spec: the command, when the error itself does not name one.
    static func report(_ error: any Error, spec: CommandSpec?, to sink: any TextSink) -> Int32 {
        switch error {
        case let error as UsageError:
            var message = "Error: \(error.message)\n"
            if let command = error.command ?? spec {
                message += "Usage: \(command.usage)\nRun 'promlambda \(command.name) --help' for more.\n"
            }
            sink.write(message)
            return 64
        case let error as ConfigurationError:
            sink.write("Error: \(error.message)\n")
            return 64
        default:
            sink.write("Error: \(error)\n")
            return 1
        }
    }

    /// Builds the toolbox from the environment, with `--url` in place of `PROMETHEUS_URL` when given.
    /// - Parameter requiresServer: fail with a usage error when no default server is configured.
    static func makeToolbox(environment: Environment, url: String?, requiresServer: Bool) throws -> PrometheusToolbox {
        var configuration = try ToolConfiguration(environment: environment)
        if let url {
            configuration.prometheusURL = try ToolConfiguration.parseURL(url, variable: "--url")
            configuration.workspaceID = nil
            configuration.workspaceAlias = nil
        }
        if requiresServer, !configuration.hasDefaultServer {
            throw ConfigurationError(variable: "PROMETHEUS_URL", message: "No Prometheus server is configured. Set "
                                     + "PROMETHEUS_URL (for example http://127.0.0.1:9090) or pass --url; for Amazon "
                                     + "Managed Service for Prometheus, set AMP_WORKSPACE_ID or pass --workspace-id.")
        }
        let http = StandardHTTPClient(environment: environment)
        return try configuration.makeToolbox(environment: environment, http: http)
    }

    private func runTool(_ command: ToolCommand, _ parsed: ParsedArguments) async throws -> Int32 {
        let arguments = try command.arguments(from: parsed)
        let namesWorkspace = arguments["workspace_id"] != nil || arguments["workspace_alias"] != nil
        let toolbox = try Self.makeToolbox(environment: environment, url: parsed.value("url"),
                                           requiresServer: command.needsServer && !namesWorkspace)
        let output = await toolbox.call(name: command.tool, arguments: arguments, context: ToolCallContext())

        if parsed.has("json") {
            standardOutput.write(Self.prettyJSON(output.structured) + "\n")
        } else if !output.isError {
            standardOutput.write(output.text + "\n")
        }
        if output.isError {
            standardError.write(output.text + "\n")
            // A bad argument value is a usage error, so scripts can tell it from a server failure.
            return output.structured["error"] == "invalid_argument" ? 64 : 1
        }
        return 0
    }

    static func prettyJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? value.encodedString()
    }
}
