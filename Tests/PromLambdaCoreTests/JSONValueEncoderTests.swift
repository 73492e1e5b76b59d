import Foundation
@testable import PromLambdaCore
import Testing

/// `JSONValueEncoder` against the round trip it replaces: `JSONEncoder.promlambda`, then decoding.
@Suite struct JSONValueEncoderTests {
    func roundTrip<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValue.decode(JSONEncoder.promlambda.encode(value))
    }

    struct Inner: Codable, Equatable {
        var name: String
        var count: Int64
        var ratio: Double?
    }

    enum Kind: String, Codable { case vector, matrix }

    struct Outer: Codable {
        var kind: Kind
        var inners: [Inner]
        var labels: [String: String]
        var counts: [String: Int]
        var small: UInt8
        var flag: Bool
        var missing: String?
        var present: String?
        var json: JSONValue
        var url: URL
        var bytes: Data
        var nested: [[Double]]
    }

    static let outer = Outer(
        kind: .matrix,
        inners: [Inner(name: "a", count: 9_007_199_254_740_000, ratio: nil), Inner(name: "b\n", count: -3, ratio: 0.25)],
        labels: ["job": "api", "__name__": "up"], counts: ["x": 1], small: 255, flag: true, missing: nil,
        present: "here", json: ["k": [1, "two", nil]], url: URL(string: "http://127.0.0.1:9090/api/v1")!,
        bytes: Data([0, 1, 254]), nested: [[], [1.5, -2]])

    @Test func structWithEveryKindOfMemberMatchesTheRoundTrip() throws {
        #expect(try JSONValueEncoder().encode(Self.outer) == (try roundTrip(Self.outer)))
    }

    @Test func absentOptionalIsLeftOut() throws {
        let value = try JSONValueEncoder().encode(Inner(name: "a", count: 1, ratio: nil))
        #expect(value.objectValue?.keys.sorted() == ["count", "name"])
    }

    @Test func topLevelScalarsAndArrays() throws {
        #expect(try JSONValueEncoder().encode("text") == .string("text"))
        #expect(try JSONValueEncoder().encode(Int16(-7)) == .number(-7))
        #expect(try JSONValueEncoder().encode([1, 2]) == [1, 2])
        #expect(try JSONValueEncoder().encode([String: Int]()) == .object([:]))
    }

    /// Writes through nested containers and a super encoder, which synthesized conformances never use.
    struct HandWritten: Encodable {
        enum Keys: String, CodingKey { case outer, list, parent }
        enum InnerKeys: String, CodingKey { case value }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var outer = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .outer)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var element = list.nestedContainer(keyedBy: InnerKeys.self)
            try element.encode("deep", forKey: .value)
            try list.encodeNil()
            // Written after the nested containers were handed out, as a conformance may do.
            try outer.encode(true, forKey: .value)
            let parent = container.superEncoder(forKey: .parent)
            var parentContainer = parent.singleValueContainer()
            try parentContainer.encode(42)
        }
    }

    @Test func nestedContainersWrittenLateMatchTheRoundTrip() throws {
        #expect(try JSONValueEncoder().encode(HandWritten()) == (try roundTrip(HandWritten())))
    }

    @Test func nonFiniteNumberThrowsWithItsPath() throws {
        do {
            _ = try JSONValueEncoder().encode(Inner(name: "a", count: 1, ratio: .nan))
            Issue.record("encoding NaN did not throw")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["ratio"])
        }
    }
}
