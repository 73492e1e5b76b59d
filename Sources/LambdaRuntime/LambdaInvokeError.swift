import Foundation

/// A failed call to the Lambda Invoke API.
public enum LambdaInvokeError: Error, Sendable, Equatable {
    /// An endpoint environment variable does not hold an `http` or `https` URL with a host.
    case invalidEndpoint(variable: String, value: String)
    /// The region is empty or has characters other than lower-case letters, digits and hyphens.
    case invalidRegion(String)
    /// The encoded client context exceeds the Invoke API's limit.
    case clientContextTooLarge(bytes: Int, limit: Int)
    /// The function ran and failed: the reply carried `X-Amz-Function-Error`. Lambda still returns HTTP 200.
    case functionError(functionName: String, errorType: String, errorMessage: String, payload: Data)
    /// The Lambda service rejected the call, with the type from `x-amzn-ErrorType` when present.
    case serviceError(functionName: String, status: Int, errorType: String?, message: String?)
}

extension LambdaInvokeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidEndpoint(let variable, let value):
            "The environment variable \(variable) is invalid: \"\(value)\" is not an http or https URL."
        case .invalidRegion(let region):
            "The AWS region \"\(region)\" is invalid; expected a name such as us-east-1."
        case .clientContextTooLarge(let bytes, let limit):
            "The client context is \(bytes) bytes once base64-encoded; the Invoke API accepts at most \(limit)."
        case .functionError(let functionName, let errorType, let errorMessage, _):
            "The function \(functionName) failed with \(errorType): \(errorMessage)"
        case .serviceError(let functionName, let status, let errorType, let message):
            "Lambda rejected the invocation of \(functionName) with HTTP \(status)"
                + (errorType.map { " (\($0))" } ?? "") + (message.map { ": \($0)" } ?? ".")
        }
    }
}
