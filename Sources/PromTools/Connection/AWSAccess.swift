import AWSSigV4
import Foundation
import HTTPTransport
import PromLambdaCore

/// The inputs of signed AWS calls: the unsigned HTTP client, credentials, the default region and the
/// environment that endpoint overrides are read from.
public struct AWSAccess: Sendable {
    public var environment: Environment
    public var http: any HTTPClient
    /// The credential chain, cached until shortly before the credentials expire.
    public var credentials: any CredentialProvider
    /// `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's region; `nil` when none is set.
    public var defaultRegion: String?
    public var retryPolicy: RetryPolicy
    public var timeSource: any TimeSource

    public init(environment: Environment, http: any HTTPClient, credentials: any CredentialProvider,
                defaultRegion: String?, retryPolicy: RetryPolicy = RetryPolicy(),
                timeSource: any TimeSource = SystemTimeSource()) {
        self.environment = environment
        self.http = http
        self.credentials = credentials
        self.defaultRegion = defaultRegion
        self.retryPolicy = retryPolicy
        self.timeSource = timeSource
    }

    /// Builds access from the standard chain (environment, shared files, container endpoint, EC2 metadata),
    /// cached.
    public static func standard(environment: Environment, http: any HTTPClient,
                                retryPolicy: RetryPolicy = RetryPolicy(),
                                timeSource: any TimeSource = SystemTimeSource()) throws(ConfigurationError) -> AWSAccess {
        let region: String?
        do {
            region = try AWSRegion.resolve(environment: environment)
        } catch {
            throw ConfigurationError(variable: "AWS_CONFIG_FILE", message: "The AWS config file cannot be read: \(error)")
        }
        let chain = CredentialProviderChain.standard(environment: environment, httpClient: http)
        return AWSAccess(environment: environment, http: http,
                         credentials: CachingCredentialProvider(base: chain, timeSource: timeSource),
                         defaultRegion: region, retryPolicy: retryPolicy, timeSource: timeSource)
    }

    /// Returns the region to use: `requested` when given, else the default.
    /// - Throws: a `configuration` failure naming where a region can be set.
    public func region(_ requested: String?) throws(ToolFailure) -> String {
        if let requested { return requested }
        guard let defaultRegion else {
            throw ToolFailure(kind: .configuration, message: "No AWS Region is set. Pass region, or set AWS_REGION, "
                              + "AWS_DEFAULT_REGION or region in the AWS config file.")
        }
        return defaultRegion
    }

    /// Returns a client that signs every request for `service` in `region` and retries 429 and 5xx responses,
    /// signing each retry again.
    public func signedClient(region: String, service: String, context: ToolCallContext) -> any HTTPClient {
        let signing = SigningHTTPClient(base: http, credentialProvider: credentials, region: region, service: service,
                                        timeSource: timeSource)
        return RetryingHTTPClient(base: signing, policy: retryPolicy, timeSource: timeSource, logger: context.logger,
                                  deadline: context.deadline)
    }
}
