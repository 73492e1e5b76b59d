import Synchronization

/// Idle keep-alive connections of ``SocketHTTPClient``, kept per host and port.
///
/// A request takes an idle connection when there is one and opens its own otherwise, so concurrent
/// requests never share a connection. After a complete response the connection comes back; past
/// `maxIdlePerHost` idle connections for its host it is closed instead.
final class ConnectionPool: Sendable {
    private struct Key: Hashable {
        var host: String
        var port: Int
    }

    let maxIdlePerHost: Int
    private let idle = Mutex<[Key: [SocketConnection]]>([:])
    /// The connections opened through this pool so far, which tests read to check reuse.
    let openedCount = Atomic<Int>(0)

    init(maxIdlePerHost: Int) {
        self.maxIdlePerHost = maxIdlePerHost
    }

    deinit {
        let connections = idle.withLock { table in
            defer { table.removeAll() }
            return table.values.flatMap { $0 }
        }
        for connection in connections { connection.close() }
    }

    /// Returns the most recently used idle connection to `host` and `port`, or `nil`.
    ///
    /// A connection with unread bytes or a hang-up from the server is closed and skipped; the check
    /// is one `poll` with a zero timeout. A server may still close a connection after this check,
    /// which ``SocketHTTPClient`` handles with one retry.
    func take(host: String, port: Int) -> SocketConnection? {
        let key = Key(host: host, port: port)
        while let connection = idle.withLock({ $0[key]?.popLast() }) {
            if connection.hasPendingInputOrHangup {
                connection.close()
                continue
            }
            return connection
        }
        return nil
    }

    /// Keeps `connection` for the next request to `host` and `port`, or closes it when enough
    /// connections to that host are idle.
    func put(_ connection: SocketConnection, host: String, port: Int) {
        connection.markReusable()
        let key = Key(host: host, port: port)
        let kept = idle.withLock { table in
            guard table[key, default: []].count < maxIdlePerHost else { return false }
            table[key, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }
}
