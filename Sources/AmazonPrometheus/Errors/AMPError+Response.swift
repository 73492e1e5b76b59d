import Foundation
import HTTPTransport

extension AMPError {
    /// The maximum length of a kept server message, in characters.
    static let messageLimit = 600

    /// Classifies a non-2xx response of `operation`; `now` is the time against which an HTTP-date
    /// `Retry-After` is read.
    ///
    /// The error type comes from `x-amzn-ErrorType` (the rest-json convention), else from the body's `__type` or
    /// `code`. Authentication failures are distinguished by type, whatever the status: AWS front ends answer some of
    /// them with 400 rather than 403.
    init(response: HTTPResponse, operation: AMPOperation, region: String, now: Date) {
        let body = Self.errorBody(response.body)
        let errorType = Self.normalizeErrorType(response.headers[AMPWire.Header.errorType])
            ?? Self.normalizeErrorType(body.type)
        let message = Self.sanitize(body.message ?? Self.plainTextMessage(response))
        let reason = Self.classify(status: response.status, errorType: errorType, message: message)
        let retryAfter = response.headers[AMPWire.Header.retryAfter]
            .flatMap { RetryPolicy.parseRetryAfter($0, now: now) }
            .map { max($0, 0) }
        self.init(reason: reason, operation: operation, region: region, httpStatus: response.status,
                  errorType: errorType, message: message, retryAfter: retryAfter)
    }

    static func classify(status: Int, errorType: String?, message: String) -> Reason {
        switch errorType {
        case AMPWire.ErrorType.invalidSignature, AMPWire.ErrorType.signatureDoesNotMatch:
            let lowered = message.lowercased()
            let isClockSkew = lowered.contains("signature expired") || lowered.contains("not yet current")
            return isClockSkew ? .signatureExpired : .signatureMismatch
        case AMPWire.ErrorType.incompleteSignature:
            return .signatureMismatch
        case AMPWire.ErrorType.unrecognizedClient, AMPWire.ErrorType.invalidClientTokenID:
            return .invalidToken
        case AMPWire.ErrorType.expiredToken, "ExpiredToken":
            return .expiredToken
        case AMPWire.ErrorType.missingAuthenticationToken, "MissingAuthenticationToken":
            return .missingAuthentication
        case AMPWire.ErrorType.accessDenied, "AccessDenied":
            return .accessDenied
        case AMPWire.ErrorType.throttling, "TooManyRequestsException", "Throttling":
            return .throttled
        default:
            break
        }
        switch status {
        case 400: return .validation
        case 402: return .serviceQuotaExceeded
        case 403: return .accessDenied
        case 404: return .resourceNotFound
        case 409: return .conflict
        case 429: return .throttled
        case 500...599: return .serverError
        default: return .unexpectedStatus
        }
    }

    /// Keeps the text before the first blank line, where AWS starts "The Canonical String for this request should
    /// have been", which lists signed headers such as `x-amz-security-token`. Also cuts at ``messageLimit``.
    static func sanitize(_ message: String) -> String {
        var text = message
        if let blankLine = text.range(of: "\n\n") {
            text = String(text[..<blankLine.lowerBound])
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > messageLimit {
            text = String(text.prefix(messageLimit)) + "…"
        }
        return text
    }

    /// `AccessDeniedException:http://internal.amazon.com/…` and `com.amazonaws.aps#AccessDeniedException` both
    /// become `AccessDeniedException`.
    static func normalizeErrorType(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        if let hash = text.lastIndex(of: "#") {
            text = String(text[text.index(after: hash)...])
        }
        return text.isEmpty ? nil : text
    }

    private struct ErrorBody {
        var type: String?
        var message: String?
    }

    private static func errorBody(_ data: Data) -> ErrorBody {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return ErrorBody()
        }
        let type = (object[AMPWire.ErrorBodyField.type] ?? object[AMPWire.ErrorBodyField.code]) as? String
        let message = (object[AMPWire.ErrorBodyField.message] ?? object[AMPWire.ErrorBodyField.capitalizedMessage])
            as? String
        return ErrorBody(type: type, message: message)
    }

    /// Returns the text of a response without a JSON error object, such as a load balancer's text page.
    private static func plainTextMessage(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(messageLimit), as: UTF8.self)
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        return contentType.contains("html") ? "" : text
    }
}
