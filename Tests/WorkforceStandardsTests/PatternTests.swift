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

    @Test("rejects what it does not support", arguments: ["(?<name>a)", "a{2", "[a-", "\\p{L}", "(a", "*a", "[z-a]"])
    func rejects(pattern: String) {
        #expect(throws: Pattern.SyntaxError.self) { try Pattern(pattern) }
    }
}
