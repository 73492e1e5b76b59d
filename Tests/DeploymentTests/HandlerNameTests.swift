import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Every Handler in deploy/template.yaml is a `_HANDLER` value that the built bootstrap accepts.
///
/// The bootstrap starts against a stub Runtime API. With a handler it accepts, its first request
/// fetches the next invocation; with one it rejects, it reports an initialization error first.
@Suite struct HandlerNameTests {
    static let nextInvocation = "GET /2018-06-01/runtime/invocation/next"
    static let initError = "POST /2018-06-01/runtime/init/error"

    @Test func templateHandlersStartBootstrap() throws {
        let template = try CloudFormationTemplate.load(overrides: ["AmpWorkspaceId": "ws-example",
                                                                   "EnableMcpFunctionUrl": "true"])
        let handlers = template.activeResources(ofType: "AWS::Lambda::Function").values
            .compactMap { $0["Properties"]?["Handler"]?.stringValue }.sorted()
        #expect(handlers == ["find_workspace", "integration", "list_metrics", "mcp", "query", "range_query",
                             "server_info"])

        for handler in handlers {
            let start = try Self.startBootstrap(handler: handler)

            #expect(start.requests.first == Self.nextInvocation, """
                bootstrap with _HANDLER=\(handler) did not ask for an invocation. Requests: \(start.requests)
                \(start.bootstrap.output)
                """)
        }
    }

    @Test func unknownHandlerReportsInitError() throws {
        let start = try Self.startBootstrap(handler: "no_such_function")

        #expect(start.requests.first == Self.initError, """
            bootstrap with an unknown _HANDLER did not report an init error. Requests: \(start.requests)
            \(start.bootstrap.output)
            """)
        #expect(!start.requests.contains(Self.nextInvocation), "\(start.requests)")
    }

    struct Start {
        /// The Runtime API requests, as "METHOD PATH", in order.
        var requests: [String]
        var bootstrap: CommandRunner.Outcome
    }

    /// Runs the debug bootstrap once against a fresh stub Runtime API and returns what it requested.
    static func startBootstrap(handler: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Start {
        let bootstrap = try DeploymentPaths.builtProduct("bootstrap", sourceLocation: sourceLocation)
        let directory = try DeploymentPaths.temporaryDirectory("deploy-runtime")
        defer { try? FileManager.default.removeItem(at: directory) }

        let stubOutput = directory.appendingPathComponent("stub.out")
        _ = FileManager.default.createFile(atPath: stubOutput.path, contents: nil)
        let stub = Process()
        stub.executableURL = try DeploymentPaths.python(sourceLocation: sourceLocation)
        stub.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/runtime_api_stub.py").path]
        stub.standardOutput = try FileHandle(forWritingTo: stubOutput)
        stub.standardError = FileHandle.nullDevice
        stub.standardInput = FileHandle.nullDevice
        try stub.run()
        defer {
            // SIGKILL, because a child started from a Swift task can inherit a mask that blocks SIGTERM.
            kill(stub.processIdentifier, SIGKILL)
            stub.waitUntilExit()
        }

        let port = try #require(try waitForPort(stubOutput), "the stub Runtime API did not start",
                                sourceLocation: sourceLocation)
        let outcome = try CommandRunner.run(bootstrap, [], environment: [
            "_HANDLER": handler,
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(port)",
            "AWS_REGION": "us-east-1",
            "AWS_LAMBDA_FUNCTION_NAME": "promlambda-\(handler)",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AMP_WORKSPACE_ID": "ws-example",
            "HOME": directory.path,
            "PATH": "/usr/bin:/bin",
        ], timeout: 30)

        let lines = (try? String(contentsOf: stubOutput, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return Start(requests: lines.filter { !$0.hasPrefix("listening ") }, bootstrap: outcome)
    }

    /// Waits up to 15 s for the stub's "listening PORT" line.
    static func waitForPort(_ output: URL) throws -> Int? {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening ") }) {
                return Int(line.dropFirst("listening ".count))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
