import Foundation
import Testing
@testable import PrometheusAPI

@Suite struct TimeExpressionTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    func parse(_ text: String) throws -> Double {
        try TimeExpression.parse(text, now: now, field: "time").timeIntervalSince1970
    }

    func reason(_ text: String) -> TimeInputError.Reason? {
        do {
            _ = try TimeExpression.parse(text, now: now, field: "time")
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func rfc3339WithZulu() throws {
        #expect(try parse("2026-01-01T00:00:00Z") == 1_767_225_600)
    }

    @Test func rfc3339WithFraction() throws {
        #expect(try parse("2026-01-01T00:00:00.250Z") == 1_767_225_600.25)
    }

    @Test func rfc3339WithOffsets() throws {
        #expect(try parse("2026-01-01T02:00:00+02:00") == 1_767_225_600)
        #expect(try parse("2025-12-31T19:30:00-04:30") == 1_767_225_600)
        #expect(try parse("2026-01-01t00:00:00z") == 1_767_225_600)
    }

    @Test func unixSecondsIntegerAndFloat() throws {
        #expect(try parse("1767225600") == 1_767_225_600)
        #expect(try parse("1767225600.5") == 1_767_225_600.5)
    }

    @Test func relativeForms() throws {
        #expect(try parse("now") == 1_767_225_600)
        #expect(try parse("now-1h") == 1_767_225_600 - 3_600)
        #expect(try parse("NOW-1h30m") == 1_767_225_600 - 5_400)
        #expect(try parse("15m") == 1_767_225_600 - 900)
    }

    @Test func millisecondsRejected() {
        #expect(reason("1767225600000") == .milliseconds)
    }

    @Test func nanosecondsRejected() {
        #expect(reason("1767225600000000000") == .microsecondsOrNanoseconds)
    }

    @Test func missingZoneRejected() {
        #expect(reason("2026-01-01T00:00:00") == .missingTimeZone)
        #expect(reason("2026-01-01") == .missingTimeZone)
    }

    @Test func garbageRejected() {
        #expect(reason("yesterday") == .unrecognized)
        #expect(reason("2026-13-01T00:00:00Z") == .unrecognized)
        #expect(reason("2026-02-30T00:00:00Z") == .unrecognized)
        #expect(reason("now-") == .unrecognized)
        #expect(reason("") == .unrecognized)
    }

    @Test func negativeUnixRejected() {
        #expect(reason("-5") == .negative)
    }

    @Test func relativeBefore1970Rejected() {
        #expect(reason("now-999999999y") == .negative)
        #expect(reason("999999999y") == .negative)
    }

    @Test func errorMessageNamesValueAndForms() {
        let error = TimeInputError(value: "1767225600000", reason: .milliseconds, field: "start")
        #expect(error.description == "Invalid start \"1767225600000\": this looks like Unix milliseconds; send seconds (divide by 1000).")
        let unrecognized = TimeInputError(value: "soon", reason: .unrecognized, field: "time")
        #expect(unrecognized.description.contains("\"soon\""))
        #expect(unrecognized.description.contains("RFC 3339"))
    }
}

@Suite struct DurationTests {
    @Test func prometheusDurations() {
        #expect(PrometheusDuration.seconds("1h30m") == 5_400)
        #expect(PrometheusDuration.seconds("250ms") == 0.25)
        #expect(PrometheusDuration.seconds("1m30s") == 90)
        #expect(PrometheusDuration.seconds("1y") == 31_536_000)
        #expect(PrometheusDuration.seconds("2w1d") == 1_296_000)
    }

    @Test func durationsOutOfOrderRejected() {
        #expect(PrometheusDuration.seconds("30m1h") == nil)
        #expect(PrometheusDuration.seconds("1h1h") == nil)
        #expect(PrometheusDuration.seconds("h") == nil)
        #expect(PrometheusDuration.seconds("5") == nil)
        #expect(PrometheusDuration.seconds("5x") == nil)
    }

    @Test func formatShortest() {
        #expect(PrometheusDuration.format(5_400) == "1h30m")
        #expect(PrometheusDuration.format(15) == "15s")
        #expect(PrometheusDuration.format(0.5) == "500ms")
    }

    @Test func stepAcceptsSecondsAndDurations() throws {
        #expect(try TimeExpression.parseDuration("1h30m", field: "step") == 5_400)
        #expect(try TimeExpression.parseDuration("15", field: "step") == 15)
        #expect(try TimeExpression.parseDuration("0.5", field: "step") == 0.5)
    }

    @Test func hugeStepRejected() {
        #expect(throws: TimeInputError(value: "9999999999999999999999y", reason: .outOfRange, field: "step")) {
            try TimeExpression.parseDuration("9999999999999999999999y", field: "step")
        }
        #expect(throws: TimeInputError(value: "100000000000", reason: .outOfRange, field: "step")) {
            try TimeExpression.parseDuration("100000000000", field: "step")
        }
    }

    @Test func stepRejectsZeroAndNegative() {
        #expect(throws: TimeInputError(value: "0", reason: .notPositive, field: "step")) {
            try TimeExpression.parseDuration("0", field: "step")
        }
        #expect(throws: TimeInputError(value: "-5", reason: .notPositive, field: "step")) {
            try TimeExpression.parseDuration("-5", field: "step")
        }
        #expect(throws: TimeInputError(value: "0s", reason: .notPositive, field: "step")) {
            try TimeExpression.parseDuration("0s", field: "step")
        }
    }
}
