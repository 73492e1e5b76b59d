import Foundation

extension JSONValue {
    /// Decodes a JSON document from bytes.
    public static func decode(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Converts any `Encodable` value to a `JSONValue` by a round trip through JSON.
    public static func encoding<T: Encodable>(_ value: T) throws -> JSONValue {
        try decode(JSONEncoder.promlambda.encode(value))
    }

    /// Encodes this value as compact JSON with sorted keys, so the output is stable.
    public func encodedData() -> Data {
        // Encoding fails only for a NaN or infinite number, which JSON cannot express. The MCP layer
        // reports such a result as an internal error; this fallback keeps other callers from crashing.
        (try? JSONEncoder.promlambda.encode(self)) ?? Data("null".utf8)
    }

    public func encodedString() -> String {
        String(decoding: encodedData(), as: UTF8.self)
    }

    /// Decodes this value into a `Decodable` type.
    public func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: encodedData())
    }
}

extension JSONEncoder {
    /// The encoder for everything promlambda writes: sorted keys, no escaped slashes.
    public static var promlambda: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
