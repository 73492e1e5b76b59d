import AWSSigV4
import Foundation
import TestSupport
import HTTPTransport
import Testing
@testable import AmazonPrometheus

/// Authentication failures as the AMP emulator reports them, and the advice promlambda gives for each.
@Suite struct EmulatorSigningTests {
    typealias Workspace = AMPEmulator.Workspace

    @Test func wrongSecretRejectedWithAdvice() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }
        let wrongSecret = "wrong/secret+key/EXAMPLE"

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(
                emulator, http: TestSigningHTTPClient(for: emulator, secretAccessKey: wrongSecret)
            ).describeWorkspace(id: "ws-1")
        }

        #expect(error.reason == .signatureMismatch)
        #expect(error.httpStatus == 403)
        #expect(error.errorType == "InvalidSignatureException")
        #expect(error.description.contains("Check that the secret access key belongs to the access key ID"))
        #expect(!error.description.contains(wrongSecret))
        #expect(!error.description.contains(emulator.configuration.secretAccessKey))
        #expect(!error.description.contains(try #require(emulator.configuration.sessionToken)))
        let requests = try await emulator.receivedRequests()
        #expect(requests.map(\.errorType) == ["InvalidSignatureException"])
    }

    @Test func skewedClockReportsSignatureExpired() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")]) { $0.clockOffsetSeconds = 600 }
        defer { emulator.stop() }

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator).listWorkspaces()
        }
        #expect(error.reason == .signatureExpired)
        #expect(error.description.contains("clock"))
    }

    @Test func expiredTokenReported() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")]) { $0.expiredSessionToken = true }
        defer { emulator.stop() }

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator).listWorkspaces()
        }
        #expect(error.reason == .expiredToken)
        #expect(error.errorType == "ExpiredTokenException")
    }

    @Test func unknownAccessKeyReported() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }
        let credentials = AWSCredentials(accessKeyId: "AKIDUNKNOWNEXAMPLE",
                                         secretAccessKey: emulator.configuration.secretAccessKey,
                                         sessionToken: emulator.configuration.sessionToken)
        let http = TestSigningHTTPClient(signer: SigV4Signer(credentials: credentials, region: "us-east-1",
                                                             service: "aps"))

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator, http: http).listWorkspaces()
        }
        #expect(error.reason == .invalidToken)
    }

    @Test func wrongSigningRegionRejected() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }
        var signer = TestSigningHTTPClient(for: emulator).signer
        signer.region = "eu-west-1"

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator, http: TestSigningHTTPClient(signer: signer))
                .listWorkspaces()
        }
        #expect(error.reason == .signatureMismatch)
        #expect(error.message.contains("Credential should be scoped to a valid region"))
    }

    @Test func deniedActionNamesPermission() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")]) {
            $0.deniedActions = ["aps:DescribeWorkspace"]
        }
        defer { emulator.stop() }

        let error = try await #require(throws: WorkspaceResolutionError.self) {
            _ = try await EmulatorFixtures.resolver(emulator).resolve(.id("ws-1"))
        }
        guard case .service(let serviceError) = error else {
            Issue.record("expected a service error, got \(error)")
            return
        }
        #expect(serviceError.reason == .accessDenied)
        #expect(serviceError.description.contains("allows aps:DescribeWorkspace on "
                                                  + "arn:aws:aps:us-east-1:<account>:workspace/ws-1"))
    }

    @Test func unsignedRequestRejected() async throws {
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-1")])
        defer { emulator.stop() }

        let error = try await #require(throws: AMPError.self) {
            _ = try await EmulatorFixtures.controlPlane(emulator, http: URLSessionHTTPClient()).listWorkspaces()
        }
        #expect(error.reason == .missingAuthentication)
    }
}
