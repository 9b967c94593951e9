import Foundation
import Testing
@testable import WorkforceStandards

/// DfE returns write decimals as C's `%.Nf` does; the fast integer path must agree with it
/// everywhere, ties and negative zero included.
@Suite("Number formatting")
struct NumberFormattingTests {
    /// What printf writes, without a negative zero: the independent expectation.
    static func expected(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }

    @Test("fixed decimals agree with printf", arguments: [0, 1, 2, 3, 4])
    func agreesWithPrintf(decimals: Int) {
        var generator = SeededGenerator(seed: 7 + UInt64(decimals))
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 2.675, 1.005, 37.5, 0.045, -0.004, 999_999.995, 1e10 + 0.5, 4.35, 0.1 + 0.2]
        for _ in 0..<20_000 {
            let scale = [1.0, 10, 100, 1_000, 100_000][Int.random(in: 0..<5, using: &generator)]
            values.append(Double.random(in: -scale...scale, using: &generator))
            // Values on or next to a tie at this many decimals.
            let tie = (Double(Int.random(in: -100_000...100_000, using: &generator)) + 0.5) / pow(10, Double(decimals))
            values.append(tie)
            values.append(tie.nextUp)
            values.append(tie.nextDown)
        }
        for value in values {
            #expect(DfENumber.fixed(value, decimals: decimals) == Self.expected(value, decimals), "value \(value)")
        }
    }
}
