import Foundation
import HTTPTransport
import PromLambdaCore

// MARK: - Streamed queries

extension PrometheusClient {
    /// Evaluates an instant query and passes each series of the result to `visitor` as it is read.
    ///
    /// The body is read in place: no decoded copy of the whole result is made, so the memory used
    /// beyond the body is what the visitor keeps. Errors are those of ``query(_:time:timeout:extraParameters:)``.
    public func streamQuery<Visitor: QueryResultVisitor>(
        _ query: String, time: Date? = nil, timeout: Double? = nil,
        extraParameters: QueryParameters = QueryParameters(), into visitor: inout Visitor
    ) async throws -> StreamedQueryResponse {
        let response = try await send(PrometheusEndpoint.query,
                                      Self.queryParameters(query, time: time, timeout: timeout, extra: extraParameters),
                                      allowPOST: true)
        return try Self.streamDecode(response, into: &visitor)
    }

    /// Evaluates a range query and passes each series of the result to `visitor` as it is read.
    public func streamQueryRange<Visitor: QueryResultVisitor>(
        _ query: String, start: Date, end: Date, step: Double, timeout: Double? = nil,
        extraParameters: QueryParameters = QueryParameters(), into visitor: inout Visitor
    ) async throws -> StreamedQueryResponse {
        let parameters = Self.rangeParameters(query, start: start, end: end, step: step, timeout: timeout,
                                              extra: extraParameters)
        let response = try await send(PrometheusEndpoint.queryRange, parameters, allowPOST: true)
        return try Self.streamDecode(response, into: &visitor)
    }

    /// Lists the values of one label like ``labelValues(_:matches:start:end:)``, passing each value to
    /// `body` as it is read instead of decoding the whole list first.
    public func streamLabelValues(_ label: String, matches: [String] = [], start: Date? = nil, end: Date? = nil,
                                  _ body: (String) throws -> Void) async throws -> APIResponse<Int> {
        let response = try await send(PrometheusEndpoint.labelValues(label), Self.seriesSelection(matches, start, end),
                                      allowPOST: false)
        try Self.throwIfFailed(response)
        return try Self.readBody(response) { bytes throws -> APIResponse<Int> in
            var reader = JSONByteReader(bytes)
            var status: String?
            var error: (type: String?, message: String?) = (nil, nil)
            var warnings: [String] = []
            var infos: [String] = []
            var count: Int?
            try reader.beginObject()
            var first = true
            while let key = try reader.nextKey(first: &first) {
                switch key {
                case "status": status = try reader.readString()
                case "errorType": error.type = try reader.consumeNull() ? nil : reader.readString()
                case "error": error.message = try reader.consumeNull() ? nil : reader.readString()
                case "warnings": warnings = try reader.consumeNull() ? [] : reader.readStringArray()
                case "infos": infos = try reader.consumeNull() ? [] : reader.readStringArray()
                case "data":
                    if try reader.consumeNull() { continue }
                    var values = 0
                    try reader.beginArray()
                    var firstValue = true
                    while try reader.nextElement(first: &firstValue) {
                        try body(try reader.readString())
                        values += 1
                    }
                    count = values
                default: try reader.skipValue()
                }
            }
            try reader.expectEnd()
            try Self.checkStatus(status, errorType: error.type, error: error.message, warnings: warnings,
                                 hasData: count != nil, response: response)
            return APIResponse(data: count ?? 0, warnings: warnings, infos: infos, status: response.status)
        }
    }

    /// Reads a 2xx query response into `visitor`, or throws the error it carries.
    static func streamDecode<Visitor: QueryResultVisitor>(_ response: HTTPResponse,
                                                          into visitor: inout Visitor) throws -> StreamedQueryResponse {
        try throwIfFailed(response)
        let envelope = try readBody(response) { bytes in try QueryEnvelopeReader.read(bytes, into: &visitor) }
        try checkStatus(envelope.status, errorType: envelope.errorType, error: envelope.error,
                        warnings: envelope.warnings, hasData: envelope.hasData, response: response)
        guard let resultType = envelope.resultType else {
            throw PrometheusError.invalidResponse(status: response.status, reason: "missing field .data.resultType",
                                                  body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
        return StreamedQueryResponse(resultType: resultType, scalar: envelope.scalar, seriesCount: envelope.seriesCount,
                                     warnings: envelope.warnings, infos: envelope.infos, status: response.status,
                                     bodyBytes: response.body.count)
    }

    /// Runs `read` over the body's bytes, turning invalid JSON into ``PrometheusError/invalidResponse(status:reason:body:)``.
    private static func readBody<Result>(_ response: HTTPResponse,
                                         _ read: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        do {
            return try response.body.withUnsafeBytes { bytes in try read(bytes) }
        } catch let error as JSONReadError {
            let reason: String
            if response.body.isEmpty {
                reason = "the body is empty"
            } else if let contentType = response.headers["Content-Type"], !contentType.lowercased().contains("json") {
                reason = "the body is \(contentType), not JSON"
            } else {
                reason = "the body is not valid JSON (truncated or malformed, \(response.body.count) bytes): \(error)"
            }
            throw PrometheusError.invalidResponse(status: response.status, reason: reason, body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
    }

    /// Throws the API error of an envelope whose `status` is `error`, or the invalid response of one
    /// without a status or data.
    private static func checkStatus(_ status: String?, errorType: String?, error: String?, warnings: [String],
                                    hasData: Bool, response: HTTPResponse) throws {
        guard let status else {
            throw PrometheusError.invalidResponse(status: response.status, reason: "missing field .status",
                                                  body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
        if status == "error" {
            throw PrometheusError.api(status: response.status,
                                      errorType: PrometheusErrorType(rawValue: errorType ?? "unknown"),
                                      message: error ?? "", warnings: warnings)
        }
        guard hasData else {
            throw PrometheusError.invalidResponse(status: response.status, reason: "the response has no data field",
                                                  body: excerpt(response.body, contentType: response.headers["Content-Type"]))
        }
    }
}
