import Foundation
import LambdaRuntime
import MCPServer
import PromLambdaCore

/// The handler of the `mcp` function: MCP's streamable HTTP transport behind a Lambda Function URL.
///
/// A Function URL event (payload format 2.0, which API Gateway HTTP APIs send too) or an API Gateway REST
/// proxy event becomes one ``StreamableHTTPRequest``, with a base64 body decoded. The
/// ``StreamableHTTPResponse`` goes back as the Function URL response, or as the proxy response for a REST
/// event. The invocation's deadline is passed on to the tool call. A body marked as base64 that is not
/// valid base64 gets status 400 with a JSON-RPC parse error, as a body that is not JSON does.
public struct MCPFunctionHandler: LambdaHandler {
    public let http: StreamableHTTPHandler
    /// The tool names that the metrics report as the operation of a `tools/call`.
    let toolNames: Set<String>

    public init(http: StreamableHTTPHandler, toolNames: Set<String>) {
        self.http = http
        self.toolNames = toolNames
    }

    public func handle(_ event: Data, context: LambdaContext) async throws -> Data {
        let shaped = try InvocationEvent(decoding: event)
        let method: String
        let headers: [String: String]
        let body: Data
        do {
            switch shaped {
            case .functionURL(let request):
                (method, headers, body) = (request.method, request.headers, try request.bodyData())
            case .apiGateway(let request):
                (method, headers, body) = (request.httpMethod ?? "POST", request.headers, try request.bodyData())
            case .direct:
                throw MCPEventError.notHTTP
            }
        } catch let error as InvocationEventError {
            context.logger.info("request body rejected", ["error": .string(error.description)])
            InvocationMeter.current?.recordFailure(kind: "http_400")
            let rejection: JSONValue = [
                "jsonrpc": "2.0", "id": nil,
                "error": ["code": -32700, "message": .string("Parse error: \(error.description)")],
            ]
            return try encode(StreamableHTTPResponse(status: 400, headers: ["Content-Type": "application/json"],
                                                     body: rejection.encodedData()), for: shaped)
        }
        InvocationMeter.current?.recordOperation(operation(of: body))

        let response = await http.handle(StreamableHTTPRequest(method: method, headers: headers, body: body),
                                         deadline: context.deadline.date)
        if response.status >= 400 {
            InvocationMeter.current?.recordFailure(kind: "http_\(response.status)")
        }
        return try encode(response, for: shaped)
    }

    private func encode(_ response: StreamableHTTPResponse, for event: InvocationEvent) throws -> Data {
        // The transport's bodies are JSON text or empty, so they pass as UTF-8 text without base64.
        let body = String(decoding: response.body, as: UTF8.self)
        if case .apiGateway = event {
            return try JSONEncoder.promlambda.encode(
                APIGatewayProxyResponse(statusCode: response.status, headers: response.headers, body: body))
        }
        return try JSONEncoder.promlambda.encode(
            FunctionURLResponse(statusCode: response.status, headers: response.headers, body: body))
    }

    /// Names the operation for the metrics: the tool of a `tools/call` when it exists, else the JSON-RPC
    /// method when it is one of MCP's, else `other`, which keeps the dimension's values few.
    func operation(of body: Data) -> String {
        guard let message = try? JSONValue.decode(body), let method = message["method"]?.stringValue else {
            return "other"
        }
        if method == "tools/call" {
            let tool = message["params"]?["name"]?.stringValue
            return tool.flatMap { toolNames.contains($0) ? $0 : nil } ?? InvocationMetrics.unknownOperation
        }
        let known = ["initialize", "ping", "tools/list", "notifications/initialized", "notifications/cancelled"]
        return known.contains(method) ? method : "other"
    }
}

/// An event that the MCP function cannot serve.
enum MCPEventError: Error, LambdaReportableError, CustomStringConvertible {
    case notHTTP

    var description: String {
        "The mcp function serves HTTP requests from a Lambda Function URL or API Gateway, but the event is a "
            + "direct invocation. Invoke the query, range_query, list_metrics, server_info or integration "
            + "function instead."
    }

    var lambdaErrorType: String { RuntimeAPI.ErrorType.unmarshalError }
}
