import Foundation
import HTTPTransport
import PromLambdaCore

/// The role credentials of an EC2 instance, fetched from the instance metadata service with IMDSv2 sessions.
///
/// A `PUT /latest/api/token` gets a session token, then `GET /latest/meta-data/iam/security-credentials/`
/// returns the role name and a `GET` of that name returns its credentials. The base URL is
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, or `http://169.254.169.254`, and `AWS_EC2_METADATA_DISABLED=true` turns
/// the provider off.
///
/// Off EC2 the service is absent, so a failed or refused token request, or an instance without a role, counts
/// as not configured and a chain goes on. Each request may take `timeout` seconds, 1 by default, so a chain
/// that ends here waits at most about that long when the service is absent.
///
/// NOTE: only IMDSv2 is used. An instance that requires IMDSv1 gets no credentials from this provider.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    static let source = "EC2 instance metadata service"
    static let defaultEndpoint = "http://169.254.169.254"
    static let tokenPath = "/latest/api/token"
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"
    static let tokenTTLHeader = "X-aws-ec2-metadata-token-ttl-seconds"
    static let tokenHeader = "X-aws-ec2-metadata-token"
    /// The session token's lifetime, six hours as botocore requests it.
    static let tokenTTLSeconds = "21600"

    public var environment: Environment
    public var httpClient: any HTTPClient
    /// Seconds each of the three requests may take.
    public var timeout: Double

    public init(environment: Environment, httpClient: any HTTPClient, timeout: Double = 1) {
        self.environment = environment
        self.httpClient = httpClient
        self.timeout = timeout
    }

    var isDisabled: Bool {
        environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
    }

    public func credentials() async throws -> AWSCredentials {
        guard !isDisabled else {
            throw CredentialError.notConfigured(source: Self.source, checked: ["disabled by AWS_EC2_METADATA_DISABLED"])
        }
        let notFound = CredentialError.notConfigured(source: Self.source, checked: [
            "AWS_EC2_METADATA_SERVICE_ENDPOINT or \(Self.defaultEndpoint)",
        ])
        var endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? Self.defaultEndpoint
        while endpoint.hasSuffix("/") {
            endpoint.removeLast()
        }

        guard let tokenURL = URL(string: endpoint + Self.tokenPath),
              let listURL = URL(string: endpoint + Self.credentialsPath)
        else {
            throw CredentialError.invalidEndpoint(variable: "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                                                  reason: "it is not an http URL")
        }

        let tokenRequest = HTTPRequest(method: .put, url: tokenURL,
                                       headers: HTTPHeaders([(Self.tokenTTLHeader, Self.tokenTTLSeconds)]),
                                       timeout: timeout, maxResponseBytes: 4096)
        guard let tokenResponse = try? await httpClient.send(tokenRequest), tokenResponse.status == 200 else {
            throw notFound
        }
        let sessionToken = String(decoding: tokenResponse.body, as: UTF8.self)
        let headers = HTTPHeaders([(Self.tokenHeader, sessionToken)])

        let listResponse = try await send(HTTPRequest(method: .get, url: listURL, headers: headers, timeout: timeout,
                                                      maxResponseBytes: 4096))
        if listResponse.status == 404 {
            throw notFound
        }
        guard listResponse.isSuccess else {
            throw CredentialError.requestRejected(source: Self.source, url: listURL.absoluteString,
                                                  status: listResponse.status)
        }
        let roleName = String(decoding: listResponse.body, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let roleName, let roleURL = URL(string: endpoint + Self.credentialsPath + PercentEncoding.encode(roleName))
        else {
            throw notFound
        }

        let roleResponse = try await send(HTTPRequest(method: .get, url: roleURL, headers: headers, timeout: timeout,
                                                      maxResponseBytes: 64 * 1024))
        guard roleResponse.isSuccess else {
            throw CredentialError.requestRejected(source: Self.source, url: roleURL.absoluteString,
                                                  status: roleResponse.status)
        }
        return try CredentialsResponse.credentials(from: roleResponse.body, source: Self.source,
                                                   url: roleURL.absoluteString)
    }

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await httpClient.send(request)
        } catch let error as HTTPTransportError {
            throw CredentialError.requestFailed(source: Self.source, url: request.url.absoluteString,
                                                reason: error.description)
        }
    }
}
