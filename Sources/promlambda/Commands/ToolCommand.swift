import Foundation
import PromLambdaCore
import PromTools

/// A CLI command that calls one tool: it maps options to the tool's JSON arguments, so the CLI
/// validates nothing itself and accepts exactly what the Lambda functions and MCP accept.
struct ToolCommand: Sendable {
    var spec: CommandSpec
    var tool: String
    /// Maps `--option` names to tool argument names.
    var optionArguments: [String: String]
    /// Flags that set a boolean tool argument to true.
    var flagArguments: [String: String] = [:]
    /// The tool argument that the single positional argument fills, if any.
    var positionalArgument: String?
    /// Whether the tool queries a server, so that one must be configured or named.
    var needsServer = true

    func arguments(from parsed: ParsedArguments) throws(UsageError) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let positionalArgument {
            guard parsed.positionals.count == 1 else {
                let problem = parsed.positionals.isEmpty ? "Missing" : "Expected one"
                throw UsageError(message: "\(problem) \(spec.positionals.first?.name ?? "argument"); quote the "
                                 + "expression so the shell passes it as one argument.", command: spec)
            }
            object[positionalArgument] = .string(parsed.positionals[0])
        } else if let extra = parsed.positionals.first {
            throw UsageError(message: "Unexpected argument \"\(extra)\".", command: spec)
        }
        for (option, argument) in optionArguments {
            if let value = parsed.value(option) { object[argument] = .string(value) }
        }
        for (flag, argument) in flagArguments where parsed.has(flag) {
            object[argument] = true
        }
        for (option, argument) in Self.workspaceArguments {
            if let value = parsed.value(option) { object[argument] = .string(value) }
        }
        if let maxBytes = parsed.value("max-bytes") { object["max_bytes"] = .string(maxBytes) }
        if let format = parsed.value("format") { object["format"] = .string(format) }
        return .object(object)
    }
}

extension ToolCommand {
    static let workspaceArguments = ["workspace-id": "workspace_id", "workspace-alias": "workspace_alias",
                                     "region": "region"]

    static let query = ToolCommand(
        spec: CommandSpec(
            name: "query", summary: "Evaluate an instant PromQL query.",
            positionals: [("QUERY", "The PromQL expression.")],
            options: [CommandSpec.Option(name: "time", valueName: "TIME",
                                         help: "Evaluation time: RFC 3339, Unix seconds, now, now-1h or 15m. Default: now."),
                      CommandSpec.formatOption]
                + CommandSpec.commonOptions,
            discussion: "Example: promlambda query 'sum by (job) (rate(http_requests_total[5m]))' --time now-1h"),
        tool: "query", optionArguments: ["time": "time"], positionalArgument: "query")

    static let range = ToolCommand(
        spec: CommandSpec(
            name: "range", summary: "Evaluate a PromQL query over a time range.",
            positionals: [("QUERY", "The PromQL expression.")],
            options: [
                CommandSpec.Option(name: "start", valueName: "TIME", help: "Range start (same forms as --end). Default: end - 1h."),
                CommandSpec.Option(name: "end", valueName: "TIME", help: "Range end: RFC 3339, Unix seconds, now, now-1h. Default: now."),
                CommandSpec.Option(name: "step", valueName: "STEP", help: "Resolution: 30s, 5m, 1h30m or seconds. Default: about 250 points."),
                CommandSpec.formatOption,
            ] + CommandSpec.commonOptions,
            discussion: "Example: promlambda range 'rate(http_requests_total[5m])' --start now-6h --step 5m"),
        tool: "range_query", optionArguments: ["start": "start", "end": "end", "step": "step"],
        positionalArgument: "query")

    static let metrics = ToolCommand(
        spec: CommandSpec(
            name: "metrics", summary: "List metric names, a page at a time.",
            positionals: [],
            options: [
                CommandSpec.Option(name: "filter", valueName: "TEXT", help: "Substring, or a regex if it has regex characters."),
                CommandSpec.Option(name: "limit", valueName: "N", help: "Names per page, 1-5000. Default: 100."),
                CommandSpec.Option(name: "offset", valueName: "N", help: "Names to skip. Default: 0."),
                CommandSpec.formatOption,
            ] + CommandSpec.commonOptions,
            discussion: "Example: promlambda metrics --filter http --limit 20"),
        tool: "list_metrics", optionArguments: ["filter": "filter", "limit": "limit", "offset": "offset"])

    static let labels = ToolCommand(
        spec: CommandSpec(
            name: "labels", summary: "List the values of a label, a page at a time.",
            positionals: [("LABEL", "The label name, such as job or __name__.")],
            options: [
                CommandSpec.Option(name: "match", valueName: "SELECTOR", help: "Only values on the series this selector matches."),
                CommandSpec.Option(name: "filter", valueName: "TEXT", help: "Substring, or a regex if it has regex characters."),
                CommandSpec.Option(name: "limit", valueName: "N", help: "Values per page, 1-5000. Default: 100."),
                CommandSpec.Option(name: "offset", valueName: "N", help: "Values to skip. Default: 0."),
                CommandSpec.formatOption,
            ] + CommandSpec.commonOptions,
            discussion: "Example: promlambda labels instance --match 'up{job=\"node\"}'"),
        tool: "label_values",
        optionArguments: ["match": "match", "filter": "filter", "limit": "limit", "offset": "offset"],
        positionalArgument: "label")

    static let info = ToolCommand(
        spec: CommandSpec(
            name: "info", summary: "Show the server's build, runtime and flags.",
            positionals: [],
            options: [CommandSpec.Option(name: "config", valueName: nil, help: "Also show the configuration YAML.")]
                + CommandSpec.commonOptions),
        tool: "server_info", optionArguments: [:], flagArguments: ["config": "include_config"])

    static let workspaces = ToolCommand(
        spec: CommandSpec(
            name: "workspaces", summary: "List Amazon Managed Service for Prometheus workspaces, or find one.",
            positionals: [],
            options: [
                CommandSpec.Option(name: "workspace-id", valueName: "ID", help: "Find the workspace with this ID."),
                CommandSpec.Option(name: "workspace-alias", valueName: "ALIAS", help: "Find the workspace with exactly this alias."),
                CommandSpec.Option(name: "alias", valueName: "PREFIX", help: "List only workspaces whose alias starts with PREFIX."),
                CommandSpec.Option(name: "region", valueName: "REGION", help: "AWS Region. Default: $AWS_REGION or the profile's."),
                CommandSpec.Option(name: "json", valueName: nil, help: "Print the result as JSON for scripts."),
                CommandSpec.Option(name: "help", valueName: nil, help: "Show this help."),
            ],
            discussion: "Credentials come from the standard AWS chain: environment, shared files (AWS_PROFILE), "
                + "container endpoint, EC2 metadata."),
        tool: "find_workspace", optionArguments: ["alias": "alias_prefix"], needsServer: false)

    static let all: [ToolCommand] = [query, range, metrics, labels, info, workspaces]
}
