import Foundation
import TestSupport
import HTTPTransport

/// The Prometheus stub (`Resources/prometheus_stub.py`) that the AMP emulator forwards data plane requests to.
///
/// Its responses are computed from each request (an instant query returns one sample labelled with the query), so a
/// direct call and a forwarded one can be compared.
///
/// NOTE: a stand-in until the shared test Prometheus is available to this target; the forwarding tests should
/// then run against the real Prometheus.
final class PrometheusStub: Sendable {
    /// One request as the stub received it, with the query and form parameters merged.
    struct ReceivedRequest: Decodable, Sendable {
        var method: String
        var path: String
        var parameters: [[String]]
        var headers: [[String]]

        func parameter(_ name: String) -> String? {
            parameters.first { $0.first == name }?.last
        }

        func header(_ name: String) -> String? {
            headers.first { $0.first?.lowercased() == name.lowercased() }?.last
        }
    }

    private let server: ScriptServer
    private let control = URLSessionHTTPClient()

    private init(server: ScriptServer) {
        self.server = server
    }

    static func start() async throws -> PrometheusStub {
        PrometheusStub(server: try await ScriptServer.start(
            script: TestPython.scriptsFolder.appendingPathComponent("prometheus_stub.py")))
    }

    var baseURL: URL {
        URL(string: "http://127.0.0.1:\(server.port)")!
    }

    func receivedRequests() async throws -> [ReceivedRequest] {
        struct Payload: Decodable { var requests: [ReceivedRequest] }
        let response = try await control.send(HTTPRequest(url: baseURL.appendingPathComponent("_stub/requests")))
        return try JSONDecoder().decode(Payload.self, from: response.body).requests
    }

    func stop() {
        server.stop()
    }
}
