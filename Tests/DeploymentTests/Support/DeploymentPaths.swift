import Foundation
import Testing

/// Finds the files and tools the deployment tests use.
enum DeploymentPaths {
    /// The package root, from this file's path `Tests/DeploymentTests/Support/DeploymentPaths.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let template = packageRoot.appendingPathComponent("deploy/template.yaml")
    static let checkScript = packageRoot.appendingPathComponent("scripts/check-lambda-binary")
    static let compatSource = packageRoot.appendingPathComponent("Sources/AL2023Compat/SymbolVersions.c")
    /// The package that `scripts/package` writes for this machine's architecture.
    static let packagedZip = packageRoot.appendingPathComponent("dist/promlambda-\(hostArchitecture).zip")

    /// This machine's architecture in Lambda's spelling.
    static var hostArchitecture: String {
        #if arch(arm64)
        "arm64"
        #else
        "x86_64"
        #endif
    }

    /// Finds a product that `swift build --build-tests` put beside the test bundle, or in `.build/debug`.
    static func builtProduct(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var candidates: [URL] = []
        if let testExecutable = Bundle.main.executableURL {
            candidates.append(testExecutable.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, """
            \(name) was not found in \(candidates.map(\.path).joined(separator: " or ")). \
            Build it with `swift build --build-tests` before `swift test --skip-build`.
            """, sourceLocation: sourceLocation)
    }

    /// The interpreter named by `PROMLAMBDA_TEST_PYTHON`, or else `.venv/bin/python`; it must have cfn-lint.
    static func python(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let url = environment["PROMLAMBDA_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent(".venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), """
            No Python interpreter at \(url.path). Run scripts/setup, or set PROMLAMBDA_TEST_PYTHON \
            to a Python that has cfn-lint (pip install cfn-lint).
            """, sourceLocation: sourceLocation)
        return url
    }

    /// A C compiler from the PATH: `clang`, which the Swift toolchain ships, else `cc`.
    static func cCompiler(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        let candidates = directories.map { $0.appendingPathComponent("clang") }
            + directories.map { $0.appendingPathComponent("cc") }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "No C compiler (clang or cc) on the PATH \(path).", sourceLocation: sourceLocation)
    }

    /// Creates an empty temporary directory; the caller removes it.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
