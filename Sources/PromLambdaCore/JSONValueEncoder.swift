import Foundation

/// Encodes an `Encodable` value straight into a ``JSONValue``, with no JSON text in between.
///
/// The result equals what decoding `JSONEncoder.promlambda`'s output would give: `URL` becomes its
/// absolute string, `Data` base64 text, `Date` seconds since 2001 (the default strategy), and a NaN
/// or infinite number throws `EncodingError.invalidValue`.
public struct JSONValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try ValueEncoder.encode(value, codingPath: [])
    }
}

// MARK: - Encoder

/// Collects what one `encode(to:)` call writes: a single value or the storage of one container.
private final class ValueEncoder: Encoder {
    enum Content {
        case none
        case value(JSONValue)
        case object(ObjectStorage)
        case array(ArrayStorage)
    }

    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var content: Content = .none

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// Encodes `value`, taking the types `JSONEncoder` treats specially, and plain values, on a short path.
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONValue {
        switch value {
        case let json as JSONValue: return json
        case let convertible as any JSONValueConvertible: return convertible.jsonValue
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Double: return try Self.number(number, codingPath: codingPath)
        case let integer as Int: return .number(Double(integer))
        // Every other integer and `Float` must stop here: their default `encode(to:)` comes back
        // through the generic path of a container.
        case let integer as any BinaryInteger: return .number(Double(integer))
        case let number as Float: return try Self.number(Double(number), codingPath: codingPath)
        case let url as URL: return .string(url.absoluteString)
        case let data as Data: return .string(data.base64EncodedString())
        default:
            let encoder = ValueEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.finish()
        }
    }

    static func number(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "JSON cannot represent the number \(value)."))
        }
        return .number(value)
    }

    /// Returns the value written, once `encode(to:)` has returned. A value that wrote nothing is an empty object.
    func finish() -> JSONValue {
        switch content {
        case .none: .object([:])
        case .value(let json): json
        case .object(let storage): storage.finish()
        case .array(let storage): storage.finish()
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let storage: ObjectStorage
        if case .object(let existing) = content {
            storage = existing
        } else {
            storage = ObjectStorage()
            content = .object(storage)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(storage: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let storage: ArrayStorage
        if case .array(let existing) = content {
            storage = existing
        } else {
            storage = ArrayStorage()
            content = .array(storage)
        }
        return UnkeyedContainer(storage: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }
}

// MARK: - Storage

/// A value inside a container: finished, or a nested container or super encoder that may still
/// be written to.
private enum Element {
    case value(JSONValue)
    case object(ObjectStorage)
    case array(ArrayStorage)
    case encoder(ValueEncoder)

    func finish() -> JSONValue {
        switch self {
        case .value(let json): json
        case .object(let storage): storage.finish()
        case .array(let storage): storage.finish()
        case .encoder(let encoder): encoder.finish()
        }
    }
}

private final class ObjectStorage {
    var members: [String: Element] = [:]

    func finish() -> JSONValue {
        .object(members.mapValues { $0.finish() })
    }
}

private final class ArrayStorage {
    var elements: [Element] = []

    func finish() -> JSONValue {
        .array(elements.map { $0.finish() })
    }
}

/// A coding key for an array position, used only in coding paths of errors.
private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: ObjectStorage
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        storage.members[key.stringValue] = .value(.null)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        storage.members[key.stringValue] = .value(.bool(value))
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        storage.members[key.stringValue] = .value(.string(value))
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        storage.members[key.stringValue] = .value(try ValueEncoder.number(value, codingPath: codingPath + [key]))
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        storage.members[key.stringValue] = .value(.number(Double(value)))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        storage.members[key.stringValue] = .value(try ValueEncoder.encode(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectStorage()
        storage.members[key.stringValue] = .object(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(storage: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayStorage()
        storage.members[key.stringValue] = .array(nested)
        return UnkeyedContainer(storage: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue)
    }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath)
        storage.members[name] = .encoder(encoder)
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let storage: ArrayStorage
    let codingPath: [any CodingKey]
    var count: Int { storage.elements.count }

    mutating func encodeNil() throws {
        storage.elements.append(.value(.null))
    }

    mutating func encode(_ value: Bool) throws {
        storage.elements.append(.value(.bool(value)))
    }

    mutating func encode(_ value: String) throws {
        storage.elements.append(.value(.string(value)))
    }

    mutating func encode(_ value: Double) throws {
        let path = codingPath + [IndexKey(count)]
        storage.elements.append(.value(try ValueEncoder.number(value, codingPath: path)))
    }

    mutating func encode(_ value: Int) throws {
        storage.elements.append(.value(.number(Double(value))))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        storage.elements.append(.value(try ValueEncoder.encode(value, codingPath: path)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectStorage()
        let path = codingPath + [IndexKey(count)]
        storage.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(storage: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayStorage()
        let path = codingPath + [IndexKey(count)]
        storage.elements.append(.array(nested))
        return UnkeyedContainer(storage: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath + [IndexKey(count)])
        storage.elements.append(.encoder(encoder))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        encoder.content = .value(.null)
    }

    mutating func encode(_ value: Bool) throws {
        encoder.content = .value(.bool(value))
    }

    mutating func encode(_ value: String) throws {
        encoder.content = .value(.string(value))
    }

    mutating func encode(_ value: Double) throws {
        encoder.content = .value(try ValueEncoder.number(value, codingPath: codingPath))
    }

    mutating func encode(_ value: Int) throws {
        encoder.content = .value(.number(Double(value)))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.content = .value(try ValueEncoder.encode(value, codingPath: codingPath))
    }
}
