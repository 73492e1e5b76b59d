import Foundation
import Testing
import TestSupport
@testable import AWSSigV4

/// Compares ``SHA256`` and ``HMAC`` with Python's `hashlib` and `hmac` on seeded random inputs.
@Suite struct HashDifferentialTests {
    static let seed: UInt64 = 0x5167_4C41_4D42_4441

    struct Sample {
        var key: Data
        var message: Data
    }

    /// Returns messages with lengths around the 55/56-byte padding limit and the 64-byte block, random short
    /// ones, and a few of 1 to 4 MiB. Each has a random key of 0 to 200 bytes, so some keys are longer than a
    /// block and get hashed first.
    static func makeSamples() -> [Sample] {
        var generator = SeededGenerator(seed: seed)
        var lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 1000]
        for _ in 0..<40 {
            lengths.append(Int.random(in: 0...2048, using: &generator))
        }
        for _ in 0..<3 {
            lengths.append(Int.random(in: 1_000_000...4_194_304, using: &generator))
        }
        return lengths.map { length in
            let keyLength = Int.random(in: 0...200, using: &generator)
            return Sample(key: generator.bytes(count: keyLength), message: generator.bytes(count: length))
        }
    }

    static let pythonScript = """
    import sys, struct, hashlib, hmac
    data = sys.stdin.buffer.read()
    offset = 0
    while offset < len(data):
        (key_length,) = struct.unpack_from('>I', data, offset); offset += 4
        key = data[offset:offset + key_length]; offset += key_length
        (message_length,) = struct.unpack_from('>I', data, offset); offset += 4
        message = data[offset:offset + message_length]; offset += message_length
        print(hashlib.sha256(message).hexdigest(), hmac.new(key, message, hashlib.sha256).hexdigest())
    """

    @Test func hashesMatchPythonHashlib() throws {
        let samples = Self.makeSamples()
        var input = Data()
        for sample in samples {
            for part in [sample.key, sample.message] {
                withUnsafeBytes(of: UInt32(part.count).bigEndian) { input.append(contentsOf: $0) }
                input.append(part)
            }
        }
        let output = try PythonProcess.runScript(Self.pythonScript, needsBotocore: false, input: input)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == samples.count, "Python printed \(lines.count) lines for \(samples.count) samples")

        var generator = SeededGenerator(seed: Self.seed ^ 0xFFFF)
        for (index, (sample, line)) in zip(samples, lines).enumerated() {
            let fields = line.split(separator: " ").map(String.init)
            let label = "sample \(index) of seed \(Self.seed): \(sample.message.count)-byte message, "
                + "\(sample.key.count)-byte key"
            #expect(SHA256.hash(sample.message).hexString == fields.first, "\(label)")
            #expect(HMAC.authenticationCode(for: sample.message, key: sample.key).hexString == fields.last, "\(label)")

            // The same message fed in random pieces must give the same digest.
            var hasher = SHA256()
            var offset = 0
            while offset < sample.message.count {
                let maxPiece = max(300, sample.message.count / 64)
                let length = min(Int.random(in: 1...maxPiece, using: &generator), sample.message.count - offset)
                hasher.update(sample.message[offset..<offset + length])
                offset += length
            }
            #expect(hasher.finalize().hexString == fields.first, "streamed \(label)")
        }
    }
}
