import Foundation
import HTTPTransport
import PromLambdaCore

/// A client of the Lambda Invoke API for synchronous (`RequestResponse`) calls.
///
/// It sends plain requests through the injected ``HTTPClient``; the caller wraps that client with one
/// that signs for SigV4 service `lambda`.
///
/// - SeeAlso: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
public struct LambdaInvokeClient: Sendable {
    /// Environment variables that override the endpoint, in order of precedence.
    public static let endpointVariables = ["AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL"]
    /// The largest base64-encoded client context the Invoke API accepts, in bytes.
    public static let maxClientContextBytes = 3_583

    enum Header {
        static let invocationType = "X-Amz-Invocation-Type"
        static let clientContext = "X-Amz-Client-Context"
        static let functionError = "X-Amz-Function-Error"
        static let executedVersion = "X-Amz-Executed-Version"
        static let serviceErrorType = "x-amzn-ErrorType"
    }

    public let endpoint: URL
    private let http: any HTTPClient

    public init(endpoint: URL, http: any HTTPClient) {
        self.endpoint = endpoint
        self.http = http
    }

    /// Creates a client for `region`, with the endpoint from `AWS_ENDPOINT_URL_LAMBDA`, then
    /// `AWS_ENDPOINT_URL`, then `https://lambda.{region}.amazonaws.com`.
    /// - Throws: ``LambdaInvokeError/invalidEndpoint(variable:value:)`` or
    ///   ``LambdaInvokeError/invalidRegion(_:)``.
    public init(region: String, environment: Environment, http: any HTTPClient) throws(LambdaInvokeError) {
        self.init(endpoint: try Self.endpoint(region: region, environment: environment), http: http)
    }

    /// Resolves the endpoint as ``init(region:environment:http:)`` describes.
    public static func endpoint(region: String, environment: Environment) throws(LambdaInvokeError) -> URL {
        for variable in endpointVariables {
            guard let value = environment[variable] else { continue }
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host?.isEmpty == false
            else { throw .invalidEndpoint(variable: variable, value: value) }
            return url
        }
        let isValidRegion = !region.isEmpty && region.allSatisfy {
            $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-")
        }
        guard isValidRegion, let url = URL(string: "https://lambda.\(region).\(dnsSuffix(region: region))") else {
            throw .invalidRegion(region)
        }
        return url
    }

    /// Returns the DNS suffix of the AWS partition that `region` belongs to.
    private static func dnsSuffix(region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }

    /// Invokes `functionName` synchronously and returns its response payload.
    /// - Parameters:
    ///   - functionName: a name, `name:alias`, or a full or partial ARN; percent-encoded into the path.
    ///   - qualifier: a version or alias, sent as the `Qualifier` query parameter.
    ///   - clientContext: JSON that the callee receives as its client context, sent base64-encoded.
    ///   - timeout: the longest the call may take, in seconds; `nil` waits without limit. Pass the
    ///     caller's remaining time, since a synchronous invoke can run for 15 minutes.
    /// - Throws: ``LambdaInvokeError/functionError(functionName:errorType:errorMessage:payload:)`` when the
    ///   function failed, ``LambdaInvokeError/serviceError(functionName:status:errorType:message:)`` for a
    ///   non-2xx reply, and ``HTTPTransportError`` when no reply came.
    public func invoke(functionName: String, payload: Data, qualifier: String? = nil, clientContext: JSONValue? = nil,
                       timeout: Double?) async throws -> LambdaInvokeResult {
        let request = try makeRequest(functionName: functionName, payload: payload, qualifier: qualifier,
                                      clientContext: clientContext, timeout: timeout)
        let response = try await http.send(request)
        guard response.isSuccess else {
            throw Self.serviceError(functionName: functionName, response: response)
        }
        if response.headers[Header.functionError] != nil {
            let report = Self.functionErrorReport(response.body)
            throw LambdaInvokeError.functionError(functionName: functionName, errorType: report.errorType,
                                                  errorMessage: report.errorMessage, payload: response.body)
        }
        return LambdaInvokeResult(payload: response.body, executedVersion: response.headers[Header.executedVersion])
    }

    /// Builds the Invoke request without sending it.
    func makeRequest(functionName: String, payload: Data, qualifier: String?, clientContext: JSONValue?,
                     timeout: Double?) throws(LambdaInvokeError) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        headers.set(Header.invocationType, "RequestResponse")
        if let clientContext {
            let encoded = clientContext.encodedData().base64EncodedString()
            guard encoded.utf8.count <= Self.maxClientContextBytes else {
                throw .clientContextTooLarge(bytes: encoded.utf8.count, limit: Self.maxClientContextBytes)
            }
            headers.set(Header.clientContext, encoded)
        }

        var query = QueryParameters()
        query.append("Qualifier", qualifier)
        return HTTPRequest(method: .post, url: url(functionName: functionName, query: query), headers: headers,
                           body: payload, timeout: timeout)
    }

    private func url(functionName: String, query: QueryParameters) -> URL {
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) ?? URLComponents()
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        // Encoding every reserved character keeps an ARN's `:` as `%3A`, which is what botocore sends.
        components.percentEncodedPath = basePath + "/2015-03-31/functions/\(PercentEncoding.encode(functionName))/invocations"
        components.percentEncodedQuery = query.isEmpty ? nil : query.encoded
        // The endpoint was validated and the added path and query are percent-encoded, so this URL exists.
        return components.url ?? endpoint
    }

    /// Reads `errorType` and `errorMessage` from a function error payload, tolerating payloads that are
    /// not the usual error object.
    static func functionErrorReport(_ payload: Data) -> LambdaErrorReport {
        let json = try? JSONValue.decode(payload)
        let type = json?["errorType"]?.stringValue ?? RuntimeAPI.ErrorType.unhandled
        let message = json?["errorMessage"]?.stringValue ?? String(decoding: payload.prefix(1_024), as: UTF8.self)
        return LambdaErrorReport(errorMessage: message, errorType: type)
    }

    static func serviceError(functionName: String, response: HTTPResponse) -> LambdaInvokeError {
        // `x-amzn-ErrorType` may carry a `:` and a URL after the type name.
        let type = response.headers[Header.serviceErrorType]
            .map { String($0.split(separator: ":", maxSplits: 1).first ?? "") }
        let json = try? JSONValue.decode(response.body)
        let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue
        return .serviceError(functionName: functionName, status: response.status,
                             errorType: type, message: message)
    }
}

/// A successful synchronous invocation.
public struct LambdaInvokeResult: Sendable, Equatable {
    /// The function's response payload.
    public var payload: Data
    /// The function version that ran, from `X-Amz-Executed-Version`.
    public var executedVersion: String?

    public init(payload: Data, executedVersion: String?) {
        self.payload = payload
        self.executedVersion = executedVersion
    }
}
