import Foundation
import HTTPTransport
import Testing
@testable import AWSSigV4

// MARK: - AWS SigV4 test suite (awslabs/aws-c-auth, tests/aws-signing-test-suite/v4)

@Suite struct SigV4SuiteTests {
    /// Every case of the suite, named here so that a missing folder fails a test instead of running none.
    static let caseNames = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-relative-normalized", "get-relative-relative-normalized", "get-relative-relative-unnormalized",
        "get-relative-unnormalized", "get-slash-dot-slash-normalized", "get-slash-dot-slash-unnormalized",
        "get-slash-normalized", "get-slash-pointless-dot-normalized", "get-slash-pointless-dot-unnormalized",
        "get-slash-unnormalized", "get-slashes-normalized", "get-slashes-unnormalized", "get-space-normalized",
        "get-space-unnormalized", "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key",
        "get-vanilla-query", "get-vanilla-query-order-encoded", "get-vanilla-query-order-key-case",
        "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-vanilla-with-session-token",
        "post-header-key-case", "post-header-key-sort", "post-header-value-case", "post-sts-header-after",
        "post-sts-header-before", "post-vanilla", "post-vanilla-empty-query-value", "post-vanilla-query",
        "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ]

    @Test func suiteFolderListsEveryCase() throws {
        let folder = TestFiles.sigV4SuiteFolder
        let entries = try #require(try? FileManager.default.contentsOfDirectory(atPath: folder.path),
                                   "The SigV4 test suite is missing at \(folder.path).")
        let caseFolders = entries.filter { !["LICENSE", "NOTICE"].contains($0) }.sorted()
        #expect(caseFolders == Self.caseNames.sorted())
        #expect(caseFolders.count == 38)
    }

    @Test(arguments: caseNames)
    func headerSigningMatchesSuite(_ name: String) throws {
        let suiteCase = try SigV4SuiteCase(name: name)
        var request = suiteCase.request
        let stages = try suiteCase.signer.signHeaders(&request, date: suiteCase.date)

        #expect(stages.canonicalRequest == (try suiteCase.expected("header-canonical-request.txt")))
        #expect(stages.stringToSign == (try suiteCase.expected("header-string-to-sign.txt")))
        #expect(stages.signature == (try suiteCase.expected("header-signature.txt")))

        let signedRequest = try suiteCase.expected("header-signed-request.txt")
        let expectedAuthorization = signedRequest.split(separator: "\n")
            .first { $0.hasPrefix("Authorization:") }
            .map { String($0.dropFirst("Authorization:".count)) }
        #expect(request.headers["Authorization"] == expectedAuthorization)
        #expect(request.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(request.headers["X-Amz-Security-Token"] == suiteCase.context.credentials.token)
    }

    @Test(arguments: caseNames)
    func querySigningMatchesSuite(_ name: String) throws {
        let suiteCase = try SigV4SuiteCase(name: name)
        let (query, stages) = try suiteCase.signer.presign(suiteCase.request, date: suiteCase.date,
                                                           expiresIn: suiteCase.context.expiration_in_seconds)

        #expect(stages.canonicalRequest == (try suiteCase.expected("query-canonical-request.txt")))
        #expect(stages.stringToSign == (try suiteCase.expected("query-string-to-sign.txt")))
        #expect(stages.signature == (try suiteCase.expected("query-signature.txt")))

        let signedRequest = try suiteCase.expected("query-signed-request.txt")
        let expectedRequestLine = signedRequest.split(separator: "\n").first.map(String.init)
        let requestLine = "\(suiteCase.request.method) \(suiteCase.request.path)?\(query) HTTP/1.1"
        #expect(requestLine == expectedRequestLine)
    }
}
