import Foundation
import TestSupport

/// The AMP emulator with a few workspaces whose queries go to the shared test Prometheus.
enum AMPWorkspaces {
    static let sessionToken = "session/token+EXAMPLE=="

    static func start() async throws -> AMPEmulator {
        var configuration = AMPEmulator.Configuration()
        configuration.sessionToken = sessionToken
        configuration.prometheusURL = try await TestPrometheus.shared().url
        configuration.workspaces = [
            AMPEmulator.Workspace(id: "ws-prod-0001", alias: "prod"),
            AMPEmulator.Workspace(id: "ws-prod-0002", alias: "prod-eu"),
            AMPEmulator.Workspace(id: "ws-test-0001", alias: "test"),
        ]
        return try await AMPEmulator.start(configuration)
    }
}
