import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// `promlambda invoke`, run as the built binary: the same handler as `bootstrap`, once, on a file or
/// standard input.
@Suite struct InvokeCommandTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
        var json: JSONValue? { try? JSONValue.decode(Data(output.utf8)) }
    }

    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) async throws -> Outcome {
        let process = try ExecutableProcess(executable: try BuiltExecutables.promlambda(), arguments: arguments,
                                            environment: environment)
        try process.send(Data((input ?? "").utf8))
        let output = await process.readOutput()
        let status = await process.waitForExit()
        return Outcome(status: status, output: String(decoding: output, as: UTF8.self), errors: process.stderrText)
    }

    @Test func eventFileToolResult() async throws {
        let prometheus = try await TestPrometheus.shared()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString).json")
        try Events.rateByMethodAndStatus.encodedData().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let outcome = try await run(["invoke", "query", "--event", file.path, "--url", prometheus.url.absoluteString,
                                     "--tool-name", "promlambda___query"])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.hasSuffix("}\n"))
        #expect(rateMismatches(outcome.json) == [])
        let metrics = outcome.errors.split(separator: "\n").compactMap { try? JSONValue.decode(Data($0.utf8)) }
            .first { $0["message"] == "invocation served" }
        #expect(metrics?["Function"] == "query")
    }

    @Test func standardInputAPIGatewayEvent() async throws {
        let prometheus = try await TestPrometheus.shared()
        let event = Events.apiGateway(IntegrationFunctionTests.with(Events.rateByMethodAndStatus, ["operation": "query"]))
        let outcome = try await run(["invoke", "lambda_integration.lambda_handler", "--event", "-"], input: event,
                                    environment: ["PROMETHEUS_URL": prometheus.url.absoluteString])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.json?["statusCode"] == 200)
        let body = outcome.json?["body"]?.stringValue.flatMap { try? JSONValue.decode(Data($0.utf8)) }
        #expect(rateMismatches(body) == [])
    }

    @Test func toolNameMismatchIsResult() async throws {
        let outcome = try await run(["invoke", "query", "--event", "-", "--url", "http://127.0.0.1:9",
                                     "--tool-name", "promlambda___server_info"], input: #"{"query": "up"}"#)
        #expect(outcome.status == 0)
        #expect(outcome.json?["error"] == "unknown_tool")
    }

    @Test func malformedEventIsFunctionError() async throws {
        let outcome = try await run(["invoke", "query", "--event", "-", "--url", "http://127.0.0.1:9"],
                                    input: "{not json")
        #expect(outcome.status == 1)
        #expect(outcome.json == [
            "errorMessage": "The 9-byte event is not valid JSON.", "errorType": "Runtime.UnmarshalError",
            "stackTrace": [],
        ])
    }

    @Test(arguments: [
        (["invoke"], "Missing FUNCTION."),
        (["invoke", "query"], "Missing --event"),
        (["invoke", "bogus", "--event", "-"], "Unknown function \"bogus\"."),
        (["invoke", "query", "--event", "/nonexistent/event.json"], "Cannot read the event file"),
        (["invoke", "query", "--event", "-", "--url", "ftp://x"], "--url must be an http or https URL"),
        (["invoke", "query", "--event", "-", "--colour"], "Unknown option --colour"),
    ])
    func usageErrorExits64(arguments: [String], message: String) async throws {
        let outcome = try await run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.output == "")
        #expect(outcome.errors.contains(message), "\(outcome.errors)")
    }

    @Test func helpListsOptions() async throws {
        let outcome = try await run(["invoke", "--help"])
        #expect(outcome.status == 0)
        for option in ["--event FILE", "--tool-name NAME", "--url URL", "Exit status"] {
            #expect(outcome.output.contains(option), "\(option)")
        }
    }
}
