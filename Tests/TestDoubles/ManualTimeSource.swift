import Foundation
import PromLambdaCore
import Synchronization

/// A clock that stays still until a test moves it; `sleep` advances it instead of waiting.
public final class ManualTimeSource: TimeSource {
    private let current: Mutex<Date>
    private let slept = Mutex<[Double]>([])

    public init(_ now: Date) {
        current = Mutex(now)
    }

    public var now: Date { current.withLock { $0 } }

    /// Every wait requested so far, in seconds.
    public var sleeps: [Double] { slept.withLock { $0 } }

    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        slept.withLock { $0.append(seconds) }
        advance(by: seconds)
    }
}
