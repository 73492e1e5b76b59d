import Foundation

/// The shape of a tool's result: the `format` argument of the query and listing tools.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    /// Sorted, summarized and cut to the budget for a model to read: the default.
    case summary
    /// The series as Prometheus sent them, cut to the budget at whole series.
    case raw
    /// An aligned text table in the `table` field, cut to the budget at whole rows.
    case table

    /// The description of the argument, shared by the catalog and the CLI's `--format` help.
    public static let argumentDescription = "How to shape the result: summary (default; series sorted or "
        + "summarized to fit max_bytes), raw (the series as Prometheus sent them, whole series while they fit) or "
        + "table (an aligned text table in the table field)."

    static let argumentName = "format"

    /// Reads `format`; absent means ``summary``.
    static func parse(_ arguments: ToolArguments) throws(ToolFailure) -> OutputFormat {
        guard let text = try arguments.optionalString(argumentName, maxLength: 20) else { return .summary }
        guard let format = OutputFormat(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw ToolFailure.invalidArgument(argumentName, "Argument \"format\" is \"\(text)\"; use one of: "
                                              + allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return format
    }
}
