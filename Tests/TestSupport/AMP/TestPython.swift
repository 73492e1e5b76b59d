import Foundation

/// The Python interpreter that runs the AMP emulator and the Prometheus stub.
///
/// It is `PROMLAMBDA_TEST_PYTHON` when set (CI points it at a virtualenv with botocore), otherwise
/// `<package root>/.venv/bin/python`. Both scripts need botocore or the standard library only, and a missing
/// interpreter or a missing botocore fails the test with a message that states how to fix it.
public enum TestPython {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The package root: this file is `<root>/Tests/TestSupport/AMP/TestPython.swift`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The folder of `amp_emulator.py` and `prometheus_stub.py`.
    public static let scriptsFolder: URL = packageRoot
        .appendingPathComponent("Tests/TestSupport/Resources", isDirectory: true)

    /// Returns the interpreter path, checked once per test process for botocore.
    public static func interpreter() throws -> String {
        try checkedInterpreter.get()
    }

    private static let checkedInterpreter: Result<String, Failure> = {
        let configured = ProcessInfo.processInfo.environment["PROMLAMBDA_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        let python = configured ?? packageRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .failure(Failure(description: "No Python interpreter at \(python). Run scripts/setup to create "
                + ".venv, or set PROMLAMBDA_TEST_PYTHON to a Python 3 executable with botocore."))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import botocore"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "Starting \(python) failed: \(error)."))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(Failure(description: "The Python interpreter \(python) cannot import botocore. Run "
                + "scripts/setup, or set PROMLAMBDA_TEST_PYTHON to a Python with botocore installed."))
        }
        return .success(python)
    }()
}
