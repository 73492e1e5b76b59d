import Foundation
import PromLambdaCore

/// Keeps another provider's credentials until shortly before they expire, and fetches new ones once for all
/// concurrent callers.
///
/// Credentials without an expiry are kept for the life of the cache. Others are refreshed once the time from
/// `timeSource` is within `refreshMargin` seconds of their expiry. When a refresh fails while the cached
/// credentials have not yet expired, the cached ones are returned and the failure is logged.
public actor CachingCredentialProvider: CredentialProvider {
    public let base: any CredentialProvider
    public let timeSource: any TimeSource
    /// Seconds before expiry at which credentials are refreshed.
    public let refreshMargin: TimeInterval
    private let logger: Logger
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?

    public init(base: any CredentialProvider, timeSource: any TimeSource = SystemTimeSource(),
                refreshMargin: TimeInterval = 300, logger: Logger = .disabled) {
        self.base = base
        self.timeSource = timeSource
        self.refreshMargin = refreshMargin
        self.logger = logger
    }

    public func credentials() async throws -> AWSCredentials {
        let now = timeSource.now
        if let cached, !cached.isExpired(at: now, margin: refreshMargin) {
            return cached
        }
        // A refresh already in flight is shared, so concurrent callers cause one fetch.
        if let refresh {
            return try await refresh.value
        }

        let task = Task { [base] in try await base.credentials() }
        refresh = task
        defer { refresh = nil }
        do {
            let fresh = try await task.value
            cached = fresh
            return fresh
        } catch {
            if let cached, !cached.isExpired(at: timeSource.now) {
                logger.warning("credential refresh failed, using cached credentials until they expire", [
                    "error": .string(String(describing: error)),
                    "access_key_id": .string(cached.accessKeyId),
                ])
                return cached
            }
            throw error
        }
    }
}
