import Foundation
import Testing
@testable import WorkforceStandards

/// ``ExactKeyTable`` against the plain version of what it does: a `Dictionary` of byte strings.
@Suite("Exact key table")
struct ExactKeyTableTests {
    @Test func exactKeysAreComparedByTheirBytes() {
        var table = ExactKeyTable()
        func insert(_ text: String) -> (Int, Bool) {
            var text = text
            return text.withUTF8 { let result = table.index(of: $0); return (result.index, result.inserted) }
        }
        #expect(insert("P1") == (0, true))
        #expect(insert("P2") == (1, true))
        #expect(insert("P1") == (0, false))
        #expect(insert("") == (2, true))
        #expect(insert("") == (2, false))
        #expect(table.count == 3)
    }

    @Test func exactKeysAgreeWithADictionaryAcrossGrowthAndBlocks() {
        // Enough keys to double the slots many times and fill several 1 MiB blocks, with keys
        // of 0 to 300 bytes (lengths over 127 take two bytes) and two longer than a block.
        var table = ExactKeyTable()
        var plain: [[UInt8]: Int] = [:]
        var generator = SeededGenerator(seed: 20)
        var keys: [[UInt8]] = [Array(repeating: 7, count: (1 << 20) + 5), Array(repeating: 8, count: 2 << 20)]
        for index in 0..<60_000 {
            let length = index % 10 == 0 ? Int.random(in: 100...300, using: &generator) : Int.random(in: 0...12, using: &generator)
            keys.append((0..<length).map { _ in UInt8.random(in: 48...52, using: &generator) })
        }
        for key in keys + keys.shuffled() {
            let result = key.withUnsafeBufferPointer { table.index(of: $0) }
            if let known = plain[key] {
                #expect(result.index == known && !result.inserted)
            } else {
                #expect(result.index == plain.count && result.inserted)
                plain[key] = plain.count
            }
        }
        #expect(table.count == plain.count)
        for (key, index) in plain { #expect(Array(table.key(index)) == key) }
    }
}
