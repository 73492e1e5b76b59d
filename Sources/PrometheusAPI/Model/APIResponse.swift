import Foundation

/// A successful API response: its data plus the `warnings` and `infos` that came with it.
///
/// Warnings and infos are annotations, not failures: they travel with the data to the caller.
public struct APIResponse<Payload: Sendable>: Sendable {
    public var data: Payload
    public var warnings: [String]
    public var infos: [String]
    /// The HTTP status of the response.
    public var status: Int

    public init(data: Payload, warnings: [String] = [], infos: [String] = [], status: Int = 200) {
        self.data = data
        self.warnings = warnings
        self.infos = infos
        self.status = status
    }
}

extension APIResponse: Equatable where Payload: Equatable {}

/// Prometheus' response envelope as it arrives on the wire.
struct Envelope<Payload: Decodable>: Decodable {
    var status: String
    var data: Payload?
    var errorType: String?
    var error: String?
    var warnings: [String]?
    var infos: [String]?
}

/// The envelope read without its data, for error responses whose data may be of any shape.
struct ErrorEnvelope: Decodable {
    var status: String
    var errorType: String?
    var error: String?
    var warnings: [String]?
}
