import AmazonPrometheus
import Foundation
import HTTPTransport
import PrometheusAPI
import PromLambdaCore

/// Settings read from the environment once, at start, by the CLI and the Lambda bootstrap.
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `PROMETHEUS_URL` | the Prometheus-compatible server's base URL | none |
/// | `PROMLAMBDA_MAX_RESULT_BYTES` | result budget when a call sets no `max_bytes` | 32000 |
/// | `PROMLAMBDA_REQUEST_TIMEOUT` | seconds one HTTP request may take | 30 |
/// | `PROMLAMBDA_MAX_RETRIES` | retries of a 429, 5xx or connection failure | 2 |
/// | `PROMLAMBDA_SCOPE_ORG_ID` | `X-Scope-OrgID` tenant header for Mimir or Cortex (never sent to AMP) | none |
/// | `AMP_WORKSPACE_ID` | the default AMP workspace, when `PROMETHEUS_URL` is not set | none |
/// | `AMP_WORKSPACE_ALIAS` | the default AMP workspace by exact alias | none |
///
/// A `PROMETHEUS_URL` on `aps-workspaces.REGION.amazonaws.com` turns SigV4 signing on by itself.
public struct ToolConfiguration: Sendable {
    public var prometheusURL: URL?
    public var workspaceID: String?
    public var workspaceAlias: String?
    public var scopeOrgID: String?
    public var settings: ToolSettings
    public var requestTimeout: Double
    public var maxRetries: Int

    public init(prometheusURL: URL? = nil, settings: ToolSettings = ToolSettings(), requestTimeout: Double = 30,
                maxRetries: Int = 2) {
        self.prometheusURL = prometheusURL
        self.settings = settings
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
    }

    /// Reads the variables above; an invalid value throws an error that names the variable.
    public init(environment: Environment) throws(ConfigurationError) {
        self.init()
        if let text = environment["PROMETHEUS_URL"] {
            prometheusURL = try Self.parseURL(text, variable: "PROMETHEUS_URL")
        }
        if let text = environment["PROMLAMBDA_MAX_RESULT_BYTES"] {
            settings.defaultMaxBytes = try Self.parseInt(text, variable: "PROMLAMBDA_MAX_RESULT_BYTES",
                                                         range: 1_000...settings.maxMaxBytes)
        }
        if let text = environment["PROMLAMBDA_REQUEST_TIMEOUT"] {
            requestTimeout = Double(try Self.parseInt(text, variable: "PROMLAMBDA_REQUEST_TIMEOUT", range: 1...900))
        }
        if let text = environment["PROMLAMBDA_MAX_RETRIES"] {
            maxRetries = try Self.parseInt(text, variable: "PROMLAMBDA_MAX_RETRIES", range: 0...10)
        }
        scopeOrgID = environment["PROMLAMBDA_SCOPE_ORG_ID"]
        if let scopeOrgID, scopeOrgID.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw ConfigurationError(variable: "PROMLAMBDA_SCOPE_ORG_ID", message: "PROMLAMBDA_SCOPE_ORG_ID must not "
                                     + "contain control characters such as line breaks; it is sent as a header.")
        }
        workspaceID = environment["AMP_WORKSPACE_ID"]
        workspaceAlias = environment["AMP_WORKSPACE_ALIAS"]
        let defaults = [("PROMETHEUS_URL", prometheusURL != nil), ("AMP_WORKSPACE_ID", workspaceID != nil),
                        ("AMP_WORKSPACE_ALIAS", workspaceAlias != nil)].filter(\.1).map(\.0)
        if defaults.count > 1 {
            throw ConfigurationError(variable: defaults[1], message: "Set only one of "
                                     + defaults.joined(separator: ", ") + ": each names the default server.")
        }
    }

    /// Whether a call that names no workspace has a server to go to.
    public var hasDefaultServer: Bool {
        prometheusURL != nil || workspaceID != nil || workspaceAlias != nil
    }

    /// Accepts only absolute `http` and `https` URLs with a host; user info is rejected so that a
    /// password cannot end up in logs.
    public static func parseURL(_ text: String, variable: String) throws(ConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else {
            throw ConfigurationError(variable: variable, message: "\(variable) must be an http or https URL such as "
                                     + "http://127.0.0.1:9090, not \"\(text)\".")
        }
        guard url.user == nil, url.password == nil else {
            throw ConfigurationError(variable: variable, message: "\(variable) must not contain a user name or "
                                     + "password; put credentials in a proxy or use AMP's SigV4 signing.")
        }
        return url
    }

    static func parseInt(_ text: String, variable: String, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(variable: variable, message: "\(variable) must be a whole number from "
                                     + "\(range.lowerBound) to \(range.upperBound), not \"\(text)\".")
        }
        return value
    }

    /// Builds the toolbox: the tools over the default server, plus AMP workspaces that calls name.
    /// - Parameter environment: where AWS credentials, the Region and endpoint overrides are read from.
    public func makeToolbox(environment: Environment, http: any HTTPClient,
                            timeSource: any TimeSource = SystemTimeSource()) throws(ConfigurationError)
        -> PrometheusToolbox
    {
        let retryPolicy = RetryPolicy(maxRetries: maxRetries)
        var options = PrometheusClient.Options(requestTimeout: requestTimeout)
        let access = try AWSAccess.standard(environment: environment, http: http, retryPolicy: retryPolicy,
                                            timeSource: timeSource)

        let defaultTarget: AmazonPrometheusConnector.DefaultTarget
        if let prometheusURL, let workspaceURL = AMPWorkspaceURL(prometheusURL) {
            defaultTarget = .workspaceURL(workspaceURL)
        } else if let prometheusURL {
            if let scopeOrgID { options.headers.append(("X-Scope-OrgID", scopeOrgID)) }
            defaultTarget = .server(StaticPrometheusConnector(baseURL: prometheusURL, http: http, options: options,
                                                              retryPolicy: retryPolicy, timeSource: timeSource))
        } else if let workspaceID {
            defaultTarget = .workspace(.id(workspaceID), region: nil)
        } else if let workspaceAlias {
            defaultTarget = .workspace(.alias(workspaceAlias), region: nil)
        } else {
            defaultTarget = .none
        }

        let connector = AmazonPrometheusConnector(access: access, defaultTarget: defaultTarget, options: options)
        return PrometheusToolbox(
            environment: ToolEnvironment(connector: connector, timeSource: timeSource, settings: settings),
            extraOperations: [FindWorkspaceOperation(connector: connector, settings: settings)])
    }
}

/// A configuration value that is missing or invalid; `variable` names the setting at fault.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { message }
}
