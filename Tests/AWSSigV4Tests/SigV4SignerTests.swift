import Foundation
import HTTPTransport
import Testing
@testable import AWSSigV4

@Suite struct SigV4SignerTests {
    /// The AWS test suite's credentials and time: 2015-08-30T12:36:00Z.
    static let suiteCredentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE",
                                                 secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)

    static func signer(_ credentials: AWSCredentials = suiteCredentials, service: String = "service",
                       options: SigV4Signer.Options = SigV4Signer.Options()) -> SigV4Signer {
        SigV4Signer(credentials: credentials, region: "us-east-1", service: service, options: options)
    }

    static func request(_ url: String, method: HTTPMethod = .get, headers: [(String, String)] = [],
                        body: String = "") throws -> HTTPRequest {
        HTTPRequest(method: method, url: try #require(URL(string: url)), headers: HTTPHeaders(headers),
                    body: Data(body.utf8))
    }

    @Test func signHeadersMatchesVanillaVector() throws {
        // get-vanilla from the AWS suite, built as an HTTPRequest without a Host header: the host comes from the URL.
        let signed = try Self.signer().signHeaders(try Self.request("https://example.amazonaws.com/"), date: Self.suiteDate)
        #expect(signed.stages.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.request.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(signed.request.headers["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
            + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.request.headers["Host"] == nil)
    }

    @Test func signHeadersKeepsNonDefaultPort() throws {
        let signed = try Self.signer().signHeaders(try Self.request("http://127.0.0.1:9090/api/v1/query"),
                                                   date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.contains("\nhost:127.0.0.1:9090\n"))
    }

    @Test func signHeadersDropsDefaultPort() throws {
        let https = try Self.signer().signHeaders(try Self.request("https://example.amazonaws.com:443/"),
                                                  date: Self.suiteDate)
        let http = try Self.signer().signHeaders(try Self.request("http://example.amazonaws.com:80/"),
                                                 date: Self.suiteDate)
        #expect(https.stages.canonicalRequest.contains("\nhost:example.amazonaws.com\n"))
        #expect(http.stages.canonicalRequest.contains("\nhost:example.amazonaws.com\n"))
    }

    @Test func signHeadersBracketsIPv6Host() throws {
        let signed = try Self.signer().signHeaders(try Self.request("http://[::1]:9090/"), date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.contains("\nhost:[::1]:9090\n"))
    }

    @Test func signHeadersUsesExplicitHostHeader() throws {
        let request = try Self.request("http://127.0.0.1:9090/", headers: [("Host", "aps-workspaces.example")])
        let signed = try Self.signer().signHeaders(request, date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.contains("\nhost:aps-workspaces.example\n"))
        #expect(!signed.stages.canonicalRequest.contains("127.0.0.1"))
    }

    @Test func signHeadersSignsSessionToken() throws {
        var credentials = Self.suiteCredentials
        credentials.sessionToken = "session/token+value=="
        let request = try Self.request("https://example.amazonaws.com/", headers: [("X-Amz-Security-Token", "stale")])
        let signed = try Self.signer(credentials).signHeaders(request, date: Self.suiteDate)

        #expect(signed.request.headers.fields.filter { $0.name == "X-Amz-Security-Token" }.count == 1)
        #expect(signed.request.headers["X-Amz-Security-Token"] == "session/token+value==")
        #expect(signed.stages.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signed.stages.canonicalRequest.contains("\nx-amz-security-token:session/token+value==\n"))
    }

    @Test func signHeadersAgainReplacesAuthHeaders() throws {
        let signer = Self.signer()
        let first = try signer.signHeaders(try Self.request("https://example.amazonaws.com/"), date: Self.suiteDate)
        let later = Self.suiteDate.addingTimeInterval(3_600)
        let second = try signer.signHeaders(first.request, date: later)

        #expect(second.request.headers.fields.filter { $0.name == "Authorization" }.count == 1)
        #expect(second.request.headers.fields.filter { $0.name == "X-Amz-Date" }.count == 1)
        #expect(second.request.headers["X-Amz-Date"] == "20150830T133600Z")
        #expect(second.stages.signedHeaders == "host;x-amz-date")
    }

    @Test func signHeadersSkipsUnsignedHeaders() throws {
        let request = try Self.request("https://example.amazonaws.com/", headers: [
            ("User-Agent", "promlambda"), ("Proxy-Authorization", "Basic x"), ("X-Amzn-Trace-Id", "Root=1"),
            ("Connection", "keep-alive"), ("Content-Type", "application/json"),
        ])
        let signed = try Self.signer().signHeaders(request, date: Self.suiteDate)
        #expect(signed.stages.signedHeaders == "content-type;host;x-amz-date")
        #expect(signed.request.headers["User-Agent"] == "promlambda")
    }

    @Test func signHeadersHashesBody() throws {
        let body = "query=up&time=1"
        let request = try Self.request("https://example.amazonaws.com/api/v1/query", method: .post,
                                       headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
        let signed = try Self.signer().signHeaders(request, date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.hasSuffix("\n" + SHA256.hash(body).hexString))
        #expect(signed.request.headers["X-Amz-Content-SHA256"] == nil)
    }

    @Test func signHeadersUsesGivenContentHash() throws {
        let request = try Self.request("https://example.amazonaws.com/", method: .put,
                                       headers: [("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")], body: "data")
        let signed = try Self.signer().signHeaders(request, date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(signed.stages.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
    }

    @Test func signHeadersAddsContentHashWhenAsked() throws {
        let options = SigV4Signer.Options(addsContentSHA256Header: true)
        let signed = try Self.signer(options: options).signHeaders(try Self.request("https://example.amazonaws.com/"),
                                                                   date: Self.suiteDate)
        #expect(signed.request.headers["X-Amz-Content-SHA256"] == SHA256.hash("").hexString)
        #expect(signed.stages.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
    }

    @Test func signHeadersEncodesWirePathAgain() throws {
        let url = "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda/invocations"
        let signed = try Self.signer().signHeaders(try Self.request(url, method: .post), date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.hasPrefix("POST\n/2015-03-31/functions/arn%253Aaws%253Alambda/invocations\n"))
    }

    @Test func signHeadersS3OptionsKeepPath() throws {
        let options = SigV4Signer.Options(normalizesPath: false, encodesPathTwice: false)
        let url = "https://bucket.s3.amazonaws.com/a//b/../key%3Aname"
        let signed = try Self.signer(service: "s3", options: options).signHeaders(try Self.request(url),
                                                                                  date: Self.suiteDate)
        #expect(signed.stages.canonicalRequest.hasPrefix("GET\n/a//b/../key%3Aname\n"))
    }

    @Test func signHeadersSortsRepeatedQueryNames() throws {
        let url = "https://example.amazonaws.com/api/v1/series?match%5B%5D=up&start=1&match%5B%5D=%7Bjob%3D%22a%22%7D"
        let signed = try Self.signer().signHeaders(try Self.request(url), date: Self.suiteDate)
        let lines = signed.stages.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "match%5B%5D=%7Bjob%3D%22a%22%7D&match%5B%5D=up&start=1")
        #expect(signed.request.url.absoluteString == url)
    }

    @Test func signHeadersRejectsMalformedQuery() throws {
        let request = try Self.request("https://example.amazonaws.com/?a=%FF")
        #expect(throws: SigV4Error.malformedQueryParameter("a=%FF")) {
            try Self.signer().signHeaders(request, date: Self.suiteDate)
        }
    }

    @Test func signHeadersRejectsURLWithoutHost() throws {
        let request = try Self.request("file:///tmp/query")
        #expect(throws: SigV4Error.missingHost(url: "file:///tmp/query")) {
            try Self.signer().signHeaders(request, date: Self.suiteDate)
        }
    }

    @Test func presignAppendsSignatureToQuery() throws {
        var credentials = Self.suiteCredentials
        credentials.sessionToken = "token/with+chars"
        let request = try Self.request("https://example.amazonaws.com/api/v1/query?query=up%2B1")
        let signed = try Self.signer(credentials).presign(request, date: Self.suiteDate, expiresIn: 900)
        let query = try #require(URLComponents(url: signed.request.url, resolvingAgainstBaseURL: false)?
            .percentEncodedQuery)

        #expect(query.hasPrefix("query=up%2B1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830"))
        #expect(query.contains("&X-Amz-Expires=900&X-Amz-Security-Token=token%2Fwith%2Bchars&"))
        #expect(query.hasSuffix("&X-Amz-Signature=" + signed.stages.signature))
        #expect(signed.request.headers["Authorization"] == nil)
        #expect(signed.stages.signedHeaders == "host")
    }

    @Test(arguments: [0, -5, 604_801])
    func presignRejectsExpiry(_ seconds: Int) throws {
        let request = try Self.request("https://example.amazonaws.com/")
        #expect(throws: SigV4Error.invalidExpiry(seconds: seconds)) {
            try Self.signer().presign(request, date: Self.suiteDate, expiresIn: seconds)
        }
    }

    @Test func timestampFormatsUTC() {
        let timestamp = SigV4Timestamp(Date(timeIntervalSince1970: 1_709_251_199.999))
        #expect(timestamp.amzDate == "20240229T235959Z")
        #expect(timestamp.dateStamp == "20240229")
    }

    @Test func errorDescriptionsNameValue() {
        #expect(SigV4Error.missingHost(url: "file:///x").description.contains("file:///x"))
        #expect(SigV4Error.invalidExpiry(seconds: 0).description.contains("between 1 and 604800"))
        #expect(SigV4Error.malformedQueryParameter("a=%FF").description.contains("'a=%FF'"))
    }
}
