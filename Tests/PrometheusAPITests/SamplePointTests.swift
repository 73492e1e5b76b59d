import Foundation
@testable import PrometheusAPI
import Testing
import TestSupport

/// The fast decimal parse under ``SamplePoint/doubleValue``, against `Double(String)`.
@Suite struct SamplePointTests {
    @Test(arguments: ["0", "-0", "1", "-1", "0.5", "12.375", "-12.375", "0.1", "0.30000000000000004", "123456789012345",
                      "999999999999999", "1234567890123456", "1e3", "1.5e-7", "+5", ".5", "5.", "-", "", "1.2.3", "0x10",
                      "NaN", "+Inf", "-Inf", "Inf", "007", "4.9406564584124654e-324", "1.7976931348623157e+308"])
    func doubleValueMatchesFullParser(text: String) {
        let parsed = SamplePoint(timestamp: 0, value: text).doubleValue
        let expected: Double? = switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
        #expect(parsed?.bitPattern == expected?.bitPattern)
    }

    @Test func randomDecimalsMatchFullParser() {
        var generator = SeededGenerator(seed: 0xDEC1)
        for _ in 0..<5_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...digits, using: &generator)
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: max(1, point))) }
            if Bool.random(using: &generator) { text = "-" + text }
            #expect(SamplePoint(timestamp: 0, value: text).doubleValue == Double(text), "\(text)")
        }
    }

    @Test func fastPathDeclinesExponentsAndLongMantissas() {
        #expect(SamplePoint.fastDecimal("1e3") == nil)
        #expect(SamplePoint.fastDecimal("1234567890123456") == nil)
        #expect(SamplePoint.fastDecimal("12.5") == 12.5)
    }
}
