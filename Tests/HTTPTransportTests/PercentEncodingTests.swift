import Foundation
import Testing
@testable import HTTPTransport

@Suite struct PercentEncodingTests {
    @Test func encodeKeepsOnlyUnreservedRaw() {
        #expect(PercentEncoding.encode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(PercentEncoding.encode("a b") == "a%20b")
        #expect(PercentEncoding.encode("1+1") == "1%2B1")
        #expect(PercentEncoding.encode("/=&?") == "%2F%3D%26%3F")
        #expect(PercentEncoding.encode("ሴ") == "%E1%88%B4")
    }

    @Test func decodeRoundTripsPromQL() {
        let query = #"sum(rate(x{a=~"b+", c!~"ü.*"}[5m])) + 1"#
        #expect(PercentEncoding.decode(PercentEncoding.encode(query)) == query)
    }

    @Test func decodeRejectsBrokenEscape() {
        #expect(PercentEncoding.decode("%G1") == nil)
        #expect(PercentEncoding.decode("%4") == nil)
    }

    @Test func decodeFormReadsPlusAsSpace() {
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentEncoding.decode("a+b") == "a+b")
    }

    @Test func queryParametersKeepRepeatedNames() {
        var parameters = QueryParameters()
        parameters.append("match[]", "up")
        parameters.append("match[]", #"{job="x"}"#)
        #expect(parameters.encoded == "match%5B%5D=up&match%5B%5D=%7Bjob%3D%22x%22%7D")
        #expect(QueryParameters.parse(parameters.encoded) == parameters)
    }

    @Test func urlAppendingPathAndQuery() throws {
        let base = try #require(URL(string: "http://127.0.0.1:9090/prefix/"))
        let url = base.appending(path: "/api/v1/query", query: QueryParameters([("query", "1+1")]))
        #expect(url?.absoluteString == "http://127.0.0.1:9090/prefix/api/v1/query?query=1%2B1")
    }
}
