/// A request this server serves, with its parameters read: the dispatch table keyed by method name.
enum ClientRequest: Sendable, Equatable {
    case initialize(Initialize.Parameters)
    case ping
    case listTools
    case callTool(CallTool.Parameters)

    /// Looks up the request's method and reads its parameters.
    ///
    /// - Throws: ``JSONRPCError`` `methodNotFound` for a method this server does not serve, and
    ///   `invalidParams` for parameters that do not fit the method.
    init(_ request: JSONRPCRequest) throws(JSONRPCError) {
        switch request.method {
        case Initialize.name:
            self = .initialize(try Initialize.parameters(from: request.params))
        case Ping.name:
            _ = try Ping.parameters(from: request.params)
            self = .ping
        case ListTools.name:
            _ = try ListTools.parameters(from: request.params)
            self = .listTools
        case CallTool.name:
            self = .callTool(try CallTool.parameters(from: request.params))
        default:
            throw .methodNotFound(request.method)
        }
    }
}

/// A notification this server acts on, with its parameters read.
enum ClientNotification: Sendable, Equatable {
    case initialized
    case cancelled(Cancelled.Parameters)

    /// Looks up the notification's method and reads its parameters.
    ///
    /// - Returns: `nil` for a method this server does not act on; notifications get no response,
    ///   so the caller only logs it.
    /// - Throws: ``JSONRPCError`` `invalidParams` for parameters that do not fit the method.
    init?(_ notification: JSONRPCNotification) throws(JSONRPCError) {
        switch notification.method {
        case Initialized.name:
            _ = try Initialized.parameters(from: notification.params)
            self = .initialized
        case Cancelled.name:
            self = .cancelled(try Cancelled.parameters(from: notification.params))
        default:
            return nil
        }
    }
}
