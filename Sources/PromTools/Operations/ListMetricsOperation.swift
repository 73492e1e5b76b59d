import Foundation
import PrometheusAPI
import PromLambdaCore

/// `list_metrics`: one page of metric names, filtered, with type and help where the server has them.
public struct ListMetricsOperation: ToolOperation {
    public let environment: ToolEnvironment

    public static let defaultLimit = NamePage.defaultLimit
    public static let maxLimit = NamePage.maxLimit

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.listMetrics }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let arguments = try ToolArguments(json, tool: "list_metrics", allowed: CommonArguments.names
                                              .union(NamePage.argumentNames).union([OutputFormat.argumentName]))
        let common = try CommonArguments(arguments, settings: environment.settings)
        var page = try NamePage(arguments)
        let format = try OutputFormat.parse(arguments)

        let connection = try await environment.connector.connect(common.selector, context: context)
        let names = try await connection.client.streamLabelValues("__name__") { page.add($0) }
        page.finish()

        var warnings = names.warnings
        var metadata: [String: [MetricMetadata]] = [:]
        if !page.page.isEmpty, format != .raw {
            do {
                metadata = try await connection.client.metadata().data
            } catch let error as PrometheusError {
                // Metadata only adds type and help; the names are the result, so a failure here is a warning.
                warnings.append("Metric metadata is unavailable: \(error.description)")
            }
        }
        var entries = page.page.map { name in
            let first = metadata[name]?.first
            return MetricEntry(name: name, type: first?.type, help: first?.help.isEmpty == false ? first?.help : nil,
                               unit: first?.unit.isEmpty == false ? first?.unit : nil)
        }

        var output = ListMetricsOutput(
            filter: page.filter?.text, filterMode: page.filter?.mode.rawValue, format: format, totalMetrics: page.total,
            matchedMetrics: page.matched.count, offset: page.offset, limit: page.limit, metrics: nil, names: nil,
            table: nil, nextOffset: nil, prefixes: page.prefixes(), truncated: false, note: nil, warnings: warnings,
            server: connection.serverDescription, size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        let fit = ResultBudget.fittingPrefix(entries, maxBytes: ResultBudget.room(for: output, maxBytes: common.maxBytes))
        entries.removeLast(entries.count - fit.count)
        Self.apply(entries, page: page, to: &output)
        let structured = try ResultBudget.finish(&output, maxBytes: common.maxBytes) { output, excess in
            if NamePage.shrink(&entries, by: excess) {
                Self.apply(entries, page: page, to: &output)
                return true
            }
            if output.prefixes != nil {
                output.prefixes = nil
                return true
            }
            return ResultBudget.shrinkMessages(&output.note, &output.warnings, excess: excess)
        }
        return ToolOutput(structured: structured,
                          text: ResultText.capped(ResultText.render(output), maxBytes: common.maxBytes), isError: false)
    }

    static func apply(_ entries: [MetricEntry], page: NamePage, to output: inout ListMetricsOutput) {
        switch output.format {
        case .summary: output.metrics = entries
        case .raw: output.names = entries.map(\.name)
        case .table:
            output.table = ResultText.table(header: ["METRIC", "TYPE", "HELP"],
                                            rows: entries.map { [$0.name, $0.type ?? "", $0.help ?? ""] })
                .joined(separator: "\n")
        }
        output.truncated = entries.count < page.page.count
        output.nextOffset = page.nextOffset(shown: entries.count)
        output.note = page.note(shown: entries.count, noun: "metric names",
                                filterHint: "pass a filter to narrow the list (prefixes lists common ones)")
    }
}
