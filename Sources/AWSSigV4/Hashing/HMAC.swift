import Foundation

/// HMAC-SHA256 as specified in RFC 2104, fed incrementally with `update` and closed with `finalize`.
public struct HMAC: Sendable {
    private var inner: SHA256
    private var outer: SHA256

    /// Prepares both hash passes. A key longer than one SHA-256 block is hashed first, as RFC 2104 requires.
    public init(key: some DataProtocol) {
        var keyBytes = [UInt8](key)
        if keyBytes.count > SHA256.blockByteCount {
            keyBytes = SHA256.hash(keyBytes).bytes
        }
        keyBytes.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - keyBytes.count))

        inner = SHA256()
        inner.update(keyBytes.map { $0 ^ 0x36 })
        outer = SHA256()
        outer.update(keyBytes.map { $0 ^ 0x5c })
    }

    /// Computes the authentication code of `message` under `key` in one call.
    public static func authenticationCode(for message: some DataProtocol, key: some DataProtocol) -> SHA256Digest {
        var hmac = HMAC(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    /// Computes the authentication code of the UTF-8 bytes of `message` under `key` in one call.
    public static func authenticationCode(for message: String, key: some DataProtocol) -> SHA256Digest {
        var hmac = HMAC(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    public mutating func update(_ data: some DataProtocol) {
        inner.update(data)
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        inner.update(text)
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        inner.update(bufferPointer: bufferPointer)
    }

    /// Returns the code for everything added so far. The instance itself is left unchanged.
    public func finalize() -> SHA256Digest {
        var outerPass = outer
        outerPass.update(inner.finalize().bytes)
        return outerPass.finalize()
    }
}
