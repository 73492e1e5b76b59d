import Foundation

/// A structured logger shaped like swift-log's: constant messages, data in metadata.
///
/// Library code takes a `Logger` and defaults to ``Logger/disabled``, so it logs nothing unless an
/// executable passes one in. The executables write JSON lines to stderr with ``JSONLinesLogHandler``.
public struct Logger: Sendable {
    public typealias Metadata = [String: JSONValue]

    public var label: String
    public var level: Level
    public var metadata: Metadata
    private let handler: any LogHandler

    public init(label: String, level: Level = .info, handler: any LogHandler, metadata: Metadata = [:]) {
        self.label = label
        self.level = level
        self.handler = handler
        self.metadata = metadata
    }

    /// A logger that drops every record.
    public static var disabled: Logger {
        Logger(label: "disabled", level: .critical, handler: NoOpLogHandler())
    }

    public subscript(metadataKey key: String) -> JSONValue? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Returns a copy with extra metadata attached to every record it writes.
    public func with(_ extra: Metadata) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(_ level: Level, _ message: String, _ extra: Metadata = [:]) {
        guard level >= self.level, !(handler is NoOpLogHandler) else { return }
        let merged = extra.isEmpty ? metadata : metadata.merging(extra) { _, new in new }
        handler.write(LogRecord(label: label, level: level, message: message, metadata: merged))
    }

    public func trace(_ message: String, _ extra: Metadata = [:]) { log(.trace, message, extra) }
    public func debug(_ message: String, _ extra: Metadata = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: Metadata = [:]) { log(.info, message, extra) }
    public func notice(_ message: String, _ extra: Metadata = [:]) { log(.notice, message, extra) }
    public func warning(_ message: String, _ extra: Metadata = [:]) { log(.warning, message, extra) }
    public func error(_ message: String, _ extra: Metadata = [:]) { log(.error, message, extra) }
    public func critical(_ message: String, _ extra: Metadata = [:]) { log(.critical, message, extra) }
}

extension Logger {
    /// Severity levels with swift-log's names and order.
    public enum Level: String, Sendable, CaseIterable, Comparable, LosslessStringConvertible {
        case trace, debug, info, notice, warning, error, critical

        public init?(_ description: String) {
            self.init(rawValue: description.lowercased())
        }

        public var description: String { rawValue }

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }
}

/// One log record as a handler receives it.
public struct LogRecord: Sendable {
    public var label: String
    public var level: Logger.Level
    public var message: String
    public var metadata: Logger.Metadata
}

/// Where log records go.
public protocol LogHandler: Sendable {
    func write(_ record: LogRecord)
}

/// A handler that drops every record.
public struct NoOpLogHandler: LogHandler {
    public init() {}
    public func write(_ record: LogRecord) {}
}
