import Foundation
import PrometheusAPI

/// The step a range query runs with, and why.
public struct StepSelection: Sendable, Equatable {
    public enum Source: String, Sendable, Codable {
        /// The caller's step, used as given.
        case requested
        /// No step was given; chosen for about `targetPointsPerSeries` points.
        case automatic
        /// The caller's step would exceed Prometheus' points limit, so it was raised.
        case raised
    }

    public var seconds: Double
    public var source: Source
    /// A sentence for the result when the step was not used as given.
    public var note: String?

    /// Chooses the step for a range of `rangeSeconds`.
    ///
    /// With no step, promtool's rule: `max(floor(range / 250), 1)` seconds. Any step that would give
    /// more than `maxPoints` points per series is raised to the smallest that fits, because
    /// Prometheus rejects such queries.
    public static func choose(requested: Double?, rangeSeconds: Double, settings: ToolSettings) -> StepSelection {
        let smallestAllowed = (rangeSeconds / Double(settings.maxPointsPerSeries) * 1000).rounded(.up) / 1000
        guard let requested else {
            let automatic = max((rangeSeconds / Double(settings.targetPointsPerSeries)).rounded(.down), 1)
            let chosen = max(automatic, smallestAllowed)
            return StepSelection(seconds: chosen, source: .automatic,
                                 note: "No step was given, so \(PrometheusDuration.format(chosen)) was chosen for about "
                                     + "\(settings.targetPointsPerSeries) points per series.")
        }
        if requested < smallestAllowed {
            let points = Int(rangeSeconds / requested) + 1
            return StepSelection(seconds: smallestAllowed, source: .raised,
                                 note: "The step \(PrometheusDuration.format(requested)) would give \(points) points "
                                     + "per series, over Prometheus' limit of \(settings.maxPointsPerSeries), so it "
                                     + "was raised to \(PrometheusDuration.format(smallestAllowed)).")
        }
        return StepSelection(seconds: requested, source: .requested, note: nil)
    }
}
