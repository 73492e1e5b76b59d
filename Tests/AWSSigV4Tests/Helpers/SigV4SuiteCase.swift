import Foundation
import HTTPTransport
import Testing
@testable import AWSSigV4

/// One case of the AWS SigV4 test suite, read from its folder.
struct SigV4SuiteCase {
    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }

        var credentials: Credentials
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var name: String
    var folder: URL
    var context: Context
    var request: SignableRequest
    var date: Date

    init(name: String) throws {
        let folder = TestFiles.sigV4SuiteFolder.appendingPathComponent(name, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw Failure(description: "The SigV4 test suite case folder \(folder.path) is missing. The tests read "
                + "the suite from ../shared/sigv4-test-suite beside the package.")
        }
        self.name = name
        self.folder = folder
        context = try JSONDecoder().decode(Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        request = try Self.parseRequest(String(decoding: Data(contentsOf: folder.appendingPathComponent("request.txt")),
                                               as: UTF8.self))
        guard let date = ISO8601DateFormatter().date(from: context.timestamp) else {
            throw Failure(description: "Invalid timestamp \(context.timestamp) in \(name)/context.json.")
        }
        self.date = date
    }

    func expected(_ file: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
    }

    var signer: SigV4Signer {
        let credentials = AWSCredentials(accessKeyId: context.credentials.access_key_id,
                                         secretAccessKey: context.credentials.secret_access_key,
                                         sessionToken: context.credentials.token)
        let options = SigV4Signer.Options(normalizesPath: context.normalize, encodesPathTwice: true,
                                          addsContentSHA256Header: context.sign_body,
                                          signsSessionToken: !(context.omit_session_token ?? false))
        return SigV4Signer(credentials: credentials, region: context.region, service: context.service, options: options)
    }

    /// Parses a raw HTTP/1.1 request: the request line, header lines where a line starting with whitespace
    /// continues the previous value, a blank line, then the body.
    static func parseRequest(_ text: String) throws -> SignableRequest {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw Failure(description: "request.txt is empty.") }

        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "),
              firstSpace < lastSpace
        else {
            throw Failure(description: "Malformed request line '\(requestLine)'.")
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        let targetParts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)

        var fields: [(String, String)] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.0, last.1 + "\n" + line))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw Failure(description: "Malformed header line '\(line)'.")
            }
            fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let body = lines.isEmpty ? "" : lines.dropFirst().joined(separator: "\n")

        return SignableRequest(method: method, path: String(targetParts[0]),
                               query: targetParts.count > 1 ? String(targetParts[1]) : "",
                               headers: HTTPHeaders(fields), body: Data(body.utf8))
    }
}
