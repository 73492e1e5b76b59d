import Foundation
import PrometheusAPI
import PromLambdaCore

/// Reads a tool's JSON arguments with field-level errors.
///
/// Numbers sent as strings (`"100"`) are accepted where a number is expected, as agents often
/// send them. Fields the tool does not know are rejected, so a misspelt argument is not ignored.
public struct ToolArguments: Sendable {
    public let values: [String: JSONValue]
    public let tool: String

    /// - Parameter allowed: the argument names the tool accepts.
    public init(_ arguments: JSONValue, tool: String, allowed: Set<String>) throws(ToolFailure) {
        switch arguments {
        case .object(let values):
            self.values = values
        case .null:
            self.values = [:]
        default:
            throw ToolFailure(kind: .invalidArgument,
                              message: "The arguments of \(tool) must be a JSON object, not \(arguments.typeName).")
        }
        self.tool = tool
        let unknown = Set(values.keys).subtracting(allowed).sorted()
        if let first = unknown.first {
            throw ToolFailure.invalidArgument(first, "Unknown argument \"\(first)\" for \(tool). Accepted arguments: "
                                              + allowed.sorted().joined(separator: ", ") + ".")
        }
    }

    private func present(_ name: String) -> JSONValue? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }

    public func requiredString(_ name: String, maxLength: Int) throws(ToolFailure) -> String {
        guard let value = try optionalString(name, maxLength: maxLength) else {
            throw ToolFailure.invalidArgument(name, "Missing required argument \"\(name)\" for \(tool).")
        }
        return value
    }

    public func optionalString(_ name: String, maxLength: Int) throws(ToolFailure) -> String? {
        guard let value = present(name) else { return nil }
        guard case .string(let text) = value else {
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" must be a string, not \(value.typeName).")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" must not be empty.")
        }
        if text.utf8.count > maxLength {
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" is \(text.utf8.count) bytes long; "
                                              + "the maximum is \(maxLength).")
        }
        return text
    }

    /// Reads an integer in `range`; a JSON number or a string of digits.
    public func optionalInt(_ name: String, range: ClosedRange<Int>) throws(ToolFailure) -> Int? {
        guard let value = present(name) else { return nil }
        let number: Double?
        switch value {
        case .number(let double): number = double
        case .string(let text): number = Double(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number, number.isFinite, number.rounded() == number else {
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" must be a whole number, not "
                                              + "\(value.encodedString()).")
        }
        // Int(exactly:) is nil past Int's range, so a value such as 1e20 is reported, not a crash.
        guard let integer = Int(exactly: number), range.contains(integer) else {
            let shown = value.stringValue ?? value.encodedString()
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" is \(shown); it must be between "
                                              + "\(range.lowerBound) and \(range.upperBound).")
        }
        return integer
    }

    /// Reads a boolean; `true`/`false` as JSON or as strings.
    public func optionalBool(_ name: String) throws(ToolFailure) -> Bool? {
        guard let value = present(name) else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string(let text) where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default:
            throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" must be true or false, not "
                                              + "\(value.encodedString()).")
        }
    }

    /// Reads a time in any form ``TimeExpression`` accepts; a JSON number is Unix seconds.
    public func optionalTime(_ name: String, now: Date) throws(ToolFailure) -> Date? {
        try parseStringOrNumber(name, accepted: TimeInputError.acceptedTimeForms,
                                number: { seconds throws(TimeInputError) in
                                    try TimeExpression.fromUnixSeconds(seconds, field: name)
                                },
                                string: { text throws(TimeInputError) in
                                    try TimeExpression.parse(text, now: now, field: name)
                                })
    }

    /// Reads a duration in seconds: a Prometheus duration string or a number of seconds.
    public func optionalDuration(_ name: String) throws(ToolFailure) -> Double? {
        try parseStringOrNumber(name, accepted: TimeInputError.acceptedDurationForms,
                                number: { seconds throws(TimeInputError) in
                                    try TimeExpression.parseDuration(PrometheusClient.formatSeconds(seconds), field: name)
                                },
                                string: { text throws(TimeInputError) in
                                    try TimeExpression.parseDuration(text, field: name)
                                })
    }

    /// Parses an argument that may be a JSON string or number; any other type names the accepted forms.
    private func parseStringOrNumber<Value>(
        _ name: String, accepted: String,
        number: (Double) throws(TimeInputError) -> Value,
        string: (String) throws(TimeInputError) -> Value
    ) throws(ToolFailure) -> Value? {
        guard let value = present(name) else { return nil }
        do {
            switch value {
            case .number(let seconds): return try number(seconds)
            case .string(let text): return try string(text)
            default: break
            }
        } catch {
            throw ToolFailure(error)
        }
        throw ToolFailure.invalidArgument(name, "Argument \"\(name)\" must be a string or a number, not "
                                          + "\(value.typeName). Accepted: \(accepted).")
    }
}
