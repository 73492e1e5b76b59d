import Foundation
import HTTPTransport

/// Signs HTTP requests with AWS Signature Version 4, either in the `Authorization` header or as a presigned URL.
///
/// The signer is a value holding the credentials, region and service. It reads no clock: each call takes the
/// signing time, so tests and the AWS test suite sign at a fixed instant.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "aps")
/// let signed = try signer.signHeaders(request, date: timeSource.now).request
/// ```
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// The signing name of the service, such as `aps` for Amazon Managed Service for Prometheus.
    public var service: String
    public var options: Options

    /// Switches for the places where services differ in how they check a signature.
    public struct Options: Sendable, Equatable {
        /// Removes `.` and `..` segments and repeated slashes from the path before signing. Every service but S3
        /// does this.
        public var normalizesPath: Bool
        /// Percent-encodes the path as sent on the wire once more for the canonical URI, so `%3A` becomes
        /// `%253A`. Every service but S3 expects this.
        public var encodesPathTwice: Bool
        /// Adds `X-Amz-Content-SHA256` with the payload hash to a header-signed request and signs it. S3 requires
        /// the header, other services accept it.
        public var addsContentSHA256Header: Bool
        /// Signs the session token. When `false` the token is still sent, but added after the signature is
        /// computed, as a few older services expect.
        public var signsSessionToken: Bool

        public init(normalizesPath: Bool = true, encodesPathTwice: Bool = true,
                    addsContentSHA256Header: Bool = false, signsSessionToken: Bool = true) {
            self.normalizesPath = normalizesPath
            self.encodesPathTwice = encodesPathTwice
            self.addsContentSHA256Header = addsContentSHA256Header
            self.signsSessionToken = signsSessionToken
        }
    }

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs `request` in the `Authorization` header as at `date`.
    ///
    /// Adds `X-Amz-Date` and, for temporary credentials, `X-Amz-Security-Token` before signing, then
    /// `Authorization`. Earlier values of these headers are replaced, so a retried request can be signed again.
    /// The `host` header is signed from the URL, with its port when the port is not the scheme's default.
    /// The payload hash is the SHA-256 of the body, unless the request already carries `X-Amz-Content-SHA256`,
    /// whose value is then used, as botocore does.
    ///
    /// - Throws: ``SigV4Error`` when the URL has no host or a query parameter is malformed.
    public func signHeaders(_ request: HTTPRequest, date: Date) throws -> SigV4SignedRequest {
        var signable = try SignableRequest(request)
        let stages = try signHeaders(&signable, date: date)
        var signed = request
        signed.headers = signable.headers
        return SigV4SignedRequest(request: signed, stages: stages)
    }

    /// Presigns `request` as at `date`: the signature and its parameters go into the URL's query, which stays
    /// valid for `expiresIn` seconds.
    ///
    /// Every header of the request except those in the unsigned list is signed, so the same headers must be
    /// sent with the URL. A session token goes into the query as `X-Amz-Security-Token`.
    ///
    /// - Throws: ``SigV4Error`` when the URL has no host, a query parameter is malformed, or `expiresIn` is
    ///   outside 1 to 604,800 seconds.
    public func presign(_ request: HTTPRequest, date: Date, expiresIn seconds: Int) throws -> SigV4SignedRequest {
        let signable = try SignableRequest(request)
        let (query, stages) = try presign(signable, date: date, expiresIn: seconds)
        guard var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false) else {
            throw SigV4Error.invalidPresignedURL(url: request.url.redactedForDisplay)
        }
        components.percentEncodedQuery = query
        guard let url = components.url else {
            throw SigV4Error.invalidPresignedURL(url: request.url.redactedForDisplay)
        }
        var signed = request
        signed.url = url
        return SigV4SignedRequest(request: signed, stages: stages)
    }

    // MARK: - Signing the wire form

    func signHeaders(_ request: inout SignableRequest, date: Date) throws -> SigV4Stages {
        let timestamp = SigV4Timestamp(date)
        let token = credentials.sessionToken
        request.headers.remove(SigV4Wire.Header.authorization)
        request.headers.remove(SigV4Wire.Header.date)
        if token != nil {
            request.headers.remove(SigV4Wire.Header.securityToken)
        }

        let payloadHash = payloadHash(of: request)
        if options.addsContentSHA256Header, request.headers[SigV4Wire.Header.contentSHA256] == nil {
            request.headers.add(SigV4Wire.Header.contentSHA256, payloadHash)
        }
        request.headers.add(SigV4Wire.Header.date, timestamp.amzDate)
        if let token, options.signsSessionToken {
            request.headers.add(SigV4Wire.Header.securityToken, token)
        }

        let stages = try stages(for: request, query: request.query, payloadHash: payloadHash, timestamp: timestamp)
        request.headers.add(SigV4Wire.Header.authorization, stages.authorization)
        if let token, !options.signsSessionToken {
            request.headers.add(SigV4Wire.Header.securityToken, token)
        }
        return stages
    }

    /// Returns the presigned query, the original parameters first and `X-Amz-Signature` last.
    func presign(_ request: SignableRequest, date: Date,
                 expiresIn seconds: Int) throws -> (query: String, stages: SigV4Stages) {
        guard (1...SigV4Wire.maxPresignedExpiry).contains(seconds) else {
            throw SigV4Error.invalidExpiry(seconds: seconds)
        }
        let timestamp = SigV4Timestamp(date)
        let headers = Self.canonicalHeaders(request.headers, urlHost: request.urlHost)

        var authorizationParameters = QueryParameters([
            (SigV4Wire.QueryParameter.algorithm, SigV4Wire.algorithm),
            (SigV4Wire.QueryParameter.credential, credentials.accessKeyId + "/" + credentialScope(timestamp)),
            (SigV4Wire.QueryParameter.date, timestamp.amzDate),
            (SigV4Wire.QueryParameter.signedHeaders, headers.signedHeaders),
            (SigV4Wire.QueryParameter.expires, String(seconds)),
        ])
        if let token = credentials.sessionToken, options.signsSessionToken {
            authorizationParameters.append(SigV4Wire.QueryParameter.securityToken, token)
        }
        let signedQuery = Self.joinQuery(request.query, authorizationParameters.encoded)
        let stages = try stages(for: request, query: signedQuery, payloadHash: payloadHash(of: request),
                                timestamp: timestamp)

        var trailingParameters = QueryParameters()
        if let token = credentials.sessionToken, !options.signsSessionToken {
            trailingParameters.append(SigV4Wire.QueryParameter.securityToken, token)
        }
        trailingParameters.append(SigV4Wire.QueryParameter.signature, stages.signature)
        return (Self.joinQuery(signedQuery, trailingParameters.encoded), stages)
    }

    private func stages(for request: SignableRequest, query: String, payloadHash: String,
                        timestamp: SigV4Timestamp) throws -> SigV4Stages {
        let headers = Self.canonicalHeaders(request.headers, urlHost: request.urlHost)
        let canonicalRequest = [
            request.method,
            Self.canonicalURI(wirePath: request.path, normalizes: options.normalizesPath,
                              encodesTwice: options.encodesPathTwice),
            try Self.canonicalQuery(wireQuery: query),
            headers.canonicalHeaders,
            headers.signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = credentialScope(timestamp)
        let stringToSign = stringToSign(canonicalRequest: canonicalRequest, timestamp: timestamp, scope: scope)
        let signature = signature(stringToSign: stringToSign, signingKey: signingKey(dateStamp: timestamp.dateStamp))
        return SigV4Stages(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
                           signedHeaders: headers.signedHeaders,
                           credential: credentials.accessKeyId + "/" + scope)
    }

    private func payloadHash(of request: SignableRequest) -> String {
        request.headers[SigV4Wire.Header.contentSHA256] ?? SHA256.hash(request.body).hexString
    }

    private static func joinQuery(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        return first + "&" + second
    }
}
