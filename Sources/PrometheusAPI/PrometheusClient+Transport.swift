import Foundation
import HTTPTransport
import PromLambdaCore

extension PrometheusClient {
    /// Sends one API request and decodes its envelope.
    ///
    /// Parameters go in the URL unless they exceed `postThresholdBytes` and the endpoint accepts
    /// POST, in which case they go as an `application/x-www-form-urlencoded` body built by the same
    /// encoder.
    func call<Payload: Decodable & Sendable>(_ path: String, _ parameters: QueryParameters,
                                             allowPOST: Bool) async throws -> APIResponse<Payload>
    {
        try Self.decode(try await send(path, parameters, allowPOST: allowPOST))
    }

    /// Sends one API request and returns the response, whatever its status.
    func send(_ path: String, _ parameters: QueryParameters, allowPOST: Bool) async throws -> HTTPResponse {
        let encoded = parameters.encoded
        let usePOST = allowPOST && encoded.utf8.count > options.postThresholdBytes
        guard let url = baseURL.appending(path: path, query: usePOST ? QueryParameters() : parameters) else {
            throw PrometheusError.invalidResponse(status: 0, reason: "cannot build a URL from \(baseURL) and \(path)",
                                                  body: "")
        }
        var request = HTTPRequest(method: usePOST ? .post : .get, url: url, timeout: options.requestTimeout,
                                  maxResponseBytes: options.maxResponseBytes)
        request.headers.add("Accept", "application/json")
        for (name, value) in options.headers { request.headers.add(name, value) }
        if usePOST {
            request.headers.add("Content-Type", "application/x-www-form-urlencoded")
            request.body = Data(encoded.utf8)
        }

        do {
            return try await http.send(request)
        } catch let error as HTTPTransportError {
            throw PrometheusError.transport(error)
        }
    }

    /// Turns a response into data or a ``PrometheusError``, the way client_golang classifies them.
    /// The JSON error envelope on any status is an API error, and other non-2xx bodies are HTTP errors.
    /// A 2xx body that does not decode is an invalid response.
    static func decode<Payload: Decodable & Sendable>(_ response: HTTPResponse) throws -> APIResponse<Payload> {
        let contentType = response.headers["Content-Type"]
        try throwIfFailed(response)

        let envelope: Envelope<Payload>
        do {
            envelope = try JSONDecoder().decode(Envelope<Payload>.self, from: response.body)
        } catch {
            throw PrometheusError.invalidResponse(status: response.status,
                                                  reason: describeDecodingFailure(error, body: response.body,
                                                                                  contentType: contentType),
                                                  body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
        if envelope.status == "error" {
            throw PrometheusError.api(status: response.status,
                                      errorType: PrometheusErrorType(rawValue: envelope.errorType ?? "unknown"),
                                      message: envelope.error ?? "", warnings: envelope.warnings ?? [])
        }
        guard let data = envelope.data else {
            throw PrometheusError.invalidResponse(status: response.status, reason: "the response has no data field",
                                                  body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
        return APIResponse(data: data, warnings: envelope.warnings ?? [], infos: envelope.infos ?? [],
                           status: response.status)
    }

    /// Throws the error of a non-2xx response: the API error when the body is Prometheus' error
    /// envelope, else an HTTP error with an excerpt of the body.
    static func throwIfFailed(_ response: HTTPResponse) throws {
        guard !response.isSuccess else { return }
        if let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body),
           envelope.status == "error", let message = envelope.error
        {
            throw PrometheusError.api(status: response.status,
                                      errorType: PrometheusErrorType(rawValue: envelope.errorType ?? "unknown"),
                                      message: message, warnings: envelope.warnings ?? [])
        }
        let contentType = response.headers["Content-Type"]
        throw PrometheusError.http(status: response.status, contentType: contentType,
                                   body: excerpt(response.body, contentType: contentType))
    }

    static func excerpt(_ body: Data, contentType: String?) -> String {
        BodyExcerpt.make(body, contentType: contentType, limit: PrometheusError.bodyExcerptLimit)
    }

    private static func describeDecodingFailure(_ error: any Error, body: Data, contentType: String?) -> String {
        if body.isEmpty { return "the body is empty" }
        if let contentType, !contentType.lowercased().contains("json") {
            return "the body is \(contentType), not JSON"
        }
        if (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) == nil {
            return "the body is not valid JSON (truncated or malformed, \(body.count) bytes)"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(codingPath(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(codingPath(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "unexpected value at \(codingPath(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
