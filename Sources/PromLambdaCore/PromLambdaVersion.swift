/// The release of promlambda, reported by `promlambda version`, the MCP server's `serverInfo` and
/// the `User-Agent` of every HTTP request.
public enum PromLambdaVersion {
    public static let current = "0.1.0"
    /// The `User-Agent` header value: `promlambda/0.1.0`.
    public static let userAgent = "promlambda/\(current)"
}
