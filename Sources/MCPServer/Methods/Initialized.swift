import PromLambdaCore

/// `notifications/initialized`: the client's signal that it has processed the `initialize`
/// result. This server sends no requests of its own, so it only logs the notification.
enum Initialized: MCPMethod {
    static let name = "notifications/initialized"

    struct Parameters: Sendable, Equatable {}

    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        _ = try ParamsObject(params, method: name)
        return Parameters()
    }
}
