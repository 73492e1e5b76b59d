import PromLambdaCore
import PromTools

/// Three tools with known outputs, for driving the MCP server from the Python SDK client.
///
/// - `echo` returns its `text` argument, and rejects a call without one.
/// - `add` returns the sum of `a` and `b`.
/// - `fail` always fails, as a tool whose backend is down would.
struct FakeTools: ToolProvider {
    var definitions: [ToolDefinition] {
        var addAnnotations = ToolAnnotations.readOnly
        addAnnotations.openWorldHint = false
        return [
            ToolDefinition(
                name: "echo", title: "Echo", description: "Returns the text it is given.",
                inputSchema: [
                    "type": "object",
                    "properties": ["text": ["type": "string"]],
                    "required": ["text"],
                ],
                outputSchema: [
                    "type": "object",
                    "properties": ["text": ["type": "string"]],
                    "required": ["text"],
                ]),
            ToolDefinition(
                name: "add", title: "Add", description: "Adds two numbers.",
                inputSchema: [
                    "type": "object",
                    "properties": ["a": ["type": "number"], "b": ["type": "number"]],
                    "required": ["a", "b"],
                ],
                outputSchema: [
                    "type": "object",
                    "properties": ["sum": ["type": "number"]],
                    "required": ["sum"],
                ],
                annotations: addAnnotations),
            ToolDefinition(
                name: "fail", title: "Fail", description: "Always fails.",
                inputSchema: ["type": "object", "properties": [:]],
                outputSchema: ["type": "object", "properties": [:]]),
        ]
    }

    func call(name: String, arguments: JSONValue, context: ToolCallContext) async -> ToolOutput {
        switch name {
        case "echo":
            guard let text = arguments["text"]?.stringValue else {
                return Self.failure("invalid_argument", "The argument text is missing or not a string.")
            }
            return ToolOutput(structured: ["text": .string(text)], text: text, isError: false)
        case "add":
            guard let a = arguments["a"]?.numberValue, let b = arguments["b"]?.numberValue else {
                return Self.failure("invalid_argument", "The arguments a and b must be numbers.")
            }
            let sum = a + b
            return ToolOutput(structured: ["sum": .number(sum)], text: JSONValue.number(sum).encodedString(),
                              isError: false)
        case "fail":
            return Self.failure("unavailable", "The fake backend is down.")
        default:
            return Self.failure("unknown_tool", "No tool is called \(name).")
        }
    }

    private static func failure(_ kind: String, _ message: String) -> ToolOutput {
        ToolOutput(structured: ["kind": .string(kind), "message": .string(message)], text: message, isError: true)
    }
}
