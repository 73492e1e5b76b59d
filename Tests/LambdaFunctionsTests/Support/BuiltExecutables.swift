import Foundation
import Testing

/// Finds the executables that `swift build --build-tests` builds next to the test bundle.
enum BuiltExecutables {
    /// The package root, found from the path of this file, `Tests/LambdaFunctionsTests/Support/BuiltExecutables.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Returns the `bootstrap` under test: `PROMLAMBDA_TEST_BOOTSTRAP` when set, which `scripts/test` points at
    /// the binary unpacked from the Lambda package, else the debug build.
    static func bootstrap(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        if let packaged = ProcessInfo.processInfo.environment["PROMLAMBDA_TEST_BOOTSTRAP"], !packaged.isEmpty {
            try #require(FileManager.default.isExecutableFile(atPath: packaged),
                         "PROMLAMBDA_TEST_BOOTSTRAP names \(packaged), which is not an executable file.",
                         sourceLocation: sourceLocation)
            return URL(fileURLWithPath: packaged)
        }
        return try locate("bootstrap", sourceLocation: sourceLocation)
    }

    static func promlambda(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try locate("promlambda", sourceLocation: sourceLocation)
    }

    /// Looks beside the running test executable first, so other build directories work, then in `.build/debug`.
    private static func locate(_ name: String, sourceLocation: SourceLocation) throws -> URL {
        var candidates: [URL] = []
        if let testExecutable = Bundle.main.executableURL {
            candidates.append(testExecutable.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, """
            \(name) was not found in \(candidates.map(\.path).joined(separator: " or ")). Build it with \
            `swift build --build-tests`, which builds every executable, before `swift test --skip-build`.
            """, sourceLocation: sourceLocation)
    }
}
