import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// Every tool through the `promlambda` binary against the AMP emulator, which checks each signature
/// with botocore and forwards queries to the real Prometheus.
@Suite(.timeLimit(.minutes(3))) struct AMPEndToEndTests {
    static let evaluation = "2026-01-01T01:00:00Z"

    static func emulator(prometheus: URL) async throws -> AMPEmulator {
        var configuration = AMPEmulator.Configuration()
        configuration.sessionToken = "session/token+EXAMPLE=="
        configuration.pageSize = 2
        configuration.prometheusURL = prometheus
        configuration.workspaces = [
            AMPEmulator.Workspace(id: "ws-prod-0001", alias: "prod"),
            AMPEmulator.Workspace(id: "ws-dup-0001", alias: "dup"),
            AMPEmulator.Workspace(id: "ws-dup-0002", alias: "dup"),
            AMPEmulator.Workspace(id: "ws-new-0001", alias: "new", status: "CREATING"),
            AMPEmulator.Workspace(id: "ws-prod-0002", alias: "prod-eu"),
        ]
        return try await AMPEmulator.start(configuration)
    }

    /// Returns the variables of a clean AWS environment: no real profile, no instance metadata.
    static func environment(_ emulator: AMPEmulator, home: URL) -> [String: String] {
        var environment = emulator.clientEnvironment
        environment["HOME"] = home.path
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        return environment
    }

    static func temporaryHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amp-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    func run(_ arguments: [String], _ environment: [String: String]) throws -> Executables.Outcome {
        try Executables.run(try Executables.binary("promlambda"), arguments, environment: environment)
    }

    /// The JSON output without `server`, which names the endpoint and so differs between the two runs,
    /// and without `size`, which counts the bytes of `server` too.
    func data(_ outcome: Executables.Outcome) throws -> JSONValue {
        var object = try JSONValue.decode(Data(outcome.standardOutput.utf8)).objectValue ?? [:]
        object.removeValue(forKey: "server")
        object.removeValue(forKey: "size")
        return .object(object)
    }

    @Test func everyToolMatchesPlainPrometheus() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let amp = Self.environment(emulator, home: home)
        let plain = ["PROMETHEUS_URL": prometheus.url.absoluteString]

        let commands: [[String]] = [
            ["query", "sum by (method) (rate(demo_http_requests_total[5m]))", "--time", Self.evaluation],
            ["query", #"demo_temperature_celsius{room=~"caf.|lab\\+annex"}"#, "--time", Self.evaluation],
            ["range", "demo_special_values", "--start", "2026-01-01T00:00:00Z", "--end", Self.evaluation, "--step", "10m"],
            ["metrics", "--filter", "^demo_"],
        ]
        for command in commands {
            let signed = try run(command + ["--workspace-alias", "prod", "--json"], amp)
            let direct = try run(command + ["--json"], plain)
            #expect(signed.status == 0, "\(command): \(signed.standardError)")
            #expect(try data(signed) == data(direct), "\(command)")
        }

        let received = try await emulator.receivedRequests()
        let dataPlane = received.filter { $0.path.hasPrefix("/workspaces/ws-prod-0001/api/v1/") }
        #expect(dataPlane.count >= commands.count)
        #expect(received.allSatisfy { $0.status < 400 })
        #expect(received.allSatisfy { $0.header("X-Scope-OrgID") == nil })
        #expect(received.allSatisfy { $0.header("X-Amz-Security-Token") == "session/token+EXAMPLE==" })
    }

    @Test func serverInfoDescribesWorkspace() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = Self.environment(emulator, home: home)
        environment["AMP_WORKSPACE_ID"] = "ws-prod-0001"

        let outcome = try run(["info", "--json"], environment)
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(json["workspace"]?["alias"] == "prod")
        #expect(json["workspace"]?["status"] == "ACTIVE")
        #expect(json["workspace"]?["prometheusEndpoint"] == .string(emulator.prometheusEndpoint(workspaceID: "ws-prod-0001").absoluteString))
        #expect(json["build"] == nil)
    }

    @Test func workspacesListsEveryPage() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }

        let outcome = try run(["workspaces", "--json"], Self.environment(emulator, home: home))
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(json["totalWorkspaces"] == 5)
        let prefixed = try run(["workspaces", "--alias", "prod", "--json"], Self.environment(emulator, home: home))
        let ids = try JSONValue.decode(Data(prefixed.standardOutput.utf8))["workspaces"]?.arrayValue?.compactMap { $0["workspaceId"]?.stringValue }
        #expect(ids == ["ws-prod-0001", "ws-prod-0002"])
    }

    @Test func findWorkspaceByAlias() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }

        let outcome = try run(["workspaces", "--workspace-alias", "prod-eu", "--json"], Self.environment(emulator, home: home))
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        #expect(json["workspace"]?["workspaceId"] == "ws-prod-0002")
        #expect(json["workspace"]?["prometheusEndpoint"] != nil)
    }

    @Test func ambiguousAliasListsCandidates() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }

        let outcome = try run(["query", "up", "--workspace-alias", "dup", "--json"], Self.environment(emulator, home: home))
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        #expect(outcome.status == 1)
        #expect(json["error"] == "ambiguous")
        let candidates = json["details"]?["candidates"]?.arrayValue?.compactMap { $0["workspaceId"]?.stringValue }
        #expect(candidates?.sorted() == ["ws-dup-0001", "ws-dup-0002"])
    }

    @Test func inactiveWorkspaceNotQueried() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }

        let outcome = try run(["query", "up", "--workspace-alias", "new"], Self.environment(emulator, home: home))
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("CREATING"))
        let received = try await emulator.receivedRequests()
        #expect(!received.contains { $0.path.contains("/api/v1/") })
    }

    @Test func wrongSecretGivesClearMessage() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = Self.environment(emulator, home: home)
        environment["AWS_SECRET_ACCESS_KEY"] = "wrong/secret/key/EXAMPLE"

        let outcome = try run(["query", "up", "--workspace-id", "ws-prod-0001"], environment)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("access_denied"))
        #expect(outcome.standardError.lowercased().contains("signature"))
        #expect(!outcome.standardError.contains("wrong/secret/key/EXAMPLE"))
        #expect(!outcome.standardError.contains("session/token+EXAMPLE=="))
    }

    @Test func throttledCallRetried() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        try await emulator.throttle(next: 1, retryAfterSeconds: 1)

        let outcome = try run(["query", "1+1", "--workspace-id", "ws-prod-0001", "--time", Self.evaluation],
                              Self.environment(emulator, home: home))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("scalar at 2026-01-01T01:00:00.000Z: 2"))
        let statuses = try await emulator.receivedRequests().map(\.status)
        #expect(statuses.first == 429)
        #expect(statuses.last == 200)
    }

    @Test func profileCredentialsUsed() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = Self.environment(emulator, home: home)
        let configuration = emulator.configuration
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try """
            [metrics]
            aws_access_key_id = \(configuration.accessKeyID)
            aws_secret_access_key = \(configuration.secretAccessKey)
            aws_session_token = \(configuration.sessionToken ?? "")
            """.write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        try "[profile metrics]\nregion = \(configuration.region)\n"
            .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"] {
            environment.removeValue(forKey: name)
        }
        environment["AWS_PROFILE"] = "metrics"

        let outcome = try run(["query", "1+1", "--workspace-id", "ws-prod-0001"], environment)
        #expect(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test func missingCredentialsListsSources() async throws {
        let prometheus = try await TestPrometheus.shared()
        let emulator = try await Self.emulator(prometheus: prometheus.url)
        defer { emulator.stop() }
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = Self.environment(emulator, home: home)
        environment.removeValue(forKey: "AWS_ACCESS_KEY_ID")
        environment.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
        environment.removeValue(forKey: "AWS_SESSION_TOKEN")

        let outcome = try run(["workspaces"], environment)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("AWS_ACCESS_KEY_ID"))
        #expect(outcome.standardError.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
    }
}
