import Foundation
import Testing

/// Where the tests find the package, the test server binary and the Python interpreter.
enum TestPaths {
    /// The package root, found from the path of this file, `Tests/MCPServerTests/Helpers/TestPaths.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Python client script, in the source tree.
    static let clientScript = packageRoot.appendingPathComponent("Tests/MCPServerTests/Resources/mcp_client_check.py")

    /// Finds the `mcp-test-server` binary that `swift build --build-tests` puts next to the test
    /// bundle. Looks beside the running test executable first, so other build directories work, then in
    /// `.build/debug`.
    static func testServer(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var candidates: [URL] = []
        if let testExecutable = Bundle.main.executableURL {
            candidates.append(testExecutable.deletingLastPathComponent().appendingPathComponent("mcp-test-server"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/mcp-test-server"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, """
            mcp-test-server was not found in \(candidates.map(\.path).joined(separator: " or ")). \
            Build it with `swift build --build-tests` before `swift test --skip-build`.
            """, sourceLocation: sourceLocation)
    }

    /// Finds the Python interpreter named by `PROMLAMBDA_TEST_PYTHON`, or else `.venv/bin/python`.
    static func python(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let url = environment["PROMLAMBDA_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent(".venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), """
            No Python interpreter at \(url.path). Run scripts/setup, or set PROMLAMBDA_TEST_PYTHON \
            to a Python that has the mcp package.
            """, sourceLocation: sourceLocation)
        return url
    }
}
