import Foundation
import PrometheusAPI
import PromLambdaCore

/// `query`: evaluates an instant PromQL query at one time.
public struct QueryOperation: ToolOperation {
    public let environment: ToolEnvironment

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.query }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let now = environment.timeSource.now
        let arguments = try ToolArguments(json, tool: "query", allowed: CommonArguments.names
                                              .union(["query", "time", OutputFormat.argumentName])
                                              .union(SampleThresholdArguments.names))
        let common = try CommonArguments(arguments, settings: environment.settings)
        let query = try arguments.requiredString("query", maxLength: environment.settings.maxQueryLength)
        let time = try arguments.optionalTime("time", now: now) ?? now
        let format = try OutputFormat.parse(arguments)
        let thresholds = try SampleThresholdArguments.parameters(arguments)

        let connection = try await environment.connector.connect(common.selector, context: context)
        var output = QueryOutput(
            query: ResultBudget.echo(query, maxBytes: common.maxBytes), time: RFC3339.format(time, fractionalDigits: 3),
            resultType: "", format: format, order: nil, series: nil, matrix: nil, result: nil, table: nil, value: nil,
            totalSeries: 0, returnedSeries: 0, truncated: false, labelCardinality: nil, suggestions: nil, hints: nil,
            note: nil, warnings: [], infos: [], server: connection.serverDescription,
            size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        var shaper = SeriesShaper(format: format, order: VectorOrder.choose(for: query),
                                  roomBytes: ResultBudget.room(for: output, maxBytes: common.maxBytes))
        let response = try await connection.client.streamQuery(query, time: time,
                                                               timeout: environment.evaluationTimeout(context),
                                                               extraParameters: thresholds, into: &shaper)
        output.resultType = response.resultType
        output.warnings = response.warnings
        output.infos = response.infos

        var shaped = shaper.shaped(resultType: response.resultType, maxBytes: common.maxBytes)
        if let scalar = response.scalar {
            output.value = scalar.value
            output.totalSeries = 1
            output.returnedSeries = 1
            if format == .raw { output.result = [.number(scalar.timestamp), .string(scalar.value)] }
        } else if shaped.totalSeries == 0 {
            let check = EmptyResultCheck(client: connection.client, query: query, start: time, end: time,
                                         evaluated: "at \(output.time)")
            (output.hints, output.note) = try await check.run()
            Self.apply(shaped, to: &output, query: query, maxBytes: common.maxBytes)
        } else {
            Self.apply(shaped, to: &output, query: query, maxBytes: common.maxBytes)
        }
        let structured = try ResultBudget.finish(&output, maxBytes: common.maxBytes) { output, excess in
            guard shaped.totalSeries > 0, shaped.shrink(by: excess) else {
                return ResultBudget.shrinkHints(&output.hints)
                    || ResultBudget.shrinkMessages(&output.note, &output.warnings, excess: excess)
            }
            Self.apply(shaped, to: &output, query: query, maxBytes: common.maxBytes)
            return true
        }
        return ToolOutput(structured: structured,
                          text: ResultText.capped(ResultText.render(output), maxBytes: common.maxBytes), isError: false)
    }

    /// Writes the kept series, counts and the note of a vector or matrix result into `output`.
    static func apply(_ shaped: ShapedSeries, to output: inout QueryOutput, query: String, maxBytes: Int) {
        output.totalSeries = shaped.totalSeries
        output.returnedSeries = shaped.returnedSeries
        output.truncated = shaped.truncated
        guard shaped.totalSeries > 0 else {
            output.series = output.resultType == "vector" && output.format == .summary ? [] : nil
            output.matrix = output.resultType == "matrix" && output.format == .summary ? [] : nil
            output.result = output.format == .raw ? [] : nil
            return
        }
        switch output.format {
        case .summary where shaped.isRange: output.matrix = shaped.ranges
        case .summary: output.series = shaped.vectors
        case .raw: output.result = shaped.rawResult
        case .table: output.table = shaped.table()
        }
        output.order = shaped.isRange || output.format == .raw ? VectorOrder.asReturned.rawValue : shaped.order.rawValue
        output.labelCardinality = shaped.labelCardinality
        // A range-vector selector's samples cannot go into sum or topk, so no query is suggested for them.
        output.suggestions = shaped.isRange ? nil : shaped.suggestions(query: query, step: nil)
        output.note = shaped.note(maxBytes: maxBytes)
        if shaped.isRange, shaped.seriesLeftOut > 0 {
            output.note = (output.note ?? "") + " To aggregate the samples of a range selector, apply a function "
                + "over time first, such as max_over_time(...) inside sum without (...)."
        }
    }
}
