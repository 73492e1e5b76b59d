import Foundation
import Testing
@testable import AWSSigV4

@Suite struct AWSCredentialsTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIAVISIBLE", secretAccessKey: "top/secret+key",
                                            sessionToken: "session-token-value",
                                            expiration: Date(timeIntervalSince1970: 1_773_482_400))

    @Test func descriptionHidesSecretAndToken() {
        let text = Self.credentials.description
        #expect(text.contains("AKIAVISIBLE"))
        #expect(!text.contains("top/secret+key"))
        #expect(!text.contains("session-token-value"))
        #expect(text.contains("2026-03-14T10:00:00Z"))
    }

    @Test func debugDescriptionHidesSecretAndToken() {
        let text = String(reflecting: Self.credentials)
        #expect(!text.contains("top/secret+key"))
        #expect(!text.contains("session-token-value"))
    }

    @Test func interpolationAndDumpHideSecret() {
        var dumped = ""
        dump(Self.credentials, to: &dumped)
        let interpolated = "\(Self.credentials)"
        #expect(!dumped.contains("top/secret+key"))
        #expect(!dumped.contains("session-token-value"))
        #expect(dumped.contains("AKIAVISIBLE"))
        #expect(!interpolated.contains("top/secret+key"))
    }

    @Test func expiryWithMargin() {
        let expiration = Date(timeIntervalSince1970: 1_000)
        let credentials = AWSCredentials(accessKeyId: "a", secretAccessKey: "s", expiration: expiration)
        #expect(!credentials.isExpired(at: Date(timeIntervalSince1970: 999)))
        #expect(credentials.isExpired(at: Date(timeIntervalSince1970: 1_000)))
        #expect(credentials.isExpired(at: Date(timeIntervalSince1970: 800), margin: 300))
        #expect(!AWSCredentials(accessKeyId: "a", secretAccessKey: "s").isExpired(at: .distantFuture))
    }
}
