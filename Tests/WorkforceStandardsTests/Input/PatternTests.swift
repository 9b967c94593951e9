import Foundation
import Testing
@testable import WorkforceStandards

/// The project's own pattern matcher must agree with Foundation's regular expressions on the
/// patterns the standard uses, and on strings built to probe them.
@Suite("Pattern matcher")
struct PatternTests {
    static let patterns: [String] = Registry.embedded.items.compactMap(\.format.pattern) + [
        "a|b|cd", "(ab)+c?", "x{2,3}y{0,}", "[^a-c]+", "(?!ab)[a-z]{2}", "\\d\\D\\s\\S\\w\\W", "[A-Z\\d-]+", "a.c",
    ]

    static func probes(for pattern: String) -> [String] {
        var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: pattern.hashValue & 0xFFFF))
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcxyz0123456789 -_.\t/é")
        var probes = ["", " ", "AB123456C", "QQ123456C", "GB123456A", "SW12345", "1234567", "123", "1-1234", "E10000999",
                      "M1 1AA", "SW1A 1AA", "Jane", "Mary Ann", "Mary  Ann", " Mary", "Mary ", "x", "ab", "abc", "abd", "cd",
                      "ababc", "xxy", "xxxxy", "d a_W", "A-1", "a\nc",
                      "BG123456A", "ZZ123456D", "NK123456B", "KN123456C", "TN123456A", "NT123456A", "ZY123456A", "BGX", "B", "G"]
        for _ in 0..<300 {
            let length = random.int(0...12)
            probes.append(String((0..<length).map { _ in random.pick(alphabet) }))
        }
        return probes
    }

    @Test("agrees with NSRegularExpression", arguments: patterns)
    func agrees(pattern: String) throws {
        let mine = try Pattern(pattern)
        let foundation = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        for probe in Self.probes(for: pattern) {
            let expected = foundation.firstMatch(in: probe, range: NSRange(probe.startIndex..., in: probe)) != nil
            #expect(mine.matchesWhole(probe) == expected, "\(pattern) on \"\(probe)\"")
        }
    }

    @Test("the automaton and backtracking agree", arguments: patterns)
    func automatonAgreesWithBacktracking(pattern: String) throws {
        let compiled = try Pattern(pattern)
        for probe in Self.probes(for: pattern) + ["(ab)", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", String(repeating: "x", count: 40) + "y"] {
            #expect(compiled.matchesWhole(probe) == compiled.matchesWholeByBacktracking(probe), "\(pattern) on \"\(probe)\"")
        }
    }

    @Test func everyPatternOfTheStandardWithoutLookAheadHasAnAutomaton() throws {
        for pattern in Registry.embedded.items.compactMap(\.format.pattern) {
            let compiled = try Pattern(pattern)
            #expect((compiled.automaton != nil) == !pattern.contains("(?!"), "\(pattern)")
        }
        // A look-ahead that opens the pattern (the NI number's) is matched by two automata.
        for pattern in Registry.embedded.items.compactMap(\.format.pattern) where pattern.hasPrefix("^(?!") {
            #expect(try Pattern(pattern).guarded != nil, "\(pattern)")
        }
        #expect(try Pattern("(ab)+c?").automaton != nil)
        #expect(try Pattern("x{2,3}y{0,}").automaton != nil)
    }

    @Test("rejects what it does not support", arguments: ["(?<name>a)", "a{2", "[a-", "\\p{L}", "(a", "*a", "[z-a]"])
    func rejects(pattern: String) {
        #expect(throws: Pattern.SyntaxError.self) { try Pattern(pattern) }
    }
}

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

@Suite("Plain decimals")
struct PlainDecimalTests {
    /// The validator reads decimals itself; it must give what `Double(String)` gives, and
    /// refuse what is not a plain decimal.
    @Test func agreesWithTheStandardLibrary() {
        var random = SeededGenerator(seed: 11)
        var probes = ["0", "-0", "+0", "0.1", "0.2", "0.3", "1.005", "2.675", "37", "37.5", "-12.25", ".5", "5.", "-.5",
                      "999999999999999", "9999999999999999", "123456789012345678", "0.000000000000000000001",
                      "1.0000000000000000000000001", "00012.50", "1e5", "inf", "nan", "-", "+", ".", "", "1.2.3", "1-2", "+-1", "1 "]
        let digits = Array("0123456789")
        for _ in 0..<50_000 {
            var text = random.int(0...5) == 0 ? "-" : ""
            text += String((0..<random.int(1...9)).map { _ in random.pick(digits) })
            if random.int(0...3) > 0 { text += "." + String((0..<random.int(0...8)).map { _ in random.pick(digits) }) }
            probes.append(text)
        }
        for probe in probes {
            let expected = probe.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 }) ? Double(probe).flatMap { $0.isFinite ? $0 : nil } : nil
            let mine = ItemValueValidator.plainDecimal(probe)
            #expect(mine?.bitPattern == expected?.bitPattern, "\(probe)")
        }
    }
}

@Suite("Whole numbers")
struct WholeNumberTests {
    /// The validator reads whole numbers from bytes; it must read what `Int(String)` reads
    /// (signs, overflow and the edges included) and refuse the rest.
    @Test func agreesWithTheStandardLibrary() {
        var random = SeededGenerator(seed: 13)
        var probes = ["0", "-0", "+0", "7", "-7", "+7", "007", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                      "-9223372036854775809", "99999999999999999999", "-", "+", "", " 1", "1 ", "1.0", "1e3", "0x10", "--1", "+-1", "١٢"]
        let pieces = ["0", "1", "5", "9", "-", "+", " ", ".", "a", "٣"]
        for _ in 0..<30_000 {
            probes.append((0..<random.int(1...21)).map { _ in random.pick(pieces) }.joined())
        }
        for probe in probes {
            let mine = Array(probe.utf8).withLentBuffer(ItemValueValidator.integer)
            #expect(mine == Int(probe), "\(probe.debugDescription)")
        }
    }
}

@Suite("Yes/no flags")
struct FlagTests {
    /// The validator reads flags from bytes; it must accept what comparing the lower-cased
    /// text with the spellings of yes and no accepts, non-ASCII look-alikes included.
    @Test func agreeWithLowerCasedText() {
        var random = SeededGenerator(seed: 19)
        let pieces = ["y", "Y", "e", "E", "s", "S", "ſ", "K", "\u{212A}", "t", "T", "r", "R", "u", "U", "n", "N", "o", "O", "f", "F",
                      "a", "A", "l", "L", "1", "0", "İ", " ", "ｙ"]
        var probes = ["y", "YES", "Yes", "tRuE", "1", "n", "No", "FALSE", "0", "yes ", "ye", "yess", "", "truee", "01"]
        for _ in 0..<30_000 {
            probes.append((0..<random.int(1...5)).map { _ in random.pick(pieces) }.joined())
        }
        for probe in probes {
            let expected: Bool? = switch probe.lowercased() {
            case "y", "yes", "true", "1": true
            case "n", "no", "false", "0": false
            default: nil
            }
            let mine = Array(probe.utf8).withLentBuffer(ItemValueValidator.boolean)
            #expect(mine == expected, "\(probe.debugDescription)")
        }
    }
}

@Suite("ASC-WDS NI number check")
struct ASCWDSNINumberTests {
    /// The byte-level check must say what the validator's pattern says (as ICU reads it), for
    /// ASCII text and for text with non-ASCII white space or letters.
    @Test func agreesWithThePattern() throws {
        let pattern = try NSRegularExpression(pattern: #"^\s*[a-zA-Z]{2}(?:\s*\d\s*){6}[a-zA-Z]?\s*$"#)
        var random = SeededGenerator(seed: 21)
        let pieces = ["A", "b", "Q", "z", "1", "2", "0", "9", " ", "\t", "\u{00A0}", "\u{2003}", "é", "-", "AB", "123456"]
        var probes = ["AB123456C", "ab 12 34 56 c", " AB123456 ", "AB12345", "AB1234567", "A1123456C", "AB123456CD", "",
                      "\u{00A0}AB 123456C\u{2003}", "ÉB123456C", "AB12 34 56"]
        for _ in 0..<20_000 {
            probes.append((0..<random.int(0...12)).map { _ in random.pick(pieces) }.joined())
        }
        for probe in probes {
            let expected = pattern.firstMatch(in: probe, range: NSRange(probe.startIndex..., in: probe)) != nil
            #expect(ASCWDSMapper.isNINumber(probe) == expected, "\(probe.debugDescription)")
        }
    }
}
