import Foundation
import Testing
@testable import WorkforceStandards

/// ``ByteBuffer`` against the plain version of what it does: appends to a `[UInt8]`, through
/// growth, copies and reads from a mark.
@Suite("Byte buffer")
struct ByteBufferTests {
    @Test func agreesWithAnArray() {
        var generator = SeededGenerator(seed: 5)
        var buffer = ByteBuffer(capacity: 1)
        var plain: [UInt8] = []
        var copies: [(ByteBuffer, [UInt8])] = []
        for step in 0..<3_000 {
            let piece = (0..<[0, 1, 5, 16, 100, 5_000][generator.int(0...5)]).map { _ in UInt8(generator.int(0...255)) }
            buffer.write(piece.count) { out in piece.withUnsafeBufferPointer { if let base = $0.baseAddress { out.update(from: base, count: piece.count) } } }
            plain.append(contentsOf: piece)
            if step % 500 == 0 { copies.append((buffer, plain)) }
            if step % 997 == 0 { buffer.removeAll(); plain.removeAll() }
            let mark = plain.isEmpty ? 0 : generator.int(0...plain.count)
            #expect(buffer.withBytes(from: mark) { Array($0) } == Array(plain[mark...]))
        }
        #expect(buffer.count == plain.count && buffer.array == plain)
        for (copy, expected) in copies { #expect(copy.array == expected, "a copy keeps its bytes") }
    }
}
