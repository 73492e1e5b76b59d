import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// One function as Lambda runs it: the real `bootstrap` binary polling a Runtime API double.
final class FunctionHarness {
    let double: RuntimeAPIDouble
    let bootstrap: ExecutableProcess

    /// Starts the double, then `bootstrap` with `_HANDLER=handler` and `environment`.
    /// - Parameter maxResponseBytes: responses larger than this get 413 from the double.
    static func start(handler: String, environment: [String: String],
                      maxResponseBytes: Int? = nil) async throws -> FunctionHarness {
        let double = try await RuntimeAPIDouble.start(maxResponseBytes: maxResponseBytes)
        var variables = ["AWS_LAMBDA_FUNCTION_NAME": "promlambda-test"]
        variables.merge(environment) { _, new in new }
        variables["AWS_LAMBDA_RUNTIME_API"] = double.address
        variables["_HANDLER"] = handler
        let bootstrap = try ExecutableProcess(executable: try BuiltExecutables.bootstrap(), environment: variables)
        return FunctionHarness(double: double, bootstrap: bootstrap)
    }

    /// Starts a function with `PROMETHEUS_URL` set to `prometheus`, by default the shared test Prometheus.
    static func start(handler: String, prometheus: URL? = nil,
                      maxResponseBytes: Int? = nil) async throws -> FunctionHarness {
        var url = prometheus
        if url == nil {
            url = try await TestPrometheus.shared().url
        }
        return try await start(handler: handler, environment: ["PROMETHEUS_URL": url?.absoluteString ?? ""],
                               maxResponseBytes: maxResponseBytes)
    }

    private init(double: RuntimeAPIDouble, bootstrap: ExecutableProcess) {
        self.double = double
        self.bootstrap = bootstrap
    }

    deinit {
        stop()
    }

    func stop() {
        bootstrap.stop()
        double.stop()
    }

    /// Queues an event with the usual headers, a client context when given, and a deadline one minute
    /// away unless another is given.
    func enqueue(_ requestID: String, _ body: String, clientContext: JSONValue? = nil,
                 deadline: Date = Date().addingTimeInterval(60)) async throws {
        var headers = RuntimeAPIDouble.Event.standardHeaders(requestID: requestID, deadline: deadline)
        if let clientContext {
            headers[RuntimeAPIDouble.Header.clientContext] = clientContext.encodedString()
        }
        try await double.enqueue(.init(requestID: requestID, body: body, headers: headers))
    }

    /// Waits for `count` records and returns them, with the test failing on any contract violation.
    func records(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> [RuntimeAPIDouble.Record]
    {
        let snapshot: RuntimeAPIDouble.Snapshot
        do {
            snapshot = try await double.snapshot(waitingFor: count)
        } catch {
            Issue.record("\(error)\nbootstrap's standard error:\n\(bootstrap.stderrText)", sourceLocation: sourceLocation)
            throw error
        }
        #expect(snapshot.violations == [], sourceLocation: sourceLocation)
        return snapshot.records
    }

    /// The metrics line that the function wrote for `requestID`.
    func metricsLine(_ requestID: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let line = bootstrap.logRecords.first {
            $0["message"] == "invocation served" && $0["aws-request-id"] == .string(requestID)
        }
        return try #require(line, "No metrics line for \(requestID) in:\n\(bootstrap.stderrText)",
                            sourceLocation: sourceLocation)
    }
}

extension RuntimeAPIDouble.Record {
    /// The body of a response to an API Gateway or Function URL event, decoded as JSON.
    var httpBody: JSONValue? {
        json?["body"]?.stringValue.flatMap { try? JSONValue.decode(Data($0.utf8)) }
    }
}
