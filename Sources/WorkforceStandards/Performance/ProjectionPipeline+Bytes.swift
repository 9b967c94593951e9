// The fast versions of the pipeline's byte entry points and of `String(number)` for the
// reconciliation's line numbers: bytes fed to the parser where they lie, digits written on the stack.
import Foundation

extension ProjectionPipeline {
    /// Feeds raw CSV bytes (any chunk size), lent for the call: what ``feed(_:)-([UInt8])``
    /// and the command-line tool's file reader use.
    package func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        parser.feed(buffer: bytes)
    }

    /// Feeds exchange-format CSV bytes (UTF-8; any chunk size: a chunk may end mid-row).
    public func feed(_ data: Data) {
        data.withUnsafeBytes { parser.feed(buffer: $0.bindMemory(to: UInt8.self)) }
    }

    /// Appends `number` in decimal, as `String(number)` writes it, without making the string.
    static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        // The digits from the last, into a tuple on the stack (20 digits hold any Int).
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { room in
            var start = room.count
            repeat {
                start -= 1
                room[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: room[start...]))
        }
    }
}
