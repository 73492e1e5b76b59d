import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with a time limit and returns its status and output.
enum CommandRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Whether the time limit ended the program.
        var timedOut: Bool

        /// Both streams, for failure messages.
        var output: String { standardOutput + standardError }
    }

    /// Runs `executable` with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: the complete environment of the child, or `nil` for this process' environment.
    ///   - timeout: seconds after which the child is killed with SIGKILL, which no signal mask blocks.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                    currentDirectory: URL? = nil, timeout: TimeInterval = 120) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let directory = try DeploymentPaths.temporaryDirectory("deploy-run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outFile = directory.appendingPathComponent("stdout")
        let errFile = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice

        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                       standardError: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "",
                       timedOut: timedOut)
    }
}
