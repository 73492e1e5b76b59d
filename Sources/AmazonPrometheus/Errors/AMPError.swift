import Foundation
import HTTPTransport

/// A failed AMP control plane call: what AMP returned, classified, with a message that states what to check.
///
/// `message` is AMP's own text, cut before any canonical request that AWS appends to signature errors, because
/// that part can contain the session token. No credential appears in `description` or any field.
public struct AMPError: Error, Sendable, Equatable {
    /// The class of failure, derived from the status and the error type.
    public enum Reason: Sendable, Equatable {
        /// The signature does not match: wrong secret access key, or a client that signs differently.
        case signatureMismatch
        /// The signing time is more than 5 minutes away from AWS's clock.
        case signatureExpired
        /// AWS does not recognise the access key ID or the session token.
        case invalidToken
        /// The session token of temporary credentials has expired.
        case expiredToken
        /// The request carried no signature at all.
        case missingAuthentication
        /// The identity is not allowed to perform the action on the resource.
        case accessDenied
        /// The workspace (or another resource) does not exist in the region.
        case resourceNotFound
        /// AMP throttled the call (HTTP 429).
        case throttled
        /// AMP rejected a parameter (HTTP 400 `ValidationException`).
        case validation
        case conflict
        case serviceQuotaExceeded
        /// AMP failed (HTTP 5xx).
        case serverError
        /// A status that none of the cases above covers.
        case unexpectedStatus
        /// A 2xx response whose body is not the documented JSON.
        case invalidResponse
        /// An argument that promlambda rejects before sending, such as an empty workspace ID.
        case invalidRequest
        /// No response arrived.
        case transport(HTTPTransportError)
        /// The injected HTTP client threw an error of its own before sending, such as a signing client that
        /// found no credentials.
        case httpClientFailed
    }

    public var reason: Reason
    public var operation: AMPOperation
    public var region: String
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// The AWS error type, from `x-amzn-ErrorType` or the body's `__type`, without any `:` suffix or `#` prefix.
    public var errorType: String?
    /// AMP's message, or promlambda's own for failures without a response.
    public var message: String
    /// The `Retry-After` value of a throttled or failed call, in seconds.
    public var retryAfter: Double?

    public init(reason: Reason, operation: AMPOperation, region: String, httpStatus: Int? = nil,
                errorType: String? = nil, message: String, retryAfter: Double? = nil) {
        self.reason = reason
        self.operation = operation
        self.region = region
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Whether the same call may succeed later without a change on the caller's side.
    public var isRetryable: Bool {
        switch reason {
        case .throttled, .serverError: true
        case .transport(.connectionFailed), .transport(.timedOut): true
        default: false
        }
    }
}

// MARK: - CustomStringConvertible

extension AMPError: CustomStringConvertible {
    public var description: String {
        let call = "\(operation.display) in \(region)"
        switch reason {
        case .signatureMismatch:
            return "AMP rejected the signature of \(call)\(detail). Check that the secret access key belongs to the "
                + "access key ID, and that requests are signed for region \(region) and service "
                + "\(AMPWire.signingName)."
        case .signatureExpired:
            return "AMP rejected \(call) because the signing time is more than 5 minutes from AWS's clock\(detail). "
                + "Check this machine's clock and synchronise it, for example with NTP."
        case .invalidToken:
            return "AMP did not recognise the credentials of \(call)\(detail). Check the access key ID, and that a "
                + "session token is set exactly when the credentials are temporary."
        case .expiredToken:
            return "The session token of \(call) has expired\(detail). Refresh the temporary credentials, for "
                + "example by assuming the role again or with aws sso login."
        case .missingAuthentication:
            return "AMP received \(call) without a SigV4 signature\(detail). Sign requests for service "
                + "\(AMPWire.signingName) in region \(region)."
        case .accessDenied:
            return "AMP denied \(call)\(detail). Check that the identity's IAM policy allows \(operation.iamAction) "
                + "on \(operation.resourceDescription(region: region))."
        case .resourceNotFound:
            if case .describeWorkspace(let id) = operation {
                return "Workspace \(id) was not found in \(region)\(detail). Check the workspace ID and the region; "
                    + "ListWorkspaces shows the region's workspaces."
            }
            return "AMP found no resource for \(call)\(detail)."
        case .throttled:
            let wait = retryAfter.map { " Retry after \(Self.formatSeconds($0)) s." } ?? " Retry later."
            return "AMP throttled \(call)\(detail).\(wait)"
        case .validation:
            return "AMP rejected \(call) as invalid\(detail)."
        case .conflict, .serviceQuotaExceeded, .unexpectedStatus:
            return "AMP failed \(call)\(detail)."
        case .serverError:
            return "AMP failed \(call) with a server error\(detail). Retry later."
        case .invalidResponse:
            return "AMP returned an invalid response to \(call)\(detail)."
        case .invalidRequest:
            return "Invalid \(operation.name) request: \(message)"
        case .transport(let error):
            return "\(call) failed: \(error.description)"
        case .httpClientFailed:
            return "\(call) failed before it was sent: \(message)"
        }
    }

    /// ` (HTTP 403, AccessDeniedException): message`, with the parts that are known.
    private var detail: String {
        var parts: [String] = []
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let errorType { parts.append(errorType) }
        let label = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        return message.isEmpty ? label : "\(label): \(Self.withoutFinalPeriod(message))"
    }

    private static func withoutFinalPeriod(_ text: String) -> String {
        text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
