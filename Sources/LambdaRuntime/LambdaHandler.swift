import Foundation

/// Serves one invocation: the event's bytes in, the response's bytes out.
///
/// Decoding a particular event shape is layered on top, for example by ``JSONEventHandler``.
public protocol LambdaHandler: Sendable {
    /// Handles one event.
    /// - Throws: any error; the runtime reports it to Lambda through `/error` for this invocation and
    ///   goes on to the next one. An error conforming to ``LambdaReportableError`` names the reported
    ///   `errorType`.
    func handle(_ event: Data, context: LambdaContext) async throws -> Data
}

/// A ``LambdaHandler`` made from a closure.
public struct ClosureLambdaHandler: LambdaHandler {
    private let body: @Sendable (Data, LambdaContext) async throws -> Data

    public init(_ body: @escaping @Sendable (Data, LambdaContext) async throws -> Data) {
        self.body = body
    }

    public func handle(_ event: Data, context: LambdaContext) async throws -> Data {
        try await body(event, context)
    }
}
