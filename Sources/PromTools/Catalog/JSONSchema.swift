import PromLambdaCore

/// Builders for the JSON Schema subset that both MCP and AgentCore Gateway accept: `type`,
/// `properties`, `required`, `items` and `description`, nothing else.
enum JSONSchema {
    static func object(_ properties: [String: JSONValue], required: [String] = [],
                       description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// Builds the schema of an object whose keys are not fixed, such as a label set.
    static func map(_ description: String) -> JSONValue {
        ["type": "object", "description": .string(description)]
    }

    static func string(_ description: String) -> JSONValue {
        ["type": "string", "description": .string(description)]
    }

    static func integer(_ description: String) -> JSONValue {
        ["type": "integer", "description": .string(description)]
    }

    static func number(_ description: String) -> JSONValue {
        ["type": "number", "description": .string(description)]
    }

    static func boolean(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }

    static func array(_ description: String, items: JSONValue) -> JSONValue {
        ["type": "array", "description": .string(description), "items": items]
    }
}
