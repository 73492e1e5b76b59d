import Foundation
import PromLambdaCore
import Testing
@testable import HTTPTransport

/// ``SocketHTTPClient`` against ``ScriptedTCPServer``, for framings, failures and connection reuse
/// that a real Prometheus does not produce on demand.
@Suite struct SocketHTTPClientProtocolTests {
    private static func url(_ server: ScriptedTCPServer, _ path: String = "/api/v1/query?query=up") throws -> URL {
        try #require(URL(string: "http://127.0.0.1:\(server.port)\(path)"))
    }

    private static let okResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"

    /// Serves every request on the connection with `response`.
    private static func serveAll(_ response: String) -> @Sendable (ServerConnection) -> Void {
        { connection in
            while connection.readRequest() != nil { connection.write(response) }
        }
    }

    @Test func requestHeadFields() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(Self.okResponse))
        let client = SocketHTTPClient(userAgent: "promlambda-test")
        var request = HTTPRequest(method: .post, url: try Self.url(server, "/api/v1/query"))
        request.headers.add("Content-Type", "application/x-www-form-urlencoded")
        request.headers.add("Accept-Encoding", "gzip")
        request.body = Data("query=up".utf8)

        _ = try await client.send(request)

        let head = try #require(server.requestHeads.first)
        let lines = head.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "POST /api/v1/query HTTP/1.1")
        #expect(lines.contains("Host: 127.0.0.1:\(server.port)"))
        #expect(lines.contains("Content-Length: 8"))
        #expect(lines.contains("Connection: keep-alive"))
        #expect(lines.contains("Accept-Encoding: identity"))
        #expect(!lines.contains("Accept-Encoding: gzip"))
        #expect(lines.contains("User-Agent: promlambda-test"))
        #expect(lines.contains("Content-Type: application/x-www-form-urlencoded"))
    }

    @Test(arguments: [false, true])
    func defaultUserAgentNamesVersion(throughURLSession: Bool) async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(Self.okResponse))
        let client: any HTTPClient = throughURLSession ? URLSessionHTTPClient() : SocketHTTPClient()

        _ = try await client.send(HTTPRequest(url: try Self.url(server)))

        let head = try #require(server.requestHeads.first)
        let lines = head.split(separator: "\r\n").map(String.init)
        #expect(lines.contains("User-Agent: promlambda/\(PromLambdaVersion.current)"))
    }

    @Test func getPathAndQueryKept() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(Self.okResponse))
        let url = try Self.url(server, "/prefix/api/v1/query?query=sum%20by%20%28job%29%20%28up%29&time=1")

        let response = try await SocketHTTPClient().send(HTTPRequest(url: url))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        let head = try #require(server.requestHeads.first)
        #expect(head.hasPrefix("GET /prefix/api/v1/query?query=sum%20by%20%28job%29%20%28up%29&time=1 HTTP/1.1\r\n"))
        #expect(!head.contains("Content-Length"))
    }

    @Test func headerWithLineBreakRejected() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(Self.okResponse))
        var request = HTTPRequest(url: try Self.url(server))
        request.headers.add("X-Scope-OrgID", "tenant\r\nX-Injected: 1")

        await #expect(throws: HTTPTransportError.invalidRequest(
            url: try Self.url(server, "/api/v1/query").absoluteString,
            reason: HTTP1MessageError.invalidRequestHeader(name: "X-Scope-OrgID").description)) {
            try await SocketHTTPClient().send(request)
        }
        #expect(server.acceptedCount == 0)
    }

    @Test func chunkedBodyWithTrailers() async throws {
        let response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
        let server = try ScriptedTCPServer(script: Self.serveAll(response))
        let client = SocketHTTPClient()

        let first = try await client.send(HTTPRequest(url: try Self.url(server)))
        let second = try await client.send(HTTPRequest(url: try Self.url(server)))

        #expect(String(decoding: first.body, as: UTF8.self) == "hello world")
        #expect(String(decoding: second.body, as: UTF8.self) == "hello world")
        #expect(first.headers["X-Checksum"] == nil)
        #expect(server.acceptedCount == 1)
    }

    @Test func repeatedHeadersKeptInOrder() async throws {
        let response = "HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nX-Folded: one\r\n two\r\n"
            + "Content-Length: 0\r\n\r\n"
        let server = try ScriptedTCPServer(script: Self.serveAll(response))

        let result = try await SocketHTTPClient().send(HTTPRequest(url: try Self.url(server)))

        let cookies = result.headers.fields.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
        #expect(cookies == ["a=1", "b=2"])
        #expect(result.headers["SET-COOKIE"] == "a=1")
        #expect(result.headers["x-folded"] == "one two")
    }

    @Test func interimResponsesSkipped() async throws {
        let response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + Self.okResponse
        let server = try ScriptedTCPServer(script: Self.serveAll(response))

        let result = try await SocketHTTPClient().send(HTTPRequest(url: try Self.url(server)))

        #expect(result.status == 200)
        #expect(String(decoding: result.body, as: UTF8.self) == "ok")
    }

    @Test(arguments: [
        (HTTPMethod.head, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n"),
        (HTTPMethod.get, "HTTP/1.1 204 No Content\r\nContent-Length: 50\r\n\r\n"),
        (HTTPMethod.get, "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n"),
    ])
    func responsesWithoutBody(method: HTTPMethod, response: String) async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(response))
        let client = SocketHTTPClient()

        let first = try await client.send(HTTPRequest(method: method, url: try Self.url(server)))
        let second = try await client.send(HTTPRequest(method: method, url: try Self.url(server)))

        #expect(first.body.isEmpty)
        #expect(second.body.isEmpty)
        #expect(server.acceptedCount == 1)
    }

    @Test func bodyUntilClose() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it")
        }
        let client = SocketHTTPClient()

        let result = try await client.send(HTTPRequest(url: try Self.url(server)))

        #expect(String(decoding: result.body, as: UTF8.self) == "all of it")
        #expect(client.pool.take(host: "127.0.0.1", port: server.port) == nil)
    }

    @Test func connectionCloseHonoured() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
            connection.waitForClientClose()
        }
        let client = SocketHTTPClient()

        _ = try await client.send(HTTPRequest(url: try Self.url(server)))
        _ = try await client.send(HTTPRequest(url: try Self.url(server)))

        #expect(server.acceptedCount == 2)
    }

    @Test func bodyCutShort() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
        }
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.connectionFailed(
            url: url.redactedForDisplay,
            reason: HTTP1MessageError.truncatedBody(received: 10, expected: 100).description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    @Test func chunkedBodyCutShort() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        }
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.connectionFailed(
            url: url.redactedForDisplay,
            reason: HTTP1MessageError.truncatedBody(received: 5, expected: nil).description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    /// The server reads the second request and closes without a response, as a server does when its
    /// idle timeout fires while the request is on its way.
    @Test func idleConnectionClosedRetriedOnce() async throws {
        // The first connection serves one request, then reads the next and closes without a
        // response. The retry opens a second connection, which serves it.
        let server = try ScriptedTCPServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write(Self.okResponse)
            connection.readRequest()
        }
        let client = SocketHTTPClient()
        _ = try await client.send(HTTPRequest(url: try Self.url(server)))

        let second = try await client.send(HTTPRequest(url: try Self.url(server)))

        #expect(second.status == 200)
        #expect(server.acceptedCount == 2)
        #expect(server.requestHeads.count == 3)
        #expect(client.pool.openedCount.load(ordering: .relaxed) == 2)
    }

    @Test func idleConnectionHangupSkipped() async throws {
        let server = try ScriptedTCPServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write(Self.okResponse)
        }
        let client = SocketHTTPClient()
        _ = try await client.send(HTTPRequest(url: try Self.url(server)))

        // Whether the pool detects the hang-up first or the retry handles it, the request succeeds.
        let second = try await client.send(HTTPRequest(url: try Self.url(server)))

        #expect(second.status == 200)
        #expect(server.acceptedCount == 2)
    }

    @Test func failureOnFreshConnectionNotRetried() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
        }
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.connectionFailed(url: url.redactedForDisplay,
                                                                  reason: SocketError.closedByPeer.description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
        #expect(server.acceptedCount == 1)
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n" + String(repeating: "x", count: 101),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "x", count: 64)
            + "\r\n40\r\n" + String(repeating: "x", count: 64) + "\r\n0\r\n\r\n",
        "HTTP/1.0 200 OK\r\n\r\n" + String(repeating: "x", count: 101),
    ])
    func responseOverSizeLimit(response: String) async throws {
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            connection.write(response)
        }
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.responseTooLarge(url: url.redactedForDisplay, limit: 100)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url, maxResponseBytes: 100))
        }
    }

    @Test func responseAtSizeLimitAccepted() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100)))

        let result = try await SocketHTTPClient().send(HTTPRequest(url: try Self.url(server), maxResponseBytes: 100))

        #expect(result.body.count == 100)
    }

    @Test func silentServerTimesOut() async throws {
        let server = try ScriptedTCPServer { connection in
            connection.waitForClientClose()
        }
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.timedOut(url: url.redactedForDisplay, seconds: 0.2)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url, timeout: 0.2))
        }
    }

    @Test func cancellationEndsBlockedRequest() async throws {
        let (received, signal) = AsyncStream.makeStream(of: Void.self)
        let server = try ScriptedTCPServer { connection in
            connection.readRequest()
            signal.yield()
            connection.waitForClientClose()
        }
        let url = try Self.url(server)
        let client = SocketHTTPClient()

        let task = Task { try await client.send(HTTPRequest(url: url, timeout: nil)) }
        var iterator = received.makeAsyncIterator()
        await iterator.next()
        task.cancel()

        await #expect(throws: HTTPTransportError.cancelled(url: url.redactedForDisplay)) {
            try await task.value
        }
    }

    @Test func gzipContentEncodingRejected() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nok"))
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.invalidResponse(
            url: url.redactedForDisplay, reason: HTTP1MessageError.unsupportedContentEncoding("gzip").description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    @Test(arguments: [
        ("HTP/1.1 200 OK", HTTP1MessageError.malformedStatusLine("HTP/1.1 200 OK")),
        ("HTTP/1.1 2000 OK", HTTP1MessageError.malformedStatusLine("HTTP/1.1 2000 OK")),
        ("HTTP/1.1 OK", HTTP1MessageError.malformedStatusLine("HTTP/1.1 OK")),
        ("HTTP/1.1 200 OK\r\nno colon here", HTTP1MessageError.malformedHeaderLine("no colon here")),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2, 3", HTTP1MessageError.invalidContentLength("2, 3")),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1", HTTP1MessageError.invalidContentLength("-1")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked", HTTP1MessageError.unsupportedTransferEncoding("gzip, chunked")),
        ("HTTP/1.1 101 Switching Protocols", HTTP1MessageError.unexpectedSwitchingProtocols),
    ])
    func malformedResponseRejected(head: String, expected: HTTP1MessageError) async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(head + "\r\n\r\n"))
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.invalidResponse(url: url.redactedForDisplay,
                                                                 reason: expected.description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    @Test func malformedChunkSizeRejected() async throws {
        let server = try ScriptedTCPServer(script: Self.serveAll(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"))
        let url = try Self.url(server)

        await #expect(throws: HTTPTransportError.invalidResponse(
            url: url.redactedForDisplay, reason: HTTP1MessageError.malformedChunk("zz").description)) {
            try await SocketHTTPClient().send(HTTPRequest(url: url))
        }
    }

    @Test func concurrentRequestsOwnConnections() async throws {
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        let (releases, release) = AsyncStream.makeStream(of: Void.self)
        let gate = Gate(releases)
        let server = try ScriptedTCPServer { connection in
            while connection.readRequest() != nil {
                arrived.yield()
                gate.waitForRelease()
                connection.write(Self.okResponse)
            }
        }
        let client = SocketHTTPClient()
        let url = try Self.url(server)

        // Both requests are held at the server until both have arrived, so they overlap.
        async let first = client.send(HTTPRequest(url: url))
        async let second = client.send(HTTPRequest(url: url))
        var iterator = arrivals.makeAsyncIterator()
        await iterator.next()
        await iterator.next()
        release.yield()
        release.yield()
        let statuses = try await [first.status, second.status]

        #expect(statuses == [200, 200])
        #expect(server.acceptedCount == 2)
    }

    @Test(.enabled(if: ScriptedTCPServer.isIPv6LoopbackAvailable))
    func ipv6LiteralURL() async throws {
        let server = try ScriptedTCPServer(ipv6: true, script: Self.serveAll(Self.okResponse))
        let url = try #require(URL(string: "http://[::1]:\(server.port)/api/v1/query?query=up"))

        let result = try await SocketHTTPClient().send(HTTPRequest(url: url))

        #expect(result.status == 200)
        let head = try #require(server.requestHeads.first)
        #expect(head.contains("\r\nHost: [::1]:\(server.port)\r\n"))
    }
}

/// Blocks a server thread until the test releases it, once per release.
private final class Gate: @unchecked Sendable {
    // `@unchecked Sendable` is sound because the semaphore is thread-safe.
    private let semaphore = DispatchSemaphore(value: 0)

    init(_ releases: AsyncStream<Void>) {
        Task { [semaphore] in
            for await _ in releases { semaphore.signal() }
        }
    }

    func waitForRelease() {
        semaphore.wait()
    }
}

extension ScriptedTCPServer {
    /// Whether a socket can bind ::1, which containers without IPv6 lack.
    static var isIPv6LoopbackAvailable: Bool {
        (try? ScriptedTCPServer(ipv6: true) { _ in }) != nil
    }
}
