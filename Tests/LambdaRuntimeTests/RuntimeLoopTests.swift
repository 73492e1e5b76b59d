import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import Testing
import TestSupport

/// Drives the real ``RuntimeAPIClient`` and ``LambdaRuntime`` loop against the Runtime API double.
@Suite struct RuntimeLoopTests {
    private func makeRuntime(_ double: RuntimeAPIDouble, handler: any LambdaHandler,
                             traceIDs: TraceIDRecorder = TraceIDRecorder(),
                             timeSource: any TimeSource = SystemTimeSource(),
                             logger: Logger = .disabled) throws -> LambdaRuntime {
        let client = try RuntimeAPIClient(address: double.address, http: URLSessionHTTPClient())
        return LambdaRuntime(client: client, handler: handler, timeSource: timeSource, logger: logger,
                             setTraceID: traceIDs.set)
    }

    @Test func loopPostsHandlerResponse() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-1", body: #"{"query":"up"}"#))

        try await makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler())).run(maxInvocations: 1)

        let snapshot = try await double.snapshot(waitingFor: 1)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.count == 1)
        let record = try #require(snapshot.records.first)
        #expect(record.kind == "response")
        #expect(record.requestId == "req-1")
        #expect(record.contentType == "application/json")
        #expect(record.body == #"{"echo":{"query":"up"}}"#)
    }

    @Test func loopContinuesAfterHandlerError() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-fail", body: #"{"fail":true}"#))
        try await double.enqueue(.init(requestID: "req-ok", body: #"{"n":1}"#))

        try await makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler())).run(maxInvocations: 2)

        let snapshot = try await double.snapshot(waitingFor: 2)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.map(\.kind) == ["error", "response"])
        #expect(snapshot.records.map(\.requestId) == ["req-fail", "req-ok"])
        let error = snapshot.records[0]
        #expect(error.contentType == "application/vnd.aws.lambda.error+json")
        #expect(error.errorTypeHeader == "Tool.Failed")
        #expect(error.body == #"{"errorMessage":"The tool failed on purpose.","errorType":"Tool.Failed","stackTrace":[]}"#)
        #expect(snapshot.records[1].body == #"{"echo":{"n":1}}"#)
    }

    @Test func loopReportsUndecodableEvent() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-garbage", body: "{not json"))
        try await double.enqueue(.init(requestID: "req-ok", body: "{}"))

        try await makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler())).run(maxInvocations: 2)

        let snapshot = try await double.snapshot(waitingFor: 2)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.map(\.kind) == ["error", "response"])
        let error = snapshot.records[0]
        #expect(error.errorTypeHeader == "Runtime.UnmarshalError")
        #expect(error.json?["errorType"] == "Runtime.UnmarshalError")
        #expect(error.json?["errorMessage"] == "The 9-byte event is not valid JSON.")
    }

    @Test func loopTurnsOversizeResponseIntoError() async throws {
        let double = try await RuntimeAPIDouble.start(maxResponseBytes: 1_000)
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-big", body: #"{"size":2000}"#))
        try await double.enqueue(.init(requestID: "req-small", body: #"{"size":10}"#))
        let handler = ClosureLambdaHandler { event, _ in
            let size = try JSONValue.decode(event)["size"]?.numberValue ?? 0
            return Data(repeating: UInt8(ascii: "x"), count: Int(size))
        }

        try await makeRuntime(double, handler: handler).run(maxInvocations: 2)

        let snapshot = try await double.snapshot(waitingFor: 3)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.map(\.kind) == ["responseTooLarge", "error", "response"])
        #expect(snapshot.records.map(\.requestId) == ["req-big", "req-big", "req-small"])
        #expect(snapshot.records[0].bodyBytes == 2_000)
        let error = snapshot.records[1]
        #expect(error.errorTypeHeader == "Runtime.ResponseTooLarge")
        #expect(error.json?["errorMessage"] == "The response of 2000 bytes exceeds the Lambda response payload limit.")
        #expect(snapshot.records[2].bodyBytes == 10)
    }

    @Test func loopRejectsResponseOverDefaultLimit() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-big", body: "{}"))
        let limit = 6 * 1_024 * 1_024
        let handler = ClosureLambdaHandler { _, _ in Data(repeating: UInt8(ascii: "x"), count: limit + 1) }

        try await makeRuntime(double, handler: handler).run(maxInvocations: 1)

        let snapshot = try await double.snapshot(waitingFor: 2)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.map(\.kind) == ["responseTooLarge", "error"])
        #expect(snapshot.records.first?.bodyBytes == limit + 1)
    }

    @Test func loopDefaultsMissingDeadline() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        var headers = RuntimeAPIDouble.Event.standardHeaders(requestID: "req-1")
        headers[RuntimeAPI.Header.deadline] = nil
        try await double.enqueue(.init(requestID: "req-1", body: "{}", headers: headers))
        let clock = ManualTimeSource()
        let handler = EchoJSONHandler()

        try await makeRuntime(double, handler: JSONEventLambdaHandler(handler), timeSource: clock).run(maxInvocations: 1)

        let context = try #require(handler.recorder.contexts.first)
        #expect(context.deadline.defaultReason == .missing)
        #expect(context.deadline.date == clock.now.addingTimeInterval(30))
        #expect(context.remainingTime == 30)
        #expect(try await double.snapshot(waitingFor: 1).violations == [])
    }

    @Test func loopUsesDeadlineHeader() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        let clock = ManualTimeSource()
        let deadline = clock.now.addingTimeInterval(12.5)
        let headers = RuntimeAPIDouble.Event.standardHeaders(requestID: "req-1", deadline: deadline)
        try await double.enqueue(.init(requestID: "req-1", body: "{}", headers: headers))
        let handler = EchoJSONHandler()

        try await makeRuntime(double, handler: JSONEventLambdaHandler(handler), timeSource: clock).run(maxInvocations: 1)

        let context = try #require(handler.recorder.contexts.first)
        #expect(context.deadline == InvocationDeadline(date: deadline))
        #expect(context.remainingTime == 12.5)
        #expect(context.invokedFunctionARN == "arn:aws:lambda:us-east-1:123456789012:function:promlambda")
    }

    @Test func loopSetsTraceIDPerInvocation() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        let trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"
        var traced = RuntimeAPIDouble.Event.standardHeaders(requestID: "req-traced")
        traced[RuntimeAPI.Header.traceID] = trace
        try await double.enqueue(.init(requestID: "req-traced", body: "{}", headers: traced))
        try await double.enqueue(.init(requestID: "req-untraced", body: "{}"))
        let traceIDs = TraceIDRecorder()
        let handler = EchoJSONHandler()

        try await makeRuntime(double, handler: JSONEventLambdaHandler(handler), traceIDs: traceIDs)
            .run(maxInvocations: 2)

        #expect(traceIDs.recorded == [trace, nil])
        #expect(handler.recorder.contexts.map(\.traceID) == [trace, nil])
        #expect(try await double.snapshot(waitingFor: 2).violations == [])
    }

    @Test func loopParsesGatewayClientContext() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        var headers = RuntimeAPIDouble.Event.standardHeaders(requestID: "req-1")
        headers[RuntimeAPI.Header.clientContext] = #"{"custom":{"bedrockAgentCoreToolName":"prom___query_range","#
            + #""bedrockAgentCoreGatewayId":"gw-123","bedrockAgentCoreMcpMessageId":7},"env":{},"client":null}"#
        try await double.enqueue(.init(requestID: "req-1", body: #"{"query":"up"}"#, headers: headers))
        let handler = ClosureLambdaHandler { event, context in
            let call = try #require(AgentCoreGatewayToolCall(arguments: try JSONValue.decode(event), context: context))
            let summary: JSONValue = [
                "tool": .string(call.toolName), "target": .string(call.targetName ?? ""),
                "gateway": .string(call.gatewayID ?? ""), "message": call.messageID ?? .null, "arguments": call.arguments,
            ]
            return summary.encodedData()
        }

        try await makeRuntime(double, handler: handler).run(maxInvocations: 1)

        let snapshot = try await double.snapshot(waitingFor: 1)
        #expect(snapshot.violations == [])
        let expected: JSONValue = [
            "tool": "query_range", "target": "prom", "gateway": "gw-123", "message": 7, "arguments": ["query": "up"],
        ]
        #expect(snapshot.records.first?.json == expected)
    }

    @Test func loopToleratesMalformedClientContext() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        var headers = RuntimeAPIDouble.Event.standardHeaders(requestID: "req-1")
        headers[RuntimeAPI.Header.clientContext] = "{custom:"
        try await double.enqueue(.init(requestID: "req-1", body: "{}", headers: headers))
        let handler = EchoJSONHandler()

        try await makeRuntime(double, handler: JSONEventLambdaHandler(handler)).run(maxInvocations: 1)

        let snapshot = try await double.snapshot(waitingFor: 1)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.map(\.kind) == ["response"])
        #expect(handler.recorder.contexts.first?.clientContextError == .notJSON)
        #expect(handler.recorder.contexts.first?.clientContext == nil)
    }

    @Test func loopWaitsForLateEvent() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        let runtime = try makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler()))
        let loop = Task { try await runtime.run(maxInvocations: 1) }

        try await double.waitForParkedNext()
        try await double.enqueue(.init(requestID: "req-late", body: #"{"late":true}"#))
        try await loop.value

        let snapshot = try await double.snapshot(waitingFor: 1)
        #expect(snapshot.violations == [])
        #expect(snapshot.records.first?.body == #"{"echo":{"late":true}}"#)
    }

    @Test func loopStopsWhenCancelled() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        let runtime = try makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler()))
        let loop = Task { try await runtime.run() }

        try await double.waitForParkedNext()
        loop.cancel()

        await #expect(throws: CancellationError.self) { try await loop.value }
    }

    @Test func loopLogsOutcomeWithoutPayload() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        try await double.enqueue(.init(requestID: "req-1", body: #"{"query":"secret-payload-marker"}"#))
        try await double.enqueue(.init(requestID: "req-2", body: #"{"fail":true}"#))
        let logs = RecordingLogHandler()

        try await makeRuntime(double, handler: JSONEventLambdaHandler(EchoJSONHandler()), logger: logs.logger())
            .run(maxInvocations: 2)

        let finished = logs.records.filter { $0.message == "invocation finished" }
        #expect(finished.map { $0.metadata["aws-request-id"] } == ["req-1", "req-2"])
        #expect(finished.map { $0.metadata["outcome"] } == ["success", "handler_error"])
        #expect(finished.allSatisfy { $0.metadata["duration_ms"]?.numberValue != nil })
        #expect(finished.allSatisfy { $0.level == .info })
        let handlerFailure = logs.records.first { $0.message == "handler failed" }
        #expect(handlerFailure?.metadata["error_type"] == "Tool.Failed")
        #expect(logs.records.first?.message == "runtime started")
        let everything = logs.records.map { "\($0.message) \(JSONValue.object($0.metadata).encodedString())" }
        #expect(!everything.contains { $0.contains("secret-payload-marker") })
    }

    @Test func initErrorReachesRuntimeAPI() async throws {
        let double = try await RuntimeAPIDouble.start()
        defer { double.stop() }
        let client = try RuntimeAPIClient(address: double.address, http: URLSessionHTTPClient())
        let report = LambdaErrorReport(errorMessage: "PROMETHEUS_URL is not set.", errorType: RuntimeAPI.ErrorType.configInvalid)

        await LambdaRuntime.reportInitializationError(report, client: client)

        let snapshot = try await double.snapshot(waitingFor: 1)
        #expect(snapshot.violations == [])
        let record = try #require(snapshot.records.first)
        #expect(record.kind == "initError")
        #expect(record.errorTypeHeader == "Runtime.ConfigInvalid")
        #expect(record.contentType == "application/vnd.aws.lambda.error+json")
        #expect(record.body == #"{"errorMessage":"PROMETHEUS_URL is not set.","errorType":"Runtime.ConfigInvalid","stackTrace":[]}"#)
    }
}
