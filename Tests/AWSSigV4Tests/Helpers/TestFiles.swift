import Foundation

/// Locations the tests read from, found from this file's path so they work from any working directory.
enum TestFiles {
    /// The package root: this file is `<root>/Tests/AWSSigV4Tests/Helpers/TestFiles.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The AWS SigV4 test suite (awslabs/aws-c-auth, tests/aws-signing-test-suite/v4), kept in `../shared`
    /// beside the package and read in place.
    static let sigV4SuiteFolder: URL = packageRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared/sigv4-test-suite", isDirectory: true)

    /// Creates a fresh empty directory under the system temporary directory.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("awssigv4-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
