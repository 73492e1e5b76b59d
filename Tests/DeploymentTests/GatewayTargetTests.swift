import Foundation
import PromLambdaCore
import Testing

/// The Gateway target in deploy/template.yaml serves the tools that `promlambda schema --gateway` prints.
@Suite struct GatewayTargetTests {
    /// CloudFormation's key names for the control plane's ToolDefinition and SchemaDefinition keys.
    static let toolKeys = ["Name": "name", "Description": "description", "InputSchema": "inputSchema",
                           "OutputSchema": "outputSchema"]
    static let schemaKeys = ["Type": "type", "Description": "description", "Properties": "properties",
                             "Required": "required", "Items": "items"]

    @Test func inlineSchemaMatchesGeneratedSchema() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "GatewayIdentifier": "gateway-abcdefghij"])
        let target = try #require(template.activeResources(ofType: "AWS::BedrockAgentCore::GatewayTarget")["GatewayTarget"])
        let payload = try #require(target["Properties"]?["TargetConfiguration"]?["Mcp"]?["Lambda"]?["ToolSchema"]?[
            "InlinePayload"]?.arrayValue, "GatewayTarget has no InlinePayload")

        let promlambda = try DeploymentPaths.builtProduct("promlambda")
        let outcome = try CommandRunner.run(promlambda, ["schema", "--gateway"], environment: ["PATH": "/usr/bin:/bin"])
        try #require(outcome.status == 0, "promlambda schema --gateway failed:\n\(outcome.output)")
        let generated = try JSONDecoder().decode(JSONValue.self, from: Data(outcome.standardOutput.utf8))

        let converted = JSONValue.array(payload.map { Self.camelCaseTool($0) })
        #expect(converted == generated, "Run deploy/sync-gateway-schema to rewrite the template's tool schema.")
        #expect(payload.count == generated.arrayValue?.count)
    }

    @Test func targetInvokesIntegrationFunction() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "GatewayIdentifier": "gateway-abcdefghij",
                                                                   "GatewayRoleName": "gateway-role"])
        let target = try #require(template.activeResources(ofType: "AWS::BedrockAgentCore::GatewayTarget")["GatewayTarget"])
        let policy = try #require(template.activeResources(ofType: "AWS::IAM::RolePolicy")["GatewayInvokePolicy"])
        let statements = policy["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? []

        #expect(target["Properties"]?["TargetConfiguration"]?["Mcp"]?["Lambda"]?["LambdaArn"]
                == ["Fn::GetAtt": ["IntegrationFunction", "Arn"]])
        #expect(target["Properties"]?["CredentialProviderConfigurations"]
                == [["CredentialProviderType": "GATEWAY_IAM_ROLE"]])
        #expect(policy["Properties"]?["RoleName"] == ["Ref": "GatewayRoleName"])
        #expect(statements.count == 1)
        #expect(statements.first?["Action"] == ["lambda:InvokeFunction"])
        #expect(statements.first?["Resource"] == ["Fn::GetAtt": ["IntegrationFunction", "Arn"]])
    }

    @Test func gatewayResourcesAreOptional() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example"])

        #expect(template.activeResources(ofType: "AWS::BedrockAgentCore::GatewayTarget").isEmpty)
        #expect(template.activeResources(ofType: "AWS::IAM::RolePolicy").isEmpty)
        #expect(template.activeResources(ofType: "AWS::Lambda::Url").isEmpty)
    }

    @Test func functionUrlRequiresSigV4() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true"])
        let url = try #require(template.activeResources(ofType: "AWS::Lambda::Url").values.first)

        #expect(url["Properties"]?["AuthType"] == "AWS_IAM")
        #expect(url["Properties"]?["TargetFunctionArn"] == ["Fn::GetAtt": ["McpFunction", "Arn"]])
        #expect(template.activeResources(ofType: "AWS::Lambda::Permission").isEmpty,
                "a resource-based policy could open the URL to other accounts")
    }

    /// Renames a ToolDefinition's keys from CloudFormation's PascalCase to the control plane's camelCase.
    static func camelCaseTool(_ tool: JSONValue) -> JSONValue {
        var converted: [String: JSONValue] = [:]
        for (key, value) in tool.objectValue ?? [:] {
            let name = toolKeys[key] ?? "unknown \(key)"
            converted[name] = key.hasSuffix("Schema") ? camelCaseSchema(value) : value
        }
        return .object(converted)
    }

    /// Renames a SchemaDefinition's keys; the names under Properties are property names and stay.
    static func camelCaseSchema(_ schema: JSONValue) -> JSONValue {
        var converted: [String: JSONValue] = [:]
        for (key, value) in schema.objectValue ?? [:] {
            let name = schemaKeys[key] ?? "unknown \(key)"
            switch key {
            case "Properties":
                converted[name] = .object((value.objectValue ?? [:]).mapValues(camelCaseSchema))
            case "Items":
                converted[name] = camelCaseSchema(value)
            default:
                converted[name] = value
            }
        }
        return .object(converted)
    }
}
