import Synchronization

/// The tool calls of one session that have not finished, by request id, so that
/// `notifications/cancelled` can reach the task running a call.
///
/// Thread-safe: the session's read loop registers and cancels while call tasks finish.
final class InFlightCalls: Sendable {
    private let signals = Mutex<[RequestID: CancellationSignal]>([:])

    /// Records a call and returns the signal that cancels it.
    ///
    /// - Returns: `nil` when a call with the same id is still running; MCP forbids reusing an
    ///   id, and cancellation could not distinguish a second call under it.
    func register(_ id: RequestID) -> CancellationSignal? {
        signals.withLock { signals in
            guard signals[id] == nil else { return nil }
            let signal = CancellationSignal()
            signals[id] = signal
            return signal
        }
    }

    /// Cancels the call with this id.
    ///
    /// - Returns: `false` when no such call is running, such as one that already finished.
    @discardableResult
    func cancel(_ id: RequestID) -> Bool {
        let signal = signals.withLock { $0[id] }
        signal?.fire()
        return signal != nil
    }

    /// Forgets a call once its response is written or dropped.
    func remove(_ id: RequestID) {
        _ = signals.withLock { $0.removeValue(forKey: id) }
    }
}

/// A one-shot signal that ends ``race(_:)`` early, cancelling the work it runs.
final class CancellationSignal: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Void, Never>)
        /// ``fire()`` ran; every later ``wait()`` returns at once.
        case fired
    }

    /// The result of ``race(_:)``.
    enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        case cancelled
    }

    private let state = Mutex(State.idle)

    /// Fires the signal; safe to call more than once and from any thread.
    func fire() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state = .fired }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        continuation?.resume()
    }

    /// Runs `work` until it finishes or the signal fires, whichever comes first.
    ///
    /// When the signal fires first, the task running `work` is cancelled and this method
    /// returns `.cancelled` once `work` has returned: the work never outlives the call.
    func race<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) async -> Outcome<Value> {
        await withTaskGroup(of: Outcome<Value>.self) { group in
            group.addTask { .finished(await work()) }
            group.addTask {
                await self.wait()
                return .cancelled
            }
            // Both children return a value, so the first `next()` is never nil.
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
    }

    /// Suspends until the signal fires or the waiting task is cancelled.
    private func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    switch state {
                    case .fired:
                        return true
                    case .idle:
                        // The cancellation handler may have run before the continuation existed.
                        if Task.isCancelled { return true }
                        state = .waiting(continuation)
                        return false
                    case .waiting:
                        preconditionFailure("Invalid state: CancellationSignal.wait() entered twice")
                    }
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard case .waiting(let continuation) = state else { return nil }
                state = .idle
                return continuation
            }
            continuation?.resume()
        }
    }
}
