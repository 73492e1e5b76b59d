import Foundation
@testable import PromLambdaCore
import Testing

/// The JSON reader under the streamed decoding: every value type, escapes, and invalid input.
@Suite struct JSONByteReaderTests {
    func read(_ text: String) throws -> JSONValue {
        try Data(text.utf8).withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes)
            let value = try reader.readValue()
            try reader.expectEnd()
            return value
        }
    }

    func failure(_ text: String) -> JSONReadError? {
        do {
            _ = try read(text)
            return nil
        } catch let error as JSONReadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsEveryValueType() throws {
        let value = try read(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": []} "#)
        #expect(value == ["a": [1, -2.5, 300, true, false, nil], "b": ["c": "d"], "e": []])
    }

    @Test func matchesJSONDecoderOnNumbers() throws {
        let numbers = ["0", "-0", "1767225600", "1767225600.5", "0.1", "1e-7", "-1.7976931348623157e308",
                       "123456789012345678", "9007199254740993", "2.2250738585072014E-308"]
        for text in numbers {
            let expected = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
            #expect(try read(text) == .number(expected), "\(text)")
        }
    }

    @Test func decodesEscapes() throws {
        #expect(try read(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test func keepsNonASCIIBytes() throws {
        #expect(try read(#""café lab+annex""#) == .string("café lab+annex"))
    }

    @Test func truncatedInputReportsEnd() {
        let error = failure(#"{"status":"success","data":{"resultType":"vec"#)
        #expect(error?.atEnd == true)
        #expect(error?.reason == "unterminated string")
    }

    @Test(arguments: ["01", "1.", "-", ".5", "1e", "+1"])
    func invalidNumbersRejected(text: String) {
        #expect(failure(text) != nil)
    }

    @Test(arguments: [#"{"a" 1}"#, #"{"a":1,}"#, "[1,]", "[1 2]", #"{'a':1}"#, "tru", "\"a\u{01}b\"", #""\x""#,
                      #""\ud800""#, "[1] 2"])
    func invalidDocumentsRejected(text: String) {
        #expect(failure(text) != nil)
    }

    @Test func deepNestingRejected() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(failure(deep)?.reason == "nesting deeper than 256 levels")
    }

    @Test func skipValueChecksSyntax() throws {
        let valid = Data(#"{"x":[1,{"y":"\u00e9"}],"z":2}"#.utf8)
        let skipped = try valid.withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes)
            try reader.skipValue()
            return reader.position
        }
        #expect(skipped == valid.count)

        let invalid = Data(#"{"x":[1,}"#.utf8)
        #expect(throws: JSONReadError.self) {
            try invalid.withUnsafeBytes { bytes in
                var reader = JSONByteReader(bytes)
                try reader.skipValue()
            }
        }
    }
}
