import Foundation

/// Matches metric names against a `list_metrics` filter: a case-insensitive substring, or a
/// regular expression when the filter contains regex syntax.
struct MetricFilter: Sendable {
    enum Mode: String { case substring, regex }

    let text: String
    let mode: Mode
    private let regex: NSRegularExpression?

    private static let regexCharacters = CharacterSet(charactersIn: "^$.*+?()[]{}|\\")

    init(_ text: String) throws(ToolFailure) {
        self.text = text
        guard text.unicodeScalars.contains(where: Self.regexCharacters.contains) else {
            mode = .substring
            regex = nil
            return
        }
        do {
            regex = try NSRegularExpression(pattern: text, options: [.caseInsensitive])
            mode = .regex
        } catch {
            throw ToolFailure.invalidArgument("filter", "The filter \"\(text)\" contains regex characters but is not a "
                                              + "valid regular expression. Escape them with a backslash, or send a "
                                              + "plain substring.")
        }
    }

    func matches(_ name: String) -> Bool {
        switch mode {
        case .substring:
            return name.range(of: text, options: .caseInsensitive) != nil
        case .regex:
            let range = NSRange(name.startIndex..., in: name)
            return regex?.firstMatch(in: name, options: [], range: range) != nil
        }
    }
}
