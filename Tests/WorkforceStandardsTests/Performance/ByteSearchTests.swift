import Foundation
import Testing
@testable import WorkforceStandards

/// ``ByteSearch`` against the plain version of what it does: Foundation's `contains`, which the
/// title coder's index build used before.
@Suite("Byte search")
struct ByteSearchTests {
    /// Random ASCII texts and parts drawn from a small alphabet, so that near misses (a part that
    /// matches but for its last byte, a match at the very end, a part longer than the text) are
    /// common, agree with Foundation on every pair.
    @Test func agreesWithFoundationOnASCII() {
        var random = SeededGenerator(seed: 11)
        let letters = Array("abc (),")
        func string(upTo length: Int) -> String { String((0..<random.int(0...length)).map { _ in random.pick(letters) }) }
        for _ in 0..<20_000 {
            let text = string(upTo: 14), part = string(upTo: 4)
            #expect(ByteSearch.contains(text, part) == (part.isEmpty || text.contains(part)), "\(text) / \(part)")
        }
    }

    /// The council contexts the title coder checks, in the qualifiers the coding index writes.
    @Test(arguments: [
        ("local authority (social services)", "social services", true),
        ("primary school", "school", true),
        ("schools", "school", true),
        ("counc", "council", false),
        ("local government", "government office", false),
        ("", "council", false),
        ("council", "", true),
    ] as [(String, String, Bool)])
    func findsAContextInAQualifier(qualifier: String, context: String, holds: Bool) {
        #expect(ByteSearch.contains(qualifier, context) == holds)
    }
}
