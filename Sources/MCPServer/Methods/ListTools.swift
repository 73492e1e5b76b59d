import PromLambdaCore
import PromTools

/// `tools/list`: every tool the server offers, in one page.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/server/tools#listing-tools
enum ListTools: MCPMethod {
    static let name = "tools/list"

    struct Parameters: Sendable, Equatable {}

    /// Rejects any `cursor`: the whole list fits in one page, so this server never issues a
    /// `nextCursor`, and a cursor it did not issue is invalid.
    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        let object = try ParamsObject(params, method: name)
        if let cursor = try object.optionalString("cursor") {
            throw JSONRPCError(
                code: .invalidParams,
                message: "Invalid params: unknown cursor; this server lists every tool in one page.",
                data: .string(cursor))
        }
        return Parameters()
    }

    struct Result: Sendable, Equatable {
        var tools: [ToolDefinition]

        func jsonValue(for version: ProtocolVersion) -> JSONValue {
            ["tools": .array(tools.map { Self.describe($0, for: version) })]
        }

        /// Builds one `Tool` object, with only the fields that `version` defines.
        static func describe(_ tool: ToolDefinition, for version: ProtocolVersion) -> JSONValue {
            var object: [String: JSONValue] = [
                "name": .string(tool.name),
                "description": .string(tool.description),
                "inputSchema": tool.inputSchema,
            ]
            if version.hasToolAnnotations {
                var annotations: [String: JSONValue] = [
                    "readOnlyHint": .bool(tool.annotations.readOnlyHint),
                    "destructiveHint": .bool(tool.annotations.destructiveHint),
                    "idempotentHint": .bool(tool.annotations.idempotentHint),
                    "openWorldHint": .bool(tool.annotations.openWorldHint),
                ]
                // 2025-03-26 has no `Tool.title`; its display name lives in `annotations.title`.
                if !tool.title.isEmpty {
                    annotations["title"] = .string(tool.title)
                }
                object["annotations"] = .object(annotations)
            }
            if version.hasStructuredContent {
                if !tool.title.isEmpty {
                    object["title"] = .string(tool.title)
                }
                // The schema defines `outputSchema` as an object schema; anything else is omitted.
                if case .object = tool.outputSchema {
                    object["outputSchema"] = tool.outputSchema
                }
            }
            return .object(object)
        }
    }
}
