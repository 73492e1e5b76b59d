import Foundation
import HTTPTransport
import PromLambdaCore
import Testing
import TestSupport

/// `lambda_invoke_double.py`: the Lambda Invoke API on 127.0.0.1, with one Runtime API per function, each
/// served by a real `bootstrap` that ``startFunction(_:handler:environment:)`` starts.
final class LambdaInvokeDouble {
    static let accessKeyID = "AKIDINVOKEEXAMPLE"
    static let secretAccessKey = "invoke/secret+key/EXAMPLE"
    static let sessionToken = "invoke/session+token=="
    static let region = "us-east-1"

    /// One Invoke request as the double received it.
    struct Invocation: Decodable {
        var functionName: String
        var qualifier: String?
        /// `valid`, `missing` or `invalid: <reason>`.
        var signature: String
        var status: Int?
        var functionError: String?
        var payload: String
        var clientContext: String?
    }

    struct Snapshot: Decodable {
        var invocations: [Invocation]
        var violations: [String]
    }

    let server: PythonServer
    private var functions: [ExecutableProcess] = []
    private let control = URLSessionHTTPClient()

    /// The endpoint to put in `AWS_ENDPOINT_URL_LAMBDA`.
    var endpoint: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

    /// The variables with which the integration function reaches and signs for this double.
    var clientEnvironment: [String: String] {
        [
            "AWS_ENDPOINT_URL_LAMBDA": endpoint.absoluteString, "AWS_REGION": Self.region,
            "AWS_ACCESS_KEY_ID": Self.accessKeyID, "AWS_SECRET_ACCESS_KEY": Self.secretAccessKey,
            "AWS_SESSION_TOKEN": Self.sessionToken,
        ]
    }

    /// Starts the double with a Runtime API for each name in `functions`.
    /// - Parameter requireSignature: reject requests without a valid signature with 403, as Lambda does.
    static func start(functions: [String], requireSignature: Bool) async throws -> LambdaInvokeDouble {
        var arguments = [
            "--access-key-id", accessKeyID, "--secret-access-key", secretAccessKey, "--session-token", sessionToken,
            "--region", region,
        ]
        for name in functions { arguments += ["--function", name] }
        if requireSignature { arguments.append("--require-signature") }
        return LambdaInvokeDouble(server: try await PythonServer.start(script: "lambda_invoke_double.py",
                                                                       arguments: arguments))
    }

    private init(server: PythonServer) {
        self.server = server
    }

    deinit {
        stop()
    }

    func stop() {
        functions.forEach { $0.stop() }
        server.stop()
    }

    /// Starts `bootstrap` as the function `name`, polling that function's Runtime API.
    @discardableResult
    func startFunction(_ name: String, handler: String, environment: [String: String]) throws -> ExecutableProcess {
        guard let port = server.announcement["runtimeApis"]?[name]?.numberValue else {
            throw RuntimeAPIDouble.StartError(description: "The Invoke double serves no function \(name).")
        }
        var variables = environment
        variables["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(Int(port))"
        variables["AWS_LAMBDA_FUNCTION_NAME"] = name
        variables["_HANDLER"] = handler
        let process = try ExecutableProcess(executable: try BuiltExecutables.bootstrap(), environment: variables)
        functions.append(process)
        return process
    }

    func snapshot() async throws -> Snapshot {
        let url = endpoint.appendingPathComponent("_double").appendingPathComponent("invocations")
        let response = try await control.send(HTTPRequest(url: url))
        return try JSONDecoder().decode(Snapshot.self, from: response.body)
    }
}
