import Foundation
import PrometheusAPI
import PromLambdaCore

/// `range_query`: evaluates a PromQL query at each step between two times.
public struct RangeQueryOperation: ToolOperation {
    public let environment: ToolEnvironment

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.rangeQuery }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let settings = environment.settings
        let now = environment.timeSource.now
        let arguments = try ToolArguments(json, tool: "range_query",
                                          allowed: CommonArguments.names
                                              .union(["query", "start", "end", "step", OutputFormat.argumentName])
                                              .union(SampleThresholdArguments.names))
        let common = try CommonArguments(arguments, settings: settings)
        let query = try arguments.requiredString("query", maxLength: settings.maxQueryLength)
        let end = try arguments.optionalTime("end", now: now) ?? now
        let start = try arguments.optionalTime("start", now: now) ?? end.addingTimeInterval(-settings.defaultRangeSeconds)
        let requestedStep = try arguments.optionalDuration("step")
        let format = try OutputFormat.parse(arguments)
        let thresholds = try SampleThresholdArguments.parameters(arguments)
        guard start < end else {
            throw ToolFailure.invalidArgument("start", "start (\(RFC3339.format(start))) must be before end "
                                              + "(\(RFC3339.format(end))).")
        }
        let step = StepSelection.choose(requested: requestedStep, rangeSeconds: end.timeIntervalSince(start),
                                        settings: settings)

        let connection = try await environment.connector.connect(common.selector, context: context)
        var output = RangeQueryOutput(
            query: ResultBudget.echo(query, maxBytes: common.maxBytes),
            start: RFC3339.format(start, fractionalDigits: 3), end: RFC3339.format(end, fractionalDigits: 3),
            step: step.seconds, stepSource: step.source, resultType: "", format: format, series: nil, result: nil,
            table: nil, totalSeries: 0, returnedSeries: 0, totalPoints: 0, returnedPoints: 0, truncated: false,
            labelCardinality: nil, suggestions: nil, hints: nil, note: step.note, warnings: [], infos: [],
            server: connection.serverDescription, size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        var shaper = SeriesShaper(format: format, order: .asReturned,
                                  roomBytes: ResultBudget.room(for: output, maxBytes: common.maxBytes))
        let response = try await connection.client.streamQueryRange(query, start: start, end: end, step: step.seconds,
                                                                    timeout: environment.evaluationTimeout(context),
                                                                    extraParameters: thresholds, into: &shaper)
        output.resultType = response.resultType
        output.warnings = response.warnings
        output.infos = response.infos

        // A range query always returns a matrix; other types are shaped as series all the same.
        var shaped = shaper.shaped(resultType: "matrix", maxBytes: common.maxBytes)
        if shaped.totalSeries == 0 {
            let check = EmptyResultCheck(client: connection.client, query: query, start: start, end: end,
                                         evaluated: "from \(output.start) to \(output.end)")
            let (hints, note) = try await check.run()
            output.hints = hints
            output.note = [step.note, note].compactMap { $0 }.joined(separator: " ")
        }
        Self.apply(shaped, to: &output, query: query, step: step, maxBytes: common.maxBytes)
        let structured = try ResultBudget.finish(&output, maxBytes: common.maxBytes) { output, excess in
            guard shaped.totalSeries > 0, shaped.shrink(by: excess) else {
                return ResultBudget.shrinkHints(&output.hints)
                    || ResultBudget.shrinkMessages(&output.note, &output.warnings, excess: excess)
            }
            Self.apply(shaped, to: &output, query: query, step: step, maxBytes: common.maxBytes)
            return true
        }
        return ToolOutput(structured: structured,
                          text: ResultText.capped(ResultText.render(output), maxBytes: common.maxBytes), isError: false)
    }

    static func apply(_ shaped: ShapedSeries, to output: inout RangeQueryOutput, query: String, step: StepSelection,
                      maxBytes: Int) {
        output.totalSeries = shaped.totalSeries
        output.returnedSeries = shaped.returnedSeries
        output.totalPoints = shaped.totalPoints
        output.returnedPoints = shaped.returnedPoints
        output.truncated = shaped.truncated
        switch output.format {
        case .summary: output.series = shaped.ranges
        case .raw: output.result = shaped.rawResult
        case .table: output.table = shaped.totalSeries > 0 ? shaped.table() : nil
        }
        guard shaped.totalSeries > 0 else { return }
        output.labelCardinality = shaped.labelCardinality
        output.suggestions = shaped.suggestions(query: query, step: step.seconds)
        let notes = [step.note, shaped.note(maxBytes: maxBytes)].compactMap { $0 }
        output.note = notes.isEmpty ? nil : notes.joined(separator: " ")
    }
}
