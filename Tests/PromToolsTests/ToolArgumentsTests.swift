import Foundation
import PromLambdaCore
import Testing
@testable import PromTools

@Suite struct ToolArgumentsTests {
    func failure(_ body: () throws(ToolFailure) -> Void) -> ToolFailure? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func missingRequiredNamesField() throws {
        let arguments = try ToolArguments(["time": "now"], tool: "query", allowed: ["query", "time"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.requiredString("query", maxLength: 10) }
        #expect(error?.field == "query")
        #expect(error?.message == "Missing required argument \"query\" for query.")
    }

    @Test func wrongTypeNamesType() throws {
        let arguments = try ToolArguments(["query": 5], tool: "query", allowed: ["query"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.requiredString("query", maxLength: 10) }
        #expect(error?.message == "Argument \"query\" must be a string, not number.")
    }

    @Test func unknownArgumentRejected() {
        let error = failure { () throws(ToolFailure) in _ = try ToolArguments(["qurey": "up"], tool: "query", allowed: ["query", "time"]) }
        #expect(error?.field == "qurey")
        #expect(error?.message == "Unknown argument \"qurey\" for query. Accepted arguments: query, time.")
    }

    @Test func nonObjectRejected() {
        let error = failure { () throws(ToolFailure) in _ = try ToolArguments(["up"], tool: "query", allowed: ["query"]) }
        #expect(error?.message == "The arguments of query must be a JSON object, not array.")
    }

    @Test func numberAsStringAccepted() throws {
        let arguments = try ToolArguments(["limit": "25"], tool: "list_metrics", allowed: ["limit"])
        #expect(try arguments.optionalInt("limit", range: 1...100) == 25)
    }

    @Test func integerOutOfRangeRejected() throws {
        let arguments = try ToolArguments(["limit": 0], tool: "list_metrics", allowed: ["limit"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.optionalInt("limit", range: 1...100) }
        #expect(error?.message == "Argument \"limit\" is 0; it must be between 1 and 100.")
    }

    @Test func fractionalIntegerRejected() throws {
        let arguments = try ToolArguments(["limit": 2.5], tool: "list_metrics", allowed: ["limit"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.optionalInt("limit", range: 1...100) }
        #expect(error?.message == "Argument \"limit\" must be a whole number, not 2.5.")
    }

    @Test func emptyStringRejected() throws {
        let arguments = try ToolArguments(["query": "  "], tool: "query", allowed: ["query"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.requiredString("query", maxLength: 10) }
        #expect(error?.message == "Argument \"query\" must not be empty.")
    }

    @Test func tooLongStringRejected() throws {
        let arguments = try ToolArguments(["query": "abcdefghijk"], tool: "query", allowed: ["query"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.requiredString("query", maxLength: 10) }
        #expect(error?.message == "Argument \"query\" is 11 bytes long; the maximum is 10.")
    }

    @Test func timeAsNumberIsUnixSeconds() throws {
        let arguments = try ToolArguments(["time": 1_767_225_600], tool: "query", allowed: ["time"])
        #expect(try arguments.optionalTime("time", now: Date())?.timeIntervalSince1970 == 1_767_225_600)
    }

    @Test func timeInMillisecondsRejected() throws {
        let arguments = try ToolArguments(["time": 1_767_225_600_000], tool: "query", allowed: ["time"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.optionalTime("time", now: Date()) }
        #expect(error?.field == "time")
        #expect(error?.message.contains("milliseconds") == true)
    }

    @Test func boolFromString() throws {
        let arguments = try ToolArguments(["include_config": "true"], tool: "server_info", allowed: ["include_config"])
        #expect(try arguments.optionalBool("include_config") == true)
    }

    @Test func nullTreatedAsAbsent() throws {
        let arguments = try ToolArguments(["time": nil], tool: "query", allowed: ["time"])
        #expect(try arguments.optionalTime("time", now: Date()) == nil)
    }

    @Test(arguments: [JSONValue.number(1e20), .number(-1e19), .string("99999999999999999999"), .number(9.3e18)])
    func hugeIntegerRejected(value: JSONValue) throws {
        let arguments = try ToolArguments(["limit": value], tool: "list_metrics", allowed: ["limit"])
        let error = failure { () throws(ToolFailure) in _ = try arguments.optionalInt("limit", range: 1...Int(Int64.max / 2)) }
        #expect(error?.field == "limit")
        #expect(error?.message.contains("it must be between 1 and") == true)
    }
}
