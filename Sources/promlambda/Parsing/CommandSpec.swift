import PromTools

/// A subcommand's options and positional arguments, from which both parsing and `--help` are made.
struct CommandSpec: Sendable {
    struct Option: Sendable {
        var name: String
        /// The placeholder shown in help; `nil` for a flag that takes no value.
        var valueName: String?
        var help: String
    }

    var name: String
    var summary: String
    /// Positional arguments, such as `QUERY`.
    var positionals: [(name: String, help: String)]
    var options: [Option]
    /// Lines after the option list: examples, environment variables.
    var discussion: String = ""

    static let commonOptions: [Option] = [
        Option(name: "url", valueName: "URL", help: "Prometheus base URL. Default: $PROMETHEUS_URL."),
        Option(name: "json", valueName: nil, help: "Print the result as JSON for scripts."),
        Option(name: "max-bytes", valueName: "N", help: "Result budget in bytes of JSON (1000-1000000). Default: 32000."),
        Option(name: "workspace-id", valueName: "ID", help: "Query this AMP workspace instead of --url."),
        Option(name: "workspace-alias", valueName: "ALIAS", help: "Query the AMP workspace with exactly this alias."),
        Option(name: "region", valueName: "REGION", help: "AWS Region of the workspace. Default: $AWS_REGION."),
        Option(name: "help", valueName: nil, help: "Show this help."),
    ]

    /// `--format`, for the commands whose tools take the `format` argument; the values are the tools' own.
    static let formatOption = Option(
        name: "format", valueName: "FORMAT",
        help: OutputFormat.allCases.map(\.rawValue).joined(separator: ", ") + ": how the result is shaped. Default: "
            + OutputFormat.summary.rawValue + ".")

    var usage: String {
        var parts = ["promlambda", name, "[options]"]
        parts += positionals.map(\.name)
        return parts.joined(separator: " ")
    }

    /// Returns whether `argument` looks like a short option such as `-c`; a negative number such as `-1` does not.
    static func isShortOption(_ argument: String) -> Bool {
        guard argument.count >= 2, argument.hasPrefix("-"), !argument.hasPrefix("--") else { return false }
        return argument.dropFirst().first?.isLetter == true
    }

    /// Pads a flag or argument name to the help text's first column, leaving two spaces after a longer one.
    static func column(_ text: String) -> String {
        text.count < 26 ? text.padding(toLength: 26, withPad: " ", startingAt: 0) : text + "  "
    }

    var help: String {
        var lines = [summary, "", "Usage: \(usage)"]
        if !positionals.isEmpty {
            lines += ["", "Arguments:"]
            lines += positionals.map { "  " + Self.column($0.name) + $0.help }
        }
        lines += ["", "Options:"]
        for option in options {
            let flag = "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            lines.append("  " + Self.column(flag) + option.help)
        }
        if !discussion.isEmpty { lines += ["", discussion] }
        return lines.joined(separator: "\n")
    }
}

/// The parsed command line of one subcommand.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name] }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A command line that does not fit the command; exits with 64 (`EX_USAGE`).
struct UsageError: Error, CustomStringConvertible {
    var message: String
    /// The command whose usage line is printed after the message.
    var command: CommandSpec?

    var description: String { message }
}

extension CommandSpec {
    /// Parses `arguments` (without the subcommand's name). `--name value`, `--name=value` and
    /// flags are accepted anywhere; `--` ends the options, so a query may start with `-`.
    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if !optionsEnded, Self.isShortOption(argument) {
                throw UsageError(message: "Unknown option \(argument) for '\(self.name)'. Options start with --; "
                                 + "put -- before an argument that starts with -.", command: self)
            }
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                if argument == "--" && !optionsEnded {
                    optionsEnded = true
                    continue
                }
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError(message: "Unknown option --\(name) for '\(self.name)'.", command: self)
            }
            if option.valueName == nil {
                guard inlineValue == nil else {
                    throw UsageError(message: "Option --\(name) takes no value.", command: self)
                }
                parsed.flags.insert(name)
            } else if let inlineValue {
                parsed.values[name] = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError(message: "Option --\(name) needs a value (\(option.valueName ?? "VALUE")).",
                                     command: self)
                }
                parsed.values[name] = arguments[index]
                index += 1
            }
        }
        return parsed
    }
}
