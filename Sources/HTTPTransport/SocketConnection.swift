#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One non-blocking TCP connection with a receive buffer, for ``SocketHTTPClient``.
///
/// Every wait goes through `poll(2)` bounded by ``deadline``, so no call blocks past the request's
/// timeout. ``shutdown()`` may be called from another thread to wake a blocked call; all other
/// members belong to the one request that holds the connection.
final class SocketConnection: @unchecked Sendable {
    // `@unchecked Sendable` is sound because a connection is used by one request at a time: the pool
    // hands it over under its mutex, and only `shutdown()`, which touches no stored state but the
    // constant descriptor, is called from another thread.

    let descriptor: Int32
    /// When the current request must be finished; `nil` waits without limit.
    var deadline: ContinuousClock.Instant?
    /// Bytes received since ``beginRequest()``, counting those already buffered at that point.
    private(set) var receivedByteCount = 0
    /// Whether this connection served an earlier request before the current one.
    private(set) var isReused = false

    /// Received bytes; those before `bufferStart` are consumed.
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    /// The buffer `recv` writes into, so that ``buffer`` grows only by the bytes received.
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    private var isClosed = false

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    /// Resolves `host` with `getaddrinfo` and connects to the first address that accepts, in the
    /// resolver's order.
    ///
    /// `register` receives each socket before its `connect`, so a canceller can shut it down.
    /// NOTE: `getaddrinfo` itself blocks without a timeout; for a name that needs DNS the deadline is
    /// checked only after it returns. Numeric addresses resolve without a lookup.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant?,
                        register: (SocketConnection) throws -> Void) throws -> SocketConnection
    {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketStreamType
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw SocketError.resolutionFailed(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastError = SocketError.resolutionFailed(host: host, reason: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let address = entry?.pointee {
            entry = address.ai_next
            do {
                let connection = try open(family: address.ai_family, protocol: address.ai_protocol)
                connection.deadline = deadline
                try register(connection)
                try connection.connect(to: address.ai_addr, length: address.ai_addrlen)
                return connection
            } catch let error as SocketError where error != .timedOut {
                lastError = error
            }
        }
        throw lastError
    }

    private static func open(family: Int32, protocol: Int32) throws -> SocketConnection {
        #if canImport(Glibc)
        let descriptor = socket(family, socketStreamType | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                `protocol`)
        guard descriptor >= 0 else { throw SocketError.systemCall(name: "socket", errno: errno) }
        #else
        let descriptor = socket(family, socketStreamType, `protocol`)
        guard descriptor >= 0 else { throw SocketError.systemCall(name: "socket", errno: errno) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var noSignal: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return SocketConnection(descriptor: descriptor)
    }

    private func connect(to address: UnsafeMutablePointer<sockaddr>?, length: socklen_t) throws {
        if systemConnect(descriptor, address, length) != 0 {
            guard errno == EINPROGRESS else { throw SocketError.systemCall(name: "connect", errno: errno) }
            try wait(for: Int16(POLLOUT))
            var code: Int32 = 0
            var codeLength = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &codeLength) == 0 else {
                throw SocketError.systemCall(name: "getsockopt", errno: errno)
            }
            guard code == 0 else { throw SocketError.systemCall(name: "connect", errno: code) }
        }
        // The request goes out in one `send`, so Nagle's algorithm would only delay a request whose
        // head and body span two segments.
        var enabled: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Marks the start of a request: resets ``receivedByteCount`` to the bytes still buffered.
    func beginRequest(deadline: ContinuousClock.Instant?) {
        self.deadline = deadline
        receivedByteCount = buffer.count - bufferStart
    }

    /// Marks the connection as returned to the pool after a complete response.
    func markReusable() {
        isReused = true
    }

    /// Whether bytes arrived that no request has read, or the peer has closed or reset the
    /// connection. Either makes an idle connection unusable for the next request.
    var hasPendingInputOrHangup: Bool {
        if bufferStart < buffer.count { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    /// Sends all of `bytes`, waiting for buffer space as needed.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                systemSend(descriptor, raw.baseAddress! + offset, raw.count - offset, sendFlags)
            }
            if sent >= 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                try wait(for: Int16(POLLOUT))
            } else if errno == EINTR {
                continue
            } else if errno == EPIPE || errno == ECONNRESET {
                throw SocketError.closedByPeer
            } else {
                throw SocketError.systemCall(name: "send", errno: errno)
            }
        }
    }

    /// Returns up to `maxCount` buffered bytes, receiving more first when the buffer is empty.
    /// Returns an empty slice when the peer has closed the connection.
    func read(upTo maxCount: Int) throws -> ArraySlice<UInt8> {
        if bufferStart == buffer.count {
            guard try fill() else { return [] }
        }
        let end = bufferStart + min(maxCount, buffer.count - bufferStart)
        defer { bufferStart = end }
        return buffer[bufferStart..<end]
    }

    /// Returns the next line without its LF or CRLF, or `nil` when the peer closes before a LF.
    /// Throws `limitExceeded` when the line passes `maxLength` bytes.
    func readLine(maxLength: Int, limitExceeded: @autoclosure () -> any Error) throws -> [UInt8]? {
        // Bytes after `bufferStart` already searched; an offset because `fill()` moves the buffer.
        var scanned = 0
        while true {
            if let newline = buffer[(bufferStart + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > bufferStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[bufferStart..<end])
                bufferStart = newline + 1
                return line
            }
            scanned = buffer.count - bufferStart
            guard scanned <= maxLength else { throw limitExceeded() }
            guard try fill() else { return nil }
        }
    }

    /// Receives at least one byte into the buffer. Returns `false` when the peer has closed.
    private func fill() throws -> Bool {
        if bufferStart > 0 {
            buffer.removeSubrange(0..<bufferStart)
            bufferStart = 0
        }
        while true {
            let received = scratch.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if received > 0 {
                buffer.append(contentsOf: scratch[0..<received])
                receivedByteCount += received
                return true
            }
            if received == 0 { return false }
            switch errno {
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN))
            case EINTR: continue
            case ECONNRESET: throw SocketError.closedByPeer
            case let code: throw SocketError.systemCall(name: "recv", errno: code)
            }
        }
    }

    /// Waits in `poll` until `events` are ready or the deadline passes. A hang-up or error counts
    /// as ready, so the following call reports it.
    private func wait(for events: Int16) throws {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, try remainingMilliseconds())
            if ready > 0 { return }
            if ready == 0 { throw SocketError.timedOut }
            if errno != EINTR { throw SocketError.systemCall(name: "poll", errno: errno) }
        }
    }

    /// The time left before ``deadline`` as a `poll` timeout: -1 without a deadline, rounded up so
    /// that `poll` does not return just before the deadline and spin.
    private func remainingMilliseconds() throws -> Int32 {
        guard let deadline else { return -1 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw SocketError.timedOut }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// Shuts the connection down in both directions, which wakes a `poll` in another thread.
    /// The descriptor stays open until ``close()``.
    func shutdown() {
        _ = systemShutdown(descriptor, Int32(SHUT_RDWR))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = systemClose(descriptor)
    }
}

#if canImport(Glibc)
private let socketStreamType = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)
#else
private let socketStreamType = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif

// The C functions whose names the methods above reuse.
private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}

private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, bytes, count, flags)
}

private func systemShutdown(_ descriptor: Int32, _ how: Int32) -> Int32 {
    shutdown(descriptor, how)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
