import HTTPTransport
import PrometheusAPI

/// AMP's additions to the Prometheus query API, and the header rule for AMP requests.
///
/// AMP charges queries by query samples processed (QSP). Two optional parameters of `/api/v1/query` and
/// `/api/v1/query_range` cap that per query, as the AMP QueryMetrics reference describes them:
/// - `max_samples_processed_warning_threshold`: a query past it succeeds, with a warning in the response's
///   `warnings`;
/// - `max_samples_processed_error_threshold`: a query past it is rejected with an error and not charged.
///
/// Pass them through `extraParameters`:
///
/// ```swift
/// let limits = try AMPSampleThresholds(warning: 1_000_000, error: 10_000_000)
/// let result = try await client.query("sum(rate(http_requests_total[5m]))", extraParameters: limits.queryParameters)
/// ```
public enum AMPQueryOptions {
    /// The query parameter of the warning threshold, in query samples processed.
    public static let maxSamplesProcessedWarningThreshold = "max_samples_processed_warning_threshold"
    /// The query parameter of the error threshold, in query samples processed.
    public static let maxSamplesProcessedErrorThreshold = "max_samples_processed_error_threshold"

    /// Returns `options` without any `X-Scope-OrgID` header, compared case-insensitively.
    public static func removingTenantHeader(from options: PrometheusClient.Options) -> PrometheusClient.Options {
        var copy = options
        let tenantHeader = AMPWire.Header.scopeOrgID.lowercased()
        copy.headers.removeAll { $0.0.lowercased() == tenantHeader }
        return copy
    }
}

/// The QSP thresholds of one AMP query; a `nil` threshold is not sent, which leaves the workspace's default.
public struct AMPSampleThresholds: Sendable, Equatable {
    public var warning: Int?
    public var error: Int?

    /// - Throws: ``AMPConfigurationError`` when a threshold is not positive, or the warning threshold is above
    ///   the error threshold (the warning could then never appear).
    public init(warning: Int? = nil, error: Int? = nil) throws(AMPConfigurationError) {
        for (name, value) in [("warning", warning), ("error", error)] {
            if let value, value <= 0 {
                throw AMPConfigurationError(message: "The AMP \(name) threshold of samples processed must be a "
                                            + "positive whole number, not \(value).")
            }
        }
        if let warning, let error, warning > error {
            throw AMPConfigurationError(message: "The AMP warning threshold (\(warning) samples) must not exceed "
                                        + "the error threshold (\(error) samples).")
        }
        self.warning = warning
        self.error = error
    }

    /// The parameters for `PrometheusClient.query(_:extraParameters:)` and `queryRange`, warning first.
    public var queryParameters: QueryParameters {
        var parameters = QueryParameters()
        parameters.append(AMPQueryOptions.maxSamplesProcessedWarningThreshold, warning.map(String.init))
        parameters.append(AMPQueryOptions.maxSamplesProcessedErrorThreshold, error.map(String.init))
        return parameters
    }
}
