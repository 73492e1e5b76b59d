import Foundation
import PrometheusAPI

/// A label matcher of a PromQL vector selector, such as `room=~"lab.*"`.
struct LabelMatcher: Sendable, Equatable {
    enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case notMatchesRegex = "!~"
    }

    var label: String
    var op: Operator
    var value: String

    /// The matcher as PromQL writes it.
    var text: String { label + op.rawValue + ResultText.quoted(value) }

    /// Returns a predicate that accepts the label values this matcher accepts, or `nil` when its
    /// regular expression does not compile. Prometheus anchors regular expressions at both ends,
    /// and so does the predicate.
    ///
    /// NOTE: Prometheus uses RE2, and this check uses ICU through NSRegularExpression. The two agree
    /// on common patterns but not on every one: ICU has backreferences, RE2 has none.
    func makePredicate() -> ((String) -> Bool)? {
        switch op {
        case .equal: return { $0 == value }
        case .notEqual: return { $0 != value }
        case .matchesRegex, .notMatchesRegex:
            guard let regex = try? NSRegularExpression(pattern: "^(?:" + value + ")$", options: [.dotMatchesLineSeparators])
            else { return nil }
            let wanted = op == .matchesRegex
            return { candidate in
                let range = NSRange(candidate.startIndex..., in: candidate)
                return (regex.firstMatch(in: candidate, range: range) != nil) == wanted
            }
        }
    }
}

/// The one vector selector of a simple PromQL query: a selector, optionally with a range, inside
/// any number of aggregations and functions that return nothing when their input is empty.
struct SimpleSelector: Sendable, Equatable {
    var metric: String?
    /// The label matchers, without the `__name__="…"` one that gave `metric`.
    var matchers: [LabelMatcher]
    /// The range of a range selector such as `[5m]`, in seconds.
    var rangeSeconds: Double?
    /// The functions and aggregations around the selector, outermost first.
    var functions: [String]

    /// The selector as PromQL writes it.
    var text: String {
        var text = metric ?? ""
        if !matchers.isEmpty || metric == nil { text += "{" + matchers.map(\.text).joined(separator: ", ") + "}" }
        if let rangeSeconds { text += "[" + PrometheusDuration.format(rangeSeconds) + "]" }
        return text
    }
}

/// Finds the vector selector of a simple PromQL query, conservatively: anything it does not know
/// for certain, such as a binary operator, a second selector, `offset`, `@` or a subquery, makes
/// the query too complex and no selector is returned.
enum SimpleSelectorParser {
    /// Aggregations, and whether each takes a number before the expression.
    static let aggregations: [String: Bool] = [
        "sum": false, "min": false, "max": false, "avg": false, "count": false, "group": false, "stddev": false,
        "stdvar": false, "topk": true, "bottomk": true, "quantile": true, "limitk": true,
    ]

    /// Functions of one vector argument that return nothing when it is empty, with the number of
    /// number arguments before and after it.
    static let functions: [String: (before: Int, after: Int)] = [
        "rate": (0, 0), "irate": (0, 0), "increase": (0, 0), "delta": (0, 0), "idelta": (0, 0), "deriv": (0, 0),
        "resets": (0, 0), "changes": (0, 0), "abs": (0, 0), "ceil": (0, 0), "floor": (0, 0), "exp": (0, 0),
        "ln": (0, 0), "log2": (0, 0), "log10": (0, 0), "sqrt": (0, 0), "sgn": (0, 0), "timestamp": (0, 0),
        "sort": (0, 0), "sort_desc": (0, 0), "avg_over_time": (0, 0), "min_over_time": (0, 0),
        "max_over_time": (0, 0), "sum_over_time": (0, 0), "count_over_time": (0, 0), "last_over_time": (0, 0),
        "present_over_time": (0, 0), "stddev_over_time": (0, 0), "stdvar_over_time": (0, 0),
        "quantile_over_time": (1, 0), "histogram_quantile": (1, 0), "clamp_min": (0, 1), "clamp_max": (0, 1),
        "clamp": (0, 2), "round": (0, 1), "predict_linear": (0, 1),
    ]

    static let maxDepth = 8

    /// Returns the selector, or why the query is too complex to check.
    static func parse(_ query: String) -> Result<SimpleSelector, TooComplex> {
        guard let tokens = Lexer.tokens(query) else { return .failure(TooComplex()) }
        var parser = Parser(tokens: tokens)
        do {
            var selector = try parser.expression(depth: 0)
            guard parser.atEnd else { throw TooComplex() }
            selector.functions = parser.functions
            return .success(selector)
        } catch {
            return .failure(TooComplex())
        }
    }

    struct TooComplex: Error, Equatable {
        static let reason = "the query is not a single vector selector, optionally inside aggregations and "
            + "functions of one argument; binary operators, several selectors, offset, @ and subqueries are not "
            + "checked"
    }

    // MARK: - Lexer

    enum Token: Equatable {
        case identifier(String)
        case string(String)
        /// A number or a duration such as `5m`, as written.
        case literal(String)
        case symbol(String)
    }

    enum Lexer {
        /// Splits `query` into tokens, or returns `nil` for a character outside the subset.
        static func tokens(_ query: String) -> [Token]? {
            var tokens: [Token] = []
            let scalars = Array(query.unicodeScalars)
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if CharacterSet.whitespacesAndNewlines.contains(scalar) {
                    index += 1
                } else if scalar == "#" {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                } else if isIdentifierStart(scalar) {
                    let start = index
                    while index < scalars.count, isIdentifierStart(scalars[index]) || ("0"..."9").contains(scalars[index]) {
                        index += 1
                    }
                    tokens.append(.identifier(String(String.UnicodeScalarView(scalars[start..<index]))))
                } else if ("0"..."9").contains(scalar) || scalar == "." {
                    let start = index
                    while index < scalars.count,
                          CharacterSet.alphanumerics.contains(scalars[index]) || scalars[index] == "." {
                        index += 1
                    }
                    tokens.append(.literal(String(String.UnicodeScalarView(scalars[start..<index]))))
                } else if scalar == "\"" || scalar == "'" || scalar == "`" {
                    guard let (text, end) = readString(scalars, from: index) else { return nil }
                    tokens.append(.string(text))
                    index = end
                } else if "(){}[],".unicodeScalars.contains(scalar) {
                    tokens.append(.symbol(String(scalar)))
                    index += 1
                } else if scalar == "=" || scalar == "!" {
                    let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                    switch (scalar, next) {
                    case ("=", "~"), ("!", "="), ("!", "~"):
                        tokens.append(.symbol(String(scalar) + String(next)))
                        index += 2
                    case ("=", _) where next != "=":
                        tokens.append(.symbol("="))
                        index += 1
                    default:
                        return nil
                    }
                } else {
                    return nil
                }
            }
            return tokens
        }

        private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
        }

        /// Reads a quoted string with PromQL's escapes; backquoted strings have none.
        private static func readString(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
            let quote = scalars[start]
            var text = String.UnicodeScalarView()
            var index = start + 1
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == quote { return (String(text), index + 1) }
                if scalar == "\\", quote != "`" {
                    guard index + 1 < scalars.count else { return nil }
                    let escaped = scalars[index + 1]
                    switch escaped {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "r": text.append("\r")
                    case "\\", "\"", "'": text.append(escaped)
                    default: return nil
                    }
                    index += 2
                    continue
                }
                text.append(scalar)
                index += 1
            }
            return nil
        }
    }

    // MARK: - Parser

    struct Parser {
        var tokens: [Token]
        var position = 0
        var functions: [String] = []

        var atEnd: Bool { position >= tokens.count }

        func peek(_ offset: Int = 0) -> Token? {
            guard position + offset < tokens.count else { return nil }
            return tokens[position + offset]
        }

        mutating func next() throws(TooComplex) -> Token {
            guard let token = peek() else { throw TooComplex() }
            position += 1
            return token
        }

        mutating func expect(_ symbol: String) throws(TooComplex) {
            guard try next() == .symbol(symbol) else { throw TooComplex() }
        }

        mutating func expression(depth: Int) throws(TooComplex) -> SimpleSelector {
            guard depth < SimpleSelectorParser.maxDepth else { throw TooComplex() }
            switch peek() {
            case .identifier(let name) where peek(1) == .symbol("(") || isGrouping(peek(1)):
                if let takesNumber = SimpleSelectorParser.aggregations[name] {
                    return try aggregation(name, takesNumber: takesNumber, depth: depth)
                }
                guard let arity = SimpleSelectorParser.functions[name] else { throw TooComplex() }
                position += 1
                functions.append(name)
                try expect("(")
                try numbers(arity.before, trailingComma: true)
                let inner = try expression(depth: depth + 1)
                if arity.after > 0 {
                    try expect(",")
                    try numbers(arity.after, trailingComma: false)
                }
                try expect(")")
                return inner
            case .identifier, .symbol("{"):
                return try selector()
            default:
                throw TooComplex()
            }
        }

        private func isGrouping(_ token: Token?) -> Bool {
            token == .identifier("by") || token == .identifier("without")
        }

        private mutating func aggregation(_ name: String, takesNumber: Bool, depth: Int) throws(TooComplex)
            -> SimpleSelector
        {
            position += 1
            functions.append(name)
            try grouping()
            try expect("(")
            if takesNumber { try numbers(1, trailingComma: true) }
            let inner = try expression(depth: depth + 1)
            try expect(")")
            try grouping()
            return inner
        }

        /// Skips `by (a, b)` or `without (a)` when it comes next.
        private mutating func grouping() throws(TooComplex) {
            guard isGrouping(peek()) else { return }
            position += 1
            try expect("(")
            var first = true
            while peek() != .symbol(")") {
                if !first { try expect(",") }
                first = false
                guard case .identifier = try next() else { throw TooComplex() }
            }
            try expect(")")
        }

        /// Skips `count` number literals, each followed by a comma when `trailingComma` is set, else
        /// separated by commas.
        private mutating func numbers(_ count: Int, trailingComma: Bool) throws(TooComplex) {
            for index in 0..<count {
                guard case .literal(let text) = try next(), Double(text) != nil else { throw TooComplex() }
                if trailingComma || index < count - 1 { try expect(",") }
            }
        }

        private mutating func selector() throws(TooComplex) -> SimpleSelector {
            var selector = SimpleSelector(metric: nil, matchers: [], rangeSeconds: nil, functions: [])
            if case .identifier(let name) = peek() {
                guard !["by", "without", "offset", "bool", "on", "ignoring", "and", "or", "unless"].contains(name) else {
                    throw TooComplex()
                }
                selector.metric = name
                position += 1
            }
            if peek() == .symbol("{") {
                position += 1
                var first = true
                while peek() != .symbol("}") {
                    if !first { try expect(",") }
                    first = false
                    if peek() == .symbol("}") { break }
                    selector.matchers.append(try matcher())
                }
                try expect("}")
            }
            if let index = selector.matchers.firstIndex(where: { $0.label == "__name__" && $0.op == .equal }) {
                guard selector.metric == nil else { throw TooComplex() }
                selector.metric = selector.matchers.remove(at: index).value
            }
            guard selector.metric != nil || !selector.matchers.isEmpty else { throw TooComplex() }
            if peek() == .symbol("[") {
                position += 1
                guard case .literal(let text) = try next(),
                      let seconds = try? TimeExpression.parseDuration(text, field: "range") else { throw TooComplex() }
                try expect("]")
                selector.rangeSeconds = seconds
            }
            return selector
        }

        private mutating func matcher() throws(TooComplex) -> LabelMatcher {
            guard case .identifier(let label) = try next(), !label.contains(":") else { throw TooComplex() }
            guard case .symbol(let symbol) = try next(), let op = LabelMatcher.Operator(rawValue: symbol) else {
                throw TooComplex()
            }
            guard case .string(let value) = try next() else { throw TooComplex() }
            return LabelMatcher(label: label, op: op, value: value)
        }
    }
}
