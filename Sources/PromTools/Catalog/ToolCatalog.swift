import PromLambdaCore

/// The single source of every tool's name, description and schemas.
///
/// MCP's `tools/list`, the AgentCore Gateway tool schema and `docs/tools.md` are generated from here.
public enum ToolCatalog {
    public static let all: [ToolDefinition] = [query, rangeQuery, listMetrics, serverInfo, findWorkspace].map { tool in
        var withExample = tool
        withExample.example = examples[tool.name]
        return withExample
    }

    static let timeForms = "RFC 3339 with a zone (2026-01-01T00:00:00Z), Unix seconds, now, now-1h, or a duration "
        + "meaning that long ago (15m)"

    /// Arguments every tool accepts.
    static let commonInput: [String: JSONValue] = [
        "max_bytes": JSONSchema.integer(
            "Size budget of the result in bytes of JSON, 1000 to 1000000; results over it are cut and say what was "
                + "left out. Defaults to the server's setting (32000 unless configured)."),
        "workspace_id": JSONSchema.string(
            "Amazon Managed Service for Prometheus only: the workspace ID (ws-...). Omit to use the configured server."),
        "workspace_alias": JSONSchema.string(
            "Amazon Managed Service for Prometheus only: the workspace alias, matched exactly. Omit to use the "
                + "configured server."),
        "region": JSONSchema.string(
            "Amazon Managed Service for Prometheus only: the AWS Region of the workspace, such as us-east-1."),
    ]

    /// AMP's caps on query samples processed, for the two query tools.
    static let sampleThresholds: [String: JSONValue] = [
        "max_samples_processed_warning_threshold": JSONSchema.integer(
            "Amazon Managed Service for Prometheus only: add a warning when the query processes more samples."),
        "max_samples_processed_error_threshold": JSONSchema.integer(
            "Amazon Managed Service for Prometheus only: reject the query, uncharged, past this many samples."),
    ]

    static func input(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        JSONSchema.object(properties.merging(commonInput) { own, _ in own }, required: required)
    }

    static let labels = JSONSchema.map("Label names to values, including __name__ when the series has one.")
    static let sample = JSONSchema.array("A [unix seconds, \"value\"] pair; the value is a string so NaN and "
                                         + "+Inf/-Inf survive.",
                                         items: ["type": ["number", "string"], "description": "Timestamp or value."])
    static let notes: [String: JSONValue] = [
        "truncated": JSONSchema.boolean("True when the result was cut to fit max_bytes."),
        "note": JSONSchema.string("Why the result was cut, how the step was chosen, or that nothing matched."),
        "warnings": JSONSchema.array("Warnings from the server, kept with the data.", items: JSONSchema.string("A warning.")),
        "infos": JSONSchema.array("Informational notices from the server.", items: JSONSchema.string("A notice.")),
        "server": JSONSchema.string("The server that answered."),
    ]

    public static let query = ToolDefinition(
        name: "query",
        title: "Instant PromQL query",
        description: """
            Evaluate a PromQL expression at one instant and return the value of each matching series. \
            Use for current values, ratios and top-N questions. Large results are cut to max_bytes and say what \
            was left out. Failures return Prometheus' own error text.
            """,
        inputSchema: input([
            "query": JSONSchema.string("The PromQL expression, for example a metric name with label matchers."),
            "time": JSONSchema.string("Evaluation time: \(timeForms). Default: now."),
        ].merging(sampleThresholds) { own, _ in own }, required: ["query"]),
        outputSchema: JSONSchema.object(notes.merging([
            "query": JSONSchema.string("The evaluated expression."),
            "time": JSONSchema.string("The evaluation time, RFC 3339 UTC."),
            "resultType": JSONSchema.string("vector, matrix, scalar or string."),
            "series": JSONSchema.array("The series of a vector result.", items: JSONSchema.object([
                "labels": labels,
                "value": JSONSchema.string("The value as Prometheus wrote it."),
                "histogram": JSONSchema.map("A native histogram: count, sum and buckets."),
            ])),
            "matrix": JSONSchema.array("Raw samples of a range selector such as x[5m].", items: JSONSchema.object([
                "labels": labels, "points": JSONSchema.array("Samples, oldest first.", items: sample),
            ])),
            "value": JSONSchema.string("The value of a scalar or string result."),
            "totalSeries": JSONSchema.integer("Series the server returned."),
            "returnedSeries": JSONSchema.integer("Series in this result."),
        ]) { own, _ in own }, required: ["query", "time", "resultType", "totalSeries", "returnedSeries", "truncated"]))

    public static let rangeQuery = ToolDefinition(
        name: "range_query",
        title: "Range PromQL query",
        description: """
            Evaluate a PromQL expression at each step over a time range and return each series' values. \
            Use for trends and history. Without a step, one is chosen for at most 250 points per series; \
            a step that would exceed 11,000 points is raised. Results are cut to max_bytes and say what was left out.
            """,
        inputSchema: input([
            "query": JSONSchema.string("The PromQL expression."),
            "start": JSONSchema.string("Start of the range: \(timeForms). Default: one hour before end."),
            "end": JSONSchema.string("End of the range, same forms as start. Default: now."),
            "step": JSONSchema.string("Resolution: a Prometheus duration (30s, 5m, 1h) or seconds (15). "
                                      + "Default: chosen for at most 250 points."),
        ].merging(sampleThresholds) { own, _ in own }, required: ["query"]),
        outputSchema: JSONSchema.object(notes.merging([
            "query": JSONSchema.string("The evaluated expression."),
            "start": JSONSchema.string("Start of the range, RFC 3339 UTC."),
            "end": JSONSchema.string("End of the range, RFC 3339 UTC."),
            "step": JSONSchema.number("The step used, in seconds."),
            "stepSource": JSONSchema.string("requested, automatic, or raised (to fit Prometheus' 11,000-point limit)."),
            "resultType": JSONSchema.string("matrix for range queries."),
            "series": JSONSchema.array("Series with their samples.", items: JSONSchema.object([
                "labels": labels,
                "points": JSONSchema.array("Samples, oldest first.", items: sample),
                "droppedPoints": JSONSchema.integer("Points of this series left out to fit the budget."),
            ])),
            "totalSeries": JSONSchema.integer("Series the server returned."),
            "returnedSeries": JSONSchema.integer("Series in this result."),
            "totalPoints": JSONSchema.integer("Samples the server returned."),
            "returnedPoints": JSONSchema.integer("Samples in this result."),
        ]) { own, _ in own }, required: ["query", "start", "end", "step", "series", "totalSeries", "truncated"]))

    public static let listMetrics = ToolDefinition(
        name: "list_metrics",
        title: "List metric names",
        description: """
            List metric names, sorted, one page at a time, with type and help text where the server has metadata. \
            Use first to find what can be queried. Returns the total count and the offset of the next page.
            """,
        inputSchema: input([
            "filter": JSONSchema.string("Keep names containing this text (case-insensitive), or matching it as a "
                                        + "regular expression when it contains regex characters such as ^ $ . * |."),
            "limit": JSONSchema.integer("Names per page, 1 to 5000. Default: 100."),
            "offset": JSONSchema.integer("Names to skip, for the next page. Default: 0."),
        ]),
        outputSchema: JSONSchema.object(notes.merging([
            "filter": JSONSchema.string("The filter applied."),
            "filterMode": JSONSchema.string("substring or regex: how the filter was applied."),
            "totalMetrics": JSONSchema.integer("All metric names on the server."),
            "matchedMetrics": JSONSchema.integer("Names that match the filter."),
            "offset": JSONSchema.integer("Names skipped."),
            "limit": JSONSchema.integer("Page size."),
            "nextOffset": JSONSchema.integer("The offset of the next page; absent on the last page."),
            "metrics": JSONSchema.array("The page of metrics.", items: JSONSchema.object([
                "name": JSONSchema.string("Metric name."),
                "type": JSONSchema.string("counter, gauge, histogram, summary, or unknown."),
                "help": JSONSchema.string("Help text."),
                "unit": JSONSchema.string("Unit."),
            ], required: ["name"])),
        ]) { own, _ in own }, required: ["totalMetrics", "matchedMetrics", "offset", "limit", "metrics"]))

    public static let serverInfo = ToolDefinition(
        name: "server_info",
        title: "Server information",
        description: """
            Describe the Prometheus server: version and build, runtime (start time, retention, series counts) \
            and command-line flags; the configuration YAML only when include_config is true. \
            For Amazon Managed Service for Prometheus, describes the workspace instead.
            """,
        inputSchema: input([
            "include_config": JSONSchema.boolean("Also return the configuration YAML. Default: false."),
        ]),
        outputSchema: JSONSchema.object(notes.merging([
            "build": JSONSchema.map("Build information: version, revision, branch, goVersion."),
            "runtime": JSONSchema.map("Runtime information: startTime, storageRetention, timeSeriesCount and more."),
            "flags": JSONSchema.map("Command-line flags, name to value."),
            "config": JSONSchema.string("The configuration YAML, when requested."),
            "workspace": JSONSchema.map("The AMP workspace: ID, alias, status, endpoint, ARN, region."),
            "unavailable": JSONSchema.array("Parts the server did not provide, with reasons.",
                                            items: JSONSchema.string("A part and its reason.")),
        ]) { own, _ in own }, required: ["server", "unavailable"]))

    static let workspace = JSONSchema.object([
        "workspaceId": JSONSchema.string("The workspace ID."),
        "alias": JSONSchema.string("The alias."),
        "status": JSONSchema.string("CREATING, ACTIVE, UPDATING, DELETING or CREATION_FAILED."),
        "arn": JSONSchema.string("The workspace ARN."),
        "region": JSONSchema.string("The AWS Region."),
        "createdAt": JSONSchema.string("Creation time, RFC 3339 UTC."),
        "prometheusEndpoint": JSONSchema.string("The query endpoint; only for a workspace found by ID or alias."),
    ], required: ["workspaceId", "status", "region"])

    public static let findWorkspace = ToolDefinition(
        name: "find_workspace",
        title: "Find an AMP workspace",
        description: """
            Find an Amazon Managed Service for Prometheus workspace by workspace_id or by exact workspace_alias and \
            return its status and query endpoint; with neither, list the workspaces of the Region. Pass the \
            workspace_id or workspace_alias found here to the other tools to query that workspace.
            """,
        inputSchema: input([
            "alias_prefix": JSONSchema.string("When listing: keep only workspaces whose alias starts with this text."),
        ]),
        outputSchema: JSONSchema.object([
            "region": JSONSchema.string("The AWS Region searched."),
            "workspace": workspace,
            "workspaces": JSONSchema.array("The workspaces listed.", items: workspace),
            "totalWorkspaces": JSONSchema.integer("Workspaces that matched the listing."),
            "truncated": JSONSchema.boolean("True when the listing was cut."),
            "note": JSONSchema.string("What was cut, or that nothing matched."),
        ], required: ["region", "truncated"]))
}
