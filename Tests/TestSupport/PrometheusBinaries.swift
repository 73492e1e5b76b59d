import Foundation
import PromLambdaCore

/// The paths of the `prometheus` and `promtool` executables that ``TestPrometheus`` runs.
public struct PrometheusBinaries: Sendable, Hashable {
    public var prometheus: URL
    public var promtool: URL

    public init(prometheus: URL, promtool: URL) {
        self.prometheus = prometheus
        self.promtool = promtool
    }

    /// Finds both executables in the directories of `PATH`, then in `/usr/bin`, where Debian's
    /// `prometheus` package installs them.
    ///
    /// - Throws: ``TestPrometheusError`` of kind `binaryNotFound`, whose message names
    ///   `scripts/setup`, when either one is missing.
    public static func locate(environment: Environment = .process) throws -> PrometheusBinaries {
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        directories.append("/usr/bin")
        return PrometheusBinaries(
            prometheus: try find("prometheus", in: directories),
            promtool: try find("promtool", in: directories)
        )
    }

    /// Checks that both paths are executable files.
    ///
    /// - Throws: ``TestPrometheusError`` of kind `binaryNotFound` naming the first one that is not.
    public func validate() throws {
        for url in [prometheus, promtool] where !FileManager.default.isExecutableFile(atPath: url.path) {
            throw Self.notFound(url.lastPathComponent, detail: "\(url.path) is not an executable file")
        }
    }

    private static func find(_ name: String, in directories: [String]) throws -> URL {
        for directory in directories where !directory.isEmpty {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) {
                return url
            }
        }
        throw notFound(name, detail: "it is in none of \(directories.joined(separator: ":"))")
    }

    private static func notFound(_ name: String, detail: String) -> TestPrometheusError {
        TestPrometheusError(
            .binaryNotFound,
            "\(name) was not found: \(detail). The integration tests and the demo need Prometheus 2.42 and promtool: "
                + "run scripts/setup, which installs Debian's prometheus package (apt-get install prometheus)."
        )
    }
}
