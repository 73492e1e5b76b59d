import Foundation
import HTTPTransport

/// The parts of a request that SigV4 signs, in the form they take on the wire.
///
/// ``SigV4Signer`` builds one from an ``HTTPRequest``. Tests build it directly from raw HTTP text, whose paths
/// may hold characters such as a space that a Foundation `URL` cannot.
struct SignableRequest: Sendable {
    var method: String
    /// The path exactly as sent, percent-encoded where the URL is.
    var path: String
    /// The query exactly as sent, without the leading `?`, or empty for none.
    var query: String
    var headers: HTTPHeaders
    /// `host[:port]` from the URL, signed when `headers` has no `Host` field.
    var urlHost: String?
    var body: Data

    init(method: String, path: String, query: String, headers: HTTPHeaders, urlHost: String? = nil, body: Data) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.urlHost = urlHost
        self.body = body
    }

    /// Reads the wire form of `request`'s URL.
    /// - Throws: ``SigV4Error/missingHost(url:)`` when the URL has no host.
    init(_ request: HTTPRequest) throws {
        guard let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false),
              let host = components.percentEncodedHost, !host.isEmpty
        else {
            throw SigV4Error.missingHost(url: request.url.redactedForDisplay)
        }
        self.init(method: request.method.rawValue, path: components.percentEncodedPath,
                  query: components.percentEncodedQuery ?? "", headers: request.headers,
                  urlHost: Self.hostHeaderValue(host: host, scheme: components.scheme, port: components.port),
                  body: request.body)
    }

    /// Returns the `Host` value an HTTP client sends for this URL: the port appears only when it is not the
    /// scheme's default, as in botocore and curl, and an IPv6 address is put in brackets.
    static func hostHeaderValue(host: String, scheme: String?, port: Int?) -> String {
        let bracketedHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let port else { return bracketedHost }
        let defaultPort = switch scheme?.lowercased() {
        case "http": 80
        case "https": 443
        default: -1
        }
        return port == defaultPort ? bracketedHost : "\(bracketedHost):\(port)"
    }
}
