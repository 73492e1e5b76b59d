import Foundation
import PromLambdaCore
import Synchronization
import Testing

/// deploy/template.yaml as JSON, with the conditions evaluated for one set of parameter values.
///
/// It resolves `Fn::If` and drops `Ref: AWS::NoValue`, the way CloudFormation does before it creates
/// resources, and leaves every other intrinsic function (`Ref`, `Fn::Sub`, `Fn::GetAtt`) as it is.
struct CloudFormationTemplate {
    let document: JSONValue
    /// Parameter values: the template's defaults, overridden by the caller's.
    let parameters: [String: String]

    /// The template as JSON, read once per test run because starting cfn-lint's loader takes seconds.
    private static let cachedDocument = Mutex<JSONValue?>(nil)

    /// Loads the template with cfn-lint's YAML loader through the test Python.
    static func load(overrides: [String: String] = [:],
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> CloudFormationTemplate {
        let document = try readDocument(sourceLocation: sourceLocation)

        var parameters: [String: String] = [:]
        for (name, definition) in document["Parameters"]?.objectValue ?? [:] {
            switch definition["Default"] {
            case .string(let value)?: parameters[name] = value
            case .number(let value)?: parameters[name] = String(Int(value))
            default: break
            }
        }
        parameters.merge(overrides) { _, override in override }
        return CloudFormationTemplate(document: document, parameters: parameters)
    }

    /// Returns the cached document, or reads it while holding the lock, so concurrent tests start the
    /// loader only once.
    private static func readDocument(sourceLocation: SourceLocation) throws -> JSONValue {
        try cachedDocument.withLock { cached in
            if let cached { return cached }
            let document = try convertTemplate(sourceLocation: sourceLocation)
            cached = document
            return document
        }
    }

    private static func convertTemplate(sourceLocation: SourceLocation) throws -> JSONValue {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/template_to_json.py")
        let outcome = try CommandRunner.run(try DeploymentPaths.python(sourceLocation: sourceLocation),
                                            [script.path, DeploymentPaths.template.path])
        try #require(outcome.status == 0, """
            Reading deploy/template.yaml with cfn-lint's loader failed. If cfnlint is missing, run \
            scripts/setup.
            \(outcome.output)
            """, sourceLocation: sourceLocation)
        return try JSONDecoder().decode(JSONValue.self, from: Data(outcome.standardOutput.utf8))
    }

    var resources: [String: JSONValue] { document["Resources"]?.objectValue ?? [:] }

    /// Returns the resources of `type` that exist for these parameters, with conditions resolved, by logical ID.
    func activeResources(ofType type: String) -> [String: JSONValue] {
        var found: [String: JSONValue] = [:]
        for (name, resource) in resources where resource["Type"]?.stringValue == type {
            if let condition = resource["Condition"]?.stringValue, !isTrue(condition) { continue }
            if let resolved = resolve(resource) { found[name] = resolved }
        }
        return found
    }

    /// Evaluates a condition of the Conditions section.
    func isTrue(_ condition: String) -> Bool {
        guard let expression = document["Conditions"]?[condition] else {
            Issue.record("The template has no condition \(condition).")
            return false
        }
        return evaluate(expression)
    }

    /// Resolves `Fn::If` and removes `AWS::NoValue`, and returns `nil` when the whole value is removed.
    func resolve(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let members):
            if members.count == 1, members["Ref"]?.stringValue == "AWS::NoValue" { return nil }
            if members.count == 1, let arguments = members["Fn::If"]?.arrayValue, arguments.count == 3,
               let condition = arguments[0].stringValue {
                return resolve(isTrue(condition) ? arguments[1] : arguments[2])
            }
            return .object(members.compactMapValues(resolve))
        case .array(let elements):
            return .array(elements.compactMap(resolve))
        default:
            return value
        }
    }

    private func evaluate(_ expression: JSONValue) -> Bool {
        guard let members = expression.objectValue, members.count == 1, let (function, argument) = members.first else {
            Issue.record("Unsupported condition expression \(expression).")
            return false
        }
        let operands = argument.arrayValue ?? []
        switch function {
        case "Fn::Equals" where operands.count == 2:
            return value(of: operands[0]) == value(of: operands[1])
        case "Fn::Not" where operands.count == 1:
            return !evaluate(operands[0])
        case "Fn::And":
            return operands.allSatisfy(evaluate)
        case "Fn::Or":
            return operands.contains(where: evaluate)
        case "Condition":
            return argument.stringValue.map(isTrue) ?? false
        default:
            Issue.record("Unsupported condition function \(function).")
            return false
        }
    }

    private func value(of operand: JSONValue) -> String? {
        if let reference = operand["Ref"]?.stringValue { return parameters[reference] }
        return operand.stringValue
    }
}
