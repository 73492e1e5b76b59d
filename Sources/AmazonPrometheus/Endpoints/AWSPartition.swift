/// The AWS partition of a region: the ARN prefix and the DNS suffix of its endpoints.
///
/// The table follows botocore's `partitions.json` (botocore 1.44): each partition's `regionRegex` and
/// `outputs.dnsSuffix`. A region of no known partition falls back to `aws`, as botocore's endpoint
/// resolution does for an unknown region name.
public struct AWSPartition: Sendable, Equatable {
    /// The partition ID, which is also the ARN's partition field: `aws`, `aws-cn`, `aws-us-gov` and so on.
    public var id: String
    public var dnsSuffix: String

    public static let standard = AWSPartition(id: "aws", dnsSuffix: "amazonaws.com")

    /// Partitions other than `aws`, matched by region prefix, most specific first.
    static let byRegionPrefix: [(prefix: String, partition: AWSPartition)] = [
        ("cn-", AWSPartition(id: "aws-cn", dnsSuffix: "amazonaws.com.cn")),
        ("us-gov-", AWSPartition(id: "aws-us-gov", dnsSuffix: "amazonaws.com")),
        ("us-isob-", AWSPartition(id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov")),
        ("us-isof-", AWSPartition(id: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov")),
        ("us-iso-", AWSPartition(id: "aws-iso", dnsSuffix: "c2s.ic.gov")),
        ("eu-isoe-", AWSPartition(id: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk")),
        ("eusc-", AWSPartition(id: "aws-eusc", dnsSuffix: "amazonaws.eu")),
    ]

    public static func forRegion(_ region: String) -> AWSPartition {
        byRegionPrefix.first { region.hasPrefix($0.prefix) }?.partition ?? standard
    }

    /// Every distinct DNS suffix, for recognising AMP hosts.
    static var allDNSSuffixes: [String] {
        var suffixes = [standard.dnsSuffix]
        for entry in byRegionPrefix where !suffixes.contains(entry.partition.dnsSuffix) {
            suffixes.append(entry.partition.dnsSuffix)
        }
        return suffixes
    }
}
