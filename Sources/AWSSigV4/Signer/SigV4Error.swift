/// A request that the SigV4 signer cannot sign.
public enum SigV4Error: Error, Sendable, Equatable {
    /// The URL has no host, so there is no `host` header to sign.
    case missingHost(url: String)
    /// A query parameter of the URL contains a malformed percent escape or escapes bytes that are not UTF-8.
    case malformedQueryParameter(String)
    /// A presigned URL's validity is outside 1 to 604,800 seconds.
    case invalidExpiry(seconds: Int)
    /// Foundation could not build a URL from the presigned query.
    case invalidPresignedURL(url: String)
}

// MARK: - CustomStringConvertible

extension SigV4Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingHost(let url):
            "Cannot sign a request to \(url) because the URL has no host. Use an absolute URL such as https://host/path."
        case .malformedQueryParameter(let parameter):
            "Cannot sign the query parameter '\(parameter)' because it contains a malformed percent escape or "
                + "non-UTF-8 bytes. Build the query with PercentEncoding or QueryParameters."
        case .invalidExpiry(let seconds):
            "Invalid presigned URL expiry of \(seconds) s. It must be between 1 and 604800 seconds (7 days)."
        case .invalidPresignedURL(let url):
            "Failed to build the presigned URL for \(url). Check that the URL's path and query are percent-encoded."
        }
    }
}
