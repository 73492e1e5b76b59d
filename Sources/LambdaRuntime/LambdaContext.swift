import Foundation
import HTTPTransport
import PromLambdaCore

/// The request id, deadline, caller data and logger of one invocation, built fresh for each invocation.
public struct LambdaContext: Sendable {
    /// The invocation's id, from `Lambda-Runtime-Aws-Request-Id`.
    public var requestID: String
    /// The deadline, from `Lambda-Runtime-Deadline-Ms` or a default when that header was unusable.
    public var deadline: InvocationDeadline
    /// The ARN the caller invoked, with an alias or version when one was used.
    public var invokedFunctionARN: String?
    /// The X-Ray trace header, from `Lambda-Runtime-Trace-Id`.
    public var traceID: String?
    /// The caller's client context; `nil` when absent or malformed.
    public var clientContext: ClientContext?
    /// The reason a client context header was ignored; `nil` when there was none or it parsed.
    public var clientContextError: ClientContextError?
    /// The Cognito identity JSON that mobile SDK callers send; `nil` when absent or not JSON.
    public var cognitoIdentity: JSONValue?
    /// The tenant id of a tenant-isolated function, from `Lambda-Runtime-Aws-Tenant-Id`.
    public var tenantID: String?
    /// A logger whose records carry `aws-request-id`.
    public var logger: Logger
    private let timeSource: any TimeSource

    public init(requestID: String, deadline: InvocationDeadline, invokedFunctionARN: String? = nil,
                traceID: String? = nil, clientContext: ClientContext? = nil,
                clientContextError: ClientContextError? = nil, cognitoIdentity: JSONValue? = nil,
                tenantID: String? = nil, logger: Logger = .disabled, timeSource: any TimeSource = SystemTimeSource()) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.clientContextError = clientContextError
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.logger = logger.with(["aws-request-id": .string(requestID)])
        self.timeSource = timeSource
    }

    /// Builds the context from the headers of a `/next` reply.
    /// - Parameters:
    ///   - defaultTimeout: seconds from now used as the deadline when the deadline header is unusable.
    ///   - deadlineTolerance: seconds of clock difference accepted when judging the deadline header.
    public init(invocation: RuntimeInvocation, timeSource: any TimeSource, logger: Logger,
                defaultTimeout: Double, deadlineTolerance: Double) {
        let headers = invocation.headers
        let deadline = InvocationDeadline.parse(header: headers[RuntimeAPI.Header.deadline], now: timeSource.now,
                                                defaultTimeout: defaultTimeout, tolerance: deadlineTolerance)

        var clientContext: ClientContext?
        var clientContextError: ClientContextError?
        if let header = Self.nonEmpty(headers[RuntimeAPI.Header.clientContext]) {
            do {
                clientContext = try ClientContext.parse(header: header)
            } catch {
                clientContextError = error
            }
        }

        let cognitoIdentity = Self.nonEmpty(headers[RuntimeAPI.Header.cognitoIdentity])
            .flatMap { try? JSONValue.decode(Data($0.utf8)) }

        self.init(requestID: invocation.requestID, deadline: deadline,
                  invokedFunctionARN: Self.nonEmpty(headers[RuntimeAPI.Header.invokedFunctionARN]),
                  traceID: Self.nonEmpty(headers[RuntimeAPI.Header.traceID]),
                  clientContext: clientContext, clientContextError: clientContextError,
                  cognitoIdentity: cognitoIdentity, tenantID: Self.nonEmpty(headers[RuntimeAPI.Header.tenantID]),
                  logger: logger, timeSource: timeSource)
    }

    /// Seconds left until the deadline, read from the injected time source; 0 once it has passed.
    public var remainingTime: Double {
        max(0, deadline.date.timeIntervalSince(timeSource.now))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
