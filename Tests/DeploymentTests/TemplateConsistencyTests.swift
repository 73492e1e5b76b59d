import Foundation
import PromLambdaCore
import Testing

/// deploy/template.yaml against the code it deploys: handlers, IAM actions, environment variables,
/// alarms, the dashboard and the Gateway tool schema.
@Suite struct TemplateConsistencyTests {
    /// The AMP data-plane actions that each tool's code calls (Sources/PromTools/Operations):
    /// - QueryOperation: PrometheusClient.query, `/api/v1/query`, is aps:QueryMetrics.
    /// - RangeQueryOperation: PrometheusClient.queryRange, `/api/v1/query_range`, is aps:QueryMetrics.
    /// - ListMetricsOperation: labelValues("__name__"), `/api/v1/label/__name__/values`, is aps:GetLabels,
    ///   and metadata(), `/api/v1/metadata`, is aps:GetMetricMetadata.
    /// - ServerInfoOperation: on AMP it returns the connection's workspace and calls no status endpoint.
    /// - FindWorkspaceOperation: the control plane only.
    /// No tool calls `/api/v1/series`, so no role has aps:GetSeries.
    static let dataPlaneActions: [String: Set<String>] = [
        "query": ["aps:QueryMetrics"],
        "range_query": ["aps:QueryMetrics"],
        "list_metrics": ["aps:GetLabels", "aps:GetMetricMetadata"],
        "server_info": [],
        "find_workspace": [],
    ]
    /// Every tool accepts workspace_id and workspace_alias, and AmazonPrometheusConnector resolves them
    /// (and AMP_WORKSPACE_ID or AMP_WORKSPACE_ALIAS) with WorkspaceResolver: DescribeWorkspace for an ID,
    /// ListWorkspaces and then DescribeWorkspace for an alias. find_workspace lists with ListWorkspaces.
    static let workspaceLookupActions: Set<String> = ["aps:DescribeWorkspace", "aps:ListWorkspaces"]
    static let logActions: Set<String> = ["logs:CreateLogStream", "logs:PutLogEvents"]
    static let allDataPlaneActions = dataPlaneActions.values.reduce(Set<String>()) { $0.union($1) }

    /// The tool functions, by tool name: what integration invokes in invoke mode.
    static let toolFunctionIDs: [String: String] = [
        "query": "QueryFunction", "range_query": "RangeQueryFunction", "list_metrics": "ListMetricsFunction",
        "server_info": "ServerInfoFunction", "find_workspace": "FindWorkspaceFunction",
    ]

    /// The IAM actions a function's role must allow, exactly.
    static func expectedActions(handler: String, routingMode: String) -> Set<String> {
        switch handler {
        case "integration" where routingMode == "invoke":
            return logActions.union(["lambda:InvokeFunction"])
        case "integration", "mcp":
            return allDataPlaneActions.union(workspaceLookupActions).union(logActions)
        default:
            return (dataPlaneActions[handler] ?? ["unknown handler \(handler)"]).union(workspaceLookupActions)
                .union(logActions)
        }
    }

    static let parameterSets: [[String: String]] = [
        ["AmpWorkspaceId": "ws-example", "EnableMcpFunctionUrl": "true"],
        ["AmpWorkspaceId": "ws-example", "EnableMcpFunctionUrl": "true", "RoutingMode": "invoke"],
        ["AmpWorkspaceAlias": "production", "WorkspaceScope": "all-in-region", "RoutingMode": "invoke"],
    ]

    // MARK: - Functions and roles

    @Test(arguments: parameterSets)
    func roleActionsMatchToolCalls(_ overrides: [String: String]) throws {
        let template = try CloudFormationTemplate.load(overrides: overrides)
        let functions = template.activeResources(ofType: "AWS::Lambda::Function")
        let roles = template.activeResources(ofType: "AWS::IAM::Role")
        let routingMode = template.parameters["RoutingMode"] ?? ""
        #expect(functions.count == (overrides["EnableMcpFunctionUrl"] == "true" ? 7 : 6), "\(functions.keys.sorted())")

        for (name, function) in functions {
            let handler = function["Properties"]?["Handler"]?.stringValue ?? "?"
            let roleID = try #require(function["Properties"]?["Role"]?["Fn::GetAtt"]?.arrayValue?.first?.stringValue,
                                      "\(name) has no Role: !GetAtt <role>.Arn")
            let role = try #require(roles[roleID], "\(name)'s role \(roleID) is not in the template")

            let statements = Self.statements(of: role)
            let actions = Set(statements.flatMap { Self.strings($0["Action"]) })

            #expect(actions == Self.expectedActions(handler: handler, routingMode: routingMode),
                    "\(name) (\(handler), \(routingMode)): \(actions.sorted())")
            #expect(statements.allSatisfy { $0["Effect"]?.stringValue == "Allow" }, "\(name)")
        }
    }

    @Test func rolesAreNotShared() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true"])
        let roleIDs = template.activeResources(ofType: "AWS::Lambda::Function").values.compactMap {
            $0["Properties"]?["Role"]?["Fn::GetAtt"]?.arrayValue?.first?.stringValue
        }

        #expect(roleIDs.count == 7)
        #expect(Set(roleIDs).count == roleIDs.count, "\(roleIDs.sorted())")
    }

    @Test func workspaceActionsScopedToWorkspace() throws {
        let defaultScope = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example"])
        let regionScope = try CloudFormationTemplate.load(overrides: ["WorkspaceScope": "all-in-region"])

        for (template, suffix) in [(defaultScope, "workspace/${AmpWorkspaceId}"), (regionScope, "workspace/*")] {
            for (name, role) in template.activeResources(ofType: "AWS::IAM::Role") {
                for statement in Self.statements(of: role) {
                    let actions = Self.strings(statement["Action"])
                    if actions.contains("aps:ListWorkspaces") {
                        // ListWorkspaces has no resource-level permissions; the Region condition limits it.
                        #expect(actions == ["aps:ListWorkspaces"], "\(name)")
                        #expect(statement["Resource"] == "*", "\(name)")
                        #expect(statement["Condition"]?["StringEquals"]?["aws:RequestedRegion"] == ["Ref": "AWS::Region"],
                                "\(name)")
                    } else if actions.contains(where: { $0.hasPrefix("aps:") }) {
                        let arn = statement["Resource"]?["Fn::Sub"]?.stringValue ?? ""
                        #expect(arn == "arn:${AWS::Partition}:aps:${AWS::Region}:${AWS::AccountId}:\(suffix)",
                                "\(name) \(actions): \(statement["Resource"] ?? .null)")
                    }
                }
            }
        }
    }

    @Test func logActionsScopedToOwnLogGroup() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true"])
        let roles = template.activeResources(ofType: "AWS::IAM::Role")

        for (name, function) in template.activeResources(ofType: "AWS::Lambda::Function") {
            let properties = function["Properties"]
            let logGroup = try #require(properties?["LoggingConfig"]?["LogGroup"]?["Ref"]?.stringValue, "\(name)")
            let roleID = properties?["Role"]?["Fn::GetAtt"]?.arrayValue?.first?.stringValue ?? ""
            let logStatements = Self.statements(of: roles[roleID] ?? .null).filter {
                Self.strings($0["Action"]).contains("logs:PutLogEvents")
            }

            #expect(logStatements.count == 1, "\(name)")
            #expect(logStatements.first?["Resource"] == ["Fn::GetAtt": [.string(logGroup), "Arn"]], "\(name)")
        }
    }

    @Test func invokeTargetsAreToolFunctions() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "RoutingMode": "invoke"])
        let role = try #require(template.activeResources(ofType: "AWS::IAM::Role")["IntegrationRole"])
        let invoke = Self.statements(of: role).filter { Self.strings($0["Action"]).contains("lambda:InvokeFunction") }
        let targets = invoke.flatMap { $0["Resource"]?.arrayValue ?? [] }
            .compactMap { $0["Fn::GetAtt"]?.arrayValue?.first?.stringValue }

        #expect(invoke.count == 1)
        #expect(Set(targets) == Set(Self.toolFunctionIDs.values), "\(targets)")
        #expect(targets.count == 5, "\(targets)")
    }

    @Test func functionsRunPackagedBootstrap() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true"])

        for (name, function) in template.activeResources(ofType: "AWS::Lambda::Function") {
            let properties = function["Properties"]
            #expect(properties?["Runtime"] == "provided.al2023", "\(name)")
            #expect(properties?["Architectures"] == [["Ref": "Architecture"]], "\(name)")
            #expect(properties?["Code"] == ["S3Bucket": ["Ref": "CodeBucket"], "S3Key": ["Ref": "CodeKey"]], "\(name)")
        }
    }

    // MARK: - Parameters and environment

    @Test func architectureAllowsLambdaArchitectures() throws {
        let template = try CloudFormationTemplate.load()
        let parameter = template.document["Parameters"]?["Architecture"]

        #expect(parameter?["AllowedValues"] == ["x86_64", "arm64"])
        #expect(parameter?["Default"] == "x86_64")
    }

    @Test func parametersMatchCodeSettings() throws {
        let parameters = try CloudFormationTemplate.load().document["Parameters"]

        #expect(parameters?["RoutingMode"]?["AllowedValues"] == ["in-process", "invoke"])
        #expect(parameters?["LogLevel"]?["AllowedValues"] == .array(Logger.Level.allCases.map { .string($0.rawValue) }))
        #expect(parameters?["MaxResultBytes"]?["MaxValue"] == 1_000_000, "ToolSettings.maxMaxBytes")
        #expect(parameters?["MaxResultBytes"]?["MinValue"] == 1_000, "ToolConfiguration's lower bound")
        #expect(parameters?["RequestTimeoutSeconds"]?["MaxValue"] == 900, "ToolConfiguration's upper bound")
        #expect(parameters?["MaxRetries"]?["MaxValue"] == 10, "ToolConfiguration's upper bound")
    }

    @Test func environmentUsesKnownVariables() throws {
        let settings: Set<String> = [
            "PROMETHEUS_URL", "AMP_WORKSPACE_ID", "AMP_WORKSPACE_ALIAS", "PROMLAMBDA_MAX_RESULT_BYTES",
            "PROMLAMBDA_REQUEST_TIMEOUT", "PROMLAMBDA_MAX_RETRIES", "PROMLAMBDA_ROUTING_MODE", "LOG_LEVEL",
        ]
        let known = settings.union(Self.toolFunctionIDs.keys.map { "PROMLAMBDA_\($0.uppercased())_FUNCTION" })
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true",
                                                                   "RoutingMode": "invoke"])

        for (name, function) in template.activeResources(ofType: "AWS::Lambda::Function") {
            let variables = function["Properties"]?["Environment"]?["Variables"]?.objectValue ?? [:]
            let unknown = Set(variables.keys).subtracting(known)
            #expect(unknown.isEmpty, "\(name) sets variables the code does not read: \(unknown.sorted())")
            #expect(variables["AMP_WORKSPACE_ID"] == ["Ref": "AmpWorkspaceId"], "\(name)")
            #expect(variables["LOG_LEVEL"] == ["Ref": "LogLevel"], "\(name)")
        }
    }

    @Test func integrationNamesToolFunctionsInInvokeMode() throws {
        let invoke = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example", "RoutingMode": "invoke"])
        let inProcess = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example"])
        let invokeVariables = invoke.activeResources(ofType: "AWS::Lambda::Function")["IntegrationFunction"]?[
            "Properties"]?["Environment"]?["Variables"]
        let inProcessVariables = inProcess.activeResources(ofType: "AWS::Lambda::Function")["IntegrationFunction"]?[
            "Properties"]?["Environment"]?["Variables"]

        #expect(invokeVariables?["PROMLAMBDA_ROUTING_MODE"] == ["Ref": "RoutingMode"])
        for (tool, functionID) in Self.toolFunctionIDs {
            let variable = "PROMLAMBDA_\(tool.uppercased())_FUNCTION"
            #expect(invokeVariables?[variable] == ["Ref": .string(functionID)], "\(variable)")
            #expect(inProcessVariables?[variable] == nil, "\(variable) is set in in-process mode")
        }
    }

    // MARK: - Monitoring

    @Test func everyFunctionHasThreeAlarms() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true",
                                                                   "AlarmTopicArn": "arn:aws:sns:us-east-1:123456789012:t"])
        let alarms = template.activeResources(ofType: "AWS::CloudWatch::Alarm").values.map { $0["Properties"] ?? .null }

        for (name, function) in template.activeResources(ofType: "AWS::Lambda::Function") {
            let own = alarms.filter { $0["Dimensions"]?.arrayValue?.first?["Value"] == ["Ref": .string(name)] }
            let metrics = Set(own.compactMap { $0["MetricName"]?.stringValue })
            let timeout = try #require(function["Properties"]?["Timeout"]?.numberValue, "\(name) has no Timeout")
            let duration = own.first { $0["MetricName"] == "Duration" }

            #expect(metrics == ["Errors", "Throttles", "Duration"], "\(name): \(metrics.sorted())")
            #expect(own.count == 3, "\(name)")
            #expect(duration?["Threshold"]?.numberValue == timeout * 1_000 * 0.8,
                    "\(name)'s duration alarm must fire at 80% of its \(timeout) s timeout")
            #expect(duration?["ExtendedStatistic"] == "p99", "\(name)")
            #expect(own.allSatisfy { $0["Namespace"] == "AWS/Lambda" }, "\(name)")
            #expect(own.allSatisfy { $0["AlarmActions"] == [["Ref": "AlarmTopicArn"]] }, "\(name)")
        }
    }

    @Test func alarmsHaveNoActionsWithoutTopic() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example"])

        for (name, alarm) in template.activeResources(ofType: "AWS::CloudWatch::Alarm") {
            #expect(alarm["Properties"]?["AlarmActions"] == nil, "\(name)")
            #expect(alarm["Properties"]?["OKActions"] == nil, "\(name)")
        }
    }

    @Test func dashboardShowsInvocationMetrics() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example"])
        let dashboard = try #require(template.activeResources(ofType: "AWS::CloudWatch::Dashboard").values.first)
        let body = try #require(dashboard["Properties"]?["DashboardBody"]?["Fn::Sub"]?.arrayValue?.first?.stringValue)
        // The ${...} placeholders sit inside JSON strings or between array elements, so removing them
        // leaves JSON that shows the dashboard's structure.
        let json = body.replacingOccurrences(of: #"\$\{[^}]*\}"#, with: "", options: .regularExpression)
        let widgets = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))["widgets"]?.arrayValue)
        let expressions = widgets.flatMap { $0["properties"]?["metrics"]?.arrayValue ?? [] }
            .flatMap { $0.arrayValue ?? [] }.compactMap { $0["expression"]?.stringValue }
        let lambdaMetrics = Set(widgets.flatMap { $0["properties"]?["metrics"]?.arrayValue ?? [] }
            .compactMap { $0.arrayValue?.count ?? 0 >= 2 ? $0.arrayValue?[1].stringValue : nil })

        for metric in ["Duration", "ResultBytes", "Truncated", "Retries", "Failed"] {
            #expect(expressions.contains { $0.contains("{promlambda,Function,Operation} MetricName=\"\(metric)\"") },
                    "no SEARCH for the EMF metric \(metric): \(expressions)")
        }
        #expect(lambdaMetrics.isSuperset(of: ["Errors", "Throttles", "Duration"]), "\(lambdaMetrics.sorted())")
        #expect(widgets.contains { $0["type"] == "alarm" })
    }

    // MARK: - Helpers

    /// Returns the statements of every inline policy of a role.
    static func statements(of role: JSONValue) -> [JSONValue] {
        (role["Properties"]?["Policies"]?.arrayValue ?? []).flatMap {
            $0["PolicyDocument"]?["Statement"]?.arrayValue ?? []
        }
    }

    /// Returns the strings of a value that is a string or a list of strings.
    static func strings(_ value: JSONValue?) -> [String] {
        if let text = value?.stringValue { return [text] }
        return value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
