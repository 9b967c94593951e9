// The fast version of `DfENumber.printf(_:decimals:)` (`String(format: "%.Nf")`): decimals
// written by integer formatting into a byte buffer, lent to the caller, when the value is
// clearly not near a tie. The differential test is NumberFormattingTests (against printf).

extension DfENumber {
    /// Lends ``fixed(_:decimals:)`` of `value` as UTF-8 bytes to `body`, made without a
    /// `String` on the fast path.
    static func withFixed<Result>(_ value: Double, decimals: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // Fast path: when the scaled value is clearly not near a tie, rounding it gives what
        // printf gives, and integer formatting is some twenty times cheaper than String(format:).
        // Below 1e9 the product's rounding error (half an ulp, under 1e-7) cannot cross a tie.
        if decimals >= 0, decimals <= 6, value.isFinite {
            var unit: Int64 = 1
            for _ in 0..<decimals { unit *= 10 }
            let scaled = value * Double(unit)
            let fraction = abs(scaled - scaled.rounded(.towardZero))
            if abs(scaled) < 1e9, abs(fraction - 0.5) > 1e-6 {
                return DecimalDigits.withFixed(Int64(scaled.rounded()), places: decimals, body)
            }
        }
        var text = printf(value, decimals: decimals)
        return text.withUTF8(body)
    }
}

extension XMLWriter {
    /// Writes `<name>` and `value` with `decimals` decimals as ``DfENumber/fixed(_:decimals:)``
    /// writes it; nothing when `value` is nil.
    mutating func element(_ name: String, _ value: Double?, decimals: Int) {
        guard let value else { return }
        DfENumber.withFixed(value, decimals: decimals) { element(name, utf8: $0) }
    }
}
