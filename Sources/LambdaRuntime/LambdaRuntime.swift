import Foundation
import HTTPTransport
import PromLambdaCore

/// The custom runtime's loop: fetch the next event, run the handler, post its response or error, repeat.
///
/// A handler error, an undecodable event and a response the Runtime API rejects as too large are each
/// reported through `/error` for that invocation, and the loop goes on. The loop ends only when the
/// Runtime API fails in a way the specification calls fatal (a 500, an unreachable API, a `/next` reply
/// without a request id), when the task is cancelled, or after `maxInvocations` invocations.
public struct LambdaRuntime: Sendable {
    /// Sets the process's `_X_AMZN_TRACE_ID` to the given trace header, or clears it for `nil`.
    public typealias TraceIDSetter = @Sendable (String?) -> Void

    public struct Configuration: Sendable {
        /// The deadline, in seconds from the start of an invocation, used when the deadline header is
        /// missing or implausible.
        // NOTE: Lambda does not pass the configured function timeout to the runtime, so 30 s is a guess
        // that fits typical tool calls. Functions with another timeout should set this.
        public var defaultTimeout: Double
        /// Seconds of clock difference accepted when judging the deadline header.
        public var deadlineTolerance: Double

        public init(defaultTimeout: Double = 30, deadlineTolerance: Double = 5) {
            self.defaultTimeout = defaultTimeout
            self.deadlineTolerance = deadlineTolerance
        }
    }

    let client: RuntimeAPIClient
    let handler: any LambdaHandler
    let configuration: Configuration
    let timeSource: any TimeSource
    let logger: Logger
    let setTraceID: TraceIDSetter

    /// - Parameter setTraceID: called before every invocation with its trace header, or `nil` when the
    ///   invocation has none. Executables pass ``processTraceIDSetter``.
    public init(client: RuntimeAPIClient, handler: any LambdaHandler, configuration: Configuration = Configuration(),
                timeSource: any TimeSource = SystemTimeSource(), logger: Logger = .disabled,
                setTraceID: @escaping TraceIDSetter) {
        self.client = client
        self.handler = handler
        self.configuration = configuration
        self.timeSource = timeSource
        self.logger = logger
        self.setTraceID = setTraceID
    }

    /// Serves invocations until a fatal Runtime API error, cancellation, or `maxInvocations`.
    /// - Parameter maxInvocations: the number of invocations after which the loop returns; `nil` serves
    ///   forever. Tests use it to stop the loop.
    /// - Throws: ``RuntimeAPIError`` whose ``RuntimeAPIError/requiresExit`` is true,
    ///   ``HTTPTransportError`` when the Runtime API cannot be reached, and `CancellationError` when the
    ///   task is cancelled. The executable should log the error and exit.
    public func run(maxInvocations: Int? = nil) async throws {
        logger.info("runtime started", ["runtime_api": .string(client.address)])
        var served = 0
        while maxInvocations.map({ served < $0 }) ?? true {
            try Task.checkCancellation()
            do {
                let invocation = try await client.nextInvocation()
                served += 1
                try await serve(invocation)
            } catch {
                if Task.isCancelled { throw CancellationError() }
                logger.critical("runtime API failed; the runtime must exit", [
                    "error": .string(String(describing: error)), "invocations": .number(Double(served)),
                ])
                throw error
            }
        }
        logger.info("runtime stopped", ["invocations": .number(Double(served))])
    }

    /// Posts `report` to `/runtime/init/error` so that Lambda fails the pending invocation with it.
    ///
    /// Call it when start-up fails after the Runtime API address was read, then exit the process.
    /// A failure to post is logged and not thrown, because the process exits either way.
    public static func reportInitializationError(_ report: LambdaErrorReport, client: RuntimeAPIClient,
                                                 logger: Logger = .disabled) async {
        logger.critical("initialization failed", [
            "error_type": .string(report.errorType), "error": .string(report.errorMessage),
        ])
        do {
            try await client.sendInitError(report)
        } catch {
            logger.error("failed to report the initialization error", ["error": .string(String(describing: error))])
        }
    }

    /// A ``TraceIDSetter`` that sets or unsets `_X_AMZN_TRACE_ID` in this process's environment.
    public static let processTraceIDSetter: TraceIDSetter = { traceID in
        if let traceID {
            setenv(RuntimeAPI.traceIDVariable, traceID, 1)
        } else {
            unsetenv(RuntimeAPI.traceIDVariable)
        }
    }
}
