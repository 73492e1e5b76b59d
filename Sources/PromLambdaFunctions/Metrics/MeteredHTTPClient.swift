import Foundation
import HTTPTransport

/// An ``HTTPClient`` that reports every attempt and response status to ``InvocationMeter/current``.
///
/// It must sit below any `RetryingHTTPClient`, so that each attempt passes through it. A retry sends the same
/// method, URL and body again, so the meter counts a repeat of that identity as a retry, while the
/// parallel requests of one tool, such as `server_info`'s, differ in URL and count once each.
public struct MeteredHTTPClient: HTTPClient {
    public var base: any HTTPClient

    public init(base: any HTTPClient) {
        self.base = base
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let meter = InvocationMeter.current
        meter?.recordAttempt(identity: Self.identity(of: request))
        let response = try await base.send(request)
        meter?.recordUpstreamStatus(response.status)
        return response
    }

    static func identity(of request: HTTPRequest) -> String {
        var hasher = Hasher()
        hasher.combine(request.body)
        return "\(request.method.rawValue) \(request.url.absoluteString) \(request.body.count) \(hasher.finalize())"
    }
}
