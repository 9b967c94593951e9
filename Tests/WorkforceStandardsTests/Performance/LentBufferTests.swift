import Foundation
import Testing
@testable import WorkforceStandards

/// ``LentBuffer`` and ``LentMutableBuffer`` against the plain version of what they are: an
/// `Array` read and written by index.
@Suite("Lent buffers")
struct LentBufferTests {
    @Test func readsAsTheArrayItViews() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let array = (0..<generator.int(0...40)).map { _ in UInt8(generator.int(0...255)) }
            array.withLentBuffer { lent in
                #expect(lent.count == array.count && lent.isEmpty == array.isEmpty)
                #expect(Array(lent) == array)
                #expect((0..<lent.count).map { lent[$0] } == array)
                #expect(lent.first == array.first && lent.last == array.last)
                #expect(lent.string == String(decoding: array, as: UTF8.self))
                let start = array.isEmpty ? 0 : generator.int(0...array.count)
                let end = start + (array.count == start ? 0 : generator.int(0...(array.count - start)))
                #expect(Array(lent.extracting(start..<end)) == Array(array[start..<end]))
                #expect(Array(lent.extracting(from: start)) == Array(array[start...]))
                var appended: [UInt8] = [9]
                appended.append(contentsOf: lent.extracting(start..<end))
                #expect(appended == [9] + array[start..<end])
            }
        }
    }

    @Test func lendsAnyStringsUTF8() {
        let bridged = NSString(string: "caf\u{E9} \u{1F600}") as String  // may not be contiguous UTF-8
        for text in ["", "plain", "caf\u{E9}", bridged, String(repeating: "x", count: 100)] {
            #expect(LentBytes.withUTF8(of: text) { Array($0) } == Array(text.utf8), "\(text.debugDescription)")
        }
        let tuple: (UInt8, UInt8, UInt8) = (0x41, 0x42, 0x43)
        #expect(LentBytes.withBytes(of: tuple) { $0.string } == "ABC")
    }

    @Test func writesAsTheArrayItViews() {
        var generator = SeededGenerator(seed: 12)
        var lent = [Int](repeating: 0, count: 64), plain = lent
        for _ in 0..<5_000 {
            let index = generator.int(0...63), value = generator.int(-100...100)
            lent.withLentMutableBuffer { $0[index] += value }
            plain[index] += value
        }
        #expect(lent == plain)
        lent.withLentMutableBuffer { buffer in var buffer = buffer; buffer.sort() }
        #expect(lent == plain.sorted())
    }
}
