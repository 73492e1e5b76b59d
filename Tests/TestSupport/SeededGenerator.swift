import Foundation

/// SplitMix64: a small, fast generator whose whole output follows from one seed, so a failing random case can
/// be reproduced from the seed printed with it.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns `count` random bytes, drawing eight at a time.
    public mutating func bytes(count: Int) -> Data {
        var data = Data(count: count)
        data.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < count {
                let word = next()
                let length = min(8, count - offset)
                withUnsafeBytes(of: word) { wordBytes in
                    guard let source = wordBytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + offset).copyMemory(from: source, byteCount: length)
                }
                offset += length
            }
        }
        return data
    }

    public mutating func element<T>(of choices: [T]) -> T {
        choices[Int(next() % UInt64(choices.count))]
    }
}
