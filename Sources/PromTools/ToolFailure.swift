import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore

/// Why a tool call failed, in a form an agent can act on: what failed, the value, and what to do.
///
/// A failure is a result, not a crash: every front end shows it as a tool result with `isError`.
public struct ToolFailure: Error, Sendable, Equatable, Codable {
    /// The class of failure; stable strings an agent or script can branch on.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// An argument is missing, of the wrong type or out of range.
        public static let invalidArgument = Kind(rawValue: "invalid_argument")
        /// The tool name is not one of the catalog's.
        public static let unknownTool = Kind(rawValue: "unknown_tool")
        /// Prometheus returned its error envelope; `errorType` and `message` are its own.
        public static let prometheusError = Kind(rawValue: "prometheus_error")
        /// The server returned a non-2xx status without a Prometheus envelope.
        public static let httpError = Kind(rawValue: "http_error")
        /// The server returned 2xx with a body that is not a valid API response.
        public static let invalidResponse = Kind(rawValue: "invalid_response")
        /// The server could not be reached.
        public static let unreachable = Kind(rawValue: "unreachable")
        /// No response arrived in time.
        public static let timeout = Kind(rawValue: "timeout")
        /// The response exceeded the size that promlambda reads.
        public static let responseTooLarge = Kind(rawValue: "response_too_large")
        /// Something looked up (a workspace, a label) does not exist.
        public static let notFound = Kind(rawValue: "not_found")
        /// More than one thing matched where one was needed.
        public static let ambiguous = Kind(rawValue: "ambiguous")
        /// promlambda's own configuration is missing or invalid.
        public static let configuration = Kind(rawValue: "configuration")
        /// Credentials are missing or the request was denied.
        public static let accessDenied = Kind(rawValue: "access_denied")
        /// The call was cancelled by its caller.
        public static let cancelled = Kind(rawValue: "cancelled")
    }

    public var kind: Kind
    /// A sentence naming what failed, the value, and what to do next.
    public var message: String
    /// The argument at fault, for `invalid_argument`.
    public var field: String?
    /// The HTTP status of the upstream response, when one arrived.
    public var httpStatus: Int?
    /// Prometheus' `errorType`, verbatim, for `prometheus_error`; AWS's error type for AWS calls.
    public var errorType: String?
    /// Structured facts that help the caller act, such as the candidates of an ambiguous alias.
    public var details: JSONValue?

    public init(kind: Kind, message: String, field: String? = nil, httpStatus: Int? = nil, errorType: String? = nil,
                details: JSONValue? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.details = details
    }

    public static func invalidArgument(_ field: String, _ message: String) -> ToolFailure {
        ToolFailure(kind: .invalidArgument, message: message, field: field)
    }
}

extension ToolFailure {
    /// Maps a Prometheus client error; the server's `errorType` and message pass through verbatim.
    public init(_ error: PrometheusError) {
        switch error {
        case .api(let status, let errorType, let message, _):
            self.init(kind: .prometheusError, message: message, httpStatus: status, errorType: errorType.rawValue)
        case .http(let status, _, _) where status == 401 || status == 403:
            self.init(kind: .accessDenied, message: error.description + " Check the credentials, the clock, and that "
                      + "the IAM identity may query this server (for AMP: aps:QueryMetrics, aps:GetLabels, "
                      + "aps:GetSeries, aps:GetMetricMetadata on the workspace).", httpStatus: status)
        case .http(let status, _, _):
            self.init(kind: .httpError, message: error.description, httpStatus: status)
        case .invalidResponse(let status, _, _):
            self.init(kind: .invalidResponse, message: error.description, httpStatus: status)
        case .transport(let transportError):
            self.init(transportError)
        }
    }

    public init(_ error: HTTPTransportError) {
        switch error {
        case .connectionFailed:
            self.init(kind: .unreachable, message: error.description + " Check that the server is running and the URL is right.")
        case .timedOut:
            self.init(kind: .timeout, message: error.description + " The server did not respond in time: narrow the "
                      + "query or shorten its range, or raise PROMLAMBDA_REQUEST_TIMEOUT if the server is slow.")
        case .responseTooLarge:
            self.init(kind: .responseTooLarge, message: error.description
                      + " Narrow the query with label matchers, aggregate it (sum by, topk) or raise the step.")
        case .cancelled:
            self.init(kind: .cancelled, message: error.description)
        case .invalidRequest:
            self.init(kind: .configuration, message: error.description)
        case .invalidResponse:
            self.init(kind: .invalidResponse, message: error.description + " Check that the URL names a "
                      + "Prometheus-compatible server.")
        }
    }

    public init(_ error: TimeInputError) {
        self.init(kind: .invalidArgument, message: error.description, field: error.field)
    }

    /// The failure as the JSON object tools return in place of a result.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["error": .string(kind.rawValue), "message": .string(message)]
        if let field { object["field"] = .string(field) }
        if let httpStatus { object["httpStatus"] = .number(Double(httpStatus)) }
        if let errorType { object["errorType"] = .string(errorType) }
        if let details { object["details"] = details }
        return .object(object)
    }

    /// The one-line text form: `prometheus_error (bad_data, HTTP 400): <message>`.
    public var text: String {
        var details: [String] = []
        if let errorType { details.append(errorType) }
        if let httpStatus { details.append("HTTP \(httpStatus)") }
        if let field { details.append("field \(field)") }
        let detail = details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"
        return "Error: \(kind.rawValue)\(detail): \(message)"
    }

    public var output: ToolOutput {
        ToolOutput(structured: json, text: text, isError: true)
    }
}
