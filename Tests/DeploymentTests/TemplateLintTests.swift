import Foundation
import Testing

/// cfn-lint, the CloudFormation linter, on deploy/template.yaml.
@Suite struct TemplateLintTests {
    @Test func templatePassesCfnLint() throws {
        let outcome = try Self.cfnLint(DeploymentPaths.template)

        #expect(outcome.status == 0, "cfn-lint reported problems in deploy/template.yaml:\n\(outcome.output)")
    }

    @Test func cfnLintRejectsBrokenTemplate() throws {
        // Shows that the lint runs and fails: the same template with a runtime that does not exist.
        let directory = try DeploymentPaths.temporaryDirectory("deploy-lint")
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("template.yaml")
        let text = try String(contentsOf: DeploymentPaths.template, encoding: .utf8)
        try #require(text.contains("Runtime: provided.al2023"))
        try text.replacingOccurrences(of: "Runtime: provided.al2023", with: "Runtime: provided.al2099")
            .write(to: broken, atomically: true, encoding: .utf8)

        let outcome = try Self.cfnLint(broken)

        #expect(outcome.status != 0, "cfn-lint accepted Runtime: provided.al2099:\n\(outcome.output)")
        #expect(outcome.output.contains("E3030"), "\(outcome.output)")
    }

    /// Runs cfn-lint's command-line entry point (`cfnlint.runner.main`) on `template`. The package has
    /// no `__main__` module, so `python -m cfnlint` does not work.
    static func cfnLint(_ template: URL, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> CommandRunner.Outcome
    {
        let python = try DeploymentPaths.python(sourceLocation: sourceLocation)
        let probe = try CommandRunner.run(python, ["-c", "import cfnlint"])
        try #require(probe.status == 0, """
            \(python.path) has no cfn-lint. Run scripts/setup, or pip install cfn-lint into the Python \
            that PROMLAMBDA_TEST_PYTHON names.
            \(probe.output)
            """, sourceLocation: sourceLocation)
        let entryPoint = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())"
        return try CommandRunner.run(python, ["-c", entryPoint, "--", template.path])
    }
}
