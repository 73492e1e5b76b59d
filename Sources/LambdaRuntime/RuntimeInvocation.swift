import Foundation
import HTTPTransport

/// One event as `GET /runtime/invocation/next` delivered it: the request id, every header and the
/// raw event bytes.
public struct RuntimeInvocation: Sendable {
    public var requestID: String
    public var headers: HTTPHeaders
    public var event: Data

    public init(requestID: String, headers: HTTPHeaders, event: Data) {
        self.requestID = requestID
        self.headers = headers
        self.event = event
    }
}
