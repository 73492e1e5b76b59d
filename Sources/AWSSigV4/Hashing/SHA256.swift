import Foundation

/// SHA-256 as specified in FIPS 180-4, fed incrementally with `update` and closed with `finalize`.
///
/// Whole 64-byte blocks are compressed straight from the caller's buffer. Only the tail of an update that
/// does not fill a block is copied, into a 64-byte buffer allocated once.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(firstChunk)
/// hasher.update(secondChunk)
/// let hex = hasher.finalize().hexString
/// ```
public struct SHA256: Sendable {
    /// The digest length in bytes.
    public static let digestByteCount = 32
    /// The block length in bytes, which HMAC also uses to pad its key.
    public static let blockByteCount = 64

    /// The eight working hash values H0...H7 (FIPS 180-4, section 5.3.3).
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of an unfinished block, always fewer than 64 between calls.
    private var pending: [UInt8]
    private var messageByteCount: UInt64 = 0

    public init() {
        pending = []
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// Hashes `data` in one call.
    public static func hash(_ data: some DataProtocol) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Hashes the UTF-8 bytes of `text` in one call.
    public static func hash(_ text: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    public mutating func update(_ data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    public mutating func update(bufferPointer input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        messageByteCount &+= UInt64(input.count)
        var offset = 0

        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, input.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: taken))
            offset = taken
            guard pending.count == Self.blockByteCount else { return }
            pending.withUnsafeBytes { block in
                if let blockBase = block.baseAddress { compress(blocksAt: blockBase, count: 1) }
            }
            pending.removeAll(keepingCapacity: true)
        }

        let wholeBlocks = (input.count - offset) / Self.blockByteCount
        if wholeBlocks > 0 {
            compress(blocksAt: base + offset, count: wholeBlocks)
            offset += wholeBlocks * Self.blockByteCount
        }
        if offset < input.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: input.count - offset))
        }
    }

    /// Returns the digest of everything added so far. The hasher itself is left unchanged.
    public func finalize() -> SHA256Digest {
        var copy = self
        let bitCount = messageByteCount &* 8
        // Padding (FIPS 180-4, section 5.1.1): 0x80, zeros up to 56 mod 64, then the length in bits as big-endian.
        var padding: [UInt8] = [0x80]
        let afterMarker = (Int(messageByteCount % 64) + 1) % 64
        let zeroCount = afterMarker <= 56 ? 56 - afterMarker : 64 + 56 - afterMarker
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift)))
        }
        padding.withUnsafeBytes { copy.update(bufferPointer: $0) }

        var digest = [UInt8]()
        digest.reserveCapacity(Self.digestByteCount)
        for word in copy.state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return SHA256Digest(bytes: digest)
    }

    /// Runs the compression function (FIPS 180-4, section 6.2.2) over `count` consecutive 64-byte blocks.
    ///
    /// Loops are `while` loops over unsafe pointers because debug builds do not optimise range iterators or
    /// array bounds checks away, and request bodies of several megabytes are hashed in debug test runs too.
    private mutating func compress(blocksAt base: UnsafeRawPointer, count: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            Self.roundConstants.withUnsafeBufferPointer { constants in
                guard let w = schedule.baseAddress, let k = constants.baseAddress else { return }
                var h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3]
                var h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7]

                var blockIndex = 0
                while blockIndex < count {
                    let block = base + blockIndex &* Self.blockByteCount
                    var t = 0
                    while t < 16 {
                        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                        t &+= 1
                    }
                    while t < 64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let sigma0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
                        let sigma1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
                        w[t] = w[t &- 16] &+ sigma0 &+ w[t &- 7] &+ sigma1
                        t &+= 1
                    }

                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    t = 0
                    while t < 64 {
                        let bigSigma1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                        let choice = (e & f) ^ (~e & g)
                        let temp1 = h &+ bigSigma1 &+ choice &+ k[t] &+ w[t]
                        let bigSigma0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let temp2 = bigSigma0 &+ majority
                        h = g
                        g = f
                        f = e
                        e = d &+ temp1
                        d = c
                        c = b
                        b = a
                        a = temp1 &+ temp2
                        t &+= 1
                    }

                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                    blockIndex &+= 1
                }
                state = [h0, h1, h2, h3, h4, h5, h6, h7]
            }
        }
    }

    /// The 64 round constants K (FIPS 180-4, section 4.2.2).
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
