extension Logger {
    /// Creates the logger of an executable: JSON lines on stderr at the level `LOG_LEVEL` names
    /// (`trace` … `critical`), `defaultLevel` when it is unset.
    /// An unknown `LOG_LEVEL` falls back to `defaultLevel`; `invalidLevel` then returns the bad
    /// value for the caller to log.
    public static func executable(label: String, environment: Environment, defaultLevel: Level = .info)
        -> (logger: Logger, invalidLevel: String?)
    {
        let text = environment["LOG_LEVEL"]
        let parsed = text.flatMap { Level(rawValue: $0.lowercased()) }
        let logger = Logger(label: label, level: parsed ?? defaultLevel, handler: JSONLinesLogHandler())
        return (logger, text != nil && parsed == nil ? text : nil)
    }
}
