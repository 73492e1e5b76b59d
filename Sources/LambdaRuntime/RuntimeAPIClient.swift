import Foundation
import HTTPTransport
import PromLambdaCore

/// A client of the Lambda Runtime API over an injected ``HTTPClient``.
///
/// Every call returns only after the Runtime API accepted it with 202 (200 for `/next`). A 500 becomes
/// ``RuntimeAPIError/containerError(path:body:)``, after which the runtime must exit; a 413 on
/// `/response` becomes ``RuntimeAPIError/responseTooLarge(requestID:bytes:)``.
///
/// - SeeAlso: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
public struct RuntimeAPIClient: Sendable {
    /// The Runtime API's `host:port`, as read from `AWS_LAMBDA_RUNTIME_API`.
    public let address: String
    private let baseURL: URL
    private let http: any HTTPClient
    /// The maximum time a response or error post may take, in seconds. The Runtime API is local, so a
    /// post that takes longer means the API is gone.
    private let postTimeout: Double

    /// Creates a client for the Runtime API at `address`.
    /// - Throws: ``RuntimeAPIError/invalidAddress(variable:value:)`` when `address` is not `host:port`.
    public init(address: String, http: any HTTPClient, postTimeout: Double = 30) throws(RuntimeAPIError) {
        guard let url = Self.baseURL(address: address) else {
            throw .invalidAddress(variable: RuntimeAPI.addressVariable, value: address)
        }
        self.address = address
        self.baseURL = url
        self.http = http
        self.postTimeout = postTimeout
    }

    /// Creates a client for the Runtime API named by `AWS_LAMBDA_RUNTIME_API` in `environment`.
    /// - Throws: ``RuntimeAPIError/missingAddress(variable:)`` when the variable is unset or empty, and
    ///   ``RuntimeAPIError/invalidAddress(variable:value:)`` when it is not `host:port`.
    public init(environment: Environment, http: any HTTPClient) throws(RuntimeAPIError) {
        guard let address = environment[RuntimeAPI.addressVariable] else {
            throw .missingAddress(variable: RuntimeAPI.addressVariable)
        }
        try self.init(address: address, http: http)
    }

    // MARK: - Endpoints

    /// Waits for the next event with no client timeout: the call blocks until Lambda has an event,
    /// and the process may be frozen in between.
    /// - Throws: ``RuntimeAPIError/missingHeader(name:)`` when the reply has no request id,
    ///   ``RuntimeAPIError`` for a status other than 200, and ``HTTPTransportError`` when no reply came.
    public func nextInvocation() async throws -> RuntimeInvocation {
        let path = RuntimeAPI.Path.next
        let request = HTTPRequest(method: .get, url: url(path), timeout: nil)
        let response = try await http.send(request)
        guard response.status == 200 else {
            throw Self.statusError(path: path, response: response)
        }
        guard let requestID = response.headers[RuntimeAPI.Header.requestID], !requestID.isEmpty else {
            throw RuntimeAPIError.missingHeader(name: RuntimeAPI.Header.requestID)
        }
        return RuntimeInvocation(requestID: requestID, headers: response.headers, event: response.body)
    }

    /// Posts the handler's output for `requestID`.
    /// - Throws: ``RuntimeAPIError/responseTooLarge(requestID:bytes:)`` on 413, so the caller can report
    ///   an error for the same request instead.
    public func sendResponse(requestID: String, body: Data) async throws {
        let path = RuntimeAPI.Path.response(requestID: requestID)
        var headers = HTTPHeaders()
        headers.set("Content-Type", RuntimeAPI.ContentType.json)
        let request = HTTPRequest(method: .post, url: url(path), headers: headers, body: body, timeout: postTimeout)
        let response = try await http.send(request)
        if response.status == 413 {
            throw RuntimeAPIError.responseTooLarge(requestID: requestID, bytes: body.count)
        }
        try Self.expectAccepted(path: path, response: response)
    }

    /// Reports that the invocation `requestID` failed.
    public func sendError(requestID: String, report: LambdaErrorReport) async throws {
        try await postError(path: RuntimeAPI.Path.error(requestID: requestID), report: report)
    }

    /// Reports that the runtime failed to start. Lambda fails the pending invocation with this error;
    /// the runtime should exit afterwards.
    public func sendInitError(_ report: LambdaErrorReport) async throws {
        try await postError(path: RuntimeAPI.Path.initError, report: report)
    }

    // MARK: - Helpers

    private func postError(path: String, report: LambdaErrorReport) async throws {
        var headers = HTTPHeaders()
        headers.set("Content-Type", RuntimeAPI.ContentType.error)
        headers.set(RuntimeAPI.Header.functionErrorType, report.errorType)
        let request = HTTPRequest(method: .post, url: url(path), headers: headers, body: report.encoded(),
                                  timeout: postTimeout)
        let response = try await http.send(request)
        try Self.expectAccepted(path: path, response: response)
    }

    private func url(_ path: String) -> URL {
        // `path` is built from constants and percent-encoded request ids, so it always forms a URL.
        URL(string: path, relativeTo: baseURL)?.absoluteURL ?? baseURL
    }

    private static func expectAccepted(path: String, response: HTTPResponse) throws {
        guard response.status == 202 else {
            throw statusError(path: path, response: response)
        }
    }

    private static func statusError(path: String, response: HTTPResponse) -> RuntimeAPIError {
        // The Runtime API's error bodies are short JSON objects; the cap keeps a surprise from flooding logs.
        let body = String(decoding: response.body.prefix(1_024), as: UTF8.self)
        if response.status == 500 {
            return .containerError(path: path, body: body)
        }
        return .unexpectedStatus(path: path, status: response.status, body: body)
    }

    /// Returns `http://host:port` for a `host:port` value, or `nil` when the value is not one.
    ///
    /// The host is a name, an IPv4 address or a bracketed IPv6 address; the port is 1 to 65535.
    static func baseURL(address: String) -> URL? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        let host = address[..<colon]
        let port = address[address.index(after: colon)...]
        guard !host.isEmpty, let portNumber = Int(port), (1...65_535).contains(portNumber),
              port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber)
        else { return nil }

        let isBracketedIPv6 = host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2
        let hostCharacters = isBracketedIPv6 ? host.dropFirst().dropLast() : host
        let allowed = isBracketedIPv6 ? ":.abcdefABCDEF0123456789" : "-._"
        let isValidHost = hostCharacters.allSatisfy { character in
            character.isASCII && (character.isLetter || character.isNumber || allowed.contains(character))
        }
        guard isValidHost else { return nil }

        var components = URLComponents()
        components.scheme = "http"
        components.percentEncodedHost = String(host)
        components.port = portNumber
        return components.url
    }
}
