import Foundation
import PromLambdaCore
import PromTools

/// Serves MCP's streamable HTTP transport in stateless mode: one POST in, one response out.
///
/// The handler keeps nothing between requests: it issues no `Mcp-Session-Id`, opens no SSE
/// stream and sends no server-initiated messages, so every response is `application/json` or
/// empty. That makes it fit a Lambda Function URL, where each request may reach a different
/// instance. It does not depend on Lambda: an adapter turns the event into a
/// ``StreamableHTTPRequest`` and the ``StreamableHTTPResponse`` back into the event's reply.
///
/// The rules, checked in this order:
/// 1. A request with an `Origin` header not in `allowedOrigins` gets 403, against DNS rebinding.
/// 2. Methods other than POST get 405 with `Allow: POST`: there is no SSE stream for GET and no
///    session for DELETE to end.
/// 3. An `Accept` header that is missing or does not admit `application/json` gets 406. The spec
///    tells clients to list both `application/json` and `text/event-stream`, but this server only
///    ever sends JSON, so `application/json`, `application/*` or `*/*` suffices.
/// 4. A `Content-Type` other than `application/json` gets 415.
/// 5. A body that is not JSON gets 400 with a `-32700` error and `id: null`; JSON that is not a
///    single JSON-RPC message, including a batch, gets 400 with `-32600`.
/// 6. An `MCP-Protocol-Version` header naming a revision this server does not speak gets 400.
///    Without the header the server assumes 2025-03-26, as the spec says. `initialize` ignores
///    the header, because its revision is negotiated from its params.
/// 7. A notification or a response gets 202 with no body. `notifications/cancelled` has no
///    effect: the call it names runs in another HTTP request, which this handler cannot reach.
/// 8. A request gets 200 with the JSON-RPC response, which may be a JSON-RPC error.
///
/// Error statuses carry a JSON-RPC error body, so a client sees why it was rejected.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http
public struct StreamableHTTPHandler: Sendable {
    public let server: MCPServer
    /// Values of the `Origin` header that are let through. Requests without `Origin`, which is
    /// every request from a non-browser agent, are not affected.
    public let allowedOrigins: Set<String>

    public init(server: MCPServer, allowedOrigins: Set<String> = []) {
        self.server = server
        self.allowedOrigins = allowedOrigins
    }

    /// Serves one HTTP request.
    ///
    /// - Parameters:
    ///   - request: The method, headers and body of the request.
    ///   - deadline: When the caller stops waiting, such as the Lambda invocation's deadline;
    ///     passed to the tool in ``ToolCallContext/deadline``.
    /// - Returns: The response; this method does not throw, because every failure has a status.
    public func handle(_ request: StreamableHTTPRequest, deadline: Date? = nil) async -> StreamableHTTPResponse {
        if let rejection = rejectionBeforeParsing(request) {
            server.logger.debug("Rejected an HTTP request", ["http.status": .number(Double(rejection.status))])
            return rejection
        }

        let message: IncomingMessage
        switch IncomingMessage.decode(request.body) {
        case .success(let decoded):
            message = decoded
        case .failure(let rejection):
            server.logger.debug("Rejected a message", [
                "mcp.request-id": rejection.id.map { .string($0.description) } ?? .null,
                "mcp.error-code": .number(Double(rejection.error.code.rawValue)),
            ])
            return .json(status: 400, JSONRPCResponse(rejection: rejection))
        }

        switch message {
        case .request(let jsonRPC):
            return await respond(to: jsonRPC, headerVersion: request.header(HeaderName.protocolVersion),
                                 deadline: deadline)
        case .notification(let notification):
            return accept(notification, headerVersion: request.header(HeaderName.protocolVersion))
        case .response:
            return .accepted
        }
    }

    // MARK: - Transport checks

    /// Applies the checks that need no body: origin, method, `Accept` and `Content-Type`.
    private func rejectionBeforeParsing(_ request: StreamableHTTPRequest) -> StreamableHTTPResponse? {
        if let origin = request.header(HeaderName.origin), !allowedOrigins.contains(origin) {
            return error(403, "Forbidden: the origin \(origin) is not allowed.")
        }
        guard request.method.uppercased() == "POST" else {
            return error(405, "Method not allowed: \(request.method); this endpoint accepts POST only.",
                         headers: [HeaderName.allow: "POST"])
        }
        guard let accept = request.header(HeaderName.accept), MediaType.accepts(json: accept) else {
            return error(406, "Not acceptable: the Accept header must include application/json.")
        }
        guard let contentType = request.header(HeaderName.contentType), MediaType.isJSON(contentType: contentType)
        else {
            return error(415, "Unsupported media type: the Content-Type must be application/json.")
        }
        return nil
    }

    /// Reads the `MCP-Protocol-Version` header.
    ///
    /// - Returns: the revision, ``ProtocolVersion/assumedWithoutHeader`` when the header is
    ///   absent, or the 400 response when it names a revision this server does not speak.
    private func version(fromHeader value: String?) -> Result<ProtocolVersion, HeaderRejection> {
        guard let value else { return .success(.assumedWithoutHeader) }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let version = ProtocolVersion(rawValue: trimmed) else {
            server.logger.debug("Rejected an unsupported protocol version header", [
                "mcp.protocol-version": .string(trimmed),
            ])
            let supported = ProtocolVersion.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(HeaderRejection(response: error(
                400, "Bad request: unsupported MCP-Protocol-Version \(trimmed); supported: \(supported).")))
        }
        return .success(version)
    }

    private func error(_ status: Int, _ message: String, headers: [String: String] = [:])
        -> StreamableHTTPResponse {
        .json(status: status, .failure(nil, .invalidRequest(message)), headers: headers)
    }

    // MARK: - Messages

    private func respond(to request: JSONRPCRequest, headerVersion: String?, deadline: Date?) async
        -> StreamableHTTPResponse {
        let version: ProtocolVersion
        switch self.version(fromHeader: headerVersion) {
        case .success(let parsed):
            version = parsed
        case .failure(let rejection):
            // `initialize` negotiates its revision from its params, so the header does not apply.
            guard request.method == Initialize.name else { return rejection.response }
            version = .latest
        }

        let clientRequest: ClientRequest
        do {
            clientRequest = try ClientRequest(request)
        } catch {
            return .json(status: 200, .failure(request.id, error))
        }

        switch clientRequest {
        case .initialize(let parameters):
            return .json(status: 200, .success(request.id, server.initialize(parameters).jsonValue))
        case .ping:
            return .json(status: 200, .success(request.id, Ping.result))
        case .listTools:
            return .json(status: 200, .success(request.id, server.listTools(for: version)))
        case .callTool(let parameters):
            let tool: ToolDefinition
            do {
                tool = try server.tool(named: parameters.name)
            } catch {
                return .json(status: 200, .failure(request.id, error))
            }
            let result = await server.callTool(tool, arguments: parameters.arguments, id: request.id,
                                               version: version, deadline: deadline)
            return .json(status: 200, .success(request.id, result))
        }
    }

    private func accept(_ notification: JSONRPCNotification, headerVersion: String?) -> StreamableHTTPResponse {
        if case .failure(let rejection) = version(fromHeader: headerVersion) {
            return rejection.response
        }
        do {
            _ = try ClientNotification(notification)
        } catch {
            return .json(status: 400, .failure(nil, error))
        }
        server.logger.debug("Accepted a notification", ["mcp.method": .string(notification.method)])
        return .accepted
    }
}

/// A 400 response for an unusable `MCP-Protocol-Version` header.
private struct HeaderRejection: Error {
    var response: StreamableHTTPResponse
}

/// The header names the streamable HTTP transport reads and writes.
enum HeaderName {
    static let accept = "Accept"
    static let allow = "Allow"
    static let contentType = "Content-Type"
    static let origin = "Origin"
    static let protocolVersion = "MCP-Protocol-Version"
}
