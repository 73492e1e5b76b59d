import PromLambdaCore

extension ToolCatalog {
    /// The keywords AgentCore Gateway accepts in a Lambda target's inline tool schema.
    static let gatewayKeywords: Set<String> = ["type", "properties", "required", "items", "description"]

    /// Builds the inline tool schema of an AgentCore Gateway Lambda target: one entry per tool that the Lambda
    /// functions serve, with `name`, `description` and `inputSchema`.
    ///
    /// Output schemas are left out: Gateway's schema subset has no way to say that a sample is a
    /// `[number, string]` pair, and the field is optional there.
    public static func gatewayToolSchema(
        _ definitions: [ToolDefinition] = all.filter { lambdaToolNames.contains($0.name) }
    ) -> JSONValue {
        .array(definitions.map { definition in
            [
                "name": .string(definition.name),
                "description": .string(definition.description),
                "inputSchema": gatewaySubset(definition.inputSchema),
            ]
        })
    }

    /// Keeps only the keywords Gateway accepts, recursively.
    static func gatewaySubset(_ schema: JSONValue) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        var kept: [String: JSONValue] = [:]
        for (key, value) in members where gatewayKeywords.contains(key) {
            switch key {
            case "properties":
                kept[key] = .object((value.objectValue ?? [:]).mapValues(gatewaySubset))
            case "items":
                kept[key] = gatewaySubset(value)
            default:
                kept[key] = value
            }
        }
        return .object(kept)
    }
}
