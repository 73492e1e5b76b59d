import PromLambdaCore

/// Example calls for `docs/tools.md`, taken from runs against the test data of `scripts/demo`
/// (Prometheus 2.42 serving 2026-01-01T00:00Z to 02:00Z); a test checks each against its tool's schemas.
extension ToolCatalog {
    static let server: JSONValue = "http://127.0.0.1:9090"

    static let examples: [String: ToolExample] = [
        "query": ToolExample(
            arguments: ["query": "sum by (status) (rate(demo_http_requests_total[5m]))", "time": "2026-01-01T01:00:00Z"],
            result: [
                "query": "sum by (status) (rate(demo_http_requests_total[5m]))", "time": "2026-01-01T01:00:00.000Z",
                "resultType": "vector", "format": "summary", "order": "value_desc",
                "series": [["labels": ["status": "200"], "value": "15"], ["labels": ["status": "500"], "value": "2.625"]],
                "totalSeries": 2, "returnedSeries": 2, "truncated": false, "warnings": [], "infos": [], "server": server,
                "size": ["bytes": 430, "estimatedTokens": 108, "budgetBytes": 32_000],
            ]),
        "range_query": ToolExample(
            arguments: ["query": #"sum(rate(demo_http_requests_total{status="500"}[5m]))"#,
                        "start": "2026-01-01T00:30:00Z", "end": "2026-01-01T01:00:00Z", "step": "10m"],
            result: [
                "query": #"sum(rate(demo_http_requests_total{status="500"}[5m]))"#,
                "start": "2026-01-01T00:30:00.000Z", "end": "2026-01-01T01:00:00.000Z", "step": 600,
                "stepSource": "requested", "resultType": "matrix", "format": "summary",
                "series": [[
                    "labels": [:],
                    "summary": ["count": 4, "first": [1_767_227_400, "2.625"], "last": [1_767_229_200, "2.625"],
                                "min": 2.625, "max": 2.625, "mean": 2.625, "trend": "flat"],
                    "points": [[1_767_227_400, "2.625"], [1_767_228_000, "2.625"], [1_767_228_600, "2.625"],
                               [1_767_229_200, "2.625"]],
                ]],
                "totalSeries": 1, "returnedSeries": 1, "totalPoints": 4, "returnedPoints": 4, "truncated": false,
                "warnings": [], "infos": [], "server": server,
                "size": ["bytes": 672, "estimatedTokens": 168, "budgetBytes": 32_000],
            ]),
        "list_metrics": ToolExample(
            arguments: ["filter": "demo_", "limit": 2],
            result: [
                "filter": "demo_", "filterMode": "substring", "format": "summary", "totalMetrics": 6,
                "matchedMetrics": 4, "offset": 0, "limit": 2,
                "metrics": [["name": "demo_http_requests_total"], ["name": "demo_special_values"]],
                "nextOffset": 2, "truncated": false, "note": "2 more match; call again with offset 2.",
                "warnings": [], "server": server,
                "size": ["bytes": 389, "estimatedTokens": 98, "budgetBytes": 32_000],
            ]),
        "label_values": ToolExample(
            arguments: ["label": "room", "match": "demo_temperature_celsius"],
            result: [
                "label": "room", "match": "demo_temperature_celsius", "format": "summary", "totalValues": 4,
                "matchedValues": 4, "offset": 0, "limit": 100, "values": ["café", "kitchen", "lab", "lab+annex"],
                "truncated": false, "warnings": [], "server": server,
                "size": ["bytes": 301, "estimatedTokens": 76, "budgetBytes": 32_000],
            ]),
        "server_info": ToolExample(
            arguments: [:],
            result: [
                "server": server,
                "build": ["version": "2.42.0+ds", "revision": "2.42.0+ds-5+deb12u1", "branch": "debian/sid",
                          "goVersion": "go1.19.8"],
                "runtime": ["startTime": "2026-12-04T20:52:54.331Z", "storageRetention": "100y", "GOMAXPROCS": 2],
                "flags": ["storage.tsdb.retention.time": "100y", "web.listen-address": "127.0.0.1:9090"],
                "unavailable": [], "truncated": false,
                "size": ["bytes": 419, "estimatedTokens": 105, "budgetBytes": 32_000],
            ]),
        "find_workspace": ToolExample(
            arguments: ["workspace_alias": "prod", "region": "us-east-1"],
            result: [
                "region": "us-east-1",
                "workspace": [
                    "workspaceId": "ws-12345678-abcd-1234-abcd-123456789012", "alias": "prod", "status": "ACTIVE",
                    "arn": "arn:aws:aps:us-east-1:123456789012:workspace/ws-12345678-abcd-1234-abcd-123456789012",
                    "region": "us-east-1", "createdAt": "2025-06-01T12:00:00Z",
                    "prometheusEndpoint":
                        "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-12345678-abcd-1234-abcd-123456789012/api/v1/",
                ],
                "truncated": false,
                "size": ["bytes": 484, "estimatedTokens": 121, "budgetBytes": 32_000],
            ]),
    ]
}
