import AmazonPrometheus
import AWSSigV4
import Foundation
import PromLambdaCore

extension ToolFailure {
    /// Maps an AMP control-plane error; the message names what to check and carries no credential.
    init(_ error: AMPError) {
        let kind: Kind = switch error.reason {
        case .signatureMismatch, .signatureExpired, .invalidToken, .expiredToken, .missingAuthentication,
             .accessDenied, .httpClientFailed: .accessDenied
        case .resourceNotFound: .notFound
        case .transport(.timedOut): .timeout
        case .transport: .unreachable
        case .validation, .invalidRequest: .invalidArgument
        default: .httpError
        }
        self.init(kind: kind, message: error.description, httpStatus: error.httpStatus, errorType: error.errorType)
    }

    init(_ error: WorkspaceResolutionError) {
        switch error {
        case .workspaceNotFound, .aliasNotFound:
            var details: JSONValue?
            if case .aliasNotFound(_, _, let existing, let omitted) = error {
                details = ["existingAliases": .array(existing.map { .string($0) }),
                           "omittedAliases": .number(Double(omitted))]
            }
            self.init(kind: .notFound, message: error.description, details: details)
        case .ambiguousAlias(_, let region, let candidates):
            self.init(kind: .ambiguous, message: error.description,
                      details: ["candidates": .array(candidates.map { WorkspaceJSON.summary($0, region: region) })])
        case .notActive(let workspace, let region):
            self.init(kind: .notFound, message: error.description,
                      details: ["workspace": WorkspaceJSON.describe(workspace, region: region)])
        case .invalidReference:
            self.init(kind: .invalidArgument, message: error.description)
        case .service(let underlying):
            self.init(underlying)
        default:
            self.init(kind: .httpError, message: error.description)
        }
    }

    init(_ error: CredentialError) {
        self.init(kind: .accessDenied, message: error.description)
    }

    init(_ error: AMPConfigurationError) {
        self.init(kind: .configuration, message: error.description)
    }
}
