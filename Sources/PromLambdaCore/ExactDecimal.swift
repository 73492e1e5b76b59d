/// Plain decimals such as `-12.375`, converted to `Double` exactly and without `strtod`.
///
/// A mantissa of at most 15 digits and a power of ten up to 10^15 are both exact doubles, so
/// their one correctly rounded quotient is the correctly rounded value of the decimal.
package enum ExactDecimal {
    /// Returns the value of `text` when it is an optional `-`, digits and an optional fraction,
    /// with at most 15 digits and no leading zero before another integer digit. Any other text
    /// gives `nil`, so that the caller's general parser decides.
    package static func parse(_ text: UnsafeRawBufferPointer) -> Double? {
        let negative = text.first == UInt8(ascii: "-")
        let digitsStart = negative ? 1 : 0
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in text[digitsStart...] {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
                seenPoint = true
            } else {
                return nil
            }
        }
        // "1.", "-" and "01" are not read here.
        guard digits > 0, !seenPoint || fractionDigits > 0,
              !(text[digitsStart] == UInt8(ascii: "0") && digits - fractionDigits > 1)
        else { return nil }
        let magnitude = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// Returns 10^0 through 10^15, each exact as a `Double`.
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
