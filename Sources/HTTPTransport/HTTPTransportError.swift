import Foundation

/// A request that got no usable HTTP response.
public enum HTTPTransportError: Error, Sendable, Equatable {
    /// The connection failed: refused, reset, DNS or TLS failure.
    case connectionFailed(url: String, reason: String)
    /// No response arrived within the timeout, in seconds.
    case timedOut(url: String, seconds: Double)
    /// The response body was larger than the request allowed.
    case responseTooLarge(url: String, limit: Int)
    /// The caller cancelled the request.
    case cancelled(url: String)
    /// The request could not be written, such as a header value with a line break.
    case invalidRequest(url: String, reason: String)
    /// The response broke HTTP/1.1 message syntax or used a coding the client cannot decode.
    case invalidResponse(url: String, reason: String)
}

extension HTTPTransportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .connectionFailed(let url, let reason):
            "Connection to \(url) failed: \(Self.sentence(reason))"
        case .timedOut(let url, let seconds):
            "Request to \(url) timed out after \(Self.format(seconds)) s."
        case .responseTooLarge(let url, let limit):
            "Response from \(url) exceeded the limit of \(limit) bytes."
        case .cancelled(let url):
            "Request to \(url) was cancelled."
        case .invalidRequest(let url, let reason):
            "Request to \(url) is invalid: \(Self.sentence(reason))"
        case .invalidResponse(let url, let reason):
            "Response from \(url) is invalid: \(Self.sentence(reason))"
        }
    }

    /// Ends `text` with a period so that another sentence can follow it.
    public static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

    private static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}

extension URL {
    /// The URL without its query or user info, safe to show in logs and errors.
    public var redactedForDisplay: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "<url>" }
        components.query = nil
        components.user = nil
        components.password = nil
        components.fragment = nil
        return components.string ?? "<url>"
    }
}
