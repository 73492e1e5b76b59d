/// A region, endpoint or workspace setting that AMP calls cannot be built from.
public struct AMPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable at fault, when the value came from one.
    public var variable: String?
    /// A sentence that names the value and states what is expected.
    public var message: String

    public init(variable: String? = nil, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { message }
}
