import Foundation
@testable import PromLambdaCore
import Testing
import TestSupport

/// Tests of the fast path for Prometheus' `[timestamp,"value"]` pairs, against the general reader.
@Suite struct CompactSampleTests {
    /// Reads `text` with the fast path, and the position it stopped at.
    func compact(_ text: String) -> (sample: (timestamp: Double, value: String)?, position: Int) {
        Data(text.utf8).withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes)
            let sample = reader.readCompactSample()
            return (sample, reader.position)
        }
    }

    /// Reads `text` as a general JSON array of a number and a string.
    func general(_ text: String) throws -> (timestamp: Double, value: String) {
        let value = try JSONValue.decode(Data(text.utf8))
        return (value.arrayValue?[0].numberValue ?? .nan, value.arrayValue?[1].stringValue ?? "")
    }

    @Test(arguments: [#"[1767225600,"1.5"]"#, #"[1767225600.123,"NaN"]"#, #"[0.5,"-Inf"]"#, #"[0,""]"#,
                      #"[123456789012345,"x"]"#, #"[1.000000000001,"é"]"#])
    func readsWhatTheGeneralReaderReads(text: String) throws {
        let (sample, position) = compact(text)
        let expected = try general(text)
        #expect(sample?.timestamp == expected.timestamp)
        #expect(sample?.value == expected.value)
        #expect(position == text.utf8.count)
    }

    @Test(arguments: [#" [1,"1"]"#, #"[1, "1"]"#, #"[1,"a\"b"]"#, #"[1e3,"1"]"#, #"[-1,"1"]"#, #"[01,"1"]"#,
                      #"[1234567890123456,"1"]"#, #"[1.,"1"]"#, #"[1,"1" ]"#, #"[1,"1""#, #"[1,2]"#])
    func declinesOtherFormsWithoutConsuming(text: String) {
        let (sample, position) = compact(text)
        #expect(sample == nil)
        #expect(position == 0)
    }

    @Test func randomTimestampsMatchGeneralReader() throws {
        var generator = SeededGenerator(seed: 0x5A3B)
        for _ in 0..<2_000 {
            let whole = UInt64.random(in: 0...9_999_999_999, using: &generator)
            let fraction = Int.random(in: 0...3, using: &generator)
            let text = fraction == 0 ? "[\(whole),\"1\"]"
                : "[\(whole).\(String(Int.random(in: 0..<1000, using: &generator)).prefix(fraction)),\"1\"]"
            #expect(compact(text).sample?.timestamp == (try general(text).timestamp), "\(text)")
        }
    }
}
