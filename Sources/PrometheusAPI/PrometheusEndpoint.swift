/// Paths of the Prometheus HTTP API, relative to the server's base URL.
///
/// See https://prometheus.io/docs/prometheus/latest/querying/api/.
public enum PrometheusEndpoint {
    public static let query = "/api/v1/query"
    public static let queryRange = "/api/v1/query_range"
    public static let labels = "/api/v1/labels"
    public static let series = "/api/v1/series"
    public static let metadata = "/api/v1/metadata"
    public static let targets = "/api/v1/targets"
    public static let buildInfo = "/api/v1/status/buildinfo"
    public static let runtimeInfo = "/api/v1/status/runtimeinfo"
    public static let flags = "/api/v1/status/flags"
    public static let config = "/api/v1/status/config"

    /// Returns the path that lists the values of one label; `__name__` lists metric names.
    public static func labelValues(_ label: String) -> String {
        "/api/v1/label/\(label)/values"
    }

    /// The API prefix that base URLs such as AMP's `prometheusEndpoint` may already end with.
    public static let apiPrefix = "/api/v1"
}

/// Query parameter names of the Prometheus HTTP API.
public enum PrometheusParameter {
    public static let query = "query"
    public static let time = "time"
    public static let start = "start"
    public static let end = "end"
    public static let step = "step"
    public static let timeout = "timeout"
    public static let match = "match[]"
    public static let limit = "limit"
    public static let metric = "metric"
    public static let state = "state"
}
