import Foundation
import PromLambdaCore

/// An AWS access key pair, with the session token and expiry that temporary credentials carry.
///
/// `description`, `debugDescription` and the mirror that `dump` walks show the access key ID but never the
/// secret access key or the session token, so a logged or interpolated value leaks neither.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    /// The token of temporary credentials, sent as `X-Amz-Security-Token`.
    public var sessionToken: String?
    /// When temporary credentials stop working, or `nil` for long-term keys.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether the credentials are expired at `date`, or will be within `margin` seconds of it.
    public func isExpired(at date: Date, margin: TimeInterval = 0) -> Bool {
        guard let expiration else { return false }
        return date.addingTimeInterval(margin) >= expiration
    }

    fileprivate static let redacted = "<redacted>"
}

// MARK: - CustomStringConvertible

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var text = "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: \(Self.redacted)"
        if sessionToken != nil {
            text += ", sessionToken: \(Self.redacted)"
        }
        if let expiration {
            text += ", expiration: \(RFC3339.format(expiration))"
        }
        return text + ")"
    }

    public var debugDescription: String { description }
}

// MARK: - CustomReflectable

extension AWSCredentials: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": accessKeyId,
            "secretAccessKey": Self.redacted,
            "sessionToken": sessionToken.map { _ in Self.redacted } as Any,
            "expiration": expiration as Any,
        ], displayStyle: .struct)
    }
}
