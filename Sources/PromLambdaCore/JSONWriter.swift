/// Writes a ``JSONValue`` as compact JSON, byte for byte as `JSONEncoder.promlambda` would.
///
/// Keys are sorted by their UTF-8 bytes, `/` is not escaped, whole numbers below 10^15 are written
/// without a fraction and other numbers in Swift's shortest form without a trailing `.0`. Writing
/// by hand avoids the `Encoder` machinery, which dominated the cost of large tool results.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `value`; throws ``JSONWriteError`` for a NaN or infinite number anywhere in it.
    package mutating func write(_ value: JSONValue) throws(JSONWriteError) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let number): try writeNumber(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in Self.sortedKeys(members).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                try write(members[key] ?? .null)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Returns the length of `value` as written, without writing it or sorting keys.
    /// - Throws: ``JSONWriteError`` for a NaN or infinite number, as ``write(_:)`` does.
    package static func length(of value: JSONValue) throws(JSONWriteError) -> Int {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .number(let number):
            guard number.isFinite else { throw JSONWriteError(number: number) }
            return numberText(number).utf8.count
        case .string(let text): return stringLength(text)
        case .array(let elements):
            var length = 1 + max(1, elements.count)
            for element in elements { length += try Self.length(of: element) }
            return length
        case .object(let members):
            var length = 1 + max(1, members.count)
            for (key, member) in members { length += stringLength(key) + 1 + (try Self.length(of: member)) }
            return length
        }
    }

    /// Returns the length of `text` as a JSON string, quotes and escapes included.
    package static func stringLength(_ text: String) -> Int {
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
            case ..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    /// Appends `text` as it is: a token the caller has already formatted as JSON.
    package mutating func writeRaw(_ text: String) {
        append(text)
    }

    /// Returns the keys of an object in the order `JSONEncoder` sorts them: by UTF-8 bytes.
    static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Returns the text of a finite number as it appears in the output.
    package static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    private mutating func writeNumber(_ number: Double) throws(JSONWriteError) {
        guard number.isFinite else { throw JSONWriteError(number: number) }
        append(Self.numberText(number))
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Bytes that need no escape are copied in runs, not one at a time.
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x09: append("\\t")
        case 0x0A: append("\\n")
        case 0x0C: append("\\f")
        case 0x0D: append("\\r")
        default:
            append("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// A NaN or infinite number in a value to be written as JSON, which has no form for either.
public struct JSONWriteError: Error, CustomStringConvertible {
    /// The number that could not be written.
    public var number: Double

    public var description: String {
        "JSON cannot represent the number \(number); only finite numbers can be written."
    }
}
