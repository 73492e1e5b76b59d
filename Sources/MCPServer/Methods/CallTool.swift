import PromLambdaCore
import PromTools

/// `tools/call`: runs one tool and returns its output as a result.
///
/// An unknown tool name is a JSON-RPC error (`-32602`). Everything that goes wrong inside a
/// known tool, including arguments the tool rejects, is a result with `isError: true`, so the
/// model receives the failure and can correct its call.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/server/tools#calling-tools
enum CallTool: MCPMethod {
    static let name = "tools/call"

    struct Parameters: Sendable, Equatable {
        var name: String
        /// The `arguments` object; `{}` when the client sent none.
        var arguments: JSONValue
    }

    /// Requires `name`. A non-object `arguments` breaks the schema of the request itself, so it is
    /// `-32602` rather than a tool failure.
    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        let object = try ParamsObject(params, method: name)
        let toolName = try object.requiredString("name")
        let arguments = try object.optionalObject("arguments") ?? [:]
        return Parameters(name: toolName, arguments: .object(arguments))
    }

    struct Result: Sendable, Equatable {
        var output: ToolOutput

        /// Builds the result: the output as one text block, plus `structuredContent` from 2025-06-18 on.
        ///
        /// `structuredContent` must be a JSON object, so any other structured value is left out;
        /// the text block still carries the output.
        func jsonValue(for version: ProtocolVersion) -> JSONValue {
            var result: [String: JSONValue] = [
                "content": [["type": "text", "text": .string(output.text)]],
                "isError": .bool(output.isError),
            ]
            if version.hasStructuredContent, case .object = output.structured {
                result["structuredContent"] = output.structured
            }
            return .object(result)
        }
    }

    /// Creates the error for a name that is not in the tool list.
    static func unknownTool(_ name: String) -> JSONRPCError {
        JSONRPCError(code: .invalidParams, message: "Unknown tool: \(name).", data: .string(name))
    }
}
