import Foundation

/// The result of the `label_values` tool: one page of the values of a label.
public struct LabelValuesOutput: Sendable, Equatable, Codable, SizedOutput {
    public var label: String
    /// The series selector the values were taken from.
    public var match: String?
    public var filter: String?
    /// The filter mode: `substring` or `regex`.
    public var filterMode: String?
    public var format: OutputFormat
    /// Every value of the label on the series selected.
    public var totalValues: Int
    /// Values that match the filter.
    public var matchedValues: Int
    public var offset: Int
    public var limit: Int
    /// The page of values (`summary` and `raw` formats).
    public var values: [String]?
    /// The page one value a line (`table` format).
    public var table: String?
    /// The offset of the next page; absent on the last page.
    public var nextOffset: Int?
    public var truncated: Bool
    public var note: String?
    public var warnings: [String]
    public var server: String
    public var size: ResultSize
}
