import Foundation
import PrometheusAPI

/// The text tables of the `table` format: one row per series, aligned in columns.
///
/// Labels with the same value on every row are written once above the table instead of in each
/// row, so a column appears only for a label whose values differ between rows.
enum ResultTable {
    /// Returns the table of instant series: a column per label that varies, then VALUE.
    static func vector(_ samples: [VectorSample]) -> String {
        let (common, varying) = splitLabels(samples.map(\.labels))
        let header = varying.map { $0 == "__name__" ? "NAME" : $0 } + ["VALUE"]
        let rows = samples.map { sample in
            varying.map { sample.labels[$0] ?? "" } + [sample.value ?? sample.histogram.map(ResultText.histogramText) ?? ""]
        }
        return lines(common: common, header: header, rows: rows)
    }

    /// Returns the table of range series summaries: SERIES, then the summary's statistics.
    static func summaries(_ series: [RangeSeriesOutput]) -> String {
        let (common, varying) = splitLabels(series.map(\.labels))
        let header = ["SERIES", "COUNT", "FIRST", "LAST", "MIN", "MAX", "MEAN", "TREND"]
        let rows = series.map { summaryCells($0, labels: $0.labels.filter { varying.contains($0.key) }) }
        return lines(common: common, header: header, rows: rows)
    }

    private static func summaryCells(_ entry: RangeSeriesOutput, labels: [String: String]) -> [String] {
        let summary = entry.summary
        return [ResultText.seriesName(labels), String(summary?.count ?? 0), summary?.first?.value ?? "",
                summary?.last?.value ?? "", number(summary?.min), number(summary?.max), number(summary?.mean),
                summary?.trend ?? ""]
    }

    /// Estimates the bytes a vector row takes in the table as a JSON string, padding not counted.
    static func estimatedRowBytes(_ sample: VectorSample) -> Int {
        let cells = sample.labels.values.reduce(0) { $0 + JSONSize.string($1) } + JSONSize.string(sample.value ?? "")
        return cells + 2 * sample.labels.count
    }

    /// Estimates the bytes a summary row takes in the table as a JSON string, padding not counted.
    /// The metric name is left out, as it usually is the same on every row.
    static func estimatedRowBytes(_ series: RangeSeriesOutput) -> Int {
        let cells = summaryCells(series, labels: series.labels.filter { $0.key != "__name__" })
        return cells.reduce(0) { $0 + JSONSize.string($1) } + 2 * cells.count
    }

    /// Formats a statistic: whole numbers without a fraction, others in Swift's shortest form.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Splits the label names into those with one value on every row and those that vary.
    static func splitLabels(_ labelSets: [[String: String]]) -> (common: [String: String], varying: [String]) {
        guard let first = labelSets.first else { return ([:], []) }
        let names = Set(labelSets.flatMap(\.keys))
        var common: [String: String] = [:]
        for name in names {
            if let value = first[name], labelSets.allSatisfy({ $0[name] == value }), labelSets.count > 1 {
                common[name] = value
            }
        }
        let varying = names.subtracting(common.keys).sorted { ($0 == "__name__" ? "" : $0) < ($1 == "__name__" ? "" : $1) }
        return (common, varying)
    }

    private static func lines(common: [String: String], header: [String], rows: [[String]]) -> String {
        var lines: [String] = []
        if !common.isEmpty { lines.append("every row: " + ResultText.seriesName(common)) }
        lines += ResultText.table(header: header, rows: rows)
        return lines.joined(separator: "\n")
    }
}
