import Foundation

extension TestPrometheus {
    /// Returns the server for `size` that every test in this process shares, starting it on first use.
    ///
    /// Start-up takes seconds, so suites share one server per size instead of starting their
    /// own. Concurrent first calls wait for the same start. A failed start is kept and thrown
    /// again to every later caller, so each test reports the same cause without retrying.
    /// Shared servers are never stopped explicitly: their watchdogs stop them and remove their
    /// directories when the test process exits.
    ///
    /// Tests must not call ``stop()`` on a shared server.
    public static func shared(size: SampleData.Size = .small) async throws -> TestPrometheus {
        try await SharedServers.registry.server(for: size)
    }
}

/// The servers of ``TestPrometheus/shared(size:)``, one start per size.
private actor SharedServers {
    static let registry = SharedServers()

    private var starts: [SampleData.Size: Task<TestPrometheus, any Error>] = [:]

    func server(for size: SampleData.Size) async throws -> TestPrometheus {
        if let start = starts[size] {
            return try await start.value
        }
        let start = Task {
            try await TestPrometheus.start(data: SampleData(size: size))
        }
        starts[size] = start
        return try await start.value
    }
}
