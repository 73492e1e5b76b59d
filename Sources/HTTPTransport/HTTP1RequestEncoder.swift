import Foundation

/// The destination of an `http://` request: host, port, `Host` header and request target.
struct HTTP1Target: Hashable, Sendable {
    /// The host as `getaddrinfo` takes it: a name, an IPv4 literal or an IPv6 literal without brackets.
    var host: String
    var port: Int
    /// The `Host` header value: the host, bracketed when IPv6, with `:port` unless the port is 80.
    var hostHeader: String
    /// The origin-form request target: the percent-encoded path, `/` when empty, and `?query`.
    var requestTarget: String

    init(url: URL) throws(HTTP1MessageError) {
        guard url.scheme?.lowercased() == "http",
              let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              var host = components.host, !host.isEmpty
        else {
            throw HTTP1MessageError.unsupportedURL(url.redactedForDisplay)
        }
        // Foundation returns an IPv6 literal with or without its brackets depending on the platform.
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        self.host = host.lowercased()
        port = components.port ?? 80
        let bracketed = host.contains(":") ? "[\(self.host)]" : self.host
        hostHeader = port == 80 ? bracketed : "\(bracketed):\(port)"
        let path = components.percentEncodedPath
        requestTarget = (path.isEmpty ? "/" : path) + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}

/// Writes an HTTP/1.1 request message (RFC 9112) for ``SocketHTTPClient``.
///
/// Besides the request's own header fields, it sends the fields that `URLSessionHTTPClient` sends
/// through FoundationNetworking and libcurl 7.88, so a server receives the same request from either
/// client: `Host`, `Accept-Encoding: identity`, `Accept-Language: en`, `User-Agent` and
/// `Connection: keep-alive`. `Accept-Encoding` is always `identity` because this client has no
/// decompressor; `URLSessionHTTPClient` sends it only to loopback hosts.
enum HTTP1RequestEncoder {
    /// Header fields the encoder writes itself; a request's own values for them are dropped.
    private static let controlledFields: Set<String> = [
        "content-length", "transfer-encoding", "connection", "accept-encoding",
    ]

    static func encode(_ request: HTTPRequest, target: HTTP1Target, userAgent: String) throws(HTTP1MessageError)
        -> [UInt8]
    {
        var head = "\(request.method.rawValue) \(target.requestTarget) HTTP/1.1\r\n"
        if request.headers["Host"] == nil {
            head += "Host: \(target.hostHeader)\r\n"
        }
        for (name, value) in request.headers where !controlledFields.contains(name.lowercased()) {
            guard isValidFieldName(name), isValidFieldValue(value) else {
                throw HTTP1MessageError.invalidRequestHeader(name: name)
            }
            head += "\(name): \(value)\r\n"
        }
        head += "Accept-Encoding: identity\r\n"
        if request.headers["Accept-Language"] == nil {
            head += "Accept-Language: en\r\n"
        }
        if request.headers["User-Agent"] == nil {
            head += "User-Agent: \(userAgent)\r\n"
        }
        head += "Connection: keep-alive\r\n"
        // As URLSessionHTTPClient does, a POST or PUT always carries a body, even an empty one.
        if !request.body.isEmpty || request.method == .post || request.method == .put {
            head += "Content-Length: \(request.body.count)\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        bytes.append(contentsOf: request.body)
        return bytes
    }

    /// Returns whether `name` is a non-empty token: no separators, whitespace or control characters.
    private static func isValidFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
        }
    }

    /// Returns whether `value` is free of CR, LF and NUL, which would end the field or the message.
    private static func isValidFieldValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}
