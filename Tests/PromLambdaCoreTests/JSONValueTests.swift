import Foundation
import Testing
@testable import PromLambdaCore
import TestSupport

@Suite struct JSONValueTests {
    @Test func decodeNestedDocument() throws {
        let value = try JSONValue.decode(Data(#"{"a":[1,"x",true,null],"b":{"c":2.5}}"#.utf8))
        #expect(value["a"] == [1, "x", true, nil])
        #expect(value["b"]?["c"] == 2.5)
    }

    @Test func encodeWholeNumberWithoutFraction() {
        #expect(JSONValue.number(10).encodedString() == "10")
        #expect(JSONValue.number(0.5).encodedString() == "0.5")
    }

    @Test func encodeSortsKeys() {
        let value: JSONValue = ["b": 1, "a": 2]
        #expect(value.encodedString() == #"{"a":2,"b":1}"#)
    }

    @Test func civilTimeOfKnownInstants() {
        #expect(CivilTime(epochSeconds: 0) == CivilTime(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1.25), fractionalDigits: 3) == "1970-01-01T00:00:01.250Z")
    }
}

@Suite struct JSONValueDecodingTests {
    @Test func randomDocumentsSurviveWritingAndReading() throws {
        var generator = SeededGenerator(seed: 0xDEC0DE)
        for _ in 0..<300 {
            let value = JSONValue.random(depth: 4, using: &generator)
            #expect(try JSONValue.decode(value.serialized()) == value)
        }
    }

    @Test func trailingDataIsRejectedWithItsOffset() {
        #expect(throws: JSONReadError(reason: "unexpected data after the end of the document", offset: 3, atEnd: false)) {
            try JSONValue.decode(Data("{} x".utf8))
        }
    }

    @Test func truncatedDocumentSaysItEnded() {
        do {
            _ = try JSONValue.decode(Data(#"{"a":[1,"#.utf8))
            Issue.record("a truncated document was accepted")
        } catch {
            #expect(error.atEnd)
        }
    }

    @Test func nestingPastTheLimitIsRejected() {
        let deep = String(repeating: "[", count: JSONByteReader.maxDepth + 1)
            + String(repeating: "]", count: JSONByteReader.maxDepth + 1)
        #expect(throws: JSONReadError.self) { try JSONValue.decode(Data(deep.utf8)) }
    }
}

@Suite struct RFC3339FormatTests {
    /// Formats `seconds` with `String(format:)`, as the formatter did before, for reference.
    func reference(_ seconds: Double, digits: Int) -> String {
        let whole = seconds.rounded(.down)
        let civil = CivilTime(epochSeconds: Int64(whole))
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d",
                          civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second)
        if digits > 0 {
            let scale = pow(10.0, Double(digits))
            let fraction = min(Int(((seconds - whole) * scale).rounded()), Int(scale) - 1)
            text += "." + String(format: "%0\(digits)d", fraction)
        }
        return text + "Z"
    }

    @Test func randomInstantsMatchTheFormatString() {
        var generator = SeededGenerator(seed: 3339)
        for _ in 0..<500 {
            let seconds = Double.random(in: -70_000_000_000...260_000_000_000, using: &generator)
            let digits = Int.random(in: 0...9, using: &generator)
            #expect(RFC3339.format(Date(timeIntervalSince1970: seconds), fractionalDigits: digits)
                    == reference(seconds, digits: digits))
        }
    }

    @Test func yearBeforeZeroKeepsItsSign() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: -62_198_755_200)) == reference(-62_198_755_200, digits: 0))
    }
}
