import Foundation
import MCPServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 that passes each request to a ``StreamableHTTPHandler``,
/// so the Python SDK's streamable HTTP client can reach the handler. For tests only.
///
/// It reads one request per connection, requires `Content-Length` for a body, and closes the
/// connection after the response. One thread accepts and reads requests in turn; the handler
/// runs them concurrently in a task group.
struct LoopbackHTTPServer {
    let handler: StreamableHTTPHandler

    /// A request read from a connection, with the connection that receives the response.
    private struct Exchange: Sendable {
        var connection: Int32
        var request: StreamableHTTPRequest?
    }

    /// Listens on an ephemeral port, prints `{"port": N}` on standard output, and serves until
    /// the process ends.
    func run() async throws {
        let listener = try Self.listen()
        let port = try Self.port(of: listener)
        FileHandle.standardOutput.write(Data("{\"port\": \(port)}\n".utf8))

        let exchanges = Self.acceptLoop(listener)
        await withDiscardingTaskGroup { group in
            for await exchange in exchanges {
                group.addTask {
                    let response: StreamableHTTPResponse
                    if let request = exchange.request {
                        response = await handler.handle(request)
                    } else {
                        response = StreamableHTTPResponse(status: 400)
                    }
                    Self.write(response, to: exchange.connection)
                    close(exchange.connection)
                }
            }
        }
    }

    private static func listen() throws -> Int32 {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(listener, 16) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return listener
    }

    private static func port(of listener: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Accepts connections and reads one request from each, on a dedicated thread.
    private static func acceptLoop(_ listener: Int32) -> AsyncStream<Exchange> {
        let (stream, continuation) = AsyncStream.makeStream(of: Exchange.self)
        let thread = Thread {
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 {
                    if errno == EINTR { continue }
                    continuation.finish()
                    return
                }
                continuation.yield(Exchange(connection: connection, request: readRequest(from: connection)))
            }
        }
        thread.start()
        return stream
    }

    /// Reads the request line, the headers and a `Content-Length` body; `nil` when malformed.
    private static func readRequest(from connection: Int32) -> StreamableHTTPRequest? {
        var received = Data()
        let separator = Data("\r\n\r\n".utf8)
        while received.range(of: separator) == nil {
            guard let chunk = readChunk(connection) else { return nil }
            received.append(chunk)
        }
        guard let headerEnd = received.range(of: separator) else { return nil }
        let head = String(decoding: received[..<headerEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }

        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }

        let length = headers.first { $0.key.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        var body = Data(received[headerEnd.upperBound...])
        while body.count < length {
            guard let chunk = readChunk(connection) else { return nil }
            body.append(chunk)
        }
        return StreamableHTTPRequest(method: String(requestLine[0]), headers: headers, body: body.prefix(length))
    }

    private static func readChunk(_ connection: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    private static func write(_ response: StreamableHTTPResponse, to connection: Int32) {
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        bytes.append(response.body)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 415: "Unsupported Media Type"
        default: "Status"
        }
    }
}
