/// The names and strings of Amazon Managed Service for Prometheus (AMP) on the wire, in one place.
///
/// Sources: the AMP service model in botocore (`botocore/data/amp/2020-08-01/service-2.json`, API version
/// 2020-08-01) for the control plane, and the AMP user guide's Prometheus-compatible API pages for the data plane.
public enum AMPWire {
    /// The SigV4 signing name of both the control plane and the data plane.
    public static let signingName = "aps"

    /// The only workspace status whose data plane promlambda queries.
    public static let queryableStatus = WorkspaceStatusCode.active

    /// Host name prefixes; the full host is `<prefix>.<region>.<partition DNS suffix>`.
    public enum Host {
        /// The control plane: ListWorkspaces, DescribeWorkspace.
        public static let controlPlanePrefix = "aps"
        /// The data plane: the Prometheus-compatible API under `/workspaces/<id>/api/v1`.
        public static let dataPlanePrefix = "aps-workspaces"
    }

    /// Control plane and data plane paths.
    public enum Path {
        /// ListWorkspaces (`GET`).
        public static let workspaces = "/workspaces"
        /// The segment after which a workspace ID follows, in both planes.
        public static let workspacesSegment = "workspaces"
    }

    /// ListWorkspaces query parameters.
    public enum QueryParameter {
        /// A prefix filter on the alias; AMP strips blanks from both ends.
        public static let alias = "alias"
        /// The page size, 1 to 1000; AMP's default is 100.
        public static let maxResults = "maxResults"
        public static let nextToken = "nextToken"
    }

    /// Bounds of the ListWorkspaces and DescribeWorkspace inputs.
    public enum Limits {
        public static let maxResults = 1...1000
        public static let aliasLength = 1...100
        public static let workspaceIDLength = 1...64
    }

    /// HTTP header names.
    public enum Header {
        /// The error type of a failed call, such as `AccessDeniedException`, sometimes followed by `:` and a URL.
        public static let errorType = "x-amzn-ErrorType"
        public static let requestID = "x-amzn-RequestId"
        public static let retryAfter = "Retry-After"
        /// The Cortex and Mimir tenant header. AMP derives the tenant from the signed URL, so promlambda
        /// never sends it there.
        public static let scopeOrgID = "X-Scope-OrgID"
    }

    /// Fields of a JSON error body.
    public enum ErrorBodyField {
        public static let type = "__type"
        public static let code = "code"
        public static let message = "message"
        public static let capitalizedMessage = "Message"
    }

    /// Error types that AMP and the AWS front end return, as they appear in `x-amzn-ErrorType`.
    public enum ErrorType {
        public static let accessDenied = "AccessDeniedException"
        public static let conflict = "ConflictException"
        public static let expiredToken = "ExpiredTokenException"
        public static let incompleteSignature = "IncompleteSignatureException"
        public static let internalServer = "InternalServerException"
        public static let invalidClientTokenID = "InvalidClientTokenId"
        public static let invalidSignature = "InvalidSignatureException"
        public static let missingAuthenticationToken = "MissingAuthenticationTokenException"
        public static let resourceNotFound = "ResourceNotFoundException"
        public static let serviceQuotaExceeded = "ServiceQuotaExceededException"
        public static let signatureDoesNotMatch = "SignatureDoesNotMatch"
        public static let throttling = "ThrottlingException"
        public static let unrecognizedClient = "UnrecognizedClientException"
        public static let validation = "ValidationException"
    }

    /// IAM actions of the calls promlambda makes.
    public enum IAMAction {
        public static let listWorkspaces = "aps:ListWorkspaces"
        public static let describeWorkspace = "aps:DescribeWorkspace"
        public static let queryMetrics = "aps:QueryMetrics"
    }

    /// Environment variables that the AWS SDKs read to override endpoints, as the AWS SDKs and Tools
    /// reference guide defines them (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
    public enum EnvironmentVariable {
        /// The control plane endpoint; `AMP` is the service ID `amp` in upper case.
        public static let endpointURLAMP = "AWS_ENDPOINT_URL_AMP"
        /// The endpoint of every service that has no service-specific variable set.
        public static let endpointURL = "AWS_ENDPOINT_URL"
        /// `true` makes both variables above be ignored.
        public static let ignoreConfiguredEndpointURLs = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"
    }
}
