import HTTPTransport

/// Wire constants of the Lambda Runtime API, version 2018-06-01: paths, header names, content types
/// and the error types this runtime reports.
///
/// - SeeAlso: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
public enum RuntimeAPI {
    /// The environment variable that contains the Runtime API's `host:port`.
    public static let addressVariable = "AWS_LAMBDA_RUNTIME_API"
    /// The environment variable that the X-Ray SDKs read the current trace header from.
    public static let traceIDVariable = "_X_AMZN_TRACE_ID"

    public static let versionPrefix = "/2018-06-01"

    enum Path {
        static let next = "\(versionPrefix)/runtime/invocation/next"
        static let initError = "\(versionPrefix)/runtime/init/error"

        static func response(requestID: String) -> String {
            "\(versionPrefix)/runtime/invocation/\(PercentEncoding.encode(requestID))/response"
        }

        static func error(requestID: String) -> String {
            "\(versionPrefix)/runtime/invocation/\(PercentEncoding.encode(requestID))/error"
        }
    }

    /// Header names of the Runtime API. HTTP header names are case-insensitive, so lookups ignore case.
    public enum Header {
        public static let requestID = "Lambda-Runtime-Aws-Request-Id"
        /// The invocation deadline as Unix epoch milliseconds.
        public static let deadline = "Lambda-Runtime-Deadline-Ms"
        public static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
        public static let traceID = "Lambda-Runtime-Trace-Id"
        /// The client context as raw JSON text (not base64, unlike the Invoke API's `X-Amz-Client-Context`).
        public static let clientContext = "Lambda-Runtime-Client-Context"
        public static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
        public static let tenantID = "Lambda-Runtime-Aws-Tenant-Id"
        /// Sent on `/error` and `/init/error` with the error type of the report.
        public static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
    }

    enum ContentType {
        static let json = "application/json"
        static let error = "application/vnd.aws.lambda.error+json"
    }

    /// Error types this runtime sends in `errorType`, in Lambda's `Category.Reason` form.
    public enum ErrorType {
        /// The start-up configuration is missing or invalid.
        public static let configInvalid = "Runtime.ConfigInvalid"
        /// The event is not the JSON the handler expects.
        public static let unmarshalError = "Runtime.UnmarshalError"
        /// The Runtime API rejected the handler's response with 413 because it exceeds the payload limit.
        public static let responseTooLarge = "Runtime.ResponseTooLarge"
        /// A handler error that names no type of its own.
        public static let unhandled = "Runtime.Unhandled"
    }

    /// The maximum time a Lambda function may run, in seconds (the 15-minute quota).
    public static let maximumFunctionTimeout: Double = 900
}
