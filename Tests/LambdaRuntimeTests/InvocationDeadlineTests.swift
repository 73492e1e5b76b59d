import Foundation
import LambdaRuntime
import Testing

@Suite struct InvocationDeadlineTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func parse(_ header: String?) -> InvocationDeadline {
        InvocationDeadline.parse(header: header, now: now, defaultTimeout: 30, tolerance: 5)
    }

    private func milliseconds(secondsFromNow seconds: Double) -> String {
        String(Int64((now.timeIntervalSince1970 + seconds) * 1_000))
    }

    @Test func deadlineFromHeader() {
        let deadline = parse("1800000012345")
        #expect(deadline == InvocationDeadline(date: Date(timeIntervalSince1970: 1_800_000_012.345)))
        #expect(!deadline.isDefaulted)
    }

    @Test func deadlineMissingUsesDefault() {
        let deadline = parse(nil)
        #expect(deadline.defaultReason == .missing)
        #expect(deadline.date == now.addingTimeInterval(30))
        #expect(deadline.isDefaulted)
    }

    @Test(arguments: ["", "soon", "12.5", "-1000", "+1800000012345", "1e12", "0x1A", "99999999999999999999999"])
    func deadlineNotANumber(header: String) {
        let deadline = parse(header)
        #expect(deadline.defaultReason == .notANumber)
        #expect(deadline.date == now.addingTimeInterval(30))
    }

    @Test func deadlineFarInPastUsesDefault() {
        let deadline = parse(milliseconds(secondsFromNow: -3_600))
        #expect(deadline.defaultReason == .inThePast)
        #expect(deadline.date == now.addingTimeInterval(30))
    }

    @Test func deadlineZeroUsesDefault() {
        #expect(parse("0").defaultReason == .inThePast)
    }

    @Test func deadlineSlightlyPastKept() {
        let deadline = parse(milliseconds(secondsFromNow: -4))
        #expect(deadline.defaultReason == nil)
        #expect(deadline.date == now.addingTimeInterval(-4))
    }

    @Test func deadlineAtMaximumTimeoutKept() {
        let deadline = parse(milliseconds(secondsFromNow: 905))
        #expect(deadline.defaultReason == nil)
        #expect(deadline.date == now.addingTimeInterval(905))
    }

    @Test func deadlineBeyondMaximumUsesDefault() {
        let deadline = parse(milliseconds(secondsFromNow: 906))
        #expect(deadline.defaultReason == .tooFarAhead)
        #expect(deadline.date == now.addingTimeInterval(30))
    }

    @Test func deadlineSurroundingSpacesTrimmed() {
        #expect(parse(" 1800000001000 ") == InvocationDeadline(date: now.addingTimeInterval(1)))
    }
}
