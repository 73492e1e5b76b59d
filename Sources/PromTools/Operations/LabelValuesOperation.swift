import Foundation
import PrometheusAPI
import PromLambdaCore

/// `label_values`: one page of the values of a label, optionally only on the series a selector
/// matches, filtered.
public struct LabelValuesOperation: ToolOperation {
    public let environment: ToolEnvironment

    public init(environment: ToolEnvironment) {
        self.environment = environment
    }

    public var definition: ToolDefinition { ToolCatalog.labelValues }

    public func run(_ json: JSONValue, context: ToolCallContext) async throws -> ToolOutput {
        let arguments = try ToolArguments(json, tool: "label_values", allowed: CommonArguments.names
                                              .union(NamePage.argumentNames)
                                              .union(["label", "match", OutputFormat.argumentName]))
        let common = try CommonArguments(arguments, settings: environment.settings)
        let label = try arguments.requiredString("label", maxLength: 200)
        guard Self.isLabelName(label) else {
            throw ToolFailure.invalidArgument("label", "Argument \"label\" is \"\(label)\", which is not a label name: "
                                              + "use letters, digits and underscores, not starting with a digit, such "
                                              + "as job or __name__.")
        }
        let match = try arguments.optionalString("match", maxLength: environment.settings.maxQueryLength)
        var page = try NamePage(arguments)
        let format = try OutputFormat.parse(arguments)

        let connection = try await environment.connector.connect(common.selector, context: context)
        let response = try await connection.client.streamLabelValues(label, matches: match.map { [$0] } ?? []) {
            page.add($0)
        }
        page.finish()

        var output = LabelValuesOutput(
            label: label, match: match.map { ResultBudget.echo($0, maxBytes: common.maxBytes) },
            filter: page.filter?.text, filterMode: page.filter?.mode.rawValue, format: format,
            totalValues: page.total, matchedValues: page.matched.count, offset: page.offset, limit: page.limit,
            values: nil, table: nil, nextOffset: nil, truncated: false, note: nil, warnings: response.warnings,
            server: connection.serverDescription, size: ResultSize(bytes: 0, budgetBytes: common.maxBytes))
        var values = Array(page.page)
        let fit = ResultBudget.fittingPrefix(values, maxBytes: ResultBudget.room(for: output, maxBytes: common.maxBytes))
        values.removeLast(values.count - fit.count)
        Self.apply(values, page: page, to: &output)
        let structured = try ResultBudget.finish(&output, maxBytes: common.maxBytes) { output, excess in
            guard NamePage.shrink(&values, by: excess) else {
                return ResultBudget.shrinkMessages(&output.note, &output.warnings, excess: excess)
            }
            Self.apply(values, page: page, to: &output)
            return true
        }
        return ToolOutput(structured: structured,
                          text: ResultText.capped(ResultText.render(output), maxBytes: common.maxBytes), isError: false)
    }

    static func apply(_ values: [String], page: NamePage, to output: inout LabelValuesOutput) {
        switch output.format {
        case .summary, .raw: output.values = values
        case .table: output.table = values.joined(separator: "\n")
        }
        output.truncated = values.count < page.page.count
        output.nextOffset = page.nextOffset(shown: values.count)
        let noun = "values of \(output.label)"
        output.note = page.note(shown: values.count, noun: noun, filterHint: "pass a filter or match to narrow it")
    }

    /// Returns whether `name` is a label name as Prometheus 2 defines it: `[a-zA-Z_][a-zA-Z0-9_]*`.
    /// Only such names go into the request path.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
