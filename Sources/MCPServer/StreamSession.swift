import Foundation
import PromLambdaCore
import PromTools

extension MCPServer {
    /// Runs one MCP session over newline-delimited JSON until the input ends.
    ///
    /// Each line of `input` is one JSON-RPC message; each response goes to `output` whole. Tool
    /// calls run concurrently in a task group that this method owns, so a slow call never holds
    /// up `ping`, `tools/list` or another call. Responses to `initialize`, `ping` and
    /// `tools/list` are written in the order the requests arrive.
    ///
    /// Session rules (MCP leaves the first two to the server):
    /// - Before `initialize`, only `ping` is served; other known methods get `-32600`.
    /// - A second `initialize` gets `-32600`; the first one fixes the revision.
    /// - A batch (a JSON array) gets one `-32600` error with `id: null`.
    /// - `notifications/cancelled` cancels the named call's task, and no response is sent for it.
    ///
    /// When `input` ends, the method waits for running calls to finish and write their
    /// responses, then returns. Cancelling the calling task cancels the running calls.
    ///
    /// - Parameters:
    ///   - input: The client's bytes in chunks of any size; newlines delimit the messages.
    ///   - output: Receives each response.
    /// - Throws: the first error from `input` or from `output`. When a write fails, the running
    ///   calls are cancelled, and the error is rethrown once `input` ends.
    public func serve<Input: AsyncSequence>(input: Input, output: some MessageOutput) async throws
    where Input.Element == Data {
        logger.info("MCP session started")
        var session = StreamSession(server: self, output: output)
        var framer = LineFramer()
        try await withThrowingDiscardingTaskGroup { group in
            for try await chunk in input {
                for line in framer.append(chunk) {
                    try await session.receive(line, in: &group)
                }
            }
            if let last = framer.finish() {
                try await session.receive(last, in: &group)
            }
            logger.debug("MCP session input ended; waiting for running calls")
        }
        logger.info("MCP session ended")
    }
}

/// The state of one stream session and the handling of each message it receives.
struct StreamSession<Output: MessageOutput> {
    /// `awaitingInitialize` moves to `initialized` on the first `initialize` request, and
    /// `initialized` is final.
    private enum State {
        case awaitingInitialize
        case initialized(ProtocolVersion)
    }

    let server: MCPServer
    let output: Output
    private let calls = InFlightCalls()
    private var state = State.awaitingInitialize

    init(server: MCPServer, output: Output) {
        self.server = server
        self.output = output
    }

    private var logger: Logger { server.logger }

    mutating func receive(_ line: Data, in group: inout ThrowingDiscardingTaskGroup<any Error>) async throws {
        switch IncomingMessage.decode(line) {
        case .failure(let rejection):
            logger.debug("Rejected a message", [
                "mcp.request-id": rejection.id.map { .string($0.description) } ?? .null,
                "mcp.error-code": .number(Double(rejection.error.code.rawValue)),
            ])
            try await send(JSONRPCResponse(rejection: rejection))
        case .success(.request(let request)):
            logger.debug("Received a request", [
                "mcp.method": .string(request.method), "mcp.request-id": .string(request.id.description),
            ])
            try await handle(request, in: &group)
        case .success(.notification(let notification)):
            handle(notification)
        case .success(.response(let id)):
            logger.debug("Ignored a response: this server sends no requests", [
                "mcp.request-id": id.map { .string($0.description) } ?? .null,
            ])
        }
    }

    private mutating func handle(_ request: JSONRPCRequest,
                                 in group: inout ThrowingDiscardingTaskGroup<any Error>) async throws {
        let clientRequest: ClientRequest
        do {
            clientRequest = try ClientRequest(request)
        } catch {
            try await send(.failure(request.id, error))
            return
        }

        switch (clientRequest, state) {
        case (.ping, _):
            try await send(.success(request.id, Ping.result))
        case (.initialize(let parameters), .awaitingInitialize):
            let result = server.initialize(parameters)
            state = .initialized(result.protocolVersion)
            try await send(.success(request.id, result.jsonValue))
        case (.initialize, .initialized):
            try await send(.failure(request.id, .invalidRequest(
                "Invalid request: the session is already initialized.")))
        case (_, .awaitingInitialize):
            try await send(.failure(request.id, .invalidRequest(
                "Invalid request: send initialize before \(request.method).")))
        case (.listTools, .initialized(let version)):
            try await send(.success(request.id, server.listTools(for: version)))
        case (.callTool(let parameters), .initialized(let version)):
            try await startCall(parameters, id: request.id, version: version, in: &group)
        }
    }

    /// Starts a tool call in its own child task; the task writes the response when the call
    /// finishes, or nothing when the call is cancelled.
    private func startCall(_ parameters: CallTool.Parameters, id: RequestID, version: ProtocolVersion,
                           in group: inout ThrowingDiscardingTaskGroup<any Error>) async throws {
        let tool: ToolDefinition
        do {
            tool = try server.tool(named: parameters.name)
        } catch {
            try await send(.failure(id, error))
            return
        }
        guard let signal = calls.register(id) else {
            try await send(.failure(id, .invalidRequest(
                "Invalid request: id \(id) is already used by a running call.")))
            return
        }

        let (server, output, calls) = (self.server, self.output, self.calls)
        let started = group.addTaskUnlessCancelled {
            defer { calls.remove(id) }
            let outcome = await signal.race {
                await server.callTool(tool, arguments: parameters.arguments, id: id, version: version, deadline: nil)
            }
            switch outcome {
            case .finished(let result):
                try await output.send(JSONRPCResponse.success(id, result).encoded())
            case .cancelled:
                server.logger.debug("Tool call cancelled; no response sent", [
                    "mcp.request-id": .string(id.description), "mcp.tool": .string(tool.name),
                ])
            }
        }
        if !started {
            // The group was cancelled because a write failed; the session is ending.
            calls.remove(id)
        }
    }

    private func handle(_ notification: JSONRPCNotification) {
        let parsed: ClientNotification?
        do {
            parsed = try ClientNotification(notification)
        } catch {
            logger.debug("Ignored a notification with invalid params", [
                "mcp.method": .string(notification.method), "error": .string(error.message),
            ])
            return
        }
        switch parsed {
        case .initialized:
            logger.debug("Client finished initialization")
        case .cancelled(let parameters):
            let found = calls.cancel(parameters.requestID)
            logger.debug("Received a cancellation", [
                "mcp.request-id": .string(parameters.requestID.description),
                "mcp.call-running": .bool(found),
                "mcp.reason": parameters.reason.map(JSONValue.string) ?? .null,
            ])
        case nil:
            logger.debug("Ignored an unknown notification", ["mcp.method": .string(notification.method)])
        }
    }

    private func send(_ response: JSONRPCResponse) async throws {
        try await output.send(response.encoded())
    }
}
