import Foundation
@testable import PromLambdaCore
import Testing
import TestSupport

/// The hand-written JSON writer against `JSONEncoder.promlambda`, which it must match byte for byte.
@Suite struct JSONWriterTests {
    /// Encodes `value` with the encoder the writer replaces, through `JSONValue`'s `Encodable` conformance.
    func reference(_ value: JSONValue) throws -> String {
        String(decoding: try JSONEncoder.promlambda.encode(value), as: UTF8.self)
    }

    func written(_ value: JSONValue) throws -> String {
        String(decoding: try value.serialized(), as: UTF8.self)
    }

    @Test(arguments: [
        0, -0.0, 1, -1, 0.1, 0.5, 1e-5, 1e-7, 2.5e-300, 123_456_789.5, 999_999_999_999_999,
        1e15, 1e16, 1e21, 1e22, 9_007_199_254_740_993, -123_456_789_012_345, 1.7976931348623157e308, 5e-324,
    ] as [Double])
    func numberMatchesJSONEncoder(_ number: Double) throws {
        #expect(try written(.number(number)) == (try reference(.number(number))))
    }

    @Test func controlCharactersAreEscapedAsJSONEncoderDoes() throws {
        let text = "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F} \"\\/\u{7F}é\u{2028}😀"
        #expect(try written(.string(text)) == (try reference(.string(text))))
    }

    @Test func keysAreSortedByTheirBytes() throws {
        let object: JSONValue = ["b": 1, "B": 2, "a10": 3, "a2": 4, "é": 5, "_x": 6, "A": 7, "": 8]
        #expect(try written(object) == #"{"":8,"A":7,"B":2,"_x":6,"a10":3,"a2":4,"b":1,"é":5}"#)
    }

    @Test func randomDocumentsMatchJSONEncoder() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<300 {
            let value = JSONValue.random(depth: 4, using: &generator)
            #expect(try written(value) == (try reference(value)))
        }
    }

    @Test func countedLengthEqualsTheWrittenLength() throws {
        var generator = SeededGenerator(seed: 0xC0DE)
        for _ in 0..<300 {
            let value = JSONValue.random(depth: 4, using: &generator)
            #expect(try value.serializedCount() == (try value.serialized().count))
        }
    }

    @Test func nonFiniteNumberThrowsWithTheNumber() {
        let value: JSONValue = ["series": [["value": .number(.infinity)]]]
        #expect(throws: JSONWriteError.self) { try value.serialized() }
        do {
            _ = try value.serialized()
        } catch {
            #expect(error.number == .infinity)
        }
    }

    @Test func encodedDataIsNullWhenANumberIsNotFinite() {
        #expect(JSONValue.array([1, .number(.nan)]).encodedString() == "null")
    }
}

extension JSONValue {
    /// Characters that exercise escaping and key order: quotes, controls, case, digits, non-ASCII.
    static let sampleCharacters: [Character] = Array("aAbZz09_-/ \"\\\t\n\u{1}\u{1F}é中😀")

    static func randomString<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<Int.random(in: 0...8, using: &generator)).map { _ in
            sampleCharacters.randomElement(using: &generator)!
        })
    }

    static func randomNumber<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 1: Double.random(in: -1...1, using: &generator)
        case 2: Double.random(in: -1e20...1e20, using: &generator)
        default: Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &generator))
        }
    }

    static func random<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> JSONValue {
        let kinds = depth > 0 ? 6 : 4
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(randomNumber(using: &generator))
        case 3: return .string(randomString(using: &generator))
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in
                random(depth: depth - 1, using: &generator)
            })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                members[randomString(using: &generator)] = random(depth: depth - 1, using: &generator)
            }
            return .object(members)
        }
    }
}
