import Foundation
import PromLambdaCore

/// The error object the Runtime API accepts on `/error` and `/init/error`, and the Invoke API returns
/// for a function error: `{"errorMessage": …, "errorType": …, "stackTrace": […]}`.
public struct LambdaErrorReport: Sendable, Equatable, Codable {
    public var errorMessage: String
    public var errorType: String
    /// Frames as strings. Swift offers no portable way to capture one, so reports built from a
    /// Swift error carry an empty array.
    public var stackTrace: [String]

    public init(errorMessage: String, errorType: String, stackTrace: [String] = []) {
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.stackTrace = stackTrace
    }

    /// Builds a report from a handler error.
    ///
    /// An error that conforms to ``LambdaReportableError`` names its own type. Any other error is
    /// reported as its Swift type name, the way the Node.js and Python runtimes report an exception's
    /// class name. The message is the error's `description`, so errors that reach callers must not
    /// put secrets in it.
    public init(error: any Error) {
        let type: String
        if let reportable = error as? any LambdaReportableError {
            type = reportable.lambdaErrorType
        } else {
            let name = String(describing: Swift.type(of: error))
            type = name.isEmpty ? RuntimeAPI.ErrorType.unhandled : name
        }
        self.init(errorMessage: String(describing: error), errorType: type)
    }

    /// Encodes the JSON body, with keys sorted: `{"errorMessage":…,"errorType":…,"stackTrace":[…]}`.
    public func encoded() -> Data {
        // Encoding two strings and an array of strings cannot fail.
        (try? JSONEncoder.promlambda.encode(self)) ?? Data("{}".utf8)
    }
}

/// An error that names the `errorType` reported to Lambda, such as `Runtime.UnmarshalError`.
public protocol LambdaReportableError: Error {
    var lambdaErrorType: String { get }
}
