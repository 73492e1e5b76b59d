import Foundation
import Testing

/// Runs Python scripts that the differential tests and the local credential servers need.
///
/// The interpreter is `PROMLAMBDA_TEST_PYTHON` when set (scripts/test sets it to the package's `.venv`),
/// otherwise `<package root>/.venv/bin/python`. Scripts that need only the standard library fall back to
/// `python3` on the `PATH` when neither exists.
enum PythonProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func interpreter(needsBotocore: Bool) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let venvPython = TestFiles.packageRoot.appendingPathComponent(".venv/bin/python").path
        let candidates: [String]
        if let configured = environment["PROMLAMBDA_TEST_PYTHON"], !configured.isEmpty {
            candidates = [configured]
        } else if needsBotocore {
            candidates = [venvPython]
        } else {
            candidates = [venvPython, "/usr/bin/python3", "/usr/local/bin/python3"]
        }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "No Python interpreter found at \(candidates.joined(separator: " or ")). "
                + "Run scripts/setup to create .venv, or set PROMLAMBDA_TEST_PYTHON to a Python 3 executable.")
        }
        if needsBotocore {
            let check = try run(python, arguments: ["-c", "import botocore"], input: Data())
            guard check.status == 0 else {
                throw Failure(description: "The Python interpreter \(python) cannot import botocore. Run "
                    + "scripts/setup, or set PROMLAMBDA_TEST_PYTHON to a Python with botocore installed.")
            }
        }
        return python
    }

    /// Runs `script` with the interpreter, feeding `input` on standard input, and returns standard output.
    /// - Throws: ``Failure`` with the script's standard error when it exits with a non-zero status.
    static func runScript(_ script: String, needsBotocore: Bool, input: Data) throws -> Data {
        let python = try interpreter(needsBotocore: needsBotocore)
        let result = try run(python, arguments: ["-c", script], input: input)
        guard result.status == 0 else {
            throw Failure(description: "The Python script failed with status \(result.status): "
                + String(decoding: result.standardError, as: UTF8.self))
        }
        return result.standardOutput
    }

    static func run(_ executable: String, arguments: [String],
                    input: Data) throws -> (status: Int32, standardOutput: Data, standardError: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let inputPipe = Pipe(), outputPipe = Pipe(), errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()

        // Read both outputs on their own threads while writing the input, so no pipe fills up and blocks.
        // SIGPIPE is ignored so that a script that exits early makes the write fail instead of killing the tests.
        signal(SIGPIPE, SIG_IGN)
        let output = PipeCollector(outputPipe.fileHandleForReading)
        let errors = PipeCollector(errorPipe.fileHandleForReading)
        let writeError: (any Error)?
        do {
            try inputPipe.fileHandleForWriting.write(contentsOf: input)
            writeError = nil
        } catch {
            writeError = error
        }
        try? inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        if let writeError, process.terminationStatus == 0 {
            throw writeError
        }
        return (process.terminationStatus, output.wait(), errors.wait())
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeCollector: @unchecked Sendable {
    // `@unchecked Sendable` is sound: `data` is written by the reading thread only before `done` is signalled,
    // and read by `wait` only after it.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
