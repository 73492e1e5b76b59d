import Foundation
import TestSupport
import HTTPTransport
import Testing
import TestDoubles
@testable import AmazonPrometheus

@Suite struct AMPErrorMappingTests {
    typealias Fixtures = ControlPlaneFixtures

    /// One error response and the classification it must get.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int
        var type: String?
        var message: String
        var reason: AMPError.Reason
        /// Words the description must contain: what to check.
        var advice: [String]

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "signature mismatch", status: 403,
             type: "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/",
             message: "The request signature we calculated does not match the signature you provided.",
             reason: .signatureMismatch, advice: ["secret access key", "region us-east-1", "service aps"]),
        Case(name: "signature expired", status: 403, type: "InvalidSignatureException",
             message: "Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T001500Z - 5 min.)",
             reason: .signatureExpired, advice: ["clock"]),
        Case(name: "signature not yet current", status: 400, type: "InvalidSignatureException",
             message: "Signature not yet current: 20240101T002000Z is still later than 20240101T001500Z",
             reason: .signatureExpired, advice: ["clock"]),
        Case(name: "expired token", status: 403, type: "ExpiredTokenException",
             message: "The security token included in the request is expired",
             reason: .expiredToken, advice: ["session token", "expired", "Refresh"]),
        Case(name: "unrecognized client", status: 403, type: "UnrecognizedClientException",
             message: "The security token included in the request is invalid.",
             reason: .invalidToken, advice: ["access key ID", "session token"]),
        Case(name: "access denied", status: 403, type: "AccessDeniedException",
             message: "User: arn:aws:iam::123456789012:user/x is not authorized to perform: aps:DescribeWorkspace",
             reason: .accessDenied,
             advice: ["aps:DescribeWorkspace", "arn:aws:aps:us-east-1:<account>:workspace/ws-1"]),
        Case(name: "403 without type", status: 403, type: nil, message: "Forbidden",
             reason: .accessDenied, advice: ["aps:DescribeWorkspace"]),
        Case(name: "missing authentication", status: 403, type: "MissingAuthenticationTokenException",
             message: "Missing Authentication Token", reason: .missingAuthentication, advice: ["SigV4"]),
        Case(name: "not found", status: 404, type: "ResourceNotFoundException", message: "Workspace not found",
             reason: .resourceNotFound, advice: ["Workspace ws-1 was not found in us-east-1"]),
        Case(name: "validation", status: 400, type: "ValidationException", message: "1 validation error detected",
             reason: .validation, advice: ["invalid"]),
        Case(name: "server error", status: 500, type: "InternalServerException", message: "Internal failure",
             reason: .serverError, advice: ["Retry later"]),
        Case(name: "conflict", status: 409, type: "ConflictException", message: "busy", reason: .conflict,
             advice: ["ConflictException"]),
    ]

    @Test(arguments: cases)
    func describeErrorClassified(_ testCase: Case) async throws {
        let http = RecordingHTTPClient([Fixtures.errorResponse(testCase.status, type: testCase.type,
                                                               message: testCase.message)])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).describeWorkspace(id: "ws-1")
        }
        #expect(error.reason == testCase.reason)
        #expect(error.httpStatus == testCase.status)
        for advice in testCase.advice {
            #expect(error.description.contains(advice), "\(error.description)")
        }
    }

    @Test func errorTypeSuffixStripped() async throws {
        let http = RecordingHTTPClient([Fixtures.errorResponse(
            403, type: "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            message: "denied")])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        #expect(error.errorType == "AccessDeniedException")
        #expect(error.description.contains("aps:ListWorkspaces"))
    }

    @Test func bodyTypeUsedWithoutHeader() async throws {
        let body = #"{"__type":"com.amazonaws.aps#ThrottlingException","message":"Rate exceeded"}"#
        let http = RecordingHTTPClient([.json(400, body)])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        #expect(error.errorType == "ThrottlingException")
        #expect(error.reason == .throttled)
    }

    @Test func throttlingKeepsRetryAfter() async throws {
        let http = RecordingHTTPClient([Fixtures.errorResponse(429, type: "ThrottlingException", message: "Rate exceeded",
                                                               extraHeaders: [("Retry-After", "3")])])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces(alias: "prod")
        }
        #expect(error.reason == .throttled)
        #expect(error.retryAfter == 3)
        #expect(error.isRetryable)
        #expect(error.description.contains("Retry after 3 s."))
    }

    @Test func canonicalRequestCutFromMessage() async throws {
        let token = "FwoGZXIvYXdzEXAMPLETOKEN"
        let message = "The request signature we calculated does not match the signature you provided.\n\n"
            + "The Canonical String for this request should have been\n'GET\n/workspaces\n\n"
            + "host:aps.us-east-1.amazonaws.com\nx-amz-security-token:\(token)\n'"
        let http = RecordingHTTPClient([Fixtures.errorResponse(403, type: "InvalidSignatureException", message: message)])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        #expect(error.message == "The request signature we calculated does not match the signature you provided.")
        #expect(!error.description.contains(token))
    }

    @Test func htmlBodyNotQuoted() async throws {
        let response = HTTPResponse(status: 502, headers: HTTPHeaders([("Content-Type", "text/html")]),
                                    body: Data("<html><body>Bad Gateway</body></html>".utf8))
        let http = RecordingHTTPClient([response])
        let error = try await #require(throws: AMPError.self) {
            _ = try await Fixtures.client(http).listWorkspaces()
        }
        #expect(error.reason == .serverError)
        #expect(!error.description.contains("<html>"))
    }
}
