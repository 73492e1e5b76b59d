import Foundation
import HTTPTransport
import Synchronization

/// Passes requests to a real `HTTPClient` and records each request and response status.
public final class RecordingWrapper: HTTPClient {
    private let base: any HTTPClient
    private let log = Mutex<[(request: HTTPRequest, status: Int?)]>([])

    public init(_ base: any HTTPClient) {
        self.base = base
    }

    public var requests: [HTTPRequest] { log.withLock { $0.map(\.request) } }
    public var statuses: [Int?] { log.withLock { $0.map(\.status) } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            let response = try await base.send(request)
            log.withLock { $0.append((request, response.status)) }
            return response
        } catch {
            log.withLock { $0.append((request, nil)) }
            throw error
        }
    }
}
