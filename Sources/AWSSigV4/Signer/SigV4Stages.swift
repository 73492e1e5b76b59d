import HTTPTransport

/// The intermediate results of one signature, kept so tests and debugging can compare each stage.
public struct SigV4Stages: Sendable, Equatable {
    public var canonicalRequest: String
    public var stringToSign: String
    /// The signature as 64 lower-case hex digits.
    public var signature: String
    /// The `;`-joined lower-case names of the signed headers.
    public var signedHeaders: String
    /// `<access key ID>/<date>/<region>/<service>/aws4_request`.
    public var credential: String

    /// The value of the `Authorization` header for header signing.
    public var authorization: String {
        "\(SigV4Wire.algorithm) Credential=\(credential), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }
}

/// A request ready to send, with the stages of the signature it carries.
public struct SigV4SignedRequest: Sendable {
    public var request: HTTPRequest
    public var stages: SigV4Stages
}
