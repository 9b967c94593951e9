import Foundation
import Testing
@testable import WorkforceStandards

/// ``StringTable`` against the plain version of what it does: a `Dictionary<String, Int>`.
@Suite("String table")
struct StringTableTests {
    @Test func behavesLikeADictionaryThroughGrowth() {
        var table = StringTable<Int>()
        var reference: [String: Int] = [:]
        var random = SeededGenerator(seed: 7)
        // Short codes, long text, non-ASCII and the empty string, with repeats and overwrites.
        let stems = ["", "R", "R237", "SWF", "code-", "é", "Ω-", String(repeating: "long ", count: 9)]
        for step in 0..<10_000 {
            let key = random.pick(stems) + String(random.int(0...1_500))
            table[key] = step
            reference[key] = step
        }
        #expect(table.count == reference.count)
        for (key, value) in reference {
            #expect(table[key] == value)
            #expect(table.contains(key))
        }
        #expect(table["never inserted"] == nil && !table.contains("R2370000"))
        #expect(Dictionary(uniqueKeysWithValues: table.pairs.map { ($0.key, $0.value) }) == reference)
    }

    /// Keys up to 16 bytes are compared as two words read from overlapping parts of the key:
    /// keys of every length around those parts, differing in any one byte, must stay apart.
    @Test func keysOfEachLengthDifferingInOneByteStayApart() {
        var table = StringTable<Int>()
        var reference: [String: Int] = [:]
        for length in 0...20 {
            let base = Array(repeating: UInt8(ascii: "a"), count: length)
            var variants = [base]
            for position in 0..<length {
                for replacement in [UInt8(ascii: "b"), UInt8(ascii: "\u{7F}")] {
                    var changed = base
                    changed[position] = replacement
                    variants.append(changed)
                }
            }
            for bytes in variants {
                let key = String(decoding: bytes, as: UTF8.self)
                table[key] = reference.count
                reference[key] = reference.count
            }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference {
            #expect(table[key] == value, "\(key.debugDescription)")
            #expect(Array(key.utf8).withUnsafeBufferPointer { table[utf8: $0] } == value)
        }
        #expect(table[String(repeating: "a", count: 21)] == nil && table["c"] == nil)
    }

    /// Values read from a file are looked up by their bytes, never made into strings: the byte
    /// look-up must find exactly what the string look-up finds.
    @Test func looksUpByUTF8BytesAsByString() {
        var table = StringTable<Int>()
        var random = SeededGenerator(seed: 17)
        let stems = ["", "R", "R237", "é", "Ω-", "\u{301}", String(repeating: "long ", count: 9)]
        var keys: [String] = []
        for step in 0..<3_000 {
            let key = random.pick(stems) + String(random.int(0...900))
            table[key] = step
            keys.append(key)
        }
        // Present keys, near misses (a byte more or less, another case) and absent keys.
        let probes = keys + keys.prefix(500).map { $0 + "x" } + keys.prefix(500).map { String($0.dropLast()) }
            + keys.prefix(500).map { $0.uppercased() } + ["", "never", "R2370000"]
        for probe in probes {
            let byBytes = Array(probe.utf8).withUnsafeBufferPointer { table[utf8: $0] }
            #expect(byBytes == table[probe], "\(probe.debugDescription)")
        }
    }

    @Test func keepsTheFirstValueOfARepeatedKeyWhenBuiltFromPairs() {
        let table = StringTable([("a", 1), ("b", 2), ("a", 3)])
        #expect(table["a"] == 1 && table["b"] == 2 && table.count == 2)
    }
}

/// ``StringTable`` against the plain version of what it does: a `Dictionary<String, Int>`, on
/// seeded random keys of every length class the table treats apart (empty, up to 8 bytes, 9 to
/// 16 bytes in two words, longer ones hashed), ASCII and not.
extension StringTableTests {
    static func randomKey(_ generator: inout SeededGenerator) -> String {
        let alphabet = Array("ABCXYZabcxyz0189-_ é€")
        let length = [0, 1, 3, 7, 8, 9, 15, 16, 17, 40][generator.int(0...9)]
        return String((0..<length).map { _ in alphabet[generator.int(0...(alphabet.count - 1))] })
    }

    @Test func agreesWithADictionary() {
        var generator = SeededGenerator(seed: 7)
        var plain: [String: Int] = [:]
        for index in 0..<5_000 { plain[Self.randomKey(&generator)] = index }
        let table = StringTable(plain.map { ($0.key, $0.value) })
        #expect(table.count == plain.count)
        for (key, value) in plain {
            #expect(table[key] == value, "\(key.debugDescription)")
            #expect(LentBytes.withUTF8(of: key) { table[utf8: $0] } == value, "\(key.debugDescription) as bytes")
        }
        // Keys looked up that may or may not be there: the same answer either way.
        for _ in 0..<20_000 {
            let probe = Self.randomKey(&generator)
            #expect(table[probe] == plain[probe], "\(probe.debugDescription)")
            #expect(table.contains(probe) == (plain[probe] != nil))
        }
        #expect(Set(table.pairs.map(\.key)) == Set(plain.keys))
    }

    @Test func keysAreComparedByteForByte() {
        // Equal as Swift strings (canonical equivalence) but not as bytes: the standard's codes
        // are written one way, so the table keeps them apart where a Dictionary would not.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let table = StringTable([(composed, 1)])
        #expect(table[composed] == 1)
        #expect(table[decomposed] == nil)
        #expect([composed: 1][decomposed] == 1, "the plain version folds them")
    }
}
