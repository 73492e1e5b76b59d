import Foundation
import HTTPTransport
import Testing
import TestSupport
@testable import AWSSigV4

/// Signs seeded random Prometheus-shaped requests in Swift and checks every `Authorization` header against
/// botocore's `SigV4Auth`, run in a Python subprocess with the same credentials and time.
@Suite struct BotocoreDifferentialTests {
    static let seed: UInt64 = 0x414D_5051_5545_5259
    static let timestamp = "20260314T092653Z"
    static let signingDate = Date(timeIntervalSince1970: 1_773_480_413)

    struct Case: Encodable {
        var method: String
        var url: String
        var headers: [[String]]
        var body_base64: String
        var access_key: String
        var secret_key: String
        var token: String?
        var region: String
        var service: String
        var timestamp: String
    }

    struct BotocoreResult: Decodable {
        var authorization: String
        var canonical_request: String
        var x_amz_date: String
        var security_token: String?
    }

    static let pythonScript = """
    import base64, datetime, json, sys
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    class CapturingSigV4Auth(botocore.auth.SigV4Auth):
        def canonical_request(self, request):
            self.captured = super().canonical_request(request)
            return self.captured

    for line in sys.stdin:
        case = json.loads(line)
        fixed = datetime.datetime.strptime(case['timestamp'], '%Y%m%dT%H%M%SZ')
        botocore.auth.get_current_datetime = lambda fixed=fixed: fixed
        request = AWSRequest(method=case['method'], url=case['url'], data=base64.b64decode(case['body_base64']))
        for name, value in case['headers']:
            request.headers[name] = value
        credentials = Credentials(case['access_key'], case['secret_key'], case.get('token'))
        signer = CapturingSigV4Auth(credentials, case['service'], case['region'])
        signer.add_auth(request)
        print(json.dumps({
            'authorization': request.headers['Authorization'],
            'canonical_request': signer.captured,
            'x_amz_date': request.headers['X-Amz-Date'],
            'security_token': request.headers.get('X-Amz-Security-Token'),
        }))
    """

    /// Label values that exercise the escaping rules: spaces, `+`, quotes, braces, `=~`, `!~`, reserved
    /// characters, a literal `%`, and non-ASCII text.
    static let labelValues = [
        "api-server", "a b", "1+1", #"say "hi""#, "ü", "日本語", "🚀 launch", "50%", "a&b=c", "x/y?z#w", "~tilde~",
        "tab\there", "{braces}", "back\\slash", "semi;colon", "plus+and space",
    ]

    static func randomSelector(_ generator: inout SeededGenerator) -> String {
        let metric = generator.element(of: ["up", "http_requests_total", "node_cpu_seconds_total", "go_gc_duration"])
        let matchers = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            let name = generator.element(of: ["job", "instance", "mode", "path"])
            let operation = generator.element(of: ["=", "!=", "=~", "!~"])
            let value = generator.element(of: labelValues).replacingOccurrences(of: "\"", with: "\\\"")
            return "\(name)\(operation)\"\(value)\""
        }
        return matchers.isEmpty ? metric : metric + "{" + matchers.joined(separator: ", ") + "}"
    }

    static func randomQuery(_ generator: inout SeededGenerator) -> String {
        let selector = randomSelector(&generator)
        return generator.element(of: [
            selector,
            "sum by (job) (rate(\(selector)[5m])) + 1",
            "histogram_quantile(0.9, sum(rate(\(selector)[1m])) by (le))",
            "\(selector) / ignoring(mode) group_left \(selector) * 100",
            "count_values(\"value\", \(selector)) > 0",
        ])
    }

    static func makeRequests() throws -> [(request: HTTPRequest, credentials: AWSCredentials, region: String,
                                          service: String)] {
        var generator = SeededGenerator(seed: seed)
        let bases = [
            "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-abc",
            "https://aps-workspaces.eu-west-1.amazonaws.com:443/workspaces/ws-0123-abcd",
            "http://127.0.0.1:9090",
            "http://localhost:8080/prometheus",
            "http://[::1]:9090",
        ]
        var requests: [(HTTPRequest, AWSCredentials, String, String)] = []
        for index in 0..<240 {
            let base = try #require(URL(string: generator.element(of: bases)))
            var query = QueryParameters()
            var method = HTTPMethod.get
            var path: String
            var body = Data()
            var headers = HTTPHeaders([("Accept", "application/json")])

            switch index % 6 {
            case 0:
                path = "/api/v1/query"
                query.append("query", randomQuery(&generator))
                query.append("time", "1773480000.123")
            case 1:
                path = "/api/v1/query_range"
                query.append("query", randomQuery(&generator))
                query.append("start", "2026-03-14T08:00:00Z")
                query.append("end", "2026-03-14T09:00:00.5Z")
                query.append("step", "15s")
            case 2:
                path = "/api/v1/series"
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    query.append("match[]", randomSelector(&generator))
                }
                query.append("start", "1773470000")
            case 3:
                method = .post
                path = "/api/v1/query_range"
                var form = QueryParameters()
                form.append("query", randomQuery(&generator))
                form.append("start", "1773470000")
                form.append("end", "1773480000")
                form.append("step", "60")
                body = Data(form.encoded.utf8)
                headers.add("Content-Type", "application/x-www-form-urlencoded")
            case 4:
                path = "/api/v1/label/" + generator.element(of: ["job", "__name__", "a:b", "ü"]) + "/values"
                query.append("match[]", randomSelector(&generator))
            default:
                path = "/api/v1/labels"
                headers.add("X-Custom-Note", "  spaced   out\tvalue  ")
                headers.add("X-Custom-Note", generator.element(of: ["second", "a  b"]))
                headers.add("User-Agent", "promlambda-tests")
            }

            let url = try #require(base.appending(path: path, query: query))
            let credentials = AWSCredentials(
                accessKeyId: "AKIDEXAMPLE\(index)",
                secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCY\(index)KEY",
                sessionToken: index % 2 == 0 ? "IQoJb3JpZ2luX2VjE//////////wEaCXVz+test/token\(index)==" : nil)
            let region = generator.element(of: ["us-east-1", "eu-west-1", "ap-southeast-2"])
            requests.append((HTTPRequest(method: method, url: url, headers: headers, body: body), credentials, region,
                             "aps"))
        }

        // A Lambda Invoke URL whose ARN path segment is escaped on the wire, so the canonical URI escapes it twice.
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:promlambda-query"
        let invokeURL = try #require(URL(string: "https://lambda.us-east-1.amazonaws.com")?
            .appending(path: "/2015-03-31/functions/\(arn)/invocations", query: QueryParameters([("Qualifier", "live")])))
        requests.append((HTTPRequest(method: .post, url: invokeURL, body: Data(#"{"tool":"query"}"#.utf8)),
                         AWSCredentials(accessKeyId: "AKIDLAMBDA", secretAccessKey: "secret/lambda+key",
                                        sessionToken: "token+with/slashes=="),
                         "us-east-1", "lambda"))
        return requests
    }

    @Test func authorizationMatchesBotocore() throws {
        let requests = try Self.makeRequests()
        let encoder = JSONEncoder()
        var input = Data()
        for (request, credentials, region, service) in requests {
            let testCase = Case(
                method: request.method.rawValue, url: request.url.absoluteString,
                headers: request.headers.fields.map { [$0.name, $0.value] },
                body_base64: request.body.base64EncodedString(),
                access_key: credentials.accessKeyId, secret_key: credentials.secretAccessKey,
                token: credentials.sessionToken, region: region, service: service, timestamp: Self.timestamp)
            input.append(try encoder.encode(testCase))
            input.append(UInt8(ascii: "\n"))
        }

        let output = try PythonProcess.runScript(Self.pythonScript, needsBotocore: true, input: input)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == requests.count, "botocore printed \(lines.count) results for \(requests.count)")

        for ((request, credentials, region, service), line) in zip(requests, lines) {
            let expected = try JSONDecoder().decode(BotocoreResult.self, from: Data(line.utf8))
            let signer = SigV4Signer(credentials: credentials, region: region, service: service)
            let signed = try signer.signHeaders(request, date: Self.signingDate)
            let label = "\(request.method.rawValue) \(request.url.absoluteString) (seed \(Self.seed))"

            #expect(signed.request.headers["Authorization"] == expected.authorization, "\(label)")
            #expect(signed.stages.canonicalRequest == expected.canonical_request, "\(label)")
            #expect(signed.request.headers["X-Amz-Date"] == expected.x_amz_date, "\(label)")
            #expect(signed.request.headers["X-Amz-Security-Token"] == expected.security_token, "\(label)")
        }
    }
}
