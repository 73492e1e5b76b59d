import Foundation
import PromLambdaCore
import Synchronization

/// A ``TimeSource`` whose time moves only when a test advances it.
final class ManualTimeSource: TimeSource {
    private let current: Mutex<Date>

    init(_ date: Date) {
        current = Mutex(date)
    }

    var now: Date {
        current.withLock { $0 }
    }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    func sleep(seconds: Double) async throws {}
}
