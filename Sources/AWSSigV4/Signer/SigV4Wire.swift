/// The fixed strings of the Signature Version 4 wire format: header and query parameter names, the
/// algorithm identifier and the headers that are never signed.
enum SigV4Wire {
    static let algorithm = "AWS4-HMAC-SHA256"
    static let scopeTerminator = "aws4_request"
    /// The secret is prefixed with this before it keys the first HMAC of the signing key.
    static let secretKeyPrefix = "AWS4"

    enum Header {
        static let authorization = "Authorization"
        static let date = "X-Amz-Date"
        static let securityToken = "X-Amz-Security-Token"
        static let contentSHA256 = "X-Amz-Content-SHA256"
        static let host = "Host"
    }

    enum QueryParameter {
        static let algorithm = "X-Amz-Algorithm"
        static let credential = "X-Amz-Credential"
        static let date = "X-Amz-Date"
        static let expires = "X-Amz-Expires"
        static let signedHeaders = "X-Amz-SignedHeaders"
        static let securityToken = "X-Amz-Security-Token"
        static let signature = "X-Amz-Signature"
    }

    /// Lower-case names of headers that proxies and HTTP clients may add, drop or rewrite in transit, so a
    /// signature over them would break. This is botocore 1.44.8's `SIGNED_HEADERS_BLACKLIST` plus every
    /// `proxy-*` header and `authorization` itself, which is replaced on each signing.
    static let unsignedHeaders: Set<String> = [
        "authorization", "baggage", "connection", "expect", "keep-alive", "te", "traceparent", "tracestate",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    static func isSigned(headerName lowercasedName: String) -> Bool {
        !unsignedHeaders.contains(lowercasedName) && !lowercasedName.hasPrefix("proxy-")
    }

    /// The maximum validity of a presigned URL that AWS accepts, seven days, in seconds.
    static let maxPresignedExpiry = 604_800
}
