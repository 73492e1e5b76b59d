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
            lines.append("matrix at \(output.time): \(output.totalSeries) series")
            lines += rangeLines(output.matrix ?? [])
        default:
            lines.append("vector at \(output.time): \(counted(output.returnedSeries, of: output.totalSeries)) series")
            let rows = (output.series ?? []).map { sample in
                [seriesName(sample.labels), sample.value ?? sample.histogram.map(histogramText) ?? ""]
            }
            if !rows.isEmpty { lines += table(header: ["SERIES", "VALUE"], rows: rows) }
        }
        return (lines + footer(note: output.note, warnings: output.warnings, infos: output.infos))
            .joined(separator: "\n")
    }

    public static func render(_ output: RangeQueryOutput) -> String {
        var lines = ["matrix from \(output.start) to \(output.end) every \(PrometheusDuration.format(output.step)) "
                     + "(\(output.stepSource.rawValue) step): \(counted(output.returnedSeries, of: output.totalSeries)) "
                     + "series, \(counted(output.returnedPoints, of: output.totalPoints)) points"]
        lines += rangeLines(output.series)
        return (lines + footer(note: output.note, warnings: output.warnings, infos: output.infos))
            .joined(separator: "\n")
    }

    public static func render(_ output: ListMetricsOutput) -> String {
        let filter = output.filter.map { " matching \"\($0)\" (\(output.filterMode ?? "substring"))" } ?? ""
        var lines = ["\(output.matchedMetrics) of \(output.totalMetrics) metrics\(filter); showing "
                     + "\(output.offset + 1)-\(output.offset + output.metrics.count)"]
        if output.metrics.isEmpty { lines[0] = "\(output.matchedMetrics) of \(output.totalMetrics) metrics\(filter)" }
        let rows = output.metrics.map { [$0.name, $0.type ?? "", $0.help ?? ""] }
        if !rows.isEmpty { lines += table(header: ["METRIC", "TYPE", "HELP"], rows: rows) }
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
            let dropped = entry.droppedPoints.map { ", \($0) older points left out" } ?? ""
            lines.append("")
            lines.append("\(seriesName(entry.labels)) (\(entry.points.count) points\(dropped))")
            lines += entry.points.map { "  \(RFC3339.format(Date(timeIntervalSince1970: $0.timestamp), fractionalDigits: 3))  \($0.value)" }
            for histogram in entry.histograms ?? [] {
                lines.append("  \(RFC3339.format(Date(timeIntervalSince1970: histogram.timestamp), fractionalDigits: 3))  "
                             + histogramText(histogram.histogram))
            }
        }
        return lines
    }

    static func histogramText(_ histogram: NativeHistogram) -> String {
        "histogram count=\(histogram.count) sum=\(histogram.sum) buckets=\(histogram.buckets?.count ?? 0)"
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
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
