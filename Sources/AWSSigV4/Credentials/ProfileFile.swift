/// The sections of an AWS shared credentials or config file, parsed as botocore's `configparser` reads them.
///
/// Lines starting with `#` or `;` are comments. A `[name]` line opens a section. A `key = value` or
/// `key: value` line sets a key, split at the first `=` or `:`, with the key lower-cased and both sides
/// trimmed. An indented line continues the previous key's value, as nested S3 settings do, and is ignored.
/// Keys before the first section are ignored, and a section that appears twice has its keys merged.
struct ProfileFile: Equatable {
    var sections: [String: [String: String]]

    init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if let first = rawLine.first, first == " " || first == "\t" {
                continue
            }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") {
                continue
            }
            if line.hasPrefix("["), let close = line.lastIndex(of: "]") {
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                current = name
                sections[name, default: [:]] = sections[name, default: [:]]
                continue
            }
            guard let section = current, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                continue
            }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key] = value
        }
        self.sections = sections
    }

    /// Returns the keys of `profile` in a credentials file, where sections are named after profiles.
    func credentialsFileProfile(_ profile: String) -> [String: String]? {
        sections[profile]
    }

    /// Returns the keys of `profile` in a config file, where a profile other than `default` is written
    /// `[profile name]`. Both `[default]` and `[profile default]` name the default profile, and a key in
    /// `[profile default]` wins.
    func configFileProfile(_ profile: String) -> [String: String]? {
        var merged: [String: String]? = profile == "default" ? sections["default"] : nil
        for (name, keys) in sections where name != "default" && Self.configProfileName(ofSection: name) == profile {
            merged = (merged ?? [:]).merging(keys) { _, prefixed in prefixed }
        }
        return merged
    }

    /// Returns the profile a config file section belongs to: `x` for `[profile x]` or `[profile "x"]`,
    /// `default` for `[default]`, and `nil` for a section of another kind such as `[sso-session x]`.
    private static func configProfileName(ofSection name: String) -> String? {
        if name == "default" {
            return "default"
        }
        let words = name.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == "profile" else { return nil }
        var profile = String(words[1])
        if profile.count >= 2, profile.hasPrefix("\""), profile.hasSuffix("\"") {
            profile = String(profile.dropFirst().dropLast())
        }
        return profile
    }
}
