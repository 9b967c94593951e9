import Foundation
import Testing
@testable import WorkforceStandards

/// ``PatternAutomaton`` against the plain version of what it does: ``Pattern``'s backtracking.
@Suite("Pattern automaton")
struct PatternAutomatonTests {
    @Test("the automaton and backtracking agree", arguments: PatternTests.patterns)
    func automatonAgreesWithBacktracking(pattern: String) throws {
        let compiled = try Pattern(pattern)
        for probe in PatternTests.probes(for: pattern) + ["(ab)", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", String(repeating: "x", count: 40) + "y"] {
            #expect(compiled.matchesWhole(probe) == compiled.matchesWholeByBacktracking(probe), "\(pattern) on \"\(probe)\"")
        }
    }
}
