import Foundation
import PrometheusAPI
import PromLambdaCore

/// `list_metrics`: one page of metric names, filtered, with type and help where the server has them.
public struct ListMetricsOperation: ToolOperation {
    public let environment: ToolEnvironment

    public static let defaultLimit = 100
    public static let maxLimit = 5_000

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.listMetrics }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let arguments = try ToolArguments(json, tool: "list_metrics",
                                          allowed: CommonArguments.names.union(["filter", "limit", "offset"]))
        let common = try CommonArguments(arguments, settings: environment.settings)
        let filter = try arguments.optionalString("filter", maxLength: 1_000).map { text throws(ToolFailure) in
            try MetricFilter(text)
        }
        let limit = try arguments.optionalInt("limit", range: 1...Self.maxLimit) ?? Self.defaultLimit
        let offset = try arguments.optionalInt("offset", range: 0...Int(Int32.max)) ?? 0

        let connection = try await environment.connector.connect(common.selector, context: context)
        let names = try await connection.client.labelValues("__name__")
        let matched = names.data.filter { filter?.matches($0) ?? true }.sorted()
        let page = Array(matched.dropFirst(offset).prefix(limit))

        var warnings = names.warnings
        var metadata: [String: [MetricMetadata]] = [:]
        if !page.isEmpty {
            do {
                metadata = try await connection.client.metadata().data
            } catch let error as PrometheusError {
                // Metadata only adds type and help; the names are the result, so a failure here is a warning.
                warnings.append("Metric metadata is unavailable: \(error.description)")
            }
        }
        let entries = page.map { name in
            let first = metadata[name]?.first
            return MetricEntry(name: name, type: first?.type, help: first?.help.isEmpty == false ? first?.help : nil,
                               unit: first?.unit.isEmpty == false ? first?.unit : nil)
        }

        var output = ListMetricsOutput(
            filter: filter?.text, filterMode: filter?.mode.rawValue, totalMetrics: names.data.count,
            matchedMetrics: matched.count, offset: offset, limit: limit, metrics: [], nextOffset: nil,
            truncated: false, note: nil, warnings: warnings, server: connection.serverDescription)
        let room = common.maxBytes - ResultBudget.size(of: output) - ResultBudget.noteReserve
        let fit = ResultBudget.fittingPrefix(entries, maxBytes: room)
        output.metrics = Array(entries.prefix(fit.count))
        output.truncated = fit.count < entries.count
        let shownEnd = offset + fit.count
        output.nextOffset = shownEnd < matched.count ? shownEnd : nil
        output.note = Self.note(output, pageSize: entries.count)
        return try .success(output, text: ResultText.render(output))
    }

    static func note(_ output: ListMetricsOutput, pageSize: Int) -> String? {
        if output.matchedMetrics == 0 {
            return output.filter.map { "No metric name matches \"\($0)\" among \(output.totalMetrics) metrics." }
                ?? "The server has no metrics."
        }
        if output.offset >= output.matchedMetrics {
            return "offset \(output.offset) is past the last of \(output.matchedMetrics) matching metrics."
        }
        var parts: [String] = []
        if output.truncated {
            parts.append("Only \(output.metrics.count) of the \(pageSize) names on this page fit in the byte budget.")
        }
        if let next = output.nextOffset {
            parts.append("\(output.matchedMetrics - next) more match; call again with offset \(next)"
                         + (output.filter == nil ? ", or pass a filter to narrow the list." : "."))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
