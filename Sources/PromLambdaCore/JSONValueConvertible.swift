/// A type that builds its ``JSONValue`` itself, for values that a result contains thousands of.
///
/// ``JSONValueEncoder`` takes `jsonValue` instead of calling `encode(to:)`, so the two must agree;
/// each conforming type has a test that compares them.
public protocol JSONValueConvertible {
    var jsonValue: JSONValue { get }
}

extension Dictionary where Key == String, Value == String {
    /// A string-to-string map, such as a label set, as a JSON object.
    public var jsonValue: JSONValue { .object(mapValues { .string($0) }) }
}
