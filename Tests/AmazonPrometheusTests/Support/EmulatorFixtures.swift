import Foundation
import TestSupport
import HTTPTransport
import PromLambdaCore
@testable import AmazonPrometheus

/// Clients wired to an ``AMPEmulator`` the way promlambda wires them to AMP.
enum EmulatorFixtures {
    /// Returns a control plane client that finds the emulator through `AWS_ENDPOINT_URL_AMP` and signs with `http`.
    static func controlPlane(_ emulator: AMPEmulator, http: (any HTTPClient)? = nil) throws -> AMPControlPlaneClient {
        try AMPControlPlaneClient(region: emulator.configuration.region,
                                  environment: Environment(emulator.clientEnvironment),
                                  http: http ?? TestSigningHTTPClient(for: emulator))
    }

    static func resolver(_ emulator: AMPEmulator, http: (any HTTPClient)? = nil,
                         options: WorkspaceResolver.Options = .init()) throws -> WorkspaceResolver {
        WorkspaceResolver(client: try controlPlane(emulator, http: http), options: options)
    }

    /// Starts an emulator with `workspaces` and, unless stated, a session token, so that signing covers it too.
    static func start(_ workspaces: [AMPEmulator.Workspace], pageSize: Int = 100,
                      configure: (inout AMPEmulator.Configuration) -> Void = { _ in }) async throws -> AMPEmulator {
        var configuration = AMPEmulator.Configuration()
        configuration.sessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"
        configuration.pageSize = pageSize
        configuration.workspaces = workspaces
        configure(&configuration)
        return try await AMPEmulator.start(configuration)
    }
}
