/// A forward-only JSON reader over bytes in memory, for reading large responses one element at a
/// time instead of decoding the whole document into values first.
///
/// It accepts exactly RFC 8259 JSON. Strings are decoded to `String` (invalid UTF-8 becomes
/// U+FFFD, as `String(decoding:as:)` does), numbers to `Double`. Nesting deeper than
/// ``maxDepth`` is rejected so that a hostile body cannot exhaust the stack.
///
/// The reader borrows `bytes`: it must not outlive the buffer it was made from.
package struct JSONByteReader {
    package static let maxDepth = 256

    package let bytes: UnsafeRawBufferPointer
    package private(set) var position = 0

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    // MARK: - Structure

    /// Skips spaces, tabs, line feeds and carriage returns, and returns the next byte without
    /// consuming it; `nil` at the end of the input.
    package mutating func peek() -> UInt8? {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return bytes[position]
            }
        }
        return nil
    }

    package mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        guard peek() == byte else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Consumes `byte` if it comes next and returns whether it did.
    package mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Checks that nothing but whitespace follows the document.
    package mutating func expectEnd() throws(JSONReadError) {
        if peek() != nil { throw error("unexpected data after the end of the document") }
    }

    /// Starts reading an object: consumes `{`. Call ``nextKey(first:)`` until it returns `nil`.
    package mutating func beginObject() throws(JSONReadError) {
        try expect(UInt8(ascii: "{"))
    }

    /// Returns the next member's key and consumes the `:` after it, or consumes `}` and returns
    /// `nil`. `first` must start as `true` for each object; the reader updates it.
    package mutating func nextKey(first: inout Bool) throws(JSONReadError) -> String? {
        if consume(UInt8(ascii: "}")) { return nil }
        if !first { try expect(UInt8(ascii: ",")) }
        first = false
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name") }
        let key = try readString()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Starts reading an array: consumes `[`. Call ``nextElement(first:)`` before each element.
    package mutating func beginArray() throws(JSONReadError) {
        try expect(UInt8(ascii: "["))
    }

    /// Returns `true` when another element follows, consuming the `,` before it, or consumes `]`
    /// and returns `false`.
    package mutating func nextElement(first: inout Bool) throws(JSONReadError) -> Bool {
        if consume(UInt8(ascii: "]")) { return false }
        if !first { try expect(UInt8(ascii: ",")) }
        first = false
        return true
    }

    /// Consumes `null` if it comes next and returns whether it did.
    package mutating func consumeNull() throws(JSONReadError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    // MARK: - Scalars

    package mutating func readString() throws(JSONReadError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string") }
        var decoded = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &decoded)
            case ..<0x20:
                position -= 1
                throw error("unescaped control character in a string")
            default:
                decoded.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func readEscape(into decoded: inout [UInt8]) throws(JSONReadError) {
        guard position < bytes.count else { throw error("unterminated string") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                      bytes[position + 1] == UInt8(ascii: "u") else { throw error("unpaired UTF-16 surrogate") }
                position += 2
                let low = try readHexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired UTF-16 surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("unpaired UTF-16 surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            decoded.append(contentsOf: String(Character(unicode)).utf8)
        default:
            position -= 1
            throw error("invalid escape in a string")
        }
    }

    private mutating func readHexQuad() throws(JSONReadError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Reads a number as JSON writes it: `-`, digits without a leading zero, an optional fraction
    /// and exponent.
    package mutating func readNumber() throws(JSONReadError) -> Double {
        _ = peek()
        let start = position
        var integer: Int64 = 0
        var digits = 0
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        while position < bytes.count, let digit = Self.digit(bytes[position]) {
            integer = integer &* 10 &+ Int64(digit)
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("expected a number") }
        if digits > 1, bytes[integerStart] == UInt8(ascii: "0") { throw error("leading zero in a number") }

        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            try skipDigits()
        }

        // Integers of up to 15 digits convert exactly; anything else goes through the standard parser.
        if isInteger, digits <= 15 {
            return bytes[start] == UInt8(ascii: "-") ? -Double(integer) : Double(integer)
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number") }
        return value
    }

    private mutating func skipDigits() throws(JSONReadError) {
        let start = position
        while position < bytes.count, Self.digit(bytes[position]) != nil { position += 1 }
        if position == start { throw error("expected a digit") }
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONReadError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("the text ended before the value did") }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] {
            throw error("invalid literal")
        }
        position += count
    }

    /// Reads a sample pair written without white space, `[1767225600,"1.5"]` or
    /// `[1767225600.123,"NaN"]`, the form Prometheus writes, or returns `nil` and consumes nothing.
    ///
    /// The timestamp must be a plain decimal of at most 15 digits, so that it converts exactly, and
    /// the string must have no escapes. Anything else is left to the general reader.
    package mutating func readCompactSample() -> (timestamp: Double, value: String)? {
        var index = position
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1

        // The timestamp: digits and decimal points, checked by the decimal parser.
        let timestampStart = index
        while index < bytes.count,
              bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") || bytes[index] == UInt8(ascii: ".") {
            index += 1
        }
        guard index > timestampStart,
              let timestamp = ExactDecimal.parse(UnsafeRawBufferPointer(rebasing: bytes[timestampStart..<index])),
              index + 1 < bytes.count, bytes[index] == UInt8(ascii: ","), bytes[index + 1] == UInt8(ascii: "\"")
        else { return nil }
        index += 2

        // The value: a string without escapes, then the closing bracket.
        let valueStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") else { return nil }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<index]), as: UTF8.self)
        position = index + 2
        return (timestamp, value)
    }

    // MARK: - Whole values

    /// Skips one value of any type, checking its syntax.
    package mutating func skipValue(depth: Int = 0) throws(JSONReadError) {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        switch peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case nil: throw error("the text ended before the value did")
        default: _ = try readNumber()
        }
    }

    /// Skips a string without building it, checking its escapes.
    private mutating func skipString() throws(JSONReadError) {
        try expect(UInt8(ascii: "\""))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                var scratch: [UInt8] = []
                try readEscape(into: &scratch)
            case ..<0x20:
                position -= 1
                throw error("unescaped control character in a string")
            default: continue
            }
        }
        throw error("unterminated string")
    }

    /// Reads one value of any type.
    package mutating func readValue(depth: Int = 0) throws(JSONReadError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        switch peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            var members: [String: JSONValue] = [:]
            var first = true
            while let key = try nextKey(first: &first) { members[key] = try readValue(depth: depth + 1) }
            return .object(members)
        case UInt8(ascii: "["):
            try beginArray()
            var elements: [JSONValue] = []
            var first = true
            while try nextElement(first: &first) { elements.append(try readValue(depth: depth + 1)) }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case nil: throw error("the text ended before the value did")
        default: return .number(try readNumber())
        }
    }

    /// Reads an array of strings.
    package mutating func readStringArray() throws(JSONReadError) -> [String] {
        var strings: [String] = []
        try beginArray()
        var first = true
        while try nextElement(first: &first) { strings.append(try readString()) }
        return strings
    }

    /// Reads an object whose values are all strings, such as a label set.
    package mutating func readStringMap() throws(JSONReadError) -> [String: String] {
        var map: [String: String] = [:]
        try beginObject()
        var first = true
        while let key = try nextKey(first: &first) { map[key] = try readString() }
        return map
    }

    package func error(_ reason: String) -> JSONReadError {
        JSONReadError(reason: reason, offset: position, atEnd: position >= bytes.count)
    }
}

/// Invalid JSON, with the byte offset where reading stopped.
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var offset: Int
    /// Whether the input ended before the document did, as it does when a body is cut short.
    public var atEnd: Bool

    public var description: String {
        atEnd ? "\(reason) at byte \(offset), the end of the text" : "\(reason) at byte \(offset)"
    }
}
