import Foundation
import PromLambdaCore
import Synchronization

/// The ``HTTPClient`` the executables give to the tools: ``SocketHTTPClient`` for plain `http://`
/// URLs, ``URLSessionHTTPClient`` for `https://` and for everything while a proxy variable is set.
///
/// ``SocketHTTPClient`` connects directly, so any of ``proxyVariables`` sends every request through
/// `URLSession`, whose libcurl reads those variables. `no_proxy` is not consulted: a proxy variable
/// alone is enough to choose `URLSession`. The `URLSession` client is created on first use, so a run
/// that talks only to `http://` servers never builds one.
public final class StandardHTTPClient: HTTPClient {
    /// The variables that point libcurl at a proxy for `http://` URLs.
    public static let proxyVariables = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]

    private let socketClient: SocketHTTPClient?
    private let sessionClient = Mutex<URLSessionHTTPClient?>(nil)

    /// - Parameter environment: where the proxy variables are read.
    public init(environment: Environment) {
        let usesProxy = Self.proxyVariables.contains { environment[$0] != nil }
        socketClient = usesProxy ? nil : SocketHTTPClient()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let socketClient, usesSocketClient(for: request.url) {
            return try await socketClient.send(request)
        }
        let session = sessionClient.withLock { client in
            if let client { return client }
            let created = URLSessionHTTPClient()
            client = created
            return created
        }
        return try await session.send(request)
    }

    /// Returns whether a request to `url` goes through ``SocketHTTPClient``.
    func usesSocketClient(for url: URL) -> Bool {
        socketClient != nil && url.scheme?.lowercased() == "http"
    }
}
