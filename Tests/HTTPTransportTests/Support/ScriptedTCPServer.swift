#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A TCP server on a loopback address and an ephemeral port that runs a script for each accepted
/// connection on its own thread.
///
/// Tests of ``SocketHTTPClient`` use it for responses that a real server would not send: cut
/// bodies, closed idle connections, malformed lines.
final class ScriptedTCPServer: Sendable {
    let port: Int
    private let listener: Int32
    private let accepted = Mutex(0)
    private let requests = Mutex<[String]>([])

    /// The connections accepted so far.
    var acceptedCount: Int { accepted.withLock { $0 } }
    /// Every request head read by ``ServerConnection/readRequest()``, in order.
    var requestHeads: [String] { requests.withLock { $0 } }

    /// Starts listening on 127.0.0.1, or on ::1 when `ipv6` is set, and serves until ``stop()``.
    /// - Parameter script: runs once per connection; the connection closes when it returns.
    init(ipv6: Bool = false, script: @escaping @Sendable (ServerConnection) -> Void) throws {
        let family = ipv6 ? AF_INET6 : AF_INET
        #if canImport(Glibc)
        listener = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        #else
        listener = socket(family, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw ServerError(call: "socket", code: errno) }

        var storage = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeBytes(of: address) { raw in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeBytes(of: address) { raw in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
            }
        }
        let descriptor = listener
        let bound = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            let code = errno
            close(listener)
            throw ServerError(call: "bind", code: code)
        }
        let named = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw ServerError(call: "getsockname", code: errno) }
        // sin_port and sin6_port sit at the same offset, right after the family.
        port = Int(UInt16(bigEndian: withUnsafeBytes(of: storage) { $0.load(fromByteOffset: 2, as: UInt16.self) }))

        let thread = Thread { [self] in acceptLoop(script: script) }
        thread.start()
    }

    deinit {
        stop()
        close(listener)
    }

    /// Stops accepting; `shutdown` wakes the thread blocked in `accept`.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop(script: @escaping @Sendable (ServerConnection) -> Void) {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            accepted.withLock { $0 += 1 }
            let connection = ServerConnection(descriptor: client, server: self)
            Thread {
                script(connection)
                connection.close()
            }.start()
        }
    }

    fileprivate func record(_ head: String) {
        requests.withLock { $0.append(head) }
    }

    struct ServerError: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }
}

/// The server side of one accepted connection, with blocking reads and writes.
final class ServerConnection: @unchecked Sendable {
    // `@unchecked Sendable` is sound because only the one script thread uses a connection.
    private let descriptor: Int32
    private let server: ScriptedTCPServer
    private var buffer: [UInt8] = []
    private var isClosed = false

    fileprivate init(descriptor: Int32, server: ScriptedTCPServer) {
        self.descriptor = descriptor
        self.server = server
    }

    /// Reads one request head and its `Content-Length` body. Returns the head, or `nil` when the
    /// client closed the connection first.
    @discardableResult
    func readRequest() -> String? {
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffer.indices.first(where: { buffer[$0...].starts(with: separator) }) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + separator.count)
                let length = head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                while buffer.count < length {
                    guard receive() else { return nil }
                }
                buffer.removeFirst(length)
                server.record(head)
                return head
            }
            guard receive() else { return nil }
        }
    }

    /// Blocks until the client closes the connection, discarding what it sends.
    func waitForClientClose() {
        while receive() { buffer.removeAll() }
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, noSignalFlag)
            }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        closeDescriptor(descriptor)
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}

#if canImport(Glibc)
private let noSignalFlag = Int32(MSG_NOSIGNAL)
#else
private let noSignalFlag: Int32 = 0
#endif

private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
