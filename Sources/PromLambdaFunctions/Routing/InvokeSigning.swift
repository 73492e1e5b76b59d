import HTTPTransport
import PromLambdaCore

/// Builds the HTTP client for Lambda Invoke requests in the integration function's `invoke` mode.
public enum InvokeSigning {
    /// The SigV4 signing name of the Lambda service.
    public static let service = "lambda"

    /// Returns the client for Invoke requests.
    // TODO: Sign with SigV4 for service `lambda` once the signing client and the credential chain are
    // in AWSSigV4. Until then the requests are unsigned, which real Lambda endpoints reject with 403.
    public static func makeClient(base: any HTTPClient, environment: Environment) -> any HTTPClient {
        base
    }
}
