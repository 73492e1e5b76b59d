import Foundation

/// The configuration and rule files that ``TestPrometheus`` writes, and the names they define.
///
/// Besides the backfilled ``SampleData``, the server scrapes itself and evaluates one rule group,
/// so that the targets, metadata, rules and alerts endpoints have content:
/// - Job `prometheus` scrapes `127.0.0.1:<port>` every second. Its samples carry wall-clock
///   timestamps, far after the fixed window, so queries inside the window never see them. Queries
///   without a time range, such as `/api/v1/labels` with no `start`, do see them.
/// - Rule group `demo` contains a recording rule and an alert on `vector(1)`, which is firing from
///   the first evaluation on, within about a second of start-up.
extension TestPrometheus {
    /// The job name of the self-scrape, the only active target.
    public static let selfScrapeJob = "prometheus"
    /// Seconds between two self-scrapes and between two rule evaluations.
    public static let scrapeAndEvaluationInterval = 1
    /// The name of the one rule group.
    public static let ruleGroupName = "demo"
    /// The recording rule, which records `sum by (method, status) (rate(demo_http_requests_total[5m]))`.
    /// It returns no samples because it is evaluated at wall-clock time, after the fixed window.
    public static let recordingRuleName = "demo:http_requests:rate5m"
    /// The alerting rule, `vector(1)` with label `severity="none"`.
    public static let alertName = "DemoAlwaysFiring"

    static let configurationFileName = "prometheus.yml"
    static let rulesFileName = "rules.yml"
    static let openMetricsFileName = "data.om"

    /// Returns the contents of `prometheus.yml` for a server listening on `port`.
    static func configurationText(port: Int) -> String {
        """
        # Written by TestSupport.TestPrometheus. The self-scrape below is the only live data.
        global:
          scrape_interval: \(scrapeAndEvaluationInterval)s
          scrape_timeout: \(scrapeAndEvaluationInterval)s
          evaluation_interval: \(scrapeAndEvaluationInterval)s
        rule_files:
          - \(rulesFileName)
        scrape_configs:
          - job_name: \(selfScrapeJob)
            static_configs:
              - targets: ["127.0.0.1:\(port)"]

        """
    }

    /// The contents of `rules.yml`.
    static let rulesText = """
        groups:
          - name: \(ruleGroupName)
            rules:
              - record: \(recordingRuleName)
                expr: sum by (method, status) (rate(\(SampleData.requestsMetric)[5m]))
              - alert: \(alertName)
                expr: vector(1)
                labels:
                  severity: none
                annotations:
                  summary: Fires from the first rule evaluation on, so the alerts endpoint is never empty.

        """
}
