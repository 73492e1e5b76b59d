// shaping-memory: measures the peak resident memory of shaping one large query response.
//
// Each run handles one response in a fresh process and prints one line of KEY=VALUE pairs:
// the response size, the resident set size (VmRSS) before the call, and the peak (VmHWM) during
// it, all read from /proc/self/status. The peak is reset through /proc/self/clear_refs after the
// response body is built, so it covers the call alone. Linux only.

import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore
import PromTools
import TestSupport

let usage = """
    Usage: shaping-memory synthetic [--series N] [--points N] [--tool range_query|query] [--format F]
                                    [--max-bytes N] [--path tool|client]
           shaping-memory real [--size small|medium|large] [--format F] [--max-bytes N] [--path tool|fetch]

    synthetic  builds a matrix body like Prometheus' (N series of P points; a vector when --tool
               is query) in memory, then shapes it: through the tool (default) or through
               PrometheusClient.queryRange alone (--path client).
    real       starts the test Prometheus of --size (default large) on 127.0.0.1 and runs
               range_query demo_wide_gauge over the whole window at the data's sample interval,
               or only fetches the same response through URLSessionHTTPClient (--path fetch).

    """

/// Reads one `kB` field of /proc/self/status, in bytes.
func statusBytes(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
        return (Int(String(digits)) ?? -1) * 1024
    }
    return -1
}

/// Resets VmHWM to the current RSS (Linux 4.0 and later).
func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f", Double(bytes) / 1_048_576)
}

/// Returns the same response to every request.
struct CannedHTTPClient: HTTPClient {
    let response: HTTPResponse
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
}

/// Builds a Prometheus response body: a matrix of `series` series with `points` samples each, or
/// a vector of `series` series when `vector` is set.
func syntheticBody(series: Int, points: Int, vector: Bool) -> Data {
    var bytes = [UInt8]()
    bytes.reserveCapacity(vector ? series * 110 : series * (90 + points * 22))
    bytes += Array(#"{"status":"success","data":{"resultType":"\#(vector ? "vector" : "matrix")","result":["#.utf8)
    for index in 0..<series {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes += Array(#"{"metric":{"__name__":"bench_gauge","instance":"host-\#(index % 97):9100","series":"\#(index)"},"#.utf8)
        if vector {
            bytes += Array(#""value":[1767229200,"\#(index * 10 + index % 7)"]}"#.utf8)
            continue
        }
        bytes += Array(#""values":["#.utf8)
        for point in 0..<points {
            if point > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += Array(#"[\#(1_767_225_600 + point * 15),"\#(index * 10 + point % 10)"]"#.utf8)
        }
        bytes += Array("]}".utf8)
    }
    bytes += Array("]}}".utf8)
    return Data(bytes)
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func toolArguments(tool: String, format: String?, maxBytes: String?) -> JSONValue {
    var object: [String: JSONValue] = ["query": "bench_gauge"]
    if tool == "range_query" {
        object["start"] = "2026-01-01T00:00:00Z"
        object["end"] = "2026-01-01T02:00:00Z"
        object["step"] = "15s"
    } else {
        object["time"] = "2026-01-01T01:00:00Z"
    }
    if let format { object["format"] = .string(format) }
    if let maxBytes { object["max_bytes"] = .string(maxBytes) }
    return .object(object)
}

func runSynthetic(_ arguments: [String]) async throws {
    let series = Int(option("series", in: arguments) ?? "") ?? 20_000
    let points = Int(option("points", in: arguments) ?? "") ?? 120
    let tool = option("tool", in: arguments) ?? "range_query"
    let path = option("path", in: arguments) ?? "tool"
    let rssBeforeBody = statusBytes("VmRSS")
    let body = syntheticBody(series: series, points: points, vector: tool == "query")
    let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    let http = CannedHTTPClient(response: response)
    let baseURL = URL(string: "http://127.0.0.1:9")!

    resetPeak()
    let rssBefore = statusBytes("VmRSS")
    let started = ContinuousClock.now
    var summary = ""
    if path == "client" {
        let client = PrometheusClient(baseURL: baseURL, http: http)
        let result = try await client.queryRange("bench_gauge", start: Date(timeIntervalSince1970: 1_767_225_600),
                                                 end: Date(timeIntervalSince1970: 1_767_232_800), step: 15)
        if case .matrix(let decoded) = result.data { summary = "decodedSeries=\(decoded.count)" }
    } else {
        let connector = StaticPrometheusConnector(baseURL: baseURL, http: http, retryPolicy: .none)
        let toolbox = PrometheusToolbox(environment: ToolEnvironment(connector: connector))
        let output = await toolbox.call(name: tool, arguments: toolArguments(tool: tool, format: option("format", in: arguments),
                                                                             maxBytes: option("max-bytes", in: arguments)),
                                        context: ToolCallContext())
        summary = "isError=\(output.isError) resultBytes=\(output.structured.encodedData().count)"
    }
    let elapsed = ContinuousClock.now - started
    let peak = statusBytes("VmHWM")
    print("mode=synthetic path=\(path) tool=\(tool) series=\(series) points=\(points) "
          + "bodyMB=\(megabytes(body.count)) rssBeforeBodyMB=\(megabytes(rssBeforeBody)) "
          + "rssBeforeCallMB=\(megabytes(rssBefore)) peakMB=\(megabytes(peak)) "
          + "peakOverBody=\(String(format: "%.2f", Double(peak) / Double(body.count))) "
          + "peakAboveBaselineOverBody=\(String(format: "%.2f", Double(peak - rssBeforeBody) / Double(body.count))) "
          + "milliseconds=\(Int(elapsed / .milliseconds(1))) \(summary)")
}

func runReal(_ arguments: [String]) async throws {
    let size = SampleData.Size(rawValue: option("size", in: arguments) ?? "large") ?? .large
    let data = SampleData(size: size)
    let server = try await TestPrometheus.start(data: data)
    defer { server.stop() }
    let step = "\(data.wideStep)s"
    var toolArguments: [String: JSONValue] = [
        "query": "demo_wide_gauge", "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T01:59:45Z", "step": .string(step),
    ]
    if let format = option("format", in: arguments) { toolArguments["format"] = .string(format) }
    if let maxBytes = option("max-bytes", in: arguments) { toolArguments["max_bytes"] = .string(maxBytes) }

    var components = URLComponents(url: server.url.appendingPathComponent("api/v1/query_range"), resolvingAgainstBaseURL: false)!
    components.queryItems = [URLQueryItem(name: "query", value: "demo_wide_gauge"),
                             URLQueryItem(name: "start", value: "1767225600"), URLQueryItem(name: "end", value: "1767232785"),
                             URLQueryItem(name: "step", value: String(data.wideStep))]
    let request = HTTPRequest(url: components.url!, maxResponseBytes: 1 << 30)
    let path = option("path", in: arguments) ?? "tool"

    let connector = StaticPrometheusConnector(baseURL: server.url, http: URLSessionHTTPClient(), retryPolicy: .none)
    let toolbox = PrometheusToolbox(environment: ToolEnvironment(connector: connector))
    resetPeak()
    let rssBefore = statusBytes("VmRSS")
    let started = ContinuousClock.now
    var summary = ""
    if path == "fetch" {
        // The HTTP request alone, through the same client, for the memory the transport takes.
        let response = try await URLSessionHTTPClient().send(request)
        summary = "fetchedBytes=\(response.body.count)"
    } else {
        let output = await toolbox.call(name: "range_query", arguments: .object(toolArguments), context: ToolCallContext())
        summary = "isError=\(output.isError) resultBytes=\(output.structured.encodedData().count)"
    }
    let elapsed = ContinuousClock.now - started
    let peak = statusBytes("VmHWM")

    // The body size, fetched after the measured call so that it does not raise the peak.
    let raw = try await URLSessionHTTPClient().send(request)
    print("mode=real path=\(path) size=\(size.rawValue) bodyMB=\(megabytes(raw.body.count)) "
          + "rssBeforeCallMB=\(megabytes(rssBefore)) peakMB=\(megabytes(peak)) "
          + "peakAboveBaselineOverBody=\(String(format: "%.2f", Double(peak - rssBefore) / Double(raw.body.count))) "
          + "milliseconds=\(Int(elapsed / .milliseconds(1))) \(summary)")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "synthetic": try await runSynthetic(arguments)
    case "real": try await runReal(arguments)
    default:
        FileHandle.standardError.write(Data(usage.utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("shaping-memory failed: \(error)\n".utf8))
    exit(1)
}
