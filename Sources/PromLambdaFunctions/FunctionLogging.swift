import PromLambdaCore

/// The loggers of a function process: both write JSON lines through one handler.
public struct FunctionLogging: Sendable {
    /// The function's own records, at `LOG_LEVEL`.
    public var logger: Logger
    /// The per-invocation metrics line, at level `trace` so that `LOG_LEVEL` never drops it.
    public var metricsLogger: Logger

    public init(level: Logger.Level, handler: any LogHandler) {
        logger = Logger(label: "promlambda", level: level, handler: handler)
        metricsLogger = Logger(label: "promlambda.metrics", level: .trace, handler: handler)
    }
}
