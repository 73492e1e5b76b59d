import PromLambdaCore

/// `initialize`: the first request of a session, which agrees on the protocol revision.
///
/// - SeeAlso: https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle#initialization
enum Initialize: MCPMethod {
    static let name = "initialize"

    struct Parameters: Sendable, Equatable {
        /// The revision the client asked for; it may be one this server does not speak.
        var protocolVersion: String
        /// `clientInfo.name` and `clientInfo.version`, kept for logs.
        var clientName: String?
        var clientVersion: String?
    }

    /// Requires `protocolVersion`. `capabilities` and `clientInfo` are only type-checked when
    /// present: the server uses neither, and rejecting a client over them would gain nothing.
    static func parameters(from params: JSONValue?) throws(JSONRPCError) -> Parameters {
        let object = try ParamsObject(params, method: name)
        let protocolVersion = try object.requiredString("protocolVersion")
        _ = try object.optionalObject("capabilities")
        let clientInfo = try object.optionalObject("clientInfo")
        return Parameters(
            protocolVersion: protocolVersion,
            clientName: clientInfo?["name"]?.stringValue,
            clientVersion: clientInfo?["version"]?.stringValue)
    }

    struct Result: Sendable, Equatable {
        var protocolVersion: ProtocolVersion
        var serverName: String
        var serverVersion: String
        var instructions: String?

        /// The server offers tools only, and its tool list never changes while it runs.
        var jsonValue: JSONValue {
            var result: [String: JSONValue] = [
                "protocolVersion": .string(protocolVersion.rawValue),
                "capabilities": ["tools": ["listChanged": false]],
                "serverInfo": ["name": .string(serverName), "version": .string(serverVersion)],
            ]
            if let instructions {
                result["instructions"] = .string(instructions)
            }
            return .object(result)
        }
    }
}
