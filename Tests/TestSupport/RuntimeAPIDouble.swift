import Foundation
import HTTPTransport
import PromLambdaCore

/// Starts `Resources/runtime_api_double.py`, a Lambda Runtime API double on 127.0.0.1, and drives it
/// through its control endpoints.
///
/// The interpreter is `PROMLAMBDA_TEST_PYTHON` when set, else `python3` on the `PATH`. Call ``stop()``
/// when done, or let the value be released, which terminates the process too. The double also exits by
/// itself when this test process ends, because it watches the standard input pipe kept here.
///
/// Header names are spelled out here instead of taken from `LambdaRuntime`, so the double states the
/// wire contract independently of the code under test.
public final class RuntimeAPIDouble {
    /// The `host:port` to put in `AWS_LAMBDA_RUNTIME_API`.
    public let address: String
    private let process: Process
    /// The double's standard input; it exits when this pipe closes.
    private let lifeline: Pipe
    private let control = URLSessionHTTPClient()

    /// One event for `/next` to serve.
    public struct Event: Sendable {
        public var requestID: String
        public var body: String
        /// Sent with `/next` exactly as given; ``standardHeaders(requestID:deadline:)`` builds the usual set.
        public var headers: [String: String]

        public init(requestID: String, body: String, headers: [String: String]? = nil) {
            self.requestID = requestID
            self.body = body
            self.headers = headers ?? Self.standardHeaders(requestID: requestID)
        }

        /// Builds the headers Lambda sends with every event, with a deadline one minute from the system clock.
        public static func standardHeaders(requestID: String, deadline: Date = Date().addingTimeInterval(60))
            -> [String: String]
        {
            [
                Header.requestID: requestID,
                Header.deadline: String(Int64(deadline.timeIntervalSince1970 * 1_000)),
                Header.invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:promlambda",
            ]
        }
    }

    /// The Runtime API's header names, as its specification spells them.
    public enum Header {
        public static let requestID = "Lambda-Runtime-Aws-Request-Id"
        public static let deadline = "Lambda-Runtime-Deadline-Ms"
        public static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
        public static let traceID = "Lambda-Runtime-Trace-Id"
        public static let clientContext = "Lambda-Runtime-Client-Context"
    }

    /// One request the double received on `/response`, `/error` or `/init/error`.
    public struct Record: Decodable, Equatable, Sendable {
        public var kind: String
        public var requestId: String?
        public var status: Int
        public var contentType: String?
        public var errorTypeHeader: String?
        public var bodyBytes: Int
        public var body: String?
        /// When the double received the post, in Unix epoch milliseconds.
        public var receivedAtMs: Double?

        /// The body decoded as JSON; `nil` when absent or not JSON.
        public var json: JSONValue? { body.flatMap { try? JSONValue.decode(Data($0.utf8)) } }
    }

    public struct Snapshot: Decodable, Sendable {
        public var records: [Record]
        public var violations: [String]
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Starts the double and waits until it listens.
    /// - Parameter maxResponseBytes: responses larger than this get 413; the double's default is 6 MiB.
    public static func start(maxResponseBytes: Int? = nil) async throws -> RuntimeAPIDouble {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/runtime_api_double.py")
        let python = ProcessInfo.processInfo.environment["PROMLAMBDA_TEST_PYTHON"] ?? "python3"
        var arguments = [python, script.path, "--port", "0"]
        if let maxResponseBytes {
            arguments += ["--max-response-bytes", String(maxResponseBytes)]
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let lifeline = Pipe()
        process.standardOutput = output
        process.standardInput = lifeline
        try process.run()

        let line = await readLine(from: output.fileHandleForReading)
        guard let port = (try? JSONValue.decode(Data(line.utf8)))?["port"]?.numberValue else {
            process.terminate()
            throw StartError(description: "The Runtime API double did not report its port (\(python) \(script.path)); "
                + "it printed \"\(line)\". Set PROMLAMBDA_TEST_PYTHON to a Python 3 interpreter.")
        }
        return RuntimeAPIDouble(address: "127.0.0.1:\(Int(port))", process: process, lifeline: lifeline)
    }

    private init(address: String, process: Process, lifeline: Pipe) {
        self.address = address
        self.process = process
        self.lifeline = lifeline
    }

    deinit {
        stop()
    }

    /// Sends SIGTERM without waiting: `Process.waitUntilExit()` would block a thread of the cooperative pool.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
    }

    // MARK: - Control endpoints

    public func enqueue(_ event: Event) async throws {
        let body: JSONValue = [
            "requestId": .string(event.requestID), "body": .string(event.body),
            "headers": .object(event.headers.mapValues(JSONValue.string)),
        ]
        let response = try await send(.post, "/_double/events", body: body.encodedData())
        guard response.status == 201 else {
            throw StartError(description: "Queueing an event failed with HTTP \(response.status).")
        }
    }

    /// Waits until the double has stored `count` records, then returns them with any contract violations.
    public func snapshot(waitingFor count: Int, timeoutSeconds: Int = 60) async throws -> Snapshot {
        let response = try await send(.get, "/_double/records?count=\(count)&timeoutSeconds=\(timeoutSeconds)")
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: response.body)
        guard response.status == 200 else {
            throw StartError(description: "The double stored \(snapshot.records.count) of \(count) records "
                + "within \(timeoutSeconds) s; violations: \(snapshot.violations)")
        }
        return snapshot
    }

    /// Waits until a `/next` call is parked on the empty queue.
    public func waitForParkedNext(timeoutSeconds: Int = 60) async throws {
        let response = try await send(.get, "/_double/waiting?timeoutSeconds=\(timeoutSeconds)")
        guard response.status == 200 else {
            throw StartError(description: "No /next call arrived within \(timeoutSeconds) s.")
        }
    }

    private func send(_ method: HTTPMethod, _ pathAndQuery: String, body: Data = Data()) async throws -> HTTPResponse {
        guard let url = URL(string: "http://\(address)\(pathAndQuery)") else {
            throw StartError(description: "Invalid control URL for \(pathAndQuery).")
        }
        var headers = HTTPHeaders()
        if !body.isEmpty { headers.set("Content-Type", "application/json") }
        return try await control.send(HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: nil))
    }

    /// Reads up to the first newline on a dispatch thread, so no task of the cooperative pool blocks.
    static func readLine(from handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                    if chunk.contains(UInt8(ascii: "\n")) { break }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                continuation.resume(returning: text.split(separator: "\n").first.map(String.init) ?? "")
            }
        }
    }
}
