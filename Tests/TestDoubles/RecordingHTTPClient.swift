import Foundation
import HTTPTransport
import Synchronization

/// An `HTTPClient` that records each request and returns queued responses.
public final class RecordingHTTPClient: HTTPClient {
    private let state = Mutex<(requests: [HTTPRequest], responses: [HTTPResponse])>(([], []))

    public init(_ responses: [HTTPResponse]) {
        state.withLock { $0.responses = responses }
    }

    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try state.withLock { state in
            state.requests.append(request)
            guard !state.responses.isEmpty else {
                throw HTTPTransportError.connectionFailed(url: request.url.absoluteString, reason: "no response queued")
            }
            return state.responses.removeFirst()
        }
    }

}

extension HTTPResponse {
    public static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Data(body.utf8))
    }
}
