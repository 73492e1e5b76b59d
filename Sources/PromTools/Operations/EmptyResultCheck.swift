import Foundation
import PrometheusAPI
import PromLambdaCore

/// Checks why a query returned no series: whether its metric exists and which label matcher
/// matches nothing, with at most ``maxRequests`` small requests.
///
/// Each request lists label values (`/api/v1/label/<name>/values`) over the evaluated range, so
/// it reads the index, not samples, and its response is capped at ``maxResponseBytes``.
struct EmptyResultCheck {
    static let maxRequests = 3
    static let maxResponseBytes = 1 << 20
    /// The maximum time of one check request, in seconds; less when the call's deadline is nearer.
    static let requestTimeout: Double = 10
    /// Prometheus' default lookback: an instant selector returns samples up to 5 minutes old.
    static let lookbackSeconds: Double = 300
    static let maxListedValues = 20
    static let maxSimilarMetrics = 5

    var client: PrometheusClient
    var query: String
    /// The evaluated time (twice for an instant query) or range.
    var start: Date
    var end: Date
    /// `at <time>` or `from <start> to <end>`, for the note.
    var evaluated: String

    init(client: PrometheusClient, query: String, start: Date, end: Date, evaluated: String) {
        var limited = client
        limited.options.maxResponseBytes = min(client.options.maxResponseBytes, Self.maxResponseBytes)
        limited.options.requestTimeout = min(client.options.requestTimeout, Self.requestTimeout)
        self.client = limited
        self.query = query
        self.start = start
        self.end = end
        self.evaluated = evaluated
    }

    /// Runs the checks and returns them with the sentences for the result's note. Failed requests
    /// are reported in `notChecked`; only cancellation is thrown.
    func run() async throws -> (hints: EmptyResultHints, note: String) {
        var hints = EmptyResultHints(evaluated: evaluated, requests: 0)
        let selector: SimpleSelector
        switch SimpleSelectorParser.parse(query) {
        case .failure:
            hints.skippedReason = SimpleSelectorParser.TooComplex.reason
            return (hints, "No series matched \(evaluated). No hints were checked because "
                    + SimpleSelectorParser.TooComplex.reason + ".")
        case .success(let parsed):
            selector = parsed
        }

        let checkedStart = start.addingTimeInterval(-(selector.rangeSeconds ?? Self.lookbackSeconds))
        hints.selector = selector.text
        hints.checkedStart = RFC3339.format(checkedStart, fractionalDigits: 3)
        hints.checkedEnd = RFC3339.format(end, fractionalDigits: 3)
        hints.metric = selector.metric
        var sentences = ["No series matched \(evaluated)."]
        var notChecked: [String] = []

        if let metric = selector.metric {
            do {
                hints.requests += 1
                var found = 0
                _ = try await client.streamLabelValues("__name__", matches: [metric], start: checkedStart, end: end) { _ in
                    found += 1
                }
                hints.metricExists = found > 0
            } catch {
                try Self.rethrowCancellation(error)
                notChecked.append("whether \(metric) exists: the request failed: \(Self.describe(error))")
            }
            if hints.metricExists == false {
                hints.requests += 1
                do {
                    hints.similarMetrics = try await similarMetricNames(to: metric, from: checkedStart)
                } catch {
                    try Self.rethrowCancellation(error)
                    notChecked.append("similar metric names: the request failed: \(Self.describe(error))")
                }
                sentences.append("No series of \(metric) exists from \(hints.checkedStart ?? "") to "
                                 + "\(hints.checkedEnd ?? "")" + Self.list(hints.similarMetrics, prefix: "; similar "
                                                                            + "names: ") + ".")
                hints.notChecked = notChecked.isEmpty ? nil : notChecked
                return (hints, sentences.joined(separator: " "))
            }
        }

        var checks: [MatcherCheck] = []
        for matcher in selector.matchers {
            guard hints.requests < Self.maxRequests else {
                notChecked.append("\(matcher.text): at most \(Self.maxRequests) requests are sent per result")
                continue
            }
            guard let accepts = matcher.makePredicate() else {
                notChecked.append("\(matcher.text): the regular expression does not compile here")
                continue
            }
            if accepts("") {
                notChecked.append("\(matcher.text): it also matches series without the label, which a list of "
                                  + "values cannot show")
                continue
            }
            hints.requests += 1
            do {
                checks.append(try await check(matcher, accepts: accepts, metric: selector.metric, from: checkedStart))
            } catch {
                try Self.rethrowCancellation(error)
                notChecked.append("\(matcher.text): the request failed: \(Self.describe(error))")
            }
        }
        hints.matchers = checks.isEmpty ? nil : checks
        hints.notChecked = notChecked.isEmpty ? nil : notChecked
        sentences += Self.explain(checks, selector: selector, metricExists: hints.metricExists,
                                  allChecked: notChecked.isEmpty)
        return (hints, sentences.joined(separator: " "))
    }

    /// Lists the values of the matcher's label on the metric's series and counts those it accepts.
    private func check(_ matcher: LabelMatcher, accepts: (String) -> Bool, metric: String?,
                       from checkedStart: Date) async throws -> MatcherCheck {
        var values: [String] = []
        var matching = 0
        _ = try await client.streamLabelValues(matcher.label, matches: metric.map { [$0] } ?? [], start: checkedStart,
                                               end: end) { value in
            values.append(value)
            if accepts(value) { matching += 1 }
        }
        var check = MatcherCheck(matcher: matcher.text, matchingValues: matching, totalValues: values.count)
        if matching == 0 {
            let reference = matcher.op == .equal || matcher.op == .matchesRegex ? matcher.value : nil
            check.existingValues = Self.closest(values, to: reference, limit: Self.maxListedValues)
        }
        return check
    }

    private func similarMetricNames(to metric: String, from checkedStart: Date) async throws -> [String] {
        var candidates: [(distance: Int, name: String)] = []
        let limit = max(3, metric.utf8.count / 3)
        _ = try await client.streamLabelValues("__name__", start: checkedStart, end: end) { name in
            let lowered = name.lowercased()
            let wanted = metric.lowercased()
            let distance = lowered.contains(wanted) || wanted.contains(lowered)
                ? abs(lowered.utf8.count - wanted.utf8.count)
                : Self.editDistance(lowered, wanted, limit: limit)
            guard distance <= limit else { return }
            candidates.append((distance, name))
            if candidates.count > 4 * Self.maxSimilarMetrics {
                candidates.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
                candidates.removeLast(candidates.count - Self.maxSimilarMetrics)
            }
        }
        candidates.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return candidates.prefix(Self.maxSimilarMetrics).map(\.name)
    }

    // MARK: - Sentences

    /// Returns the sentences that describe what the checks found.
    static func explain(_ checks: [MatcherCheck], selector: SimpleSelector, metricExists: Bool?,
                        allChecked: Bool) -> [String] {
        let subject = selector.metric.map { "Series of \($0) exist, but" } ?? "But"
        let failing = checks.filter { $0.matchingValues == 0 }
        if !failing.isEmpty {
            return failing.map { check in
                let label = check.matcher.prefix { $0 != "=" && $0 != "!" }
                if check.totalValues == 0 {
                    return "\(subject) none has the label \(label)."
                }
                return "\(subject) \(check.matcher) matches none of the \(check.totalValues) values of \(label)"
                    + list(check.existingValues, prefix: ": ") + "."
            }
        }
        guard allChecked else {
            return [checks.isEmpty ? "Some checks could not be made; see hints.notChecked."
                    : "The matchers checked each match some series; see hints.notChecked for the rest."]
        }
        var sentence: String
        if checks.count > 1 {
            sentence = "Each matcher matches some series on its own, so no series matches all of them together, "
                + "or the matching series have no samples in the evaluated range."
        } else if let metric = selector.metric, metricExists == true {
            sentence = "Series of \(metric)" + (checks.isEmpty ? "" : " with \(checks[0].matcher)")
                + " exist near the evaluated range, but have no samples in it; an instant selector looks back 5 "
                + "minutes."
        } else {
            sentence = "The selector matches series near the evaluated range, but they have no samples in it."
        }
        if !selector.functions.isEmpty {
            sentence += " Or \(selector.functions.joined(separator: ", ")) returned nothing for the samples it got: "
                + "rate and the like need two samples within their range."
        }
        return [sentence]
    }

    private static func list(_ items: [String]?, prefix: String) -> String {
        guard let items, !items.isEmpty else { return "" }
        return prefix + items.joined(separator: ", ")
    }

    /// Returns up to `limit` values, the closest to `reference` by edit distance first, else in the
    /// order given.
    static func closest(_ values: [String], to reference: String?, limit: Int) -> [String] {
        guard let reference else { return Array(values.prefix(limit)) }
        let wanted = reference.lowercased()
        return values.map { (editDistance($0.lowercased(), wanted, limit: Int.max), $0) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .prefix(limit).map(\.1)
    }

    /// Returns the Levenshtein distance between the UTF-8 bytes of `a` and `b`, or `limit + 1` as
    /// soon as it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        if abs(left.count - right.count) > limit { return limit == Int.max ? limit : limit + 1 }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for (i, leftByte) in left.enumerated() {
            current[0] = i + 1
            var rowMinimum = current[0]
            for (j, rightByte) in right.enumerated() {
                let substitution = previous[j] + (leftByte == rightByte ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
                rowMinimum = min(rowMinimum, current[j + 1])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    private static func rethrowCancellation(_ error: any Error) throws {
        if error is CancellationError { throw error }
        if case PrometheusError.transport(.cancelled) = error { throw error }
    }

    private static func describe(_ error: any Error) -> String {
        (error as? PrometheusError)?.description ?? "\(error)"
    }
}
