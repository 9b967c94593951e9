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
