import Foundation
import PromLambdaCore
import TestSupport

/// Events in the shapes that Lambda delivers to the functions.
enum Events {
    /// The evaluation time of ``SampleData`` as tools accept it.
    static let evaluationTime = JSONValue.string(RFC3339.format(SampleData.evaluationTime))

    /// Builds the client context that AgentCore Gateway sends with a call to `qualifiedTool` (`TARGET___TOOL`).
    static func gatewayContext(_ qualifiedTool: String) -> JSONValue {
        ["custom": [
            "bedrockAgentCoreToolName": .string(qualifiedTool),
            "bedrockAgentCoreGatewayId": "gw-test-0123456789",
            "bedrockAgentCoreTargetId": "target-test",
            "bedrockAgentCoreMessageVersion": "1.0",
            "bedrockAgentCoreAwsRequestId": "11111111-2222-3333-4444-555555555555",
            "bedrockAgentCoreMcpMessageId": 7,
        ]]
    }

    /// Builds an API Gateway REST proxy event whose body is `arguments` as JSON text.
    static func apiGateway(_ arguments: JSONValue) -> String {
        let event: JSONValue = [
            "resource": "/tools", "path": "/tools", "httpMethod": "POST",
            "headers": ["Content-Type": "application/json", "Accept": "application/json"],
            "requestContext": ["requestId": "apigw-request", "stage": "prod"],
            "isBase64Encoded": false, "body": .string(arguments.encodedString()),
        ]
        return event.encodedString()
    }

    /// Builds a Lambda Function URL event (payload format 2.0) that POSTs `body`, base64-encoded when asked.
    static func functionURL(_ body: String, base64: Bool, headers: [String: String]? = nil) -> String {
        let defaultHeaders = ["content-type": "application/json", "accept": "application/json, text/event-stream"]
        let event: JSONValue = [
            "version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
            "headers": .object((headers ?? defaultHeaders).mapValues(JSONValue.string)),
            "requestContext": ["http": ["method": "POST", "path": "/", "sourceIp": "127.0.0.1"]],
            "body": .string(base64 ? Data(body.utf8).base64EncodedString() : body), "isBase64Encoded": .bool(base64),
        ]
        return event.encodedString()
    }

    /// The arguments of the `sum by (method, status) (rate(...))` query at the evaluation time.
    static let rateByMethodAndStatus: JSONValue = [
        "query": "sum by (method, status) (rate(demo_http_requests_total[5m]))", "time": evaluationTime,
    ]
}

/// Checks a `query` result of ``Events/rateByMethodAndStatus`` against ``SampleData``, returning one
/// message per mismatch.
func rateMismatches(_ result: JSONValue?) -> [String] {
    guard let series = result?["series"]?.arrayValue else { return ["no series in \(String(describing: result))"] }
    var problems: [String] = []
    if series.count != 4 { problems.append("expected 4 series, got \(series.count)") }
    for sample in series {
        guard let method = SampleData.Method(rawValue: sample["labels"]?["method"]?.stringValue ?? ""),
              let status = SampleData.Status(rawValue: sample["labels"]?["status"]?.stringValue ?? ""),
              let value = sample["value"]?.stringValue.flatMap(Double.init)
        else {
            problems.append("unreadable sample \(sample.encodedString())")
            continue
        }
        let expected = SampleData.requestRate(method: method, status: status)
        if value != expected { problems.append("\(method.rawValue) \(status.rawValue): \(value), expected \(expected)") }
    }
    return problems
}

extension JSONValue {
    /// The element at `index` of an array; `nil` for another type or an index out of range.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
