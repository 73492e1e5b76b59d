import Foundation
import HTTPTransport
import PromLambdaCore

/// An ``HTTPClient`` that signs each request with SigV4 before handing it to another client.
///
/// Credentials come from `credentialProvider` on every request, so wrap the provider in a
/// ``CachingCredentialProvider`` to avoid fetching them each time. The signing time comes from `timeSource`.
/// Put a ``RetryingHTTPClient`` outside this client, not inside it, so that each retry is signed again with a
/// fresh time.
///
/// `X-Scope-OrgID`, the tenant header of Cortex and Mimir, is removed before signing, because Amazon Managed
/// Service for Prometheus rejects requests that carry it.
public struct SigningHTTPClient: HTTPClient {
    public var base: any HTTPClient
    public var credentialProvider: any CredentialProvider
    public var region: String
    /// The signing name of the service, `aps` for Amazon Managed Service for Prometheus.
    public var service: String
    public var options: SigV4Signer.Options
    public var timeSource: any TimeSource

    static let removedHeaders = ["X-Scope-OrgID"]

    public init(base: any HTTPClient, credentialProvider: any CredentialProvider, region: String, service: String,
                options: SigV4Signer.Options = SigV4Signer.Options(), timeSource: any TimeSource = SystemTimeSource()) {
        self.base = base
        self.credentialProvider = credentialProvider
        self.region = region
        self.service = service
        self.options = options
        self.timeSource = timeSource
    }

    /// Signs `request` and sends it with the base client.
    /// - Throws: the credential provider's ``CredentialError``, a ``SigV4Error`` for a request that cannot be
    ///   signed, or the base client's error.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        for name in Self.removedHeaders {
            request.headers.remove(name)
        }
        let credentials = try await credentialProvider.credentials()
        let signer = SigV4Signer(credentials: credentials, region: region, service: service, options: options)
        let signed = try signer.signHeaders(request, date: timeSource.now)
        return try await base.send(signed.request)
    }
}
