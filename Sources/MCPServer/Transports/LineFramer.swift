import Foundation

/// Splits a byte stream into newline-delimited messages, as the stdio transport frames them.
///
/// A message ends at `\n`; a `\r` before it is dropped, and blank lines are skipped. MCP forbids
/// newlines inside a message, so every `\n` is a boundary.
struct LineFramer {
    /// Bytes of the message not yet ended by a newline.
    private var pending = Data()

    /// Adds bytes and returns the messages they complete, in order.
    mutating func append(_ bytes: Data) -> [Data] {
        var lines: [Data] = []
        var start = bytes.startIndex
        // Only the new bytes are searched: `pending` is known to hold no newline.
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(bytes[start..<newline])
            if let message = Self.trimmed(pending) {
                lines.append(message)
            }
            pending = Data()
            start = bytes.index(after: newline)
        }
        pending.append(bytes[start...])
        return lines
    }

    /// Returns the last message when the stream ended without a final newline.
    mutating func finish() -> Data? {
        defer { pending = Data() }
        return Self.trimmed(pending)
    }

    private static func trimmed(_ line: Data) -> Data? {
        var line = line
        if line.last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        return isBlank ? nil : line
    }
}
