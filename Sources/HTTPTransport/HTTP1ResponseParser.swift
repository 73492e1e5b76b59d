import Foundation

/// Reads one HTTP/1.1 response from a ``SocketConnection``, following RFC 9112.
///
/// It skips interim 1xx responses, takes header fields in order with repeats, and reads the body by
/// `Transfer-Encoding: chunked`, by `Content-Length` or until the server closes. Responses to HEAD and
/// 204 and 304 responses have no body. The body limit is checked as bytes arrive, and a
/// `Content-Length` over the limit fails before any body byte is read.
struct HTTP1ResponseParser {
    /// The response and whether its connection can carry another request.
    struct Outcome {
        var response: HTTPResponse
        var keepAlive: Bool
    }

    /// The rule that finds the end of the body (RFC 9112, section 6.3).
    enum BodyFraming: Equatable {
        case none
        case contentLength(Int)
        case chunked
        case untilClose
    }

    /// The maximum size of the status line and header fields together, and separately of the
    /// trailer section, in bytes. A guard against a server that never ends its header section, not a
    /// measured need: Prometheus sends a few hundred bytes.
    static let maxHeaderSectionBytes = 256 * 1024
    /// The maximum chunk-size line, extensions included, in bytes.
    static let maxChunkSizeLineBytes = 4096

    var requestMethod: HTTPMethod
    /// The largest body accepted, in bytes; `nil` accepts any size.
    var maxBodyBytes: Int?

    func read(from connection: SocketConnection) throws -> Outcome {
        var head = try readHead(from: connection)
        while (100..<200).contains(head.status) {
            guard head.status != 101 else { throw HTTP1MessageError.unexpectedSwitchingProtocols }
            head = try readHead(from: connection)
        }

        let framing = try Self.framing(status: head.status, method: requestMethod, headers: head.headers)
        if framing != .none, let coding = Self.contentCoding(head.headers) {
            throw HTTP1MessageError.unsupportedContentEncoding(coding)
        }

        var body = Data()
        switch framing {
        case .none:
            break
        case .contentLength(let length):
            if let maxBodyBytes, length > maxBodyBytes { throw HTTP1MessageError.bodyTooLarge(limit: maxBodyBytes) }
            body.reserveCapacity(length)
            try readBody(from: connection, into: &body, count: length)
        case .chunked:
            try readChunkedBody(from: connection, into: &body)
        case .untilClose:
            try readBodyUntilClose(from: connection, into: &body)
        }

        var keepAlive = Self.allowsKeepAlive(version: head.version, headers: head.headers)
        // A server that sends both framings may be desynchronised, so RFC 9112 section 6.3 item 3
        // requires closing the connection after such a response.
        if framing == .untilClose || (framing == .chunked && head.headers["Content-Length"] != nil) {
            keepAlive = false
        }
        return Outcome(response: HTTPResponse(status: head.status, headers: head.headers, body: body),
                       keepAlive: keepAlive)
    }

    // MARK: Head

    private struct Head {
        var version: String
        var status: Int
        var headers: HTTPHeaders
    }

    private func readHead(from connection: SocketConnection) throws -> Head {
        var remaining = Self.maxHeaderSectionBytes
        guard let statusBytes = try readHeaderLine(from: connection, remaining: &remaining) else {
            throw SocketError.closedByPeer
        }
        let statusLine = String(decoding: statusBytes, as: UTF8.self)
        guard let (version, status) = Self.parseStatusLine(statusLine) else {
            throw HTTP1MessageError.malformedStatusLine(statusLine)
        }
        let headers = try readFields(from: connection, remaining: &remaining)
        return Head(version: version, status: status, headers: headers)
    }

    /// Reads header or trailer fields up to the empty line that ends them.
    private func readFields(from connection: SocketConnection, remaining: inout Int) throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        while true {
            guard let lineBytes = try readHeaderLine(from: connection, remaining: &remaining) else {
                throw SocketError.closedByPeer
            }
            if lineBytes.isEmpty { return headers }
            let line = String(decoding: lineBytes, as: UTF8.self)
            if line.first == " " || line.first == "\t" {
                // obs-fold: RFC 9112 section 5.2 has a user agent replace it with a space.
                guard let last = headers.fields.last else { throw HTTP1MessageError.malformedHeaderLine(line) }
                headers.set(last.name, last.value + " " + line.trimmingCharacters(in: .whitespaces))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw HTTP1MessageError.malformedHeaderLine(line) }
            let name = line[..<colon]
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw HTTP1MessageError.malformedHeaderLine(line)
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(String(name), value)
        }
    }

    private func readHeaderLine(from connection: SocketConnection, remaining: inout Int) throws -> [UInt8]? {
        let limit = Self.maxHeaderSectionBytes
        let line = try connection.readLine(maxLength: remaining,
                                           limitExceeded: HTTP1MessageError.headerSectionTooLarge(limit: limit))
        if let line {
            remaining -= line.count + 2
            guard remaining >= 0 else { throw HTTP1MessageError.headerSectionTooLarge(limit: limit) }
        }
        return line
    }

    /// Parses `HTTP/1.1 200 OK`; the reason phrase may be empty or missing.
    static func parseStatusLine(_ line: String) -> (version: String, status: Int)? {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[0].count == 8,
              parts[0].last?.isASCII == true, parts[0].last?.isNumber == true,
              parts[1].count == 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let status = Int(parts[1]), status >= 100
        else { return nil }
        return (String(parts[0]), status)
    }

    // MARK: Framing

    /// Finds how the body ends, from the status, the request method and the header fields.
    static func framing(status: Int, method: HTTPMethod, headers: HTTPHeaders) throws -> BodyFraming {
        if method == .head || status == 204 || status == 304 || (100..<200).contains(status) {
            return .none
        }
        let transferCodings = tokens(of: "Transfer-Encoding", in: headers)
        if !transferCodings.isEmpty {
            guard transferCodings == ["chunked"] else {
                throw HTTP1MessageError.unsupportedTransferEncoding(transferCodings.joined(separator: ", "))
            }
            return .chunked
        }
        let lengths = tokens(of: "Content-Length", in: headers)
        guard let first = lengths.first else { return .untilClose }
        // Repeated equal values (`5, 5`) are allowed by RFC 9112 section 6.3 item 5.
        guard lengths.allSatisfy({ $0 == first }), first.count <= 18, first.allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(first)
        else {
            throw HTTP1MessageError.invalidContentLength(lengths.joined(separator: ", "))
        }
        return .contentLength(length)
    }

    /// Returns the content coding as the server wrote it, or `nil` when it is `identity` or absent.
    static func contentCoding(_ headers: HTTPHeaders) -> String? {
        let codings = tokens(of: "Content-Encoding", in: headers)
        guard codings.contains(where: { $0 != "identity" }) else { return nil }
        return codings.joined(separator: ", ")
    }

    /// Returns whether the connection may carry another request (RFC 9112, section 9.3).
    static func allowsKeepAlive(version: String, headers: HTTPHeaders) -> Bool {
        let options = tokens(of: "Connection", in: headers)
        if options.contains("close") { return false }
        return version == "HTTP/1.1" || options.contains("keep-alive")
    }

    /// Returns the comma-separated, lower-cased tokens of every field called `name`.
    private static func tokens(of name: String, in headers: HTTPHeaders) -> [String] {
        let lowered = name.lowercased()
        return headers.fields.filter { $0.name.lowercased() == lowered }.flatMap { field in
            field.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
    }

    // MARK: Body

    private func readBody(from connection: SocketConnection, into body: inout Data, count: Int) throws {
        let expectedTotal = body.count + count
        var remaining = count
        while remaining > 0 {
            let bytes = try connection.read(upTo: remaining)
            guard !bytes.isEmpty else {
                throw HTTP1MessageError.truncatedBody(received: body.count, expected: expectedTotal)
            }
            body.append(contentsOf: bytes)
            remaining -= bytes.count
        }
    }

    private func readChunkedBody(from connection: SocketConnection, into body: inout Data) throws {
        while true {
            let limit = Self.maxChunkSizeLineBytes
            guard let sizeBytes = try connection.readLine(maxLength: limit,
                                                          limitExceeded: HTTP1MessageError.malformedChunk("<chunk-size line over \(limit) bytes>"))
            else {
                throw HTTP1MessageError.truncatedBody(received: body.count, expected: nil)
            }
            let sizeLine = String(decoding: sizeBytes, as: UTF8.self)
            let digits = (sizeLine.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16), size >= 0 else {
                throw HTTP1MessageError.malformedChunk(sizeLine)
            }
            if size == 0 { break }

            if let maxBodyBytes, body.count + size > maxBodyBytes {
                throw HTTP1MessageError.bodyTooLarge(limit: maxBodyBytes)
            }
            try readBody(from: connection, into: &body, count: size)
            guard let end = try connection.readLine(maxLength: 2, limitExceeded: HTTP1MessageError.malformedChunk("<data after chunk>"))
            else {
                throw HTTP1MessageError.truncatedBody(received: body.count, expected: nil)
            }
            guard end.isEmpty else { throw HTTP1MessageError.malformedChunk(String(decoding: end, as: UTF8.self)) }
        }
        // HTTPResponse has no place for trailer fields, and RFC 9110 section 6.5.1 forbids merging them
        // into the header fields unless each field's definition allows it, so they are read and dropped.
        var remaining = Self.maxHeaderSectionBytes
        _ = try readFields(from: connection, remaining: &remaining)
    }

    private func readBodyUntilClose(from connection: SocketConnection, into body: inout Data) throws {
        while true {
            let bytes = try connection.read(upTo: Int.max)
            if bytes.isEmpty { return }
            if let maxBodyBytes, body.count + bytes.count > maxBodyBytes {
                throw HTTP1MessageError.bodyTooLarge(limit: maxBodyBytes)
            }
            body.append(contentsOf: bytes)
        }
    }
}
