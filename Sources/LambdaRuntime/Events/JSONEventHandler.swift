import Foundation
import PromLambdaCore

/// Serves one JSON request, whatever event shape carried it.
public protocol JSONEventHandler: Sendable {
    /// Handles one request.
    /// - Parameters:
    ///   - payload: the direct event, or the decoded body of an HTTP-shaped event (`null` without a body).
    ///   - event: the classified event, for handlers that need HTTP headers or the method.
    /// - Returns: the response body and, for HTTP-shaped events, its status code.
    /// - Throws: any error; the runtime reports it through `/error`.
    func handle(_ payload: JSONValue, event: InvocationEvent, context: LambdaContext) async throws -> JSONEventResponse
}

/// The result of a ``JSONEventHandler``.
public struct JSONEventResponse: Sendable, Equatable {
    /// The HTTP status for HTTP-shaped events; ignored for direct events.
    public var statusCode: Int
    public var body: JSONValue

    public init(statusCode: Int = 200, body: JSONValue) {
        self.statusCode = statusCode
        self.body = body
    }
}

/// Adapts a ``JSONEventHandler`` to the byte-level ``LambdaHandler``: classifies the event, extracts the
/// payload and returns the response in the event's own shape.
///
/// An event that is not JSON is thrown as ``InvocationEventError/eventNotJSON(bytes:)``, so the runtime
/// reports `Runtime.UnmarshalError`. An HTTP-shaped event whose body is not JSON or not valid base64 is
/// answered with status 400 and a JSON body `{"errorMessage": …, "errorType": "Runtime.UnmarshalError"}`,
/// because the fault lies with the HTTP client and the function itself did not fail.
public struct JSONEventLambdaHandler: LambdaHandler {
    private let handler: any JSONEventHandler

    public init(_ handler: any JSONEventHandler) {
        self.handler = handler
    }

    public func handle(_ event: Data, context: LambdaContext) async throws -> Data {
        let shaped = try InvocationEvent(decoding: event)
        let payload: JSONValue
        do {
            payload = try shaped.payload()
        } catch {
            context.logger.info("request body rejected", ["error": .string(error.description)])
            let report = LambdaErrorReport(errorMessage: error.description, errorType: error.lambdaErrorType)
            return shaped.response(statusCode: 400, body: [
                "errorMessage": .string(report.errorMessage), "errorType": .string(report.errorType),
            ])
        }
        let response = try await handler.handle(payload, event: shaped, context: context)
        return shaped.response(statusCode: response.statusCode, body: response.body)
    }
}
