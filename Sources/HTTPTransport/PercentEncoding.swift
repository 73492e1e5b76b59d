import Foundation

/// Percent-encoding to RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay raw, every other UTF-8 byte
/// becomes `%XX` with upper-case hex, so a space is `%20` and `+` is `%2B`.
///
/// The Prometheus client builds query strings and form bodies with it, and the SigV4 signer
/// signs the very same strings. `URLComponents.queryItems` is not used because it leaves `+` raw,
/// which servers read as a space and which turns `1+1` into a PromQL parse error.
public enum PercentEncoding {
    public static func encode(_ text: String) -> String {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes a path, keeping `/` raw between segments.
    public static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
    }

    /// Decodes `%XX` escapes; with `plusAsSpace`, also `+` as a space, as form bodies use it.
    /// Returns `nil` for a malformed escape or bytes that are not UTF-8.
    public static func decode(_ text: String, plusAsSpace: Bool = false) -> String? {
        var bytes = [UInt8]()
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// An ordered list of query parameters; repeated names such as `match[]` are kept in order.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var items: [(name: String, value: String)] = []

    public init(_ items: [(String, String)] = []) {
        self.items = items.map { (name: $0.0, value: $0.1) }
    }

    public mutating func append(_ name: String, _ value: String) {
        items.append((name: name, value: value))
    }

    public mutating func append(_ name: String, _ value: String?) {
        if let value { append(name, value) }
    }

    public var isEmpty: Bool { items.isEmpty }

    /// The encoded form `a=1&b=2`, in insertion order, for a URL query or a form body.
    public var encoded: String {
        items.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }

    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Parses an encoded query or form body. Returns `nil` for a malformed escape.
    public static func parse(_ encoded: String, plusAsSpace: Bool = false) -> QueryParameters? {
        var parameters = QueryParameters()
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(String(parts[0]), plusAsSpace: plusAsSpace),
                  let value = PercentEncoding.decode(parts.count > 1 ? String(parts[1]) : "", plusAsSpace: plusAsSpace)
            else { return nil }
            parameters.append(name, value)
        }
        return parameters
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension URL {
    /// Returns this URL with `path` appended and `query` as its encoded query string.
    public func appending(path: String, query: QueryParameters) -> URL? {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return nil }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + PercentEncoding.encodePath(path)
        components.percentEncodedQuery = query.isEmpty ? nil : query.encoded
        return components.url
    }
}
