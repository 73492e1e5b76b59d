import Foundation
import HTTPTransport
import PromLambdaCore

/// Credentials from the endpoint that ECS, EKS Pod Identity and Lambda SnapStart provide to containers.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is a path on `http://169.254.170.2` and wins over
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, a whole URL that must be HTTPS or point at a loopback address or one of
/// the container endpoints. The request carries `Authorization` with the token read from the file named by
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, again on every fetch because it rotates, or else from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider {
    static let source = "container credential endpoint"
    static let relativeURIBase = "http://169.254.170.2"
    /// Hosts that may be reached over plain HTTP, as botocore 1.44.8 allows them.
    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]

    public var environment: Environment
    public var httpClient: any HTTPClient
    /// Seconds each attempt may take.
    public var timeout: Double
    /// Attempts made when the endpoint cannot be reached or returns a 5xx status, without a pause between them.
    public var maxAttempts: Int

    public init(environment: Environment, httpClient: any HTTPClient, timeout: Double = 2, maxAttempts: Int = 3) {
        self.environment = environment
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxAttempts = maxAttempts
    }

    public func credentials() async throws -> AWSCredentials {
        let url = try endpoint()
        var request = HTTPRequest(method: .get, url: url, headers: HTTPHeaders([("Accept", "application/json")]),
                                  timeout: timeout, maxResponseBytes: 64 * 1024)
        if let token = try authorizationToken() {
            request.headers.set("Authorization", token)
        }

        let displayURL = url.redactedForDisplay
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try await httpClient.send(request)
            } catch let error as HTTPTransportError {
                guard attempt < maxAttempts else {
                    throw CredentialError.requestFailed(source: Self.source, url: displayURL,
                                                        reason: error.description)
                }
                attempt += 1
                continue
            }
            if response.isSuccess {
                return try CredentialsResponse.credentials(from: response.body, source: Self.source, url: displayURL)
            }
            guard response.status >= 500, attempt < maxAttempts else {
                throw CredentialError.requestRejected(source: Self.source, url: displayURL, status: response.status)
            }
            attempt += 1
        }
    }

    /// Returns the endpoint URL from the environment.
    /// - Throws: ``CredentialError/notConfigured(source:checked:)`` when neither variable is set, and
    ///   ``CredentialError/invalidEndpoint(variable:reason:)`` for a URL that is malformed or not allowed.
    func endpoint() throws -> URL {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            guard let url = URL(string: Self.relativeURIBase + path) else {
                throw CredentialError.invalidEndpoint(variable: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                                                      reason: "it is not a URL path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else {
            throw CredentialError.notConfigured(source: Self.source, checked: [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI",
            ])
        }

        let variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        guard let url = URL(string: full), let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else {
            throw CredentialError.invalidEndpoint(variable: variable, reason: "it is not an absolute http or https URL")
        }
        switch scheme {
        case "https":
            return url
        case "http":
            let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            guard Self.allowedHTTPHosts.contains(bareHost) || Self.isLoopback(bareHost) else {
                throw CredentialError.invalidEndpoint(variable: variable, reason: "plain HTTP to \(bareHost) is not "
                    + "allowed. Use https, a loopback address, or a container endpoint such as 169.254.170.2")
            }
            return url
        default:
            throw CredentialError.invalidEndpoint(variable: variable, reason: "the scheme \(scheme) is not http or https")
        }
    }

    /// Returns the authorization token, or `nil` when none is configured. Whitespace around a token read from a
    /// file, such as a final newline, is removed.
    /// - Throws: ``CredentialError/unreadableFile(path:reason:)`` when the token file cannot be read, and
    ///   ``CredentialError/invalidAuthorizationToken(variable:)`` for a token containing a line break.
    func authorizationToken() throws -> String? {
        let token: String
        let variable: String
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CredentialError.unreadableFile(path: path, reason: error.localizedDescription)
            }
            variable = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            token = value
            variable = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
        } else {
            return nil
        }
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            throw CredentialError.invalidAuthorizationToken(variable: variable)
        }
        return token
    }

    /// Returns whether `host` is in `127.0.0.0/8` or is `::1`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
