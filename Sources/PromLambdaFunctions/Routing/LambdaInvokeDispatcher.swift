import AWSSigV4
import Foundation
import HTTPTransport
import LambdaRuntime
import PromLambdaCore
import PromTools

extension ToolFailure.Kind {
    /// The function that serves the tool ran and failed: Lambda returned `X-Amz-Function-Error`.
    public static let functionError = ToolFailure.Kind(rawValue: "function_error")
}

/// Calls each tool's own function through the Lambda Invoke API, for the integration function's
/// `invoke` routing mode.
///
/// The payload is the tool arguments. The client context names the tool in
/// `custom.bedrockAgentCoreToolName`, as AgentCore Gateway does, so a target function that serves another
/// tool returns an `unknown_tool` failure instead of running the wrong tool. The target's result
/// passes through unchanged; a function error, a rejected call and a failed connection become failure
/// results that name the function.
public struct LambdaInvokeDispatcher: ToolDispatcher {
    /// The SigV4 signing name of the Lambda Invoke API.
    public static let signingName = "lambda"

    public var client: LambdaInvokeClient
    /// The function to invoke, by tool name.
    public var functionNames: [String: String]
    public var timeSource: any TimeSource
    /// Seconds kept back from the caller's deadline, so this function can still return a result when the
    /// call times out.
    public var answerReserve: Double

    public init(client: LambdaInvokeClient, functionNames: [String: String],
                timeSource: any TimeSource = SystemTimeSource(), answerReserve: Double = 1) {
        self.client = client
        self.functionNames = functionNames
        self.timeSource = timeSource
        self.answerReserve = answerReserve
    }

    public func dispatch(tool: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        guard let functionName = functionNames[tool] else {
            return ToolFailure(kind: .unknownTool, message: "Unknown tool \"\(tool)\". Available tools: "
                               + functionNames.keys.sorted().joined(separator: ", ") + ".").output
        }

        var timeout: Double?
        if let deadline = context.deadline {
            let remaining = deadline.timeIntervalSince(timeSource.now) - answerReserve
            guard remaining > 0 else {
                return ToolFailure(kind: .timeout, message: "No time was left before the deadline to invoke "
                                   + "\(functionName) for \(tool). Raise the integration function's timeout.").output
            }
            timeout = remaining
        }

        let clientContext: JSONValue = ["custom": [AgentCoreGatewayToolCall.CustomKey.toolName: .string(tool)]]
        context.logger.debug("invoking the tool's function", [
            "tool": .string(tool), "function_name": .string(functionName),
        ])
        do {
            let result = try await client.invoke(functionName: functionName, payload: arguments.encodedData(),
                                                 clientContext: clientContext, timeout: timeout)
            return Self.output(payload: result.payload, functionName: functionName)
        } catch {
            let failure = Self.failure(from: error, tool: tool, functionName: functionName)
            context.logger.notice("invoking the tool's function failed", [
                "tool": .string(tool), "function_name": .string(functionName),
                "error": .string(failure.kind.rawValue), "message": .string(failure.message),
            ])
            return failure.output
        }
    }

    /// Reads the target's response: its JSON passes through, and a failure JSON keeps `isError` set.
    static func output(payload: Data, functionName: String) -> ToolOutput {
        guard let json = try? JSONValue.decode(payload) else {
            return ToolFailure(kind: .invalidResponse, message: "The function \(functionName) returned "
                               + "\(payload.count) bytes that are not JSON.").output
        }
        guard let kind = json["error"]?.stringValue, let message = json["message"]?.stringValue else {
            return ToolOutput(structured: json, text: json.encodedString(), isError: false)
        }
        let failure = ToolFailure(kind: ToolFailure.Kind(rawValue: kind), message: message,
                                  field: json["field"]?.stringValue,
                                  httpStatus: json["httpStatus"]?.numberValue.map { Int($0) },
                                  errorType: json["errorType"]?.stringValue)
        return ToolOutput(structured: json, text: failure.text, isError: true)
    }

    static func failure(from error: any Error, tool: String, functionName: String) -> ToolFailure {
        let variable = FunctionConfiguration.functionNameVariables.first { $0.tool == tool }?.variable
            ?? "the function name variable"
        switch error {
        case LambdaInvokeError.functionError(_, let errorType, let errorMessage, _):
            return ToolFailure(kind: .functionError, message: "The function \(functionName) that serves \(tool) "
                               + "failed with \(errorType): \(errorMessage)")
        case LambdaInvokeError.serviceError(_, let status, _, _):
            let description = String(describing: error)
            switch status {
            case 404:
                return ToolFailure(kind: .configuration, message: description + " Check that \(variable) names "
                                   + "an existing function in this region.", httpStatus: status)
            case 401, 403:
                return ToolFailure(kind: .accessDenied, message: description + " Allow lambda:InvokeFunction on "
                                   + "\(functionName) in the integration function's role.", httpStatus: status)
            case 429:
                return ToolFailure(kind: .httpError, message: description + " Lambda throttled the call; retry "
                                   + "later or raise the target's concurrency.", httpStatus: status)
            default:
                return ToolFailure(kind: .httpError, message: description, httpStatus: status)
            }
        case let error as LambdaInvokeError:
            return ToolFailure(kind: .configuration, message: error.description)
        case let error as HTTPTransportError:
            return ToolFailure(error)
        case let error as CredentialError:
            return ToolFailure(kind: .accessDenied, message: "Signing the call to \(functionName) failed: \(error)")
        case is CancellationError:
            return ToolFailure(kind: .cancelled, message: "The call was cancelled.")
        default:
            return ToolFailure(kind: .unreachable, message: "Invoking \(functionName) for \(tool) failed: \(error)")
        }
    }
}
