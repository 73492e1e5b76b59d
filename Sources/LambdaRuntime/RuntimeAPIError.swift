/// A failure to talk to the Lambda Runtime API.
public enum RuntimeAPIError: Error, Sendable, Equatable {
    /// The environment variable with the Runtime API address is not set.
    case missingAddress(variable: String)
    /// The environment variable is not a `host:port` pair.
    case invalidAddress(variable: String, value: String)
    /// A `/next` reply lacked a header the runtime cannot do without.
    case missingHeader(name: String)
    /// The Runtime API rejected a response with 413 because it exceeds the payload limit.
    case responseTooLarge(requestID: String, bytes: Int)
    /// The Runtime API replied with a status other than the expected one, and not with 500.
    case unexpectedStatus(path: String, status: Int, body: String)
    /// The Runtime API replied with 500, which its specification defines as a non-recoverable
    /// container error: the runtime must exit.
    case containerError(path: String, body: String)

    /// Whether the runtime must stop serving invocations and exit after this error.
    public var requiresExit: Bool {
        switch self {
        case .missingAddress, .invalidAddress, .missingHeader, .containerError: true
        case .responseTooLarge, .unexpectedStatus: false
        }
    }
}

extension RuntimeAPIError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingAddress(let variable):
            "The environment variable \(variable) is not set. It must contain the Runtime API's host:port."
        case .invalidAddress(let variable, let value):
            "The environment variable \(variable) is invalid: \"\(value)\" is not a host:port pair such as 127.0.0.1:9001."
        case .missingHeader(let name):
            "The Runtime API's next invocation lacked the \(name) header."
        case .responseTooLarge(let requestID, let bytes):
            "The Runtime API rejected the \(bytes)-byte response of request \(requestID) as too large (HTTP 413)."
        case .unexpectedStatus(let path, let status, let body):
            "The Runtime API replied to \(path) with HTTP \(status): \(body)"
        case .containerError(let path, let body):
            "The Runtime API replied to \(path) with HTTP 500, a non-recoverable container error: \(body)"
        }
    }
}
