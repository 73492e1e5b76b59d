import Foundation
import HTTPTransport

// The four stages of a signature as AWS publishes them: canonical request, string to sign, signing key and
// signature. Each stage's output is the next one's input.
extension SigV4Signer {
    // MARK: - Stage 1: canonical request

    /// Returns the canonical URI of a path as sent on the wire.
    ///
    /// With `normalizes`, `.` and `..` segments and empty segments are removed as botocore's
    /// `remove_dot_segments` does, keeping one trailing slash. With `encodesTwice`, each segment is
    /// percent-encoded again with the RFC 3986 unreserved set, so the `%` of an escape becomes `%25`.
    static func canonicalURI(wirePath: String, normalizes: Bool, encodesTwice: Bool) -> String {
        var path = wirePath.isEmpty ? "/" : wirePath
        if normalizes {
            path = removeDotSegments(path)
        }
        return encodesTwice ? PercentEncoding.encodePath(path) : path
    }

    private static func removeDotSegments(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        let normalized = leading + segments.joined(separator: "/") + trailing
        return normalized.isEmpty ? "/" : normalized
    }

    /// Returns the canonical query of a query as sent on the wire.
    ///
    /// Each name and value is decoded and encoded again with ``PercentEncoding``, so the result is the RFC 3986
    /// form whatever escapes the wire used, and a query built with ``QueryParameters`` is signed byte for byte
    /// as sent. Pairs are sorted by encoded name, then by encoded value, and repeated names are all kept.
    /// A name without `=` gets an empty value.
    ///
    /// NOTE: a raw `+` is read as a literal plus, not as a space. ``PercentEncoding`` never emits one, but a
    /// hand-written query with `+` for space gets a signature that AWS may reject.
    ///
    /// - Throws: ``SigV4Error/malformedQueryParameter(_:)`` for a malformed escape or non-UTF-8 bytes.
    static func canonicalQuery(wireQuery: String) throws -> String {
        var pairs: [(name: String, value: String)] = []
        for pair in wireQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(String(parts[0])),
                  let value = PercentEncoding.decode(parts.count > 1 ? String(parts[1]) : "")
            else {
                throw SigV4Error.malformedQueryParameter(String(pair))
            }
            pairs.append((PercentEncoding.encode(name), PercentEncoding.encode(value)))
        }
        pairs.sort { lhs, rhs in
            lhs.name == rhs.name
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// The canonical header block and the `;`-joined list of signed header names.
    struct CanonicalHeaders: Equatable {
        /// One `name:value` line per header, each ending in a newline, so the canonical request shows a blank
        /// line before the signed header list.
        var canonicalHeaders: String
        var signedHeaders: String
    }

    /// Builds the canonical headers from every header that is not in the unsigned list, plus `host` from the
    /// URL when `headers` has no `Host` field.
    ///
    /// Names are lower-cased and sorted. Values have leading and trailing whitespace removed and inner runs of
    /// whitespace, line breaks included, folded to one space. Repeated names are joined with `,` in the order
    /// they were added.
    static func canonicalHeaders(_ headers: HTTPHeaders, urlHost: String?) -> CanonicalHeaders {
        var valuesByName: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard SigV4Wire.isSigned(headerName: name) else { continue }
            valuesByName[name, default: []].append(foldWhitespace(field.value))
        }
        if valuesByName["host"] == nil, let urlHost {
            valuesByName["host"] = [urlHost]
        }

        let names = valuesByName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in names {
            block += name + ":" + (valuesByName[name] ?? []).joined(separator: ",") + "\n"
        }
        return CanonicalHeaders(canonicalHeaders: block, signedHeaders: names.joined(separator: ";"))
    }

    /// Removes leading and trailing ASCII whitespace and replaces each inner run of it with one space, as
    /// botocore's `' '.join(value.split())` does for ASCII.
    ///
    /// NOTE: Python's `split()` also splits at non-ASCII spaces such as U+00A0, which this keeps.
    private static func foldWhitespace(_ value: String) -> String {
        value.utf8
            .split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C })
            .map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: " ")
    }

    // MARK: - Stage 2: string to sign

    /// Returns `<date>/<region>/<service>/aws4_request`, the scope a signature is valid for.
    func credentialScope(_ timestamp: SigV4Timestamp) -> String {
        [timestamp.dateStamp, region, service, SigV4Wire.scopeTerminator].joined(separator: "/")
    }

    func stringToSign(canonicalRequest: String, timestamp: SigV4Timestamp, scope: String) -> String {
        [SigV4Wire.algorithm, timestamp.amzDate, scope, SHA256.hash(canonicalRequest).hexString]
            .joined(separator: "\n")
    }

    // MARK: - Stage 3: signing key

    /// Derives the key for one day, region and service by chaining HMAC-SHA256 from `"AWS4" + secret`.
    func signingKey(dateStamp: String) -> [UInt8] {
        var key = Array((SigV4Wire.secretKeyPrefix + credentials.secretAccessKey).utf8)
        for part in [dateStamp, region, service, SigV4Wire.scopeTerminator] {
            key = HMAC.authenticationCode(for: part, key: key).bytes
        }
        return key
    }

    // MARK: - Stage 4: signature

    func signature(stringToSign: String, signingKey: [UInt8]) -> String {
        HMAC.authenticationCode(for: stringToSign, key: signingKey).hexString
    }
}
