/// A failure to read an event or the body inside it.
public enum InvocationEventError: Error, Sendable, Equatable {
    /// The event itself is not JSON.
    case eventNotJSON(bytes: Int)
    /// An HTTP-shaped event marks its body as base64, but the body is not valid base64.
    case invalidBase64Body
    /// An HTTP-shaped event's body is not JSON.
    case bodyNotJSON
}

extension InvocationEventError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .eventNotJSON(let bytes): "The \(bytes)-byte event is not valid JSON."
        case .invalidBase64Body: "The request body is marked as base64-encoded but is not valid base64."
        case .bodyNotJSON: "The request body is not valid JSON."
        }
    }
}

// MARK: - LambdaReportableError

extension InvocationEventError: LambdaReportableError {
    public var lambdaErrorType: String { RuntimeAPI.ErrorType.unmarshalError }
}
