/// A request that cannot be written, or a response that breaks HTTP/1.1 message syntax (RFC 9112),
/// as ``SocketHTTPClient`` finds them. Each case carries the offending text, cut to 80 characters.
///
/// ``SocketHTTPClient`` reports these wrapped in ``HTTPTransportError``, so callers see the same error
/// type from either client.
public enum HTTP1MessageError: Error, Sendable, Equatable {
    /// A request header name or value contains CR, LF or NUL, which would split the request.
    case invalidRequestHeader(name: String)
    /// The URL has a scheme other than `http` or has no host.
    case unsupportedURL(String)
    /// The first line is not `HTTP/1.x NNN reason`.
    case malformedStatusLine(String)
    /// A header or trailer line has no colon or has whitespace in its name.
    case malformedHeaderLine(String)
    /// The status line and header fields together passed the limit, in bytes.
    case headerSectionTooLarge(limit: Int)
    /// `Content-Length` is not a decimal number, or repeated fields disagree.
    case invalidContentLength(String)
    /// A chunk-size line is not hexadecimal, or a chunk does not end with CRLF.
    case malformedChunk(String)
    /// `Transfer-Encoding` names a coding other than `chunked`.
    case unsupportedTransferEncoding(String)
    /// `Content-Encoding` names a coding other than `identity`; this client has no decompressor.
    case unsupportedContentEncoding(String)
    /// The server sent `101 Switching Protocols` to a request that asked for no upgrade.
    case unexpectedSwitchingProtocols
    /// The server closed the connection before the end of the body.
    case truncatedBody(received: Int, expected: Int?)
    /// The body passed the request's `maxResponseBytes`.
    case bodyTooLarge(limit: Int)
}

extension HTTP1MessageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidRequestHeader(let name):
            "request header \(Self.quoted(name)) contains CR, LF or NUL"
        case .unsupportedURL(let url):
            "URL \(Self.quoted(url)) is not an http:// URL with a host"
        case .malformedStatusLine(let line):
            "malformed status line \(Self.quoted(line))"
        case .malformedHeaderLine(let line):
            "malformed header line \(Self.quoted(line))"
        case .headerSectionTooLarge(let limit):
            "response header section exceeded \(limit) bytes"
        case .invalidContentLength(let value):
            "invalid Content-Length \(Self.quoted(value))"
        case .malformedChunk(let line):
            "malformed chunk \(Self.quoted(line))"
        case .unsupportedTransferEncoding(let value):
            "unsupported Transfer-Encoding \(Self.quoted(value)); only chunked is supported"
        case .unsupportedContentEncoding(let value):
            "unsupported Content-Encoding \(Self.quoted(value)); the request asked for identity"
        case .unexpectedSwitchingProtocols:
            "unexpected 101 Switching Protocols"
        case .truncatedBody(let received, let expected?):
            "the server closed the connection after \(received) of \(expected) body bytes"
        case .truncatedBody(let received, nil):
            "the server closed the connection after \(received) body bytes, before the last chunk"
        case .bodyTooLarge(let limit):
            "response body exceeded \(limit) bytes"
        }
    }

    /// Quotes `text` with Swift escapes, cut to 80 characters, so binary junk stays on one line.
    static func quoted(_ text: String) -> String {
        let cut = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return cut.debugDescription
    }
}
