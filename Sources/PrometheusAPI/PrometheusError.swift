import Foundation
import HTTPTransport

/// The `errorType` field of Prometheus' error envelope.
///
/// An open set: servers such as Thanos, Mimir and AMP may send types Prometheus does not, and
/// every one is kept as it came.
public struct PrometheusErrorType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let badData = PrometheusErrorType(rawValue: "bad_data")
    public static let execution = PrometheusErrorType(rawValue: "execution")
    public static let timeout = PrometheusErrorType(rawValue: "timeout")
    public static let canceled = PrometheusErrorType(rawValue: "canceled")
    public static let `internal` = PrometheusErrorType(rawValue: "internal")
    public static let unavailable = PrometheusErrorType(rawValue: "unavailable")
    public static let notFound = PrometheusErrorType(rawValue: "not_found")
}

/// A Prometheus API call that failed.
public enum PrometheusError: Error, Sendable, Equatable {
    /// The server returned its JSON error envelope; `message` is its `error` text, verbatim.
    case api(status: Int, errorType: PrometheusErrorType, message: String, warnings: [String])
    /// A non-2xx response without the JSON envelope, such as an HTML page from a proxy.
    /// `body` contains the start of the body, cut at ``PrometheusError/bodyExcerptLimit`` bytes.
    case http(status: Int, contentType: String?, body: String)
    /// A 2xx response that is not the expected JSON: not JSON at all, truncated, or of another shape.
    case invalidResponse(status: Int, reason: String, body: String)
    /// No response arrived.
    case transport(HTTPTransportError)

    /// How much of an unexpected body an error keeps, in bytes.
    public static let bodyExcerptLimit = 512

    /// The HTTP status, when a response arrived.
    public var status: Int? {
        switch self {
        case .api(let status, _, _, _), .http(let status, _, _), .invalidResponse(let status, _, _): status
        case .transport: nil
        }
    }
}

extension PrometheusError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .api(let status, let errorType, let message, _):
            "Prometheus returned HTTP \(status) (\(errorType.rawValue)): \(message)"
        case .http(let status, let contentType, let body):
            "The server returned HTTP \(status) without Prometheus' error envelope (\(contentType ?? "no content type")): "
                + (body.isEmpty ? "(empty body)" : body)
                + (status == 404 ? Self.sentenceEnd(body.isEmpty ? "(empty body)" : body) + " Check that the URL is the server's base URL, the part "
                    + "before /api/v1." : "")
        case .invalidResponse(let status, let reason, let body):
            "Prometheus returned HTTP \(status) with an invalid response: \(HTTPTransportError.sentence(reason))"
                + (body.isEmpty ? "" : " Body starts with: \(body)")
        case .transport(let error):
            error.description
        }
    }
}

extension PrometheusError {
    /// Returns the period that ends `text` as a sentence, or nothing when it already ends with one.
    static func sentenceEnd(_ text: String) -> String {
        guard let last = text.last else { return "" }
        return ".!?…".contains(last) ? "" : "."
    }
}
