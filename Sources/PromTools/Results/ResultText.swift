import Foundation
import PrometheusAPI
import PromLambdaCore

/// The readable text form of each result: aligned tables for a person, compact for a model.
public enum ResultText {
    public static func render(_ output: QueryOutput) -> String {
        var lines: [String] = []
        switch output.resultType {
        case "scalar", "string":
            lines.append("\(output.resultType) at \(output.time): \(output.value ?? "")")
        case "matrix":
            lines.append("matrix at \(output.time): \(counted(output.returnedSeries, of: output.totalSeries)) series")
            lines += body(format: output.format, table: output.table, result: output.result,
                          rangeSeries: output.matrix ?? [])
        default:
            lines.append("vector at \(output.time): \(counted(output.returnedSeries, of: output.totalSeries)) series")
            switch output.format {
            case .summary:
                let rows = (output.series ?? []).map { sample in
                    [seriesName(sample.labels), sample.value ?? sample.histogram.map(histogramText) ?? ""]
                }
                if !rows.isEmpty { lines += table(header: ["SERIES", "VALUE"], rows: rows) }
            case .raw, .table:
                lines += body(format: output.format, table: output.table, result: output.result, rangeSeries: [])
            }
        }
        lines += guidance(output.labelCardinality, output.suggestions, output.hints)
        return (lines + footer(note: output.note, warnings: output.warnings, infos: output.infos))
            .joined(separator: "\n")
    }

    public static func render(_ output: RangeQueryOutput) -> String {
        var lines = ["matrix from \(output.start) to \(output.end) every \(PrometheusDuration.format(output.step)) "
                     + "(\(output.stepSource.rawValue) step): \(counted(output.returnedSeries, of: output.totalSeries)) "
                     + "series, \(counted(output.returnedPoints, of: output.totalPoints)) "
                     + (output.totalPoints == 1 ? "point" : "points")]
        lines += body(format: output.format, table: output.table, result: output.result,
                      rangeSeries: output.series ?? [])
        lines += guidance(output.labelCardinality, output.suggestions, output.hints)
        return (lines + footer(note: output.note, warnings: output.warnings, infos: output.infos))
            .joined(separator: "\n")
    }

    /// Returns the lines of the label counts, the suggested queries and the empty-result checks.
    static func guidance(_ cardinality: [LabelCardinality]?, _ suggestions: [QuerySuggestion]?,
                         _ hints: EmptyResultHints?) -> [String] {
        var lines: [String] = []
        if let cardinality, !cardinality.isEmpty {
            lines += ["", "distinct values per label:"]
            lines += cardinality.map { entry in
                let examples = entry.examples.map { " (" + $0.joined(separator: ", ") + ", …)" } ?? ""
                return "  \(entry.label): \(entry.values)\(entry.capped == true ? "+" : "")\(examples)"
            }
        }
        if let suggestions, !suggestions.isEmpty {
            lines += ["", "narrower queries:"]
            lines += suggestions.map { suggestion in
                let step = suggestion.step.map { " with step \(PrometheusDuration.format($0))" } ?? ""
                return "  \(suggestion.query)\(step)  # \(suggestion.reason)"
            }
        }
        if let hints, hints.skippedReason == nil {
            lines += ["", "checked: " + (hints.selector.map { "\($0) " } ?? "")
                      + (hints.checkedStart.map { "from \($0) to \(hints.checkedEnd ?? "")" } ?? "")
                      + " (\(hints.requests) requests)"]
            for check in hints.matchers ?? [] {
                let existing = check.existingValues.map { "; values: " + $0.joined(separator: ", ") } ?? ""
                lines.append("  \(check.matcher): matches \(check.matchingValues) of \(check.totalValues) values\(existing)")
            }
            lines += (hints.notChecked ?? []).map { "  not checked: \($0)" }
        }
        return lines
    }

    /// Returns the lines of the series in a result's format: the table, the raw elements one per
    /// line, or each range series with its summary and points.
    static func body(format: OutputFormat, table: String?, result: [JSONValue]?,
                     rangeSeries: [RangeSeriesOutput]) -> [String] {
        switch format {
        case .table:
            return table.map { [""] + $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
        case .raw:
            return (result ?? []).map { $0.encodedString() }
        case .summary:
            return rangeLines(rangeSeries)
        }
    }

    /// Cuts `text` to at most `maxBytes` bytes at a line break and adds a line that counts the lines left out.
    public static func capped(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var kept: [Substring] = []
        var used = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if used + line.utf8.count + 1 > maxBytes - 120 { break }
            kept.append(line)
            used += line.utf8.count + 1
        }
        return kept.joined(separator: "\n") + "\n… \(lines.count - kept.count) more lines were left out to stay "
            + "within \(maxBytes) bytes; the structured result holds all that was returned."
    }

    public static func render(_ output: ListMetricsOutput) -> String {
        let filter = output.filter.map { " matching \"\($0)\" (\(output.filterMode ?? "substring"))" } ?? ""
        // A table has a header line above its rows.
        let tableRows = output.table.map { $0.split(separator: "\n").count - 1 }
        let shown = output.metrics?.count ?? output.names?.count ?? max(0, tableRows ?? 0)
        var lines = ["\(output.matchedMetrics) of \(output.totalMetrics) metrics\(filter)"
                     + (shown > 0 ? "; showing \(output.offset + 1)-\(output.offset + shown)" : "")]
        switch output.format {
        case .summary:
            let rows = (output.metrics ?? []).map { [$0.name, $0.type ?? "", $0.help ?? ""] }
            if !rows.isEmpty { lines += table(header: ["METRIC", "TYPE", "HELP"], rows: rows) }
        case .raw:
            lines += output.names ?? []
        case .table:
            if let text = output.table, !text.isEmpty { lines.append(text) }
        }
        if let prefixes = output.prefixes {
            lines += ["", "common prefixes: " + prefixes.map { "\($0.prefix) (\($0.count))" }.joined(separator: ", ")]
        }
        return (lines + footer(note: output.note, warnings: output.warnings, infos: [])).joined(separator: "\n")
    }

    public static func render(_ output: LabelValuesOutput) -> String {
        let filter = output.filter.map { " matching \"\($0)\" (\(output.filterMode ?? "substring"))" } ?? ""
        let selection = output.match.map { " on \($0)" } ?? ""
        var lines = ["\(output.matchedValues) of \(output.totalValues) values of \(output.label)\(selection)\(filter)"]
        if let values = output.values {
            lines += values
        } else if let text = output.table, !text.isEmpty {
            lines.append(text)
        }
        return (lines + footer(note: output.note, warnings: output.warnings, infos: [])).joined(separator: "\n")
    }

    public static func render(_ output: ServerInfoOutput) -> String {
        var lines = ["server: \(output.server)"]
        for (title, value) in [("build", output.build), ("runtime", output.runtime), ("workspace", output.workspace)] {
            guard let object = value?.objectValue else { continue }
            lines.append("\(title):")
            lines += object.keys.sorted().map { "  \($0): \(plain(object[$0] ?? .null))" }
        }
        if let flags = output.flags {
            lines.append("flags:")
            lines += flags.keys.sorted().map { "  \($0)=\(flags[$0] ?? "")" }
        }
        if let config = output.config {
            lines.append("config:")
            lines += config.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        for reason in output.unavailable { lines.append("unavailable: \(reason)") }
        return (lines + footer(note: output.note, warnings: [], infos: [])).joined(separator: "\n")
    }

    public static func render(_ failure: ToolFailure) -> String {
        failure.text
    }

    // MARK: - Pieces

    /// Formats a label set the way PromQL writes a selector: `name{a="1", b="2"}`.
    public static func seriesName(_ labels: [String: String]) -> String {
        let name = labels["__name__"] ?? ""
        let pairs = labels.keys.sorted().filter { $0 != "__name__" }.map { "\($0)=\(quoted(labels[$0] ?? ""))" }
        if pairs.isEmpty { return name.isEmpty ? "{}" : name }
        return name + "{" + pairs.joined(separator: ", ") + "}"
    }

    static func quoted(_ value: String) -> String {
        var escaped = "\""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }

    static func rangeLines(_ series: [RangeSeriesOutput]) -> [String] {
        var lines: [String] = []
        for entry in series {
            let dropped = entry.droppedPoints.map { ", \($0) older \($0 == 1 ? "point" : "points") left out" } ?? ""
            let points = entry.points ?? []
            lines.append("")
            if let summary = entry.summary {
                let shown = entry.points == nil ? "points left out" : "\(pointCount(points.count)) shown"
                lines.append("\(seriesName(entry.labels)) (\(pointCount(summary.count)), \(shown)\(dropped))")
                lines.append("  " + summaryText(summary))
            } else {
                lines.append("\(seriesName(entry.labels)) (\(pointCount(points.count))\(dropped))")
            }
            lines += points.map { "  \(RFC3339.format(Date(timeIntervalSince1970: $0.timestamp), fractionalDigits: 3))  \($0.value)" }
            for histogram in entry.histograms ?? [] {
                lines.append("  \(RFC3339.format(Date(timeIntervalSince1970: histogram.timestamp), fractionalDigits: 3))  "
                             + histogramText(histogram.histogram))
            }
        }
        return lines
    }

    /// Formats a summary on one line: `first=1 last=9 min=0 max=9 mean=4.5 rising`.
    static func summaryText(_ summary: SeriesSummary) -> String {
        var parts: [String] = []
        if let first = summary.first { parts.append("first=\(first.value)") }
        if let last = summary.last { parts.append("last=\(last.value)") }
        if let min = summary.min { parts.append("min=\(ResultTable.number(min))") }
        if let max = summary.max { parts.append("max=\(ResultTable.number(max))") }
        if let mean = summary.mean { parts.append("mean=\(ResultTable.number(mean))") }
        if let trend = summary.trend { parts.append(trend) }
        for (value, count) in (summary.nonFinite ?? [:]).sorted(by: { $0.key < $1.key }) {
            parts.append("\(count)×\(value)")
        }
        if let histograms = summary.histograms { parts.append("\(histograms) histograms") }
        return parts.joined(separator: " ")
    }

    static func histogramText(_ histogram: NativeHistogram) -> String {
        "histogram count=\(histogram.count) sum=\(histogram.sum) buckets=\(histogram.buckets?.count ?? 0)"
    }

    /// Returns `1 point` or `N points`.
    static func pointCount(_ count: Int) -> String {
        count == 1 ? "1 point" : "\(count) points"
    }

    static func counted(_ returned: Int, of total: Int) -> String {
        returned == total ? "\(total)" : "\(returned) of \(total)"
    }

    static func footer(note: String?, warnings: [String], infos: [String]) -> [String] {
        var lines: [String] = []
        if let note { lines.append("note: \(note)") }
        lines += warnings.map { "warning: \($0)" }
        lines += infos.map { "info: \($0)" }
        return lines.isEmpty ? [] : [""] + lines
    }

    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        default: value.encodedString()
        }
    }

    /// Lays out rows in columns padded to the widest cell; the last column is not padded.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            let line = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[column] - cell.count))
            }.joined(separator: "  ")
            return trimmedSpaces(line)
        }
    }

    /// Returns `line` without leading and trailing spaces and tabs, in plain Swift: Foundation's
    /// `trimmingCharacters(in:)` cost more than the rest of a small table.
    static func trimmedSpaces(_ line: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = line.firstIndex(where: { !isBlank($0) }),
              let last = line.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(line[first...last])
    }
}
