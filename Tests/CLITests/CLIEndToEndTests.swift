import Foundation
import PromLambdaCore
import Testing
import TestSupport

/// The `promlambda` binary against the real Prometheus 2.42: output, exit codes and messages.
@Suite struct CLIEndToEndTests {
    let evaluation = "2026-01-01T01:00:00Z"

    func run(_ arguments: [String], url: URL? = nil) throws -> Executables.Outcome {
        var environment: [String: String] = [:]
        if let url { environment["PROMETHEUS_URL"] = url.absoluteString }
        return try Executables.run(try Executables.binary("promlambda"), arguments, environment: environment)
    }

    @Test func queryPrintsTable() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", #"demo_temperature_celsius{room="lab+annex"}"#, "--time", evaluation],
                              url: server.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("vector at 2026-01-01T01:00:00.000Z: 1 series"))
        #expect(outcome.standardOutput.contains(#"demo_temperature_celsius{room="lab+annex"}  -4.75"#))
        #expect(outcome.standardError.isEmpty)
    }

    @Test func queryJSONDecodes() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", "sum(rate(demo_http_requests_total[5m]))", "--time", evaluation, "--json"],
                              url: server.url)
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        let total = SampleData.RequestSeries.all.map(\.perSecondRate).reduce(0, +)
        #expect(outcome.status == 0)
        #expect(json["series"]?.arrayValue?.first?["value"] == .string(String(format: "%g", total)))
    }

    @Test func rangeUsesURLFlag() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["range", "vector(1)", "--start", "2026-01-01T00:00:00Z", "--end", evaluation,
                               "--step", "15m", "--url", server.url.absoluteString])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("every 15m (requested step): 1 series, 5 points"))
    }

    @Test func formatOptionSelectsTable() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", "demo_temperature_celsius", "--time", evaluation, "--format", "table", "--json"],
                              url: server.url)
        let json = try JSONValue.decode(Data(outcome.standardOutput.utf8))
        #expect(outcome.status == 0)
        #expect(json["format"] == "table")
        #expect(json["table"]?.stringValue?.hasPrefix("every row: demo_temperature_celsius\nroom       VALUE\ncafé") == true)
        #expect(json["series"] == nil)
    }

    @Test func invalidFormatIsUsageError() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["range", "up", "--format", "csv"], url: server.url)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains(#"Argument "format" is "csv"; use one of: summary, raw, table."#))
    }

    @Test func labelsListsValues() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["labels", "room", "--match", "demo_temperature_celsius"], url: server.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "4 of 4 values of room on demo_temperature_celsius\ncafé\nkitchen\nlab\n"
                + "lab+annex\n")
    }

    @Test func metricsFiltered() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["metrics", "--filter", "temperature"], url: server.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("demo_temperature_celsius"))
        #expect(!outcome.standardOutput.contains("demo_wide_gauge"))
    }

    @Test func infoShowsVersion() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["info"], url: server.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("version: 2.42"))
    }

    @Test func badQueryExitsOne() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", "sum(", "--time", evaluation], url: server.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("prometheus_error (bad_data, HTTP 400)"))
        #expect(outcome.standardError.contains("parse error"))
    }

    @Test func unreachableServerExitsOne() throws {
        let outcome = try run(["query", "up"], url: URL(string: "http://127.0.0.1:1")!)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("Error: unreachable"))
    }

    @Test func missingURLIsUsageError() throws {
        let outcome = try run(["query", "up"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("Set PROMETHEUS_URL"))
    }

    @Test func invalidURLIsUsageError() throws {
        let outcome = try run(["query", "up", "--url", "ftp://example"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError == "Error: --url must be an http or https URL such as http://127.0.0.1:9090, not \"ftp://example\".\n")
    }

    @Test func unknownOptionIsUsageError() throws {
        let outcome = try run(["query", "up", "--tme", "now"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.hasPrefix("Error: Unknown option --tme for 'query'."))
    }

    @Test func missingQueryIsUsageError() throws {
        let outcome = try run(["query"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("Usage: promlambda query [options] QUERY"))
    }

    @Test func unknownCommandIsUsageError() throws {
        let outcome = try run(["qeury"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError == "Error: Unknown command 'qeury'. Run 'promlambda --help' for the list.\n")
    }

    @Test(arguments: ["query", "range", "metrics", "labels", "info", "mcp"])
    func helpOnEveryCommand(command: String) throws {
        let outcome = try run([command, "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("Usage: promlambda \(command)"))
        #expect(outcome.standardError.isEmpty)
    }

    @Test func topLevelHelp() throws {
        let outcome = try run(["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("Commands:"))
    }

    @Test func badTimeNamesValue() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", "up", "--time", "1767229200000"], url: server.url)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains(#"Invalid time "1767229200000": this looks like Unix milliseconds"#))
    }

    @Test func shortOptionIsUsageError() throws {
        let outcome = try run(["query", "up", "-c"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.hasPrefix("Error: Unknown option -c for 'query'."))
    }

    @Test func hugeMaxBytesIsUsageError() async throws {
        let server = try await TestPrometheus.shared()
        let outcome = try run(["query", "up", "--max-bytes", "99999999999999999999"], url: server.url)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains(#"Argument "max_bytes" is 99999999999999999999"#))
    }
}
