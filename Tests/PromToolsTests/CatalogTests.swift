import Foundation
import PromLambdaCore
import Testing
@testable import PromTools

/// The tool catalog: the generated files stay in sync, and the schemas fit MCP and Gateway.
@Suite struct CatalogTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func read(_ path: String) throws -> String {
        try String(contentsOf: Self.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func gatewaySchemaFileInSync() throws {
        let expected = ToolReference.pretty(ToolCatalog.gatewayToolSchema()) + "\n"
        #expect(try read("deploy/gateway-tools.json") == expected,
                "Regenerate with: swift run promlambda schema --gateway > deploy/gateway-tools.json")
    }

    @Test func toolReferenceInSync() throws {
        #expect(try read("docs/tools.md") == ToolReference.markdown(),
                "Regenerate with: swift run promlambda schema --docs > docs/tools.md")
    }

    /// Walks a schema and returns the paths that break `rule`.
    func violations(_ schema: JSONValue, path: String = "", _ rule: (JSONValue) -> Bool) -> [String] {
        guard case .object(let members) = schema else { return [] }
        var found = rule(schema) ? [] : [path.isEmpty ? "/" : path]
        for (name, property) in members["properties"]?.objectValue ?? [:] {
            found += violations(property, path: path + "/" + name, rule)
        }
        if let items = members["items"] { found += violations(items, path: path + "/items", rule) }
        return found
    }

    @Test func gatewaySchemaUsesAllowedKeywords() {
        for tool in ToolCatalog.gatewayToolSchema().arrayValue ?? [] {
            let bad = violations(tool["inputSchema"] ?? .null) { schema in
                Set(schema.objectValue?.keys ?? [:].keys).isSubset(of: ToolCatalog.gatewayKeywords)
                    && schema["type"]?.stringValue != nil
            }
            #expect(bad.isEmpty, "\(tool["name"] ?? .null): \(bad)")
        }
    }

    @Test func everyArraySchemaHasItems() {
        for tool in ToolCatalog.all {
            for schema in [tool.inputSchema, tool.outputSchema] {
                let bad = violations(schema) { $0["type"] != "array" || $0["items"] != nil }
                #expect(bad.isEmpty, "\(tool.name): \(bad)")
            }
        }
    }

    @Test func everyPropertyDescribed() {
        for tool in ToolCatalog.all {
            let bad = violations(tool.inputSchema) { $0["properties"] != nil || $0["description"] != nil }
            #expect(bad.isEmpty, "\(tool.name): \(bad)")
        }
    }

    @Test func examplesFitSchemas() throws {
        for tool in ToolCatalog.all {
            let example = try #require(tool.example, "\(tool.name) has no example")
            let inputNames = Set(tool.inputSchema["properties"]?.objectValue?.keys ?? [:].keys)
            #expect(throws: Never.self, "\(tool.name) example arguments") {
                _ = try ToolArguments(example.arguments, tool: tool.name, allowed: inputNames)
            }
            let outputNames = Set(tool.outputSchema["properties"]?.objectValue?.keys ?? [:].keys)
            let resultNames = Set(example.result.objectValue?.keys ?? [:].keys)
            #expect(resultNames.isSubset(of: outputNames), "\(tool.name): \(resultNames.subtracting(outputNames))")
            let required = Set(tool.outputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(required.isSubset(of: resultNames), "\(tool.name): \(required.subtracting(resultNames))")
        }
    }

    @Test func toolboxServesCatalog() {
        let connector = StaticPrometheusConnector(baseURL: URL(string: "http://127.0.0.1:9")!, http: NoHTTP())
        let toolbox = PrometheusToolbox(environment: ToolEnvironment(connector: connector))
        let names = toolbox.definitions.map(\.name)
        #expect(names == ToolCatalog.all.map(\.name).filter { $0 != "find_workspace" })
    }
}

import HTTPTransport

private struct NoHTTP: HTTPClient {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw HTTPTransportError.connectionFailed(url: request.url.absoluteString, reason: "not used")
    }
}
