#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free TCP ports on 127.0.0.1.
enum LoopbackPort {
    /// Returns a port that was free a moment ago, found by binding port 0 and reading the port
    /// the kernel chose.
    ///
    /// The socket is closed before returning, so another process can take the port before the
    /// caller binds it. ``TestPrometheus`` therefore retries with a new port when Prometheus
    /// reports the address in use.
    static func reserve() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket") }
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)

        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw failure("bind") }

        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw failure("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func failure(_ call: String) -> TestPrometheusError {
        let reason = String(cString: strerror(errno))
        return TestPrometheusError(.portUnavailable, "Reserving a TCP port on 127.0.0.1 failed: \(call) returned \(reason).")
    }
}
