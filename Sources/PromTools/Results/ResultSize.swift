import Foundation
import PromLambdaCore

/// The size of a result as it reaches the caller, beside the budget it was cut to.
public struct ResultSize: Sendable, Equatable, Codable {
    /// The size of the structured result as compact JSON, this field included, in bytes.
    public var bytes: Int
    /// An estimate of the tokens `bytes` takes: four bytes a token.
    public var estimatedTokens: Int
    /// The `max_bytes` the result was cut to.
    public var budgetBytes: Int

    public init(bytes: Int, budgetBytes: Int) {
        self.bytes = bytes
        self.estimatedTokens = ResultBudget.estimatedTokens(bytes: bytes)
        self.budgetBytes = budgetBytes
    }
}

/// A result that carries its own ``ResultSize``.
protocol SizedOutput: Encodable {
    var size: ResultSize { get set }
}

extension ResultBudget {
    /// Encodes `output` with its `size` filled in, and cuts it until the encoded form fits `maxBytes`.
    ///
    /// Each round encodes the result. While it is over the budget, `shrink` is called with the
    /// excess in bytes and must remove at least that much, or return `false` when nothing is left
    /// to remove. The returned JSON is the result exactly as sent, so `size.bytes` is its length.
    static func finish<Output: SizedOutput>(_ output: inout Output, maxBytes: Int,
                                            shrink: (inout Output, Int) -> Bool) throws -> JSONValue {
        while true {
            let json = try encodeWithSize(&output, maxBytes: maxBytes)
            let excess = output.size.bytes - maxBytes
            if excess <= 0 || !shrink(&output, excess) { return json }
        }
    }

    /// Encodes `output` with `size.bytes` equal to the length of the encoding that contains it.
    private static func encodeWithSize<Output: SizedOutput>(_ output: inout Output, maxBytes: Int) throws -> JSONValue {
        output.size = ResultSize(bytes: 0, budgetBytes: maxBytes)
        guard case .object(var members) = try JSONValue.encoding(output), members["size"] != nil else {
            throw EncodingError.invalidValue(output, EncodingError.Context(
                codingPath: [], debugDescription: "A sized result must encode as an object with a size member."))
        }
        // The other members keep their length whatever the size contains, so only the size member is
        // measured again: `"size":` and its value, and the comma before or after it.
        members["size"] = nil
        let others = try JSONValue.object(members).serializedCount()
        let separator = members.isEmpty ? 0 : 1
        // The length depends on the digits of the length itself. A few rounds settle it, because
        // the digit count only grows as the claimed length grows.
        var sizeJSON = try JSONValue.encoding(output.size)
        for _ in 0..<8 {
            let bytes = others + separator + #""size":"#.utf8.count + (try sizeJSON.serializedCount())
            if bytes == output.size.bytes { break }
            output.size = ResultSize(bytes: bytes, budgetBytes: maxBytes)
            sizeJSON = try JSONValue.encoding(output.size)
        }
        members["size"] = sizeJSON
        return .object(members)
    }
}
