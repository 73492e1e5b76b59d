import Foundation
import Synchronization
@testable import AWSSigV4

/// A provider that returns credentials from a queue of results and counts its calls.
///
/// When `gate` is set, each call waits until the test opens it, so a test can hold a fetch in flight while
/// other callers arrive.
final class CountingCredentialProvider: CredentialProvider {
    private let results: Mutex<[Result<AWSCredentials, CredentialError>]>
    private let calls = Mutex(0)
    let gate: Gate?

    init(_ results: [Result<AWSCredentials, CredentialError>], gate: Gate? = nil) {
        self.results = Mutex(results)
        self.gate = gate
    }

    var callCount: Int {
        calls.withLock { $0 }
    }

    func credentials() async throws -> AWSCredentials {
        calls.withLock { $0 += 1 }
        if let gate {
            await gate.wait()
        }
        let result = results.withLock { queue in queue.count > 1 ? queue.removeFirst() : queue[0] }
        return try result.get()
    }
}

/// A one-shot barrier: `wait` suspends until `open` is called, and returns at once afterwards.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    var waiterCount: Int { waiters.count }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters {
            waiter.resume()
        }
        waiters.removeAll()
    }
}
