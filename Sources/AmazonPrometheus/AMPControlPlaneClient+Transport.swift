import Foundation
import HTTPTransport
import PromLambdaCore

extension AMPControlPlaneClient {
    /// Sends `GET <endpoint><encodedPath>?<query>` and decodes a 2xx JSON body as `Payload`.
    ///
    /// `encodedPath` must already be percent-encoded; it is appended to the endpoint's own path as it is.
    func get<Payload: Decodable>(path encodedPath: String, query: QueryParameters,
                                 operation: AMPOperation) async throws(AMPError) -> Payload
    {
        let url = try makeURL(encodedPath: encodedPath, query: query, operation: operation)
        var request = HTTPRequest(method: .get, url: url, timeout: options.requestTimeout,
                                  maxResponseBytes: options.maxResponseBytes)
        request.headers.add("Accept", "application/json")

        logger.debug("sending AMP control plane request", [
            "aws.operation": .string(operation.name), "aws.region": .string(region),
            "url": .string(url.redactedForDisplay),
        ])
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPTransportError {
            throw AMPError(reason: .transport(error), operation: operation, region: region, message: error.description)
        } catch is CancellationError {
            let error = HTTPTransportError.cancelled(url: url.redactedForDisplay)
            throw AMPError(reason: .transport(error), operation: operation, region: region, message: error.description)
        } catch {
            // A signing client throws its own errors, such as missing credentials; they are kept as the message.
            throw AMPError(reason: .httpClientFailed, operation: operation, region: region, message: "\(error)")
        }

        guard response.isSuccess else {
            let error = AMPError(response: response, operation: operation, region: region, now: timeSource.now)
            logger.debug("AMP control plane request failed", [
                "aws.operation": .string(operation.name), "http.status": .number(Double(response.status)),
                "aws.error_type": .string(error.errorType ?? ""),
                "aws.request_id": .string(response.headers[AMPWire.Header.requestID] ?? ""),
            ])
            throw error
        }
        do {
            return try JSONDecoder().decode(Payload.self, from: response.body)
        } catch {
            throw AMPError(reason: .invalidResponse, operation: operation, region: region,
                           httpStatus: response.status, message: Self.describeDecodingFailure(error, body: response.body))
        }
    }

    private func makeURL(encodedPath: String, query: QueryParameters,
                         operation: AMPOperation) throws(AMPError) -> URL {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw AMPError(reason: .invalidRequest, operation: operation, region: region,
                           message: "the endpoint \(endpoint.redactedForDisplay) is not a valid URL.")
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + encodedPath
        components.percentEncodedQuery = query.isEmpty ? nil : query.encoded
        guard let url = components.url else {
            throw AMPError(reason: .invalidRequest, operation: operation, region: region,
                           message: "cannot build a URL from \(endpoint.redactedForDisplay) and \(encodedPath).")
        }
        return url
    }

    private static func describeDecodingFailure(_ error: any Error, body: Data) -> String {
        if body.isEmpty { return "the body is empty" }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(codingPath(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty, (try? JSONSerialization.jsonObject(with: body)) == nil {
                return "the body is not valid JSON (\(body.count) bytes)"
            }
            return "unexpected value at \(codingPath(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
