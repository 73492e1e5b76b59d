import PromLambdaCore

/// `ping`: a liveness check, which gets an empty result at any point of a session.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/utilities/ping
enum Ping: MCPMethod {
    static let name = "ping"

    struct Parameters: Sendable, Equatable {}

    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        _ = try ParamsObject(params, method: name)
        return Parameters()
    }

    static let result: JSONValue = [:]
}
