/// A snapshot of environment variables, read once at start and passed down as a value.
///
/// Library code never calls `getenv`: the executables take one snapshot, and tests build their own.
public struct Environment: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }
}

#if canImport(Foundation)
import Foundation

extension Environment {
    /// The environment of this process.
    public static var process: Environment {
        Environment(ProcessInfo.processInfo.environment)
    }
}
#endif
