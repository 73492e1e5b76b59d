import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// scripts/check-lambda-binary against the packaged bootstrap, and against small programs built here
/// that the check must reject, so that it is shown to fail as well as to pass.
@Suite struct LambdaBinaryCheckTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")

    // MARK: - The packaged bootstrap

    @Test func packagedBootstrapPassesCheck() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-zip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bootstrap = try Self.extractPackagedBootstrap(into: directory)

        let outcome = try CommandRunner.run(DeploymentPaths.checkScript,
                                            ["--arch", DeploymentPaths.hostArchitecture, bootstrap.path])

        #expect(outcome.status == 0, "check-lambda-binary rejected the packaged bootstrap:\n\(outcome.output)")
    }

    @Test func packagedZipContainsOnlyBootstrap() throws {
        let zip = try Self.requirePackagedZip()

        let names = try CommandRunner.run(try Self.tool("unzip"), ["-Z1", zip.path])
        let details = try CommandRunner.run(try Self.tool("unzip"), ["-Z", zip.path])

        #expect(names.standardOutput.split(separator: "\n") == ["bootstrap"],
                "Lambda runs the file bootstrap at the root of the zip; the zip lists:\n\(names.output)")
        #expect(details.standardOutput.contains("-rwxr-xr-x"),
                "bootstrap must be executable in the zip:\n\(details.output)")
    }

    @Test func packagedBootstrapBindsEverySymbol() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-zip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bootstrap = try Self.extractPackagedBootstrap(into: directory)

        // LD_BIND_NOW makes the loader resolve every symbol before main runs. Without a Runtime API
        // address the bootstrap exits at once, so only a loader failure could end it with 127.
        let outcome = try CommandRunner.run(bootstrap, [],
                                            environment: ["LD_BIND_NOW": "1", "HOME": directory.path],
                                            timeout: 30)

        #expect(!outcome.timedOut, "bootstrap did not exit within 30 s:\n\(outcome.output)")
        #expect(outcome.status != 127, "the loader could not start bootstrap:\n\(outcome.output)")
        #expect(!outcome.standardError.contains("symbol lookup error"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("version `"), "\(outcome.standardError)")
    }

    // MARK: - Programs the check must reject or accept

    @Test func checkRejectsNewerSymbolVersions() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-probe")
        defer { try? FileManager.default.removeItem(at: directory) }
        let probe = try Self.buildProbe(withCompat: false, in: directory)
        let requiredVersions = try Self.requiredVersions(of: probe)
        try #require(requiredVersions.contains("GLIBC_2.35"),
                     "this host's libm has no GLIBC_2.35 hypot, so the probe cannot show the check failing")

        let outcome = try CommandRunner.run(DeploymentPaths.checkScript, [probe.path])

        #expect(outcome.status == 1, "the check accepted a binary that needs GLIBC_2.35:\n\(outcome.output)")
        #expect(outcome.standardError.contains("GLIBC_2.35 is newer than GLIBC_2.34"), "\(outcome.output)")
        #expect(outcome.standardError.contains("GLIBCXX_3.4.30 is newer than GLIBCXX_3.4.29"), "\(outcome.output)")
    }

    @Test func checkRejectsUnlistedLibrary() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-probe")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = directory.appendingPathComponent("needs_zlib")
        let build = try CommandRunner.run(try DeploymentPaths.cCompiler(), [
            Self.resources.appendingPathComponent("needs_zlib.c").path, "-Wl,--no-as-needed", "-l:libz.so.1",
            "-o", program.path,
        ])
        try #require(build.status == 0, "building the zlib probe failed:\n\(build.output)")

        let outcome = try CommandRunner.run(DeploymentPaths.checkScript, [program.path])

        #expect(outcome.status == 1, "the check accepted a binary that needs libz.so.1:\n\(outcome.output)")
        #expect(outcome.standardError.contains("needs libz.so.1"), "\(outcome.output)")
    }

    @Test func checkRejectsOtherArchitecture() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-probe")
        defer { try? FileManager.default.removeItem(at: directory) }
        let probe = try Self.buildProbe(withCompat: true, in: directory)
        let other = DeploymentPaths.hostArchitecture == "x86_64" ? "arm64" : "x86_64"

        let outcome = try CommandRunner.run(DeploymentPaths.checkScript, ["--arch", other, probe.path])

        #expect(outcome.status == 1, "\(outcome.output)")
        #expect(outcome.standardError.contains("but --arch is \(other)"), "\(outcome.output)")
    }

    @Test func checkRejectsNonELFFile() throws {
        let outcome = try CommandRunner.run(DeploymentPaths.checkScript, [DeploymentPaths.template.path])

        #expect(outcome.status == 1, "\(outcome.output)")
        #expect(outcome.standardError.contains("is not an ELF file"), "\(outcome.output)")
    }

    // MARK: - AL2023Compat

    @Test func compatBindsBaselineVersions() throws {
        let directory = try DeploymentPaths.temporaryDirectory("deploy-probe")
        defer { try? FileManager.default.removeItem(at: directory) }
        let probe = try Self.buildProbe(withCompat: true, in: directory)

        let requiredVersions = try Self.requiredVersions(of: probe)
        let check = try CommandRunner.run(DeploymentPaths.checkScript, [probe.path])
        let run = try CommandRunner.run(probe, [], timeout: 30)

        #expect(!requiredVersions.contains("GLIBC_2.35"), "\(requiredVersions)")
        #expect(!requiredVersions.contains("GLIBCXX_3.4.30"), "\(requiredVersions)")
        #expect(requiredVersions.contains("GLIBCXX_3.4.11"), "\(requiredVersions)")
        #expect(check.status == 0, "\(check.output)")
        #expect(run.standardOutput == "5 5\n", "the probe's hypot or wait went wrong:\n\(run.output)")
        #expect(run.status == 0, "\(run.output)")
    }

    // MARK: - Helpers

    static func requirePackagedZip(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let zip = DeploymentPaths.packagedZip
        try #require(FileManager.default.fileExists(atPath: zip.path), """
            \(zip.path) does not exist. Run scripts/package first (scripts/test runs it before swift test).
            """, sourceLocation: sourceLocation)
        return zip
    }

    /// Unzips the packaged bootstrap into `directory` and returns its path.
    static func extractPackagedBootstrap(into directory: URL,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let zip = try requirePackagedZip(sourceLocation: sourceLocation)
        let outcome = try CommandRunner.run(try tool("unzip"), ["-q", zip.path, "-d", directory.path])
        try #require(outcome.status == 0, "unzip failed:\n\(outcome.output)", sourceLocation: sourceLocation)
        return directory.appendingPathComponent("bootstrap")
    }

    /// Builds Resources/symbol_versions_probe.cpp, with or without Sources/AL2023Compat/SymbolVersions.c
    /// compiled as scripts/package compiles it.
    static func buildProbe(withCompat: Bool, in directory: URL,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let compiler = try DeploymentPaths.cCompiler(sourceLocation: sourceLocation)
        let cxxCompiler = compiler.deletingLastPathComponent().appendingPathComponent(
            compiler.lastPathComponent == "clang" ? "clang++" : "c++")
        var objects: [String] = []
        if withCompat {
            let object = directory.appendingPathComponent("SymbolVersions.o")
            let compile = try CommandRunner.run(compiler, ["-DPROMLAMBDA_AL2023_COMPAT", "-c",
                                                           DeploymentPaths.compatSource.path, "-o", object.path])
            try #require(compile.status == 0, "compiling SymbolVersions.c failed:\n\(compile.output)",
                         sourceLocation: sourceLocation)
            objects.append(object.path)
        }
        let probe = directory.appendingPathComponent(withCompat ? "probe-compat" : "probe-plain")
        let link = try CommandRunner.run(cxxCompiler, [
            "-pthread", resources.appendingPathComponent("symbol_versions_probe.cpp").path,
        ] + objects + ["-o", probe.path])
        try #require(link.status == 0, "building the probe failed:\n\(link.output)", sourceLocation: sourceLocation)
        return probe
    }

    /// The symbol versions in the binary's version needs section, such as GLIBC_2.34.
    static func requiredVersions(of binary: URL) throws -> Set<String> {
        let outcome = try CommandRunner.run(try tool("readelf"), ["-V", "-W", binary.path])
        var versions = Set<String>()
        for line in outcome.standardOutput.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if let index = fields.firstIndex(of: "Name:"), index + 1 < fields.count {
                versions.insert(String(fields[index + 1]))
            }
        }
        return versions
    }

    static func tool(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "\(name) is not on the PATH; run scripts/setup.", sourceLocation: sourceLocation)
    }
}
