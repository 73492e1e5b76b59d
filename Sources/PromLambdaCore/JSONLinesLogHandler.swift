import Foundation
import Synchronization

/// Writes each record as one JSON object on one line, the form CloudWatch Logs indexes.
///
/// Metadata keys whose names suggest a credential are replaced by `"***"` before writing, as a
/// second line of defence: callers must not put secrets in metadata in the first place.
public final class JSONLinesLogHandler: LogHandler {
    private let sink: Mutex<any TextSink>
    private let clock: any TimeSource

    public init(sink: any TextSink = StandardErrorSink(), clock: any TimeSource = SystemTimeSource()) {
        self.sink = Mutex(sink)
        self.clock = clock
    }

    public func write(_ record: LogRecord) {
        var object = record.metadata.mapValues { $0 }
        for key in object.keys where Self.isSecretKey(key) {
            object[key] = "***"
        }
        object["time"] = .string(RFC3339.format(clock.now, fractionalDigits: 3))
        object["level"] = .string(record.level.rawValue)
        object["logger"] = .string(record.label)
        object["message"] = .string(record.message)
        let line = JSONValue.object(object).encodedString() + "\n"
        sink.withLock { $0.write(line) }
    }

    static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["secret", "password", "token", "authorization", "credential"].contains { lowered.contains($0) }
    }
}

/// A destination for text, injected so tests can capture what a program writes.
public protocol TextSink: Sendable {
    func write(_ text: String)
}

public struct StandardErrorSink: TextSink {
    public init() {}
    public func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

public struct StandardOutputSink: TextSink {
    public init() {}
    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Collects written text in memory, for tests.
public final class MemorySink: TextSink {
    private let buffer = Mutex("")
    public init() {}
    public func write(_ text: String) { buffer.withLock { $0 += text } }
    public var text: String { buffer.withLock { $0 } }
}
