import AWSSigV4
import Foundation
import TestSupport
import HTTPTransport
import PrometheusAPI
import Testing
@testable import AmazonPrometheus

/// Signed Prometheus queries through the AMP emulator's data plane, which forwards them to a Prometheus stub.
@Suite struct EmulatorDataPlaneTests {
    typealias Workspace = AMPEmulator.Workspace

    /// Starts an emulator that forwards to a fresh stub, and resolves its workspace `ws-query`.
    private func startWorkspace(status: String = "ACTIVE") async throws
        -> (AMPEmulator, PrometheusStub, ResolvedWorkspace)
    {
        let stub = try await PrometheusStub.start()
        let emulator: AMPEmulator
        do {
            emulator = try await EmulatorFixtures.start([Workspace(id: "ws-query", alias: "metrics", status: status)]) {
                $0.prometheusURL = stub.baseURL
            }
        } catch {
            stub.stop()
            throw error
        }
        let resolved = try await EmulatorFixtures.resolver(emulator).resolve(.alias("metrics"))
        return (emulator, stub, resolved)
    }

    @Test func signedQueryMatchesDirectPrometheus() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        let time = Date(timeIntervalSince1970: 1_767_225_600)

        let direct = try await PrometheusClient(baseURL: stub.baseURL, http: URLSessionHTTPClient())
            .query("sum(rate(http_requests_total[5m]))", time: time)
        let viaAMP = try await workspace.makePrometheusClient(http: TestSigningHTTPClient(for: emulator))
            .query("sum(rate(http_requests_total[5m]))", time: time)

        #expect(viaAMP.data == direct.data)
        let forwarded = try await emulator.receivedRequests().filter { $0.path.hasSuffix("/api/v1/query") }
        #expect(forwarded.map(\.path) == ["/workspaces/ws-query/api/v1/query"])
        #expect(forwarded.map(\.status) == [200])
        let stubRequests = try await stub.receivedRequests()
        #expect(stubRequests.count == 2)
        #expect(stubRequests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func signedPostQueryForwarded() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        let client = workspace.makePrometheusClient(http: TestSigningHTTPClient(for: emulator),
                                                    options: PrometheusClient.Options(postThresholdBytes: 0))

        let response = try await client.query(#"up{job="a b+c"}"#, time: Date(timeIntervalSince1970: 1_767_225_600))

        guard case .vector(let series) = response.data else {
            Issue.record("expected a vector, got \(response.data)")
            return
        }
        #expect(series.first?.metric["query"] == #"up{job="a b+c"}"#)
        let received = try await emulator.receivedRequests().filter { $0.path.hasSuffix("/api/v1/query") }
        #expect(received.map(\.method) == ["POST"])
        #expect(received.first?.body.contains("query=up%7Bjob%3D%22a%20b%2Bc%22%7D") == true)
    }

    @Test func sampleThresholdsReachPrometheus() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        let thresholds = try AMPSampleThresholds(warning: 100_000, error: 2_000_000)

        _ = try await workspace.makePrometheusClient(http: TestSigningHTTPClient(for: emulator))
            .query("up", extraParameters: thresholds.queryParameters)

        let forwarded = try #require(try await stub.receivedRequests().last)
        #expect(forwarded.parameter("max_samples_processed_warning_threshold") == "100000")
        #expect(forwarded.parameter("max_samples_processed_error_threshold") == "2000000")
    }

    @Test func tenantHeaderNeverReachesAMP() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        let options = PrometheusClient.Options(headers: [("X-Scope-OrgID", "tenant-for-mimir")])

        _ = try await workspace.makePrometheusClient(http: TestSigningHTTPClient(for: emulator), options: options)
            .labelValues("job")

        let requests = try await emulator.receivedRequests()
        #expect(requests.allSatisfy { $0.header("X-Scope-OrgID") == nil })
        #expect(requests.last?.path == "/workspaces/ws-query/api/v1/label/job/values")
        #expect(requests.last?.status == 200)
    }

    @Test func emulatorRejectsTenantHeader() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        var request = HTTPRequest(url: workspace.queryURL.appendingPathComponent("labels"))
        request.headers.add("X-Scope-OrgID", "tenant")

        let response = try await TestSigningHTTPClient(for: emulator).send(request)

        #expect(response.status == 400)
        #expect(response.headers["x-amzn-ErrorType"] == "ValidationException")
    }

    @Test func postToLabelValuesRejected() async throws {
        let (emulator, stub, workspace) = try await startWorkspace()
        defer { emulator.stop(); stub.stop() }
        var request = HTTPRequest(method: .post, url: workspace.queryURL.appendingPathComponent("label/job/values"),
                                  body: Data("match[]=up".utf8))
        request.headers.add("Content-Type", "application/x-www-form-urlencoded")

        let response = try await TestSigningHTTPClient(for: emulator).send(request)

        #expect(response.status == 405)
        #expect(try await stub.receivedRequests().isEmpty)
    }

    @Test func inactiveWorkspaceQueryNotFound() async throws {
        let stub = try await PrometheusStub.start()
        defer { stub.stop() }
        let emulator = try await EmulatorFixtures.start([Workspace(id: "ws-gone", status: "DELETING")]) {
            $0.prometheusURL = stub.baseURL
        }
        defer { emulator.stop() }
        let client = PrometheusClient(baseURL: emulator.prometheusEndpoint(workspaceID: "ws-gone"),
                                      http: TestSigningHTTPClient(for: emulator))

        let error = try await #require(throws: PrometheusError.self) {
            _ = try await client.query("up")
        }
        #expect(error.status == 404)
        #expect(try await stub.receivedRequests().isEmpty)
    }
}
