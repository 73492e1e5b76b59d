import Foundation
import Testing
@testable import PromTools

@Suite struct StepSelectionTests {
    let settings = ToolSettings()

    @Test func automaticStepFollowsPromtool() {
        let step = StepSelection.choose(requested: nil, rangeSeconds: 3_600, settings: settings)
        #expect(step.seconds == 14)
        #expect(step.source == .automatic)
    }

    @Test func automaticStepAtLeastOneSecond() {
        let step = StepSelection.choose(requested: nil, rangeSeconds: 60, settings: settings)
        #expect(step.seconds == 1)
    }

    @Test func requestedStepKept() {
        let step = StepSelection.choose(requested: 60, rangeSeconds: 86_400, settings: settings)
        #expect(step == StepSelection(seconds: 60, source: .requested, note: nil))
    }

    @Test func tooFineStepRaised() {
        let step = StepSelection.choose(requested: 1, rangeSeconds: 7 * 86_400, settings: settings)
        #expect(step.source == .raised)
        #expect(step.seconds == 54.982)
        #expect(7 * 86_400 / step.seconds <= 11_000)
        #expect(step.note?.contains("604801 points") == true)
    }
}
