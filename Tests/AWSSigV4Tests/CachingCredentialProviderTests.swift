import Foundation
import Testing
@testable import AWSSigV4

@Suite struct CachingCredentialProviderTests {
    static let start = Date(timeIntervalSince1970: 1_773_480_000)

    static func credentials(_ name: String, expiresIn seconds: TimeInterval?) -> AWSCredentials {
        AWSCredentials(accessKeyId: name, secretAccessKey: "secret-\(name)", sessionToken: "token-\(name)",
                       expiration: seconds.map { start.addingTimeInterval($0) })
    }

    @Test func cacheKeepsUntilRefreshMargin() async throws {
        let base = CountingCredentialProvider([.success(Self.credentials("first", expiresIn: 3_600)),
                                               .success(Self.credentials("second", expiresIn: 7_200))])
        let clock = ManualTimeSource(Self.start)
        let cache = CachingCredentialProvider(base: base, timeSource: clock, refreshMargin: 300)

        #expect(try await cache.credentials().accessKeyId == "first")
        clock.advance(by: 3_299)
        #expect(try await cache.credentials().accessKeyId == "first")
        #expect(base.callCount == 1)

        clock.advance(by: 1)
        #expect(try await cache.credentials().accessKeyId == "second")
        #expect(base.callCount == 2)
    }

    @Test func cacheKeepsCredentialsWithoutExpiry() async throws {
        let base = CountingCredentialProvider([.success(Self.credentials("static", expiresIn: nil))])
        let clock = ManualTimeSource(Self.start)
        let cache = CachingCredentialProvider(base: base, timeSource: clock)
        _ = try await cache.credentials()
        clock.advance(by: 365 * 86_400)
        #expect(try await cache.credentials().accessKeyId == "static")
        #expect(base.callCount == 1)
    }

    @Test func cacheSharesOneRefresh() async throws {
        let gate = Gate()
        let base = CountingCredentialProvider([.success(Self.credentials("shared", expiresIn: 3_600))], gate: gate)
        let cache = CachingCredentialProvider(base: base, timeSource: ManualTimeSource(Self.start))

        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await cache.credentials().accessKeyId }
            }
            // Hold the first fetch until every caller has had time to reach the cache, then let it finish.
            var waiting = 0
            while waiting == 0 {
                await Task.yield()
                waiting = await gate.waiterCount
            }
            for _ in 0..<100 {
                await Task.yield()
            }
            await gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(results == Array(repeating: "shared", count: 8))
        #expect(base.callCount == 1)
    }

    @Test func cacheFallsBackWhileStillValid() async throws {
        let base = CountingCredentialProvider([
            .success(Self.credentials("first", expiresIn: 3_600)),
            .failure(.requestFailed(source: "test", url: "http://127.0.0.1:1", reason: "down")),
        ])
        let clock = ManualTimeSource(Self.start)
        let cache = CachingCredentialProvider(base: base, timeSource: clock, refreshMargin: 300)
        _ = try await cache.credentials()

        clock.advance(by: 3_400)
        #expect(try await cache.credentials().accessKeyId == "first")
        #expect(base.callCount == 2)

        clock.advance(by: 200)
        await #expect(throws: CredentialError.requestFailed(source: "test", url: "http://127.0.0.1:1", reason: "down")) {
            try await cache.credentials()
        }
    }

    @Test func cacheRetriesAfterFailedFetch() async throws {
        let base = CountingCredentialProvider([
            .failure(.requestFailed(source: "test", url: "http://127.0.0.1:1", reason: "down")),
            .success(Self.credentials("recovered", expiresIn: 3_600)),
        ])
        let cache = CachingCredentialProvider(base: base, timeSource: ManualTimeSource(Self.start))
        await #expect(throws: CredentialError.self) {
            try await cache.credentials()
        }
        #expect(try await cache.credentials().accessKeyId == "recovered")
        #expect(base.callCount == 2)
    }
}
