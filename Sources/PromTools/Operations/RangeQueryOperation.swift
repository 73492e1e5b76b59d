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
                                          allowed: CommonArguments.names.union(["query", "start", "end", "step"])
                                              .union(SampleThresholdArguments.names))
        let common = try CommonArguments(arguments, settings: settings)
        let query = try arguments.requiredString("query", maxLength: settings.maxQueryLength)
        let end = try arguments.optionalTime("end", now: now) ?? now
        let start = try arguments.optionalTime("start", now: now) ?? end.addingTimeInterval(-settings.defaultRangeSeconds)
        let requestedStep = try arguments.optionalDuration("step")
        let thresholds = try SampleThresholdArguments.parameters(arguments)
        guard start < end else {
            throw ToolFailure.invalidArgument("start", "start (\(RFC3339.format(start))) must be before end "
                                              + "(\(RFC3339.format(end))).")
        }
        let step = StepSelection.choose(requested: requestedStep, rangeSeconds: end.timeIntervalSince(start),
                                        settings: settings)

        let connection = try await environment.connector.connect(common.selector, context: context)
        let response = try await connection.client.queryRange(query, start: start, end: end, step: step.seconds,
                                                              timeout: environment.evaluationTimeout(context),
                                                              extraParameters: thresholds)
        let output = Self.shape(response, query: query, start: start, end: end, step: step,
                                maxBytes: common.maxBytes, server: connection.serverDescription)
        return try .success(output, text: ResultText.render(output))
    }

    static func shape(_ response: APIResponse<QueryResult>, query: String, start: Date, end: Date,
                      step: StepSelection, maxBytes: Int, server: String) -> RangeQueryOutput {
        var output = RangeQueryOutput(
            query: query, start: RFC3339.format(start, fractionalDigits: 3), end: RFC3339.format(end, fractionalDigits: 3),
            step: step.seconds, stepSource: step.source, resultType: response.data.resultType, series: [],
            totalSeries: 0, returnedSeries: 0, totalPoints: 0, returnedPoints: 0, truncated: false, note: nil,
            warnings: response.warnings, infos: response.infos, server: server)

        let series: [RangeSeries]
        switch response.data {
        case .matrix(let matrix): series = matrix
        case .vector(let vector):
            series = vector.map { RangeSeries(metric: $0.metric, values: $0.value.map { [$0] } ?? []) }
        case .scalar(let point), .string(let point):
            series = [RangeSeries(metric: [:], values: [point])]
        }

        let room = maxBytes - ResultBudget.size(of: output) - ResultBudget.noteReserve
        let fit = MatrixBudget.fit(series, maxBytes: room)
        output.series = fit.series
        output.totalSeries = series.count
        output.returnedSeries = fit.series.count
        output.totalPoints = fit.totalPoints
        output.returnedPoints = fit.returnedPoints
        output.truncated = fit.truncated

        var notes: [String] = []
        if let stepNote = step.note { notes.append(stepNote) }
        if series.isEmpty {
            notes.append("No series matched between \(output.start) and \(output.end).")
        } else if fit.truncated {
            notes.append(MatrixBudget.note(fit, totalSeries: series.count, maxBytes: maxBytes))
        }
        output.note = notes.isEmpty ? nil : notes.joined(separator: " ")
        return output
    }
}
