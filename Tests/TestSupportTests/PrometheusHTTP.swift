import Foundation
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal client for the few Prometheus endpoints these tests read.
///
/// It uses URLSession directly so that the harness is tested without the project's own client.
enum PrometheusHTTP {
    /// One element of an instant-vector result: the labels and the sample value as Prometheus
    /// writes it, a string such as `"23.25"`, `"NaN"` or `"+Inf"`.
    struct VectorSample: Equatable {
        var labels: [String: String]
        var value: String
        var timestamp: Double
    }

    struct HTTPFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs an instant query with a form-encoded POST to `/api/v1/query` and returns the vector.
    static func query(_ expression: String, at time: Date, on server: TestPrometheus) async throws -> [VectorSample] {
        let body = formEncode(["query": expression, "time": String(Int(time.timeIntervalSince1970))])
        var request = URLRequest(url: server.url.appendingPathComponent("api/v1/query"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let object = try await send(request)

        guard let data = object["data"] as? [String: Any], data["resultType"] as? String == "vector",
            let result = data["result"] as? [[String: Any]]
        else {
            throw HTTPFailure(description: "The query \(expression) returned no vector: \(object)")
        }
        return try result.map { element in
            guard let labels = element["metric"] as? [String: String], let pair = element["value"] as? [Any], pair.count == 2,
                let timestamp = pair[0] as? Double, let value = pair[1] as? String
            else {
                throw HTTPFailure(description: "A vector element has an unexpected shape: \(element)")
            }
            return VectorSample(labels: labels, value: value, timestamp: timestamp)
        }
    }

    /// Sends a GET to `path` and returns the `data` member of the JSON envelope.
    static func get(_ path: String, on server: TestPrometheus) async throws -> Any {
        let object = try await send(URLRequest(url: URL(string: path, relativeTo: server.url)!))
        guard let data = object["data"] else {
            throw HTTPFailure(description: "GET \(path) returned no data member: \(object)")
        }
        return data
    }

    private static func send(_ request: URLRequest) async throws -> [String: Any] {
        let (body, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: body, as: UTF8.self)
        guard status == 200 else {
            throw HTTPFailure(description: "\(request.httpMethod ?? "GET") \(request.url!) returned HTTP \(status): \(text)")
        }
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any], object["status"] as? String == "success" else {
            throw HTTPFailure(description: "\(request.url!) returned no success envelope: \(text)")
        }
        return object
    }

    /// Encodes form fields, escaping every byte outside RFC 3986's unreserved set, `+` included.
    static func formEncode(_ fields: [String: String]) -> String {
        var unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        unreserved.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: unreserved)!)" }
            .joined(separator: "&")
    }
}
