import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import Testing

@Suite struct LambdaContextTests {
    private let clock = ManualTimeSource()

    private func makeContext(_ extra: [(String, String)], logger: Logger = .disabled) -> LambdaContext {
        let deadline = String(Int64(clock.now.timeIntervalSince1970 * 1_000) + 10_000)
        let headers = HTTPHeaders([("Lambda-Runtime-Aws-Request-Id", "req-1"), ("Lambda-Runtime-Deadline-Ms", deadline)]
            + extra)
        let invocation = RuntimeInvocation(requestID: "req-1", headers: headers, event: Data())
        return LambdaContext(invocation: invocation, timeSource: clock, logger: logger, defaultTimeout: 30,
                             deadlineTolerance: 5)
    }

    @Test func contextReadsEveryHeader() {
        let context = makeContext([
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:prom:live"),
            ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1"),
            ("Lambda-Runtime-Cognito-Identity", #"{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}"#),
            ("Lambda-Runtime-Aws-Tenant-Id", "tenant-7"),
        ])
        #expect(context.requestID == "req-1")
        #expect(context.invokedFunctionARN == "arn:aws:lambda:us-east-1:123456789012:function:prom:live")
        #expect(context.traceID == "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1")
        #expect(context.cognitoIdentity?["cognitoIdentityId"] == "id-1")
        #expect(context.tenantID == "tenant-7")
        #expect(context.clientContext == nil)
        #expect(context.clientContextError == nil)
    }

    @Test func contextRemainingTimeFollowsClock() {
        let context = makeContext([])
        #expect(context.remainingTime == 10)
        clock.advance(seconds: 4)
        #expect(context.remainingTime == 6)
        clock.advance(seconds: 60)
        #expect(context.remainingTime == 0)
    }

    @Test func contextLoggerCarriesRequestID() {
        let logs = RecordingLogHandler()
        makeContext([], logger: logs.logger()).logger.info("hello")
        #expect(logs.records.first?.metadata["aws-request-id"] == "req-1")
    }

    @Test func clientContextKeepsNonStringValues() throws {
        let header = #"{"custom":{"bedrockAgentCoreToolName":"prom___query","retries":3,"flags":{"a":true}},"#
            + #""env":{"locale":"en-US"},"client":{"installation_id":"i-1"}}"#
        let context = makeContext([("Lambda-Runtime-Client-Context", header)])
        let clientContext = try #require(context.clientContext)
        #expect(clientContext.custom["bedrockAgentCoreToolName"] == "prom___query")
        #expect(clientContext.custom["retries"] == 3)
        #expect(clientContext.custom["flags"] == ["a": true])
        #expect(clientContext.env["locale"] == "en-US")
        #expect(clientContext.client?["installation_id"] == "i-1")
    }

    @Test func clientContextMalformedIsReported() {
        let context = makeContext([("Lambda-Runtime-Client-Context", "eyJjdXN0b20iOnt9fQ==")])
        #expect(context.clientContext == nil)
        #expect(context.clientContextError == .notJSON)
    }

    @Test func clientContextArrayIsReported() {
        let context = makeContext([("Lambda-Runtime-Client-Context", "[1]")])
        #expect(context.clientContextError == .notAnObject(type: "array"))
    }

    @Test func clientContextWithoutCustomIsEmpty() throws {
        let context = makeContext([("Lambda-Runtime-Client-Context", #"{"custom":null}"#)])
        #expect(try #require(context.clientContext).custom.isEmpty)
    }
}

@Suite struct AgentCoreGatewayToolCallTests {
    @Test(arguments: [
        ("prom___query", "prom", "query"),
        ("query", nil, "query"),
        ("prom-1___query___range", "prom-1", "query___range"),
        ("___query", nil, "___query"),
        ("prom___", nil, "prom___"),
        ("prom__query", nil, "prom__query"),
    ] as [(String, String?, String)])
    func toolNameSplitAtFirstSeparator(name: String, target: String?, tool: String) {
        let split = AgentCoreGatewayToolCall.splitToolName(name)
        #expect(split.target == target)
        #expect(split.tool == tool)
    }

    @Test func toolCallReadsGatewayIDs() throws {
        let custom: [String: JSONValue] = [
            "bedrockAgentCoreToolName": "prom___query", "bedrockAgentCoreGatewayId": "gw-1",
            "bedrockAgentCoreTargetId": "tg-2", "bedrockAgentCoreAwsRequestId": "gw-req-3",
            "bedrockAgentCoreMcpMessageId": "msg-4", "bedrockAgentCoreMessageVersion": "1.0",
            "bedrockAgentCoreSessionId": "",
        ]
        let call = try #require(AgentCoreGatewayToolCall(arguments: ["query": "up"], custom: custom))
        #expect(call.qualifiedToolName == "prom___query")
        #expect(call.targetName == "prom")
        #expect(call.toolName == "query")
        #expect(call.arguments == ["query": "up"])
        #expect(call.gatewayID == "gw-1")
        #expect(call.targetID == "tg-2")
        #expect(call.gatewayRequestID == "gw-req-3")
        #expect(call.messageID == "msg-4")
        #expect(call.messageVersion == "1.0")
        #expect(call.sessionID == nil)
    }

    @Test func toolCallToleratesNumericIDs() throws {
        let custom: [String: JSONValue] = ["bedrockAgentCoreToolName": "query", "bedrockAgentCoreMcpMessageId": 12,
                                           "bedrockAgentCoreGatewayId": 5]
        let call = try #require(AgentCoreGatewayToolCall(arguments: [:], custom: custom))
        #expect(call.messageID == 12)
        #expect(call.gatewayID == "5")
        #expect(call.targetName == nil)
    }

    @Test(arguments: [[:], ["bedrockAgentCoreToolName": ""], ["bedrockAgentCoreToolName": 3]] as [[String: JSONValue]])
    func toolCallAbsentWithoutToolName(custom: [String: JSONValue]) {
        #expect(AgentCoreGatewayToolCall(arguments: [:], custom: custom) == nil)
    }

    @Test func toolCallAbsentWithoutClientContext() {
        let context = LambdaContext(requestID: "req-1", deadline: InvocationDeadline(date: Date()))
        #expect(AgentCoreGatewayToolCall(arguments: [:], context: context) == nil)
    }
}
