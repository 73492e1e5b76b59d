import Foundation
import HTTPTransport
import PromLambdaCore

/// A client for the Prometheus HTTP API (`/api/v1`), for Prometheus and the servers that speak its
/// API: Thanos, Mimir, Cortex, VictoriaMetrics and Amazon Managed Service for Prometheus.
///
/// The client knows nothing of authentication: AMP's SigV4 signing arrives as an `HTTPClient` that
/// signs. It never retries on its own either; pass a `RetryingHTTPClient` for that, which leaves
/// 400 and 422 alone. Safe to share between tasks.
public struct PrometheusClient: Sendable {
    /// The server root, such as `http://127.0.0.1:9090`. A trailing `/api/v1`, as AMP's
    /// `prometheusEndpoint` has, is removed.
    public let baseURL: URL
    public var http: any HTTPClient
    public var options: Options

    public struct Options: Sendable {
        /// Requests whose encoded parameters exceed this many bytes go as a POST form body. Prometheus
        /// itself accepts about 1 MB of URL, but proxies in front of it often stop at 8 KB.
        public var postThresholdBytes: Int
        /// The largest response body read, in bytes.
        public var maxResponseBytes: Int
        /// The timeout of each HTTP request, in seconds.
        public var requestTimeout: Double
        /// Headers added to every request, such as `X-Scope-OrgID` for Mimir or Cortex.
        public var headers: [(String, String)]

        public init(postThresholdBytes: Int = 8_000, maxResponseBytes: Int = 64 << 20, requestTimeout: Double = 30,
                    headers: [(String, String)] = []) {
            self.postThresholdBytes = postThresholdBytes
            self.maxResponseBytes = maxResponseBytes
            self.requestTimeout = requestTimeout
            self.headers = headers
        }
    }

    public init(baseURL: URL, http: any HTTPClient, options: Options = Options()) {
        self.baseURL = Self.stripAPIPrefix(baseURL)
        self.http = http
        self.options = options
    }

    static func stripAPIPrefix(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(PrometheusEndpoint.apiPrefix) { path.removeLast(PrometheusEndpoint.apiPrefix.count) }
        components.percentEncodedPath = path
        components.query = nil
        return components.url ?? url
    }
}

// MARK: - Endpoints

extension PrometheusClient {
    /// Evaluates an instant query. `timeout` is Prometheus' own evaluation timeout, in seconds.
    ///
    /// The whole result is decoded; ``streamQuery(_:time:timeout:extraParameters:into:)`` reads it a
    /// series at a time instead.
    public func query(_ query: String, time: Date? = nil, timeout: Double? = nil,
                      extraParameters: QueryParameters = QueryParameters()) async throws -> APIResponse<QueryResult> {
        var collector = QueryResultCollector()
        let response = try await streamQuery(query, time: time, timeout: timeout, extraParameters: extraParameters,
                                             into: &collector)
        return APIResponse(data: try collector.result(response), warnings: response.warnings, infos: response.infos,
                           status: response.status)
    }

    /// Evaluates a range query from `start` to `end` every `step` seconds.
    public func queryRange(_ query: String, start: Date, end: Date, step: Double, timeout: Double? = nil,
                           extraParameters: QueryParameters = QueryParameters()) async throws
        -> APIResponse<QueryResult>
    {
        var collector = QueryResultCollector()
        let response = try await streamQueryRange(query, start: start, end: end, step: step, timeout: timeout,
                                                  extraParameters: extraParameters, into: &collector)
        return APIResponse(data: try collector.result(response), warnings: response.warnings, infos: response.infos,
                           status: response.status)
    }

    static func queryParameters(_ query: String, time: Date?, timeout: Double?,
                                extra: QueryParameters) -> QueryParameters {
        var parameters = QueryParameters()
        parameters.append(PrometheusParameter.query, query)
        parameters.append(PrometheusParameter.time, time.map(Self.formatTime))
        parameters.append(PrometheusParameter.timeout, timeout.map(Self.formatSeconds))
        for item in extra.items { parameters.append(item.name, item.value) }
        return parameters
    }

    static func rangeParameters(_ query: String, start: Date, end: Date, step: Double, timeout: Double?,
                                extra: QueryParameters) -> QueryParameters {
        var parameters = QueryParameters()
        parameters.append(PrometheusParameter.query, query)
        parameters.append(PrometheusParameter.start, Self.formatTime(start))
        parameters.append(PrometheusParameter.end, Self.formatTime(end))
        parameters.append(PrometheusParameter.step, Self.formatSeconds(step))
        parameters.append(PrometheusParameter.timeout, timeout.map(Self.formatSeconds))
        for item in extra.items { parameters.append(item.name, item.value) }
        return parameters
    }

    /// Lists label names, optionally only those of series that match any of `matches`.
    public func labelNames(matches: [String] = [], start: Date? = nil, end: Date? = nil) async throws
        -> APIResponse<[String]>
    {
        try await call(PrometheusEndpoint.labels, Self.seriesSelection(matches, start, end), allowPOST: true)
    }

    /// Lists the values of one label; `__name__` lists metric names. AMP allows only GET here.
    public func labelValues(_ label: String, matches: [String] = [], start: Date? = nil, end: Date? = nil) async throws
        -> APIResponse<[String]>
    {
        try await call(PrometheusEndpoint.labelValues(label), Self.seriesSelection(matches, start, end),
                       allowPOST: false)
    }

    /// Lists the label sets of the series that match any of `matches` (at least one is required).
    public func series(matches: [String], start: Date? = nil, end: Date? = nil) async throws
        -> APIResponse<[[String: String]]>
    {
        try await call(PrometheusEndpoint.series, Self.seriesSelection(matches, start, end), allowPOST: true)
    }

    /// Returns metric metadata by metric name. AMP allows only GET here.
    public func metadata(metric: String? = nil, limit: Int? = nil) async throws
        -> APIResponse<[String: [MetricMetadata]]>
    {
        var parameters = QueryParameters()
        parameters.append(PrometheusParameter.metric, metric)
        parameters.append(PrometheusParameter.limit, limit.map(String.init))
        return try await call(PrometheusEndpoint.metadata, parameters, allowPOST: false)
    }

    /// Lists scrape targets; `state` is `active`, `dropped` or `any`.
    public func targets(state: String? = nil) async throws -> APIResponse<TargetsResult> {
        var parameters = QueryParameters()
        parameters.append(PrometheusParameter.state, state)
        return try await call(PrometheusEndpoint.targets, parameters, allowPOST: false)
    }

    public func buildInfo() async throws -> APIResponse<[String: JSONValue]> {
        try await call(PrometheusEndpoint.buildInfo, QueryParameters(), allowPOST: false)
    }

    public func runtimeInfo() async throws -> APIResponse<[String: JSONValue]> {
        try await call(PrometheusEndpoint.runtimeInfo, QueryParameters(), allowPOST: false)
    }

    public func flags() async throws -> APIResponse<[String: String]> {
        try await call(PrometheusEndpoint.flags, QueryParameters(), allowPOST: false)
    }

    public func config() async throws -> APIResponse<ConfigResult> {
        try await call(PrometheusEndpoint.config, QueryParameters(), allowPOST: false)
    }

    static func seriesSelection(_ matches: [String], _ start: Date?, _ end: Date?) -> QueryParameters {
        var parameters = QueryParameters()
        for match in matches { parameters.append(PrometheusParameter.match, match) }
        parameters.append(PrometheusParameter.start, start.map(formatTime))
        parameters.append(PrometheusParameter.end, end.map(formatTime))
        return parameters
    }
}

// MARK: - Formatting

extension PrometheusClient {
    /// Formats a time as Unix seconds with millisecond precision, the resolution Prometheus keeps.
    public static func formatTime(_ date: Date) -> String {
        formatSeconds(date.timeIntervalSince1970)
    }

    /// Formats seconds without a trailing `.0` and with at most three decimals.
    public static func formatSeconds(_ seconds: Double) -> String {
        let milliseconds = (seconds * 1000).rounded()
        if milliseconds.truncatingRemainder(dividingBy: 1000) == 0 {
            return String(Int64(milliseconds / 1000))
        }
        // Integer arithmetic instead of `String(format:)` and a regular expression: this runs for
        // every request that carries a time or a timeout.
        let total = Int64(milliseconds)
        var fraction = String(total.magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (total < 0 ? "-" : "") + String(total.magnitude / 1000) + "." + fraction
    }
}
