/// The 32-byte result of ``SHA256`` or ``HMAC``.
public struct SHA256Digest: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The digest as 64 lower-case hex digits, the form SigV4 and `sha256sum` print.
    public var hexString: String {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(Self.hexDigits[Int(byte >> 4)])
            output.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

// MARK: - CustomStringConvertible

extension SHA256Digest: CustomStringConvertible {
    public var description: String { hexString }
}
