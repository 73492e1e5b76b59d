/// A source of AWS credentials.
///
/// A provider whose source is not set up at all throws ``CredentialError/notConfigured(source:checked:)``,
/// naming where it looked, so that ``CredentialProviderChain`` goes on to the next provider. Any other error
/// means the source is set up but broken, and a chain stops there.
public protocol CredentialProvider: Sendable {
    /// Returns credentials, fetching them if the source requires it.
    /// - Throws: ``CredentialError/notConfigured(source:checked:)`` when the source is not set up, or another
    ///   ``CredentialError`` when it is set up but fails.
    func credentials() async throws -> AWSCredentials
}

/// A provider of fixed credentials, for callers that already hold them and for tests.
public struct StaticCredentialProvider: CredentialProvider {
    public var fixedCredentials: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        fixedCredentials = credentials
    }

    public func credentials() async throws -> AWSCredentials {
        fixedCredentials
    }
}
