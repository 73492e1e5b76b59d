import Foundation

extension JSONValue {
    /// Decodes a JSON document from bytes.
    /// - Throws: ``JSONReadError`` with the byte offset when the bytes are not one JSON document.
    public static func decode(_ data: Data) throws(JSONReadError) -> JSONValue {
        let result = data.withUnsafeBytes { bytes -> Result<JSONValue, JSONReadError> in
            var reader = JSONByteReader(bytes)
            do throws(JSONReadError) {
                let value = try reader.readValue()
                try reader.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Converts any `Encodable` value to a `JSONValue`, equal to decoding its JSON encoding.
    public static func encoding<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder().encode(value)
    }

    /// Encodes this value as compact JSON with sorted keys, so the output is stable.
    ///
    /// A NaN or infinite number anywhere in the value turns the whole output into `null`; use
    /// ``serialized()`` where that case must be reported.
    public func encodedData() -> Data {
        (try? serialized()) ?? Data("null".utf8)
    }

    public func encodedString() -> String {
        String(decoding: encodedData(), as: UTF8.self)
    }

    /// Encodes this value as compact JSON with sorted keys, byte for byte as `JSONEncoder.promlambda`.
    /// - Throws: ``JSONWriteError`` for a NaN or infinite number, which JSON cannot express.
    public func serialized() throws(JSONWriteError) -> Data {
        var writer = JSONWriter()
        try writer.write(self)
        return Data(writer.bytes)
    }

    /// Counts the bytes ``serialized()`` would return, without writing the text.
    /// - Throws: ``JSONWriteError`` for a NaN or infinite number, as ``serialized()`` does.
    public func serializedCount() throws(JSONWriteError) -> Int {
        try JSONWriter.length(of: self)
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
