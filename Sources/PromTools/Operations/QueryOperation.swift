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
        let arguments = try ToolArguments(json, tool: "query", allowed: CommonArguments.names.union(["query", "time"])
                                              .union(SampleThresholdArguments.names))
        let common = try CommonArguments(arguments, settings: environment.settings)
        let query = try arguments.requiredString("query", maxLength: environment.settings.maxQueryLength)
        let time = try arguments.optionalTime("time", now: now) ?? now
        let thresholds = try SampleThresholdArguments.parameters(arguments)

        let connection = try await environment.connector.connect(common.selector, context: context)
        let response = try await connection.client.query(query, time: time,
                                                         timeout: environment.evaluationTimeout(context),
                                                         extraParameters: thresholds)
        let output = Self.shape(response, query: query, time: time, maxBytes: common.maxBytes,
                                server: connection.serverDescription)
        return try .success(output, text: ResultText.render(output))
    }

    /// Builds the result and cuts its series to `maxBytes`.
    static func shape(_ response: APIResponse<QueryResult>, query: String, time: Date, maxBytes: Int,
                      server: String) -> QueryOutput {
        var output = QueryOutput(query: query, time: RFC3339.format(time, fractionalDigits: 3),
                                 resultType: response.data.resultType, series: nil, matrix: nil, value: nil, totalSeries: 0,
                                 returnedSeries: 0, truncated: false, note: nil, warnings: response.warnings,
                                 infos: response.infos, server: server)
        switch response.data {
        case .scalar(let point), .string(let point):
            output.value = point.value
            output.totalSeries = 1
            output.returnedSeries = 1
        case .vector(let series):
            let samples = series.map {
                VectorSample(labels: $0.metric, value: $0.value?.value, histogram: $0.histogram?.histogram)
            }
            output.series = []
            let room = maxBytes - ResultBudget.size(of: output) - ResultBudget.noteReserve
            let fit = ResultBudget.fittingPrefix(samples, maxBytes: room)
            output.series = Array(samples.prefix(fit.count))
            output.totalSeries = samples.count
            output.returnedSeries = fit.count
            output.truncated = fit.count < samples.count
            if samples.isEmpty {
                output.note = "No series matched at \(output.time)."
            } else if output.truncated {
                output.note = "Showing \(fit.count) of \(samples.count) series to stay within \(maxBytes) bytes; "
                    + "\(samples.count - fit.count) series were left out. Narrow the query with label matchers, "
                    + "aggregate it (sum by, topk), or raise max_bytes."
            }
        case .matrix(let series):
            // A range selector such as `up[5m]` in an instant query returns the raw samples as a matrix.
            let room = maxBytes - ResultBudget.size(of: output) - ResultBudget.noteReserve
            let fit = MatrixBudget.fit(series, maxBytes: room)
            output.matrix = fit.series
            output.totalSeries = series.count
            output.returnedSeries = fit.series.count
            output.truncated = fit.truncated
            if series.isEmpty {
                output.note = "No series matched at \(output.time)."
            } else if fit.truncated {
                output.note = MatrixBudget.note(fit, totalSeries: series.count, maxBytes: maxBytes)
            }
        }
        return output
    }
}
