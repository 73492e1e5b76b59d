import AWSSigV4
import Foundation
import TestSupport
import HTTPTransport
import PromLambdaCore

/// A test-only `HTTPClient` that signs each request with ``SigV4Signer`` in the `Authorization` header at the
/// time source's current time, then sends it with `base`.
///
/// The production signing client, with credential providers, lives elsewhere; this one uses static test
/// credentials.
struct TestSigningHTTPClient: HTTPClient {
    var base: any HTTPClient
    var signer: SigV4Signer
    var timeSource: any TimeSource

    init(base: any HTTPClient = URLSessionHTTPClient(), signer: SigV4Signer,
         timeSource: any TimeSource = SystemTimeSource()) {
        self.base = base
        self.signer = signer
        self.timeSource = timeSource
    }

    /// Creates a signer for `emulator`'s region and credentials, or with `secretAccessKey` in place of the right one.
    init(for emulator: AMPEmulator, secretAccessKey: String? = nil, base: any HTTPClient = URLSessionHTTPClient()) {
        let configuration = emulator.configuration
        let credentials = AWSCredentials(accessKeyId: configuration.accessKeyID,
                                         secretAccessKey: secretAccessKey ?? configuration.secretAccessKey,
                                         sessionToken: configuration.sessionToken)
        self.init(base: base, signer: SigV4Signer(credentials: credentials, region: configuration.region,
                                                  service: "aps"))
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await base.send(try signer.signHeaders(request, date: timeSource.now).request)
    }
}
