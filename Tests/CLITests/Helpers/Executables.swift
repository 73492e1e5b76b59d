import Foundation
import Testing

/// Finds the package's binaries and the Python interpreter, and runs a binary to completion.
enum Executables {
    /// The package root, from this file's path `Tests/CLITests/Helpers/Executables.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Finds a product that `swift build --build-tests` put beside the test bundle, or in `.build/debug`.
    static func binary(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
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

    /// Returns the interpreter named by `PROMLAMBDA_TEST_PYTHON`, or else `.venv/bin/python`.
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

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `executable` with `arguments` and only the variables in `environment` (plus PATH),
    /// so the caller's own PROMETHEUS_URL or AWS settings cannot leak into a test.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var variables = environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = variables
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outFile = directory.appendingPathComponent("stdout")
        let errFile = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        if let input {
            let inFile = directory.appendingPathComponent("stdin")
            try input.write(to: inFile)
            process.standardInput = try FileHandle(forReadingFrom: inFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                       standardError: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }
}
