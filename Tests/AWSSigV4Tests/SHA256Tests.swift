import Foundation
import Testing
@testable import AWSSigV4

// MARK: - SHA-256 examples published by NIST with FIPS 180-4

@Suite struct SHA256Tests {
    @Test func sha256EmptyInput() {
        #expect(SHA256.hash(Data()).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func sha256OneBlockMessage() {
        #expect(SHA256.hash("abc").hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func sha256TwoBlock448BitMessage() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hash(message).hexString == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256Long896BitMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hash(message).hexString == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func sha256OneMillionLetterA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hash(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)).hexString == expected)

        // The same message fed in pieces of 1 to 131 bytes splits blocks at many different offsets.
        var hasher = SHA256()
        var remaining = 1_000_000
        var pieceLength = 1
        while remaining > 0 {
            let length = min(pieceLength, remaining)
            hasher.update(Data(repeating: UInt8(ascii: "a"), count: length))
            remaining -= length
            pieceLength = pieceLength % 131 + 1
        }
        #expect(hasher.finalize().hexString == expected)
    }

    @Test func sha256FinalizeLeavesHasherUsable() {
        var hasher = SHA256()
        hasher.update("ab")
        _ = hasher.finalize()
        hasher.update("c")
        #expect(hasher.finalize() == SHA256.hash("abc"))
    }

    @Test func sha256DigestBytesMatchHex() {
        let digest = SHA256.hash("abc")
        #expect(digest.bytes.count == SHA256.digestByteCount)
        #expect(digest.bytes.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        #expect(digest.description == digest.hexString)
    }
}

// MARK: - HMAC-SHA256 test cases 1 to 7 of RFC 4231, section 4

@Suite struct HMACTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var key: [UInt8]
        var data: [UInt8]
        var expectedHex: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "case 1", key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
               expectedHex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(name: "case 2 short key", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
               expectedHex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(name: "case 3", key: Array(repeating: 0xaa, count: 20), data: Array(repeating: 0xdd, count: 50),
               expectedHex: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(name: "case 4", key: Array(1...25), data: Array(repeating: 0xcd, count: 50),
               expectedHex: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        // RFC 4231 prints only the first 128 bits for case 5, so the test compares that prefix.
        Vector(name: "case 5 truncated", key: Array(repeating: 0x0c, count: 20),
               data: Array("Test With Truncation".utf8), expectedHex: "a3b6167473100ee06e0c796c2955552b"),
        Vector(name: "case 6 long key", key: Array(repeating: 0xaa, count: 131),
               data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
               expectedHex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(name: "case 7 long key and data", key: Array(repeating: 0xaa, count: 131),
               data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                   + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
               expectedHex: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: vectors)
    func hmacRFC4231Vector(_ vector: Vector) {
        let hex = HMAC.authenticationCode(for: vector.data, key: vector.key).hexString
        #expect(hex.hasPrefix(vector.expectedHex))
    }

    @Test(arguments: vectors)
    func hmacStreamingMatchesOneShot(_ vector: Vector) {
        var hmac = HMAC(key: vector.key)
        for byte in vector.data {
            hmac.update([byte])
        }
        #expect(hmac.finalize() == HMAC.authenticationCode(for: vector.data, key: vector.key))
    }

    @Test func hmacKeyOfExactlyOneBlock() {
        // A 64-byte key is used as is, but a 65-byte key is replaced by its hash before use.
        let blockKey = [UInt8](repeating: 0x41, count: 64)
        let longerKey = blockKey + [0x41]
        let hashedLongerKey = SHA256.hash(longerKey).bytes
        #expect(HMAC.authenticationCode(for: "m", key: longerKey) == HMAC.authenticationCode(for: "m", key: hashedLongerKey))
        #expect(HMAC.authenticationCode(for: "m", key: blockKey) != HMAC.authenticationCode(for: "m", key: longerKey))
    }
}
