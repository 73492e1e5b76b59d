import Foundation
import PromLambdaCore

/// The two UTC forms of the signing time that SigV4 uses.
struct SigV4Timestamp: Sendable, Equatable {
    /// `YYYYMMDD'T'HHMMSS'Z'`, sent as `X-Amz-Date`.
    let amzDate: String
    /// `YYYYMMDD`, the first part of the credential scope and the first key of the signing key chain.
    let dateStamp: String

    init(_ date: Date) {
        let civil = CivilTime(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
        dateStamp = String(format: "%04d%02d%02d", civil.year, civil.month, civil.day)
        amzDate = dateStamp + String(format: "T%02d%02d%02dZ", civil.hour, civil.minute, civil.second)
    }
}
