import PromLambdaCore

/// A log handler that lets a test wait for a record with a given message.
final class RecordingLogHandler: LogHandler {
    private let stream: AsyncStream<LogRecord>
    private let continuation: AsyncStream<LogRecord>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: LogRecord.self)
    }

    var logger: Logger {
        Logger(label: "test", level: .trace, handler: self)
    }

    func write(_ record: LogRecord) {
        continuation.yield(record)
    }

    /// Waits until a record with `message` has been written, skipping others.
    ///
    /// Only one task may wait at a time, because the records form a single-consumer stream.
    func waitFor(_ message: String) async -> LogRecord? {
        for await record in stream where record.message == message {
            return record
        }
        return nil
    }
}
