import Foundation
import Testing
@testable import WorkforceStandards

/// ``FingerprintTable`` against the plain version of what it does: a `Dictionary` (and a `Set`).
@Suite("Fingerprint table")
struct FingerprintTableTests {
    @Test func behavesLikeADictionaryThroughGrowth() {
        var table = FingerprintTable(capacity: 16)
        var set = FingerprintTable(capacity: 16, hasValues: false)
        var reference: [UInt64: UInt32] = [:]
        var random = SeededGenerator(seed: 1)
        for step in 0..<20_000 {
            let key = FingerprintTable.fingerprint("id-\(random.int(0...6_000))")
            let value = UInt32(step)
            #expect(table.insert(key, value: value) == (reference[key] == nil))
            #expect(set.insert(key) == (reference[key] == nil))
            if reference[key] == nil { reference[key] = value }
            if step % 7 == 0 { table.set(key, value: value); reference[key] = value }
        }
        #expect(table.count == reference.count && set.count == reference.count)
        for (key, value) in reference {
            #expect(table.value(for: key) == value)
            #expect(set.contains(key))
        }
        #expect(!table.contains(FingerprintTable.fingerprint("never inserted")))
        #expect(FingerprintTable.fingerprint("") != 0)
    }

    @Test func valueOrInsertProbesOnceWithTheSameAnswers() {
        var table = FingerprintTable(capacity: 16)
        var reference: [UInt64: UInt32] = [:]
        var random = SeededGenerator(seed: 3)
        for step in 0..<20_000 {
            let key = FingerprintTable.fingerprint("ni-\(random.int(0...5_000))")
            let value = UInt32(random.int(0...3))
            #expect(table.value(for: key, orInsert: value) == reference[key], "step \(step)")
            if reference[key] == nil { reference[key] = value }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key) == value) }
    }

    /// Marked keys against two reference sets (every key; keys marked at least once), through
    /// growth, including keys that differ only in the bit that holds the mark.
    @Test func markedKeysCountDistinctAndMarkedKeys() {
        var table = FingerprintTable(capacity: 16, hasValues: false)
        var all = Set<UInt64>(), marked = Set<UInt64>()
        var random = SeededGenerator(seed: 5)
        for _ in 0..<30_000 {
            var key = FingerprintTable.fingerprint("person-\(random.int(0...8_000))")
            if random.int(0...9) == 0 { key = 0 }  // 0 and 1 are one key once the mark bit is set aside
            let mark = random.int(0...2) == 0
            table.insert(key, marking: mark)
            let unmarked = key & ~1 == 0 ? 2 : key & ~1
            all.insert(unmarked)
            if mark { marked.insert(unmarked) }
        }
        #expect(table.count == all.count)
        #expect(table.markedCount == marked.count)
        #expect(marked.count > 1_000 && marked.count < all.count)
    }
}
