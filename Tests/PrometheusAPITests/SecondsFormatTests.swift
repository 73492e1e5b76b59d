import Foundation
@testable import PrometheusAPI
import Testing

/// Times and timeouts as request parameters: Unix seconds with at most three decimals.
@Suite struct SecondsFormatTests {
    @Test(arguments: [
        (0.0, "0"), (1_767_225_600, "1767225600"), (1.5, "1.5"), (29.75, "29.75"), (0.001, "0.001"),
        (1.0004, "1"), (1.0005, "1.001"), (-1.25, "-1.25"), (-0.5, "-0.5"), (1_767_225_600.123, "1767225600.123"),
    ] as [(Double, String)])
    func secondsFormat(seconds: Double, expected: String) {
        #expect(PrometheusClient.formatSeconds(seconds) == expected)
    }
}
