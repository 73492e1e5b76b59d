import Synchronization

/// Lets a task cancellation handler stop one request of ``SocketHTTPClient`` that blocks in `poll`
/// on another thread.
///
/// ``cancel()`` shuts down the connection in use, which wakes its `poll`. The request then reads
/// ``isCancelled`` and reports a cancellation instead of the socket error. The connection is shut
/// down under the lock, and its owner detaches it under the same lock before closing it, so a
/// descriptor number reused by a later `open` is never shut down by mistake.
final class SocketCancellation: Sendable {
    private struct State {
        var isCancelled = false
        var connection: SocketConnection?
    }

    private let state = Mutex(State())

    var isCancelled: Bool {
        state.withLock { $0.isCancelled }
    }

    func cancel() {
        state.withLock { state in
            state.isCancelled = true
            state.connection?.shutdown()
        }
    }

    /// Makes `connection` the one ``cancel()`` shuts down. Throws `CancellationError` when the
    /// request is already cancelled.
    func attach(_ connection: SocketConnection) throws {
        try state.withLock { state in
            guard !state.isCancelled else { throw CancellationError() }
            state.connection = connection
        }
    }

    /// Forgets the attached connection; call it before closing the connection or giving it back to
    /// the pool.
    func detach() {
        state.withLock { $0.connection = nil }
    }
}
