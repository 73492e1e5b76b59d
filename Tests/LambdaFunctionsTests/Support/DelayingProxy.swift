import Foundation
import TestSupport

/// `delaying_proxy.py` in front of a server: requests that contain ``marker`` wait before they are forwarded.
final class DelayingProxy {
    /// A PromQL comment that marks a query as slow without changing its result.
    static let marker = "# slow"

    let server: PythonServer

    var url: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

    static func start(upstream: URL, delaySeconds: Double) async throws -> DelayingProxy {
        let server = try await PythonServer.start(script: "delaying_proxy.py", arguments: [
            "--upstream", upstream.absoluteString, "--marker", marker, "--delay-seconds", String(delaySeconds),
        ])
        return DelayingProxy(server: server)
    }

    private init(server: PythonServer) {
        self.server = server
    }
}
