import Foundation
import HTTPTransport
import PromLambdaCore
import Synchronization

/// A clock that stays at one instant unless a test advances it.
final class ManualTimeSource: TimeSource {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    func sleep(seconds: Double) async throws {
        advance(seconds: seconds)
    }
}

/// Records every value passed to the runtime's trace id setter.
final class TraceIDRecorder: Sendable {
    private let values = Mutex<[String?]>([])

    var recorded: [String?] { values.withLock { $0 } }

    func set(_ traceID: String?) {
        values.withLock { $0.append(traceID) }
    }
}

/// An ``HTTPClient`` that records each request and returns canned responses in order.
final class RecordingHTTPClient: HTTPClient {
    private let state: Mutex<(requests: [HTTPRequest], responses: [HTTPResponse])>

    init(responses: [HTTPResponse]) {
        state = Mutex((requests: [], responses: responses))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try state.withLock { state in
            state.requests.append(request)
            guard !state.responses.isEmpty else {
                throw HTTPTransportError.connectionFailed(url: request.url.absoluteString, reason: "no canned response left")
            }
            return state.responses.removeFirst()
        }
    }
}

/// Collects log records in memory.
final class RecordingLogHandler: LogHandler {
    private let stored = Mutex<[LogRecord]>([])

    var records: [LogRecord] { stored.withLock { $0 } }

    func write(_ record: LogRecord) {
        stored.withLock { $0.append(record) }
    }

    func logger(level: Logger.Level = .trace) -> Logger {
        Logger(label: "test", level: level, handler: self)
    }
}
