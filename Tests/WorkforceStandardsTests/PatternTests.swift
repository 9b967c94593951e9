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
                      "ababc", "xxy", "xxxxy", "d a_W", "A-1", "a\nc"]
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
}
