import Foundation
import Testing
@testable import PromLambdaCore

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
