import Foundation
import HTTPTransport
import Synchronization

/// An ``HTTPClient`` that records every request and returns the response of a handler, without any network.
final class RecordingHTTPClient: HTTPClient {
    typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

    private let handler: Handler
    private let recorded = Mutex<[HTTPRequest]>([])

    init(handler: @escaping Handler = { _ in HTTPResponse(status: 200) }) {
        self.handler = handler
    }

    /// The requests sent so far, in order.
    var requests: [HTTPRequest] {
        recorded.withLock { $0 }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        return try handler(request)
    }
}
