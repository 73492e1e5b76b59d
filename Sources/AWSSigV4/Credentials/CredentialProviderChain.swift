import HTTPTransport
import PromLambdaCore

/// Tries providers in order and returns the first one's credentials.
///
/// A provider that throws ``CredentialError/notConfigured(source:checked:)`` is skipped. Any other error comes
/// from a source that is set up but broken, such as a profile with an access key ID and no secret. The chain
/// throws that error as it is, because falling through to another identity would hide the mistake.
public struct CredentialProviderChain: CredentialProvider {
    public var providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) {
        self.providers = providers
    }

    /// Returns the standard chain: environment variables, the shared credentials and config files, the container
    /// endpoint, then the EC2 instance metadata service.
    ///
    /// The instance metadata service is left out inside Lambda, where `AWS_LAMBDA_FUNCTION_NAME` is set,
    /// because Lambda has none and probing it would only add a timeout.
    public static func standard(environment: Environment, httpClient: any HTTPClient) -> CredentialProviderChain {
        var providers: [any CredentialProvider] = [
            EnvironmentCredentialProvider(environment: environment),
            ProfileCredentialProvider(environment: environment),
            ContainerCredentialProvider(environment: environment, httpClient: httpClient),
        ]
        if environment["AWS_LAMBDA_FUNCTION_NAME"] == nil {
            providers.append(InstanceMetadataCredentialProvider(environment: environment, httpClient: httpClient))
        }
        return CredentialProviderChain(providers)
    }

    /// Returns the first provider's credentials.
    /// - Throws: ``CredentialError/noCredentials(checked:)`` listing every place looked at when no provider is
    ///   set up, or the error of the first provider that is set up but fails.
    public func credentials() async throws -> AWSCredentials {
        var checked: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch CredentialError.notConfigured(let source, let places) {
                checked.append("\(source) (\(places.joined(separator: ", ")))")
            }
        }
        throw CredentialError.noCredentials(checked: checked)
    }
}
