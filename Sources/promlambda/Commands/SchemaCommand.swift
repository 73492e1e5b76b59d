import Foundation
import PromLambdaCore
import PromTools

/// `promlambda schema`: prints the tool catalog as MCP tool definitions, the AgentCore Gateway
/// inline tool schema, or the Markdown reference.
enum SchemaCommand {
    static let spec = CommandSpec(
        name: "schema", summary: "Print the tool definitions.",
        positionals: [],
        options: [
            CommandSpec.Option(name: "gateway", valueName: nil,
                               help: "Print the AgentCore Gateway inline tool schema (deploy/gateway-tools.json)."),
            CommandSpec.Option(name: "docs", valueName: nil, help: "Print the Markdown reference (docs/tools.md)."),
            CommandSpec.Option(name: "help", valueName: nil, help: "Show this help."),
        ],
        discussion: "Without an option, prints the tools as MCP's tools/list returns them.")

    static func render(_ parsed: ParsedArguments) throws(UsageError) -> String {
        if parsed.has("gateway") && parsed.has("docs") {
            throw UsageError(message: "Give --gateway or --docs, not both.", command: spec)
        }
        if parsed.has("docs") {
            return ToolReference.markdown()
        }
        if parsed.has("gateway") {
            return ToolReference.pretty(ToolCatalog.gatewayToolSchema()) + "\n"
        }
        let tools: [JSONValue] = ToolCatalog.all.map { tool in
            [
                "name": .string(tool.name), "title": .string(tool.title), "description": .string(tool.description),
                "inputSchema": tool.inputSchema, "outputSchema": tool.outputSchema,
                "annotations": [
                    "readOnlyHint": .bool(tool.annotations.readOnlyHint),
                    "destructiveHint": .bool(tool.annotations.destructiveHint),
                    "idempotentHint": .bool(tool.annotations.idempotentHint),
                    "openWorldHint": .bool(tool.annotations.openWorldHint),
                ],
            ]
        }
        return ToolReference.pretty(["tools": .array(tools)]) + "\n"
    }
}
