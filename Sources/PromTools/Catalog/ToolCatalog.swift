import PromLambdaCore

/// The single source of every tool's name, description and schemas.
///
/// MCP's `tools/list`, the AgentCore Gateway tool schema and `docs/tools.md` are generated from here.
public enum ToolCatalog {
    public static let all: [ToolDefinition] = [query, rangeQuery, listMetrics, labelValues, serverInfo, findWorkspace]
        .map { tool in
        var withExample = tool
        withExample.example = examples[tool.name]
        return withExample
    }

    /// The tools the Lambda functions serve, one function each. `label_values` is served over MCP and
    /// the CLI only, so it is not offered to AgentCore Gateway.
    public static let lambdaToolNames: Set<String> = ["query", "range_query", "list_metrics", "server_info",
                                                      "find_workspace"]

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
    static let size = JSONSchema.object([
        "bytes": JSONSchema.integer("The size of this result as compact JSON, this field included."),
        "estimatedTokens": JSONSchema.integer("An estimate of the tokens the result takes: bytes / 4."),
        "budgetBytes": JSONSchema.integer("The max_bytes the result was cut to."),
    ], required: ["bytes", "estimatedTokens", "budgetBytes"], description: "The size of the result and its budget.")

    static let notes: [String: JSONValue] = [
        "truncated": JSONSchema.boolean("True when the result was cut to fit max_bytes."),
        "note": JSONSchema.string("Why the result was cut, how the step was chosen, or that nothing matched."),
        "warnings": JSONSchema.array("Warnings from the server, kept with the data.", items: JSONSchema.string("A warning.")),
        "infos": JSONSchema.array("Informational notices from the server.", items: JSONSchema.string("A notice.")),
        "server": JSONSchema.string("The server that answered."),
        "size": size,
    ]

    /// The `format` argument, one definition for every tool that shapes series or lists.
    static let formatInput: [String: JSONValue] = [
        OutputFormat.argumentName: JSONSchema.string(OutputFormat.argumentDescription),
    ]

    static let filterInput: [String: JSONValue] = [
        "filter": JSONSchema.string("Keep entries containing this text (case-insensitive), or matching it as a "
                                    + "regular expression when it contains regex characters such as ^ $ . * |."),
        "limit": JSONSchema.integer("Entries per page, 1 to 5000. Default: 100."),
        "offset": JSONSchema.integer("Entries to skip, for the next page. Default: 0."),
    ]

    static let summary = JSONSchema.object([
        "count": JSONSchema.integer("Float samples in the series."),
        "first": JSONSchema.array("The first sample as Prometheus wrote it.", items: sample["items"] ?? .null),
        "last": JSONSchema.array("The last sample as Prometheus wrote it.", items: sample["items"] ?? .null),
        "min": JSONSchema.number("The smallest finite value; NaN and ±Inf are left out and counted in nonFinite."),
        "max": JSONSchema.number("The largest finite value."),
        "mean": JSONSchema.number("The mean of the finite values."),
        "trend": JSONSchema.string("rising, falling or flat: the last finite value against the first."),
        "nonFinite": JSONSchema.map("Samples left out of min, max and mean: counts keyed NaN, +Inf, -Inf."),
        "histograms": JSONSchema.integer("Native histogram samples, which the statistics do not cover."),
    ], description: "first, last, min, max, mean and trend of the series.")

    static let rangeSeries = JSONSchema.object([
        "labels": labels,
        "summary": summary,
        "points": JSONSchema.array("Samples, oldest first; absent when left out to fit the budget.", items: sample),
        "histograms": JSONSchema.array("Native histogram samples, oldest first.",
                                       items: JSONSchema.map("A [unix seconds, histogram] pair.")),
        "droppedPoints": JSONSchema.integer("Points of this series left out to fit the budget."),
    ])

    /// Result fields of the two query tools that depend on the format or on a cut.
    static let shapingOutput: [String: JSONValue] = [
        "format": JSONSchema.string("summary, raw or table: the format of this result."),
        "result": JSONSchema.array("raw format: the elements of Prometheus' result as it sent them, whole, while "
                                   + "they fit.", items: JSONSchema.map("A series: metric and value or values.")),
        "table": JSONSchema.string("table format: one row per series, aligned; labels shared by every row are "
                                   + "written once above it."),
        "labelCardinality": JSONSchema.array(
            "When series were left out: each label with its number of distinct values across all series, most "
                + "first.",
            items: JSONSchema.object([
                "label": JSONSchema.string("The label name."),
                "values": JSONSchema.integer("Distinct values."),
                "series": JSONSchema.integer("Series that carry the label."),
                "examples": JSONSchema.array("The first values seen.", items: JSONSchema.string("A value.")),
                "capped": JSONSchema.boolean("True when counting stopped; values is then a lower bound."),
            ])),
        "suggestions": JSONSchema.array(
            "When series or points were left out: narrower queries to run instead.",
            items: JSONSchema.object([
                "query": JSONSchema.string("The query to run."),
                "step": JSONSchema.number("The step to run it with, in seconds, for a larger step."),
                "estimatedSeries": JSONSchema.integer("At most this many series would come back."),
                "reason": JSONSchema.string("Why it is narrower."),
            ])),
        "hints": JSONSchema.object([
            "evaluated": JSONSchema.string("The time or range evaluated."),
            "selector": JSONSchema.string("The selector checked, as parsed from the query."),
            "checkedStart": JSONSchema.string("Start of the range checked, RFC 3339 UTC."),
            "checkedEnd": JSONSchema.string("End of the range checked, RFC 3339 UTC."),
            "metric": JSONSchema.string("The metric name checked."),
            "metricExists": JSONSchema.boolean("Whether any series of the metric exists in the range checked."),
            "similarMetrics": JSONSchema.array("Metric names that resemble a missing one.",
                                               items: JSONSchema.string("A metric name.")),
            "matchers": JSONSchema.array("Each label matcher checked against the label's values.", items: JSONSchema.object([
                "matcher": JSONSchema.string("The matcher, such as job=\"api\"."),
                "matchingValues": JSONSchema.integer("Values of the label the matcher accepts."),
                "totalValues": JSONSchema.integer("Values the label has on the series checked."),
                "existingValues": JSONSchema.array("When none match: values that exist, closest first.",
                                                   items: JSONSchema.string("A value.")),
            ])),
            "notChecked": JSONSchema.array("Matchers or steps not checked, with the reason.",
                                           items: JSONSchema.string("A matcher and the reason.")),
            "skippedReason": JSONSchema.string("Why nothing was checked: the query is too complex to parse."),
            "requests": JSONSchema.integer("Extra requests sent for the checks, at most 3."),
        ], description: "When no series matched: what was evaluated and checked, so the query can be fixed."),
    ]

    public static let query = ToolDefinition(
        name: "query",
        title: "Instant PromQL query",
        description: """
            Evaluate a PromQL expression at one instant and return the value of each matching series. \
            Use for current values, ratios and top-N questions. Series are sorted by value, highest first (lowest \
            first for bottomk; a query that calls sort keeps its own order), and cut to max_bytes; a cut says how \
            many series were left out and suggests narrower queries. When nothing matches, hints say whether the \
            metric and each label value exist. Failures return Prometheus' own error text.
            """,
        inputSchema: input([
            "query": JSONSchema.string("The PromQL expression, for example a metric name with label matchers."),
            "time": JSONSchema.string("Evaluation time: \(timeForms). Default: now."),
        ].merging(sampleThresholds) { own, _ in own }.merging(formatInput) { own, _ in own }, required: ["query"]),
        outputSchema: JSONSchema.object(notes.merging(shapingOutput) { own, _ in own }.merging([
            "query": JSONSchema.string("The evaluated expression."),
            "time": JSONSchema.string("The evaluation time, RFC 3339 UTC."),
            "resultType": JSONSchema.string("vector, matrix, scalar or string."),
            "order": JSONSchema.string("The order of series or rows: value_desc, value_asc (bottomk) or as_returned "
                                       + "(the query sorts, or the format is raw)."),
            "series": JSONSchema.array("summary format: the series of a vector result.", items: JSONSchema.object([
                "labels": labels,
                "value": JSONSchema.string("The value as Prometheus wrote it."),
                "histogram": JSONSchema.map("A native histogram: count, sum and buckets."),
            ])),
            "matrix": JSONSchema.array("summary format: the series of a range selector such as x[5m], summarized.",
                                       items: rangeSeries),
            "value": JSONSchema.string("The value of a scalar or string result."),
            "totalSeries": JSONSchema.integer("Series the server returned."),
            "returnedSeries": JSONSchema.integer("Series in this result."),
        ]) { own, _ in own }, required: ["query", "time", "resultType", "format", "totalSeries", "returnedSeries",
                                          "truncated", "size"]))

    public static let rangeQuery = ToolDefinition(
        name: "range_query",
        title: "Range PromQL query",
        description: """
            Evaluate a PromQL expression at each step over a time range. Use for trends and history. Each series \
            comes with a summary (first, last, min, max, mean, trend) and its points while they fit in max_bytes; \
            when not even the summaries fit, the result counts the values of each label and suggests narrower \
            queries. Without a step, one is chosen for about 250 points per series; a step that would exceed \
            11,000 points is raised.
            """,
        inputSchema: input([
            "query": JSONSchema.string("The PromQL expression."),
            "start": JSONSchema.string("Start of the range: \(timeForms). Default: one hour before end."),
            "end": JSONSchema.string("End of the range, same forms as start. Default: now."),
            "step": JSONSchema.string("Resolution: a Prometheus duration (30s, 5m, 1h) or seconds (15). "
                                      + "Default: chosen for about 250 points."),
        ].merging(sampleThresholds) { own, _ in own }.merging(formatInput) { own, _ in own }, required: ["query"]),
        outputSchema: JSONSchema.object(notes.merging(shapingOutput) { own, _ in own }.merging([
            "query": JSONSchema.string("The evaluated expression."),
            "start": JSONSchema.string("Start of the range, RFC 3339 UTC."),
            "end": JSONSchema.string("End of the range, RFC 3339 UTC."),
            "step": JSONSchema.number("The step used, in seconds."),
            "stepSource": JSONSchema.string("requested, automatic, or raised (to fit Prometheus' 11,000-point limit)."),
            "resultType": JSONSchema.string("matrix for range queries."),
            "series": JSONSchema.array("summary format: each series with its summary, in the server's order, and "
                                       + "its points while they fit.", items: rangeSeries),
            "totalSeries": JSONSchema.integer("Series the server returned."),
            "returnedSeries": JSONSchema.integer("Series in this result."),
            "totalPoints": JSONSchema.integer("Samples the server returned."),
            "returnedPoints": JSONSchema.integer("Samples in this result as points."),
        ]) { own, _ in own }, required: ["query", "start", "end", "step", "format", "totalSeries", "returnedSeries",
                                          "truncated", "size"]))

    public static let listMetrics = ToolDefinition(
        name: "list_metrics",
        title: "List metric names",
        description: """
            List metric names, sorted, one page at a time, with type and help text where the server has metadata. \
            Use first to find what can be queried. Returns the total count, the offset of the next page and, when \
            the names span several pages, their most common prefixes to filter on.
            """,
        inputSchema: input(filterInput.merging(formatInput) { own, _ in own }),
        outputSchema: JSONSchema.object(notes.merging([
            "filter": JSONSchema.string("The filter applied."),
            "filterMode": JSONSchema.string("substring or regex: how the filter was applied."),
            "format": JSONSchema.string("summary, raw or table: the format of this result."),
            "totalMetrics": JSONSchema.integer("All metric names on the server."),
            "matchedMetrics": JSONSchema.integer("Names that match the filter."),
            "offset": JSONSchema.integer("Names skipped."),
            "limit": JSONSchema.integer("Page size."),
            "nextOffset": JSONSchema.integer("The offset of the next page; absent on the last page."),
            "metrics": JSONSchema.array("summary format: the page of metrics.", items: JSONSchema.object([
                "name": JSONSchema.string("Metric name."),
                "type": JSONSchema.string("counter, gauge, histogram, summary, or unknown."),
                "help": JSONSchema.string("Help text."),
                "unit": JSONSchema.string("Unit."),
            ], required: ["name"])),
            "names": JSONSchema.array("raw format: the page of names, without metadata.",
                                      items: JSONSchema.string("A metric name.")),
            "table": JSONSchema.string("table format: METRIC, TYPE and HELP columns."),
            "prefixes": JSONSchema.array("When the names span several pages: the most common prefixes, to pass as "
                                         + "filter.", items: JSONSchema.object([
                                             "prefix": JSONSchema.string("A prefix up to and including its first _."),
                                             "count": JSONSchema.integer("Matching names with the prefix."),
                                         ])),
        ]) { own, _ in own }, required: ["format", "totalMetrics", "matchedMetrics", "offset", "limit", "truncated",
                                          "size"]))

    public static let labelValues = ToolDefinition(
        name: "label_values",
        title: "List label values",
        description: """
            List the values of one label, sorted, one page at a time: all of them, or only those on the series \
            that match a selector. Use to find the values a label matcher can take, such as the jobs or \
            instances of a metric. Returns the total count and the offset of the next page.
            """,
        inputSchema: input([
            "label": JSONSchema.string("The label name, such as job, instance or __name__."),
            "match": JSONSchema.string("A series selector such as up or http_requests_total{job=\"api\"}: list "
                                       + "only values on the series it matches."),
        ].merging(filterInput) { own, _ in own }.merging(formatInput) { own, _ in own }, required: ["label"]),
        outputSchema: JSONSchema.object(notes.merging([
            "label": JSONSchema.string("The label listed."),
            "match": JSONSchema.string("The series selector applied."),
            "filter": JSONSchema.string("The filter applied."),
            "filterMode": JSONSchema.string("substring or regex: how the filter was applied."),
            "format": JSONSchema.string("summary, raw or table: the format of this result."),
            "totalValues": JSONSchema.integer("Values of the label on the series selected."),
            "matchedValues": JSONSchema.integer("Values that match the filter."),
            "offset": JSONSchema.integer("Values skipped."),
            "limit": JSONSchema.integer("Page size."),
            "nextOffset": JSONSchema.integer("The offset of the next page; absent on the last page."),
            "values": JSONSchema.array("summary and raw formats: the page of values.",
                                       items: JSONSchema.string("A value.")),
            "table": JSONSchema.string("table format: the page, one value a line."),
        ]) { own, _ in own }, required: ["label", "format", "totalValues", "matchedValues", "offset", "limit",
                                          "truncated", "size"]))

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
        ]) { own, _ in own }, required: ["server", "unavailable", "size"]))

    static func workspace(_ description: String) -> JSONValue {
        JSONSchema.object(workspaceProperties, required: ["workspaceId", "status", "region"], description: description)
    }

    static let workspaceProperties: [String: JSONValue] = [
        "workspaceId": JSONSchema.string("The workspace ID."),
        "alias": JSONSchema.string("The alias."),
        "status": JSONSchema.string("CREATING, ACTIVE, UPDATING, DELETING or CREATION_FAILED."),
        "arn": JSONSchema.string("The workspace ARN."),
        "region": JSONSchema.string("The AWS Region."),
        "createdAt": JSONSchema.string("Creation time, RFC 3339 UTC."),
        "prometheusEndpoint": JSONSchema.string("The query endpoint; only for a workspace found by ID or alias."),
    ]

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
            "workspace": workspace("The workspace found by ID or alias."),
            "workspaces": JSONSchema.array("The workspaces listed.", items: workspace("One workspace.")),
            "totalWorkspaces": JSONSchema.integer("Workspaces that matched the listing."),
            "truncated": JSONSchema.boolean("True when the listing was cut."),
            "note": JSONSchema.string("What was cut, or that nothing matched."),
            "size": size,
        ], required: ["region", "truncated", "size"]))
}
