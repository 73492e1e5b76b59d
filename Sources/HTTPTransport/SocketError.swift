#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed socket operation of ``SocketConnection``.
enum SocketError: Error, Sendable, Equatable {
    /// `getaddrinfo` found no address for the host; `reason` is `gai_strerror`'s text.
    case resolutionFailed(host: String, reason: String)
    /// A system call failed with `errno`.
    case systemCall(name: String, errno: Int32)
    /// The peer closed the connection (`recv` returned 0, or `send` hit `EPIPE`).
    case closedByPeer
    /// The request's deadline passed while waiting in `poll`.
    case timedOut
}

extension SocketError: CustomStringConvertible {
    var description: String {
        switch self {
        case .resolutionFailed(let host, let reason):
            "resolving \(host.debugDescription) failed: \(reason)"
        case .systemCall(let name, let code):
            "\(name) failed: \(String(cString: strerror(code)))"
        case .closedByPeer:
            "the server closed the connection"
        case .timedOut:
            "timed out"
        }
    }
}
