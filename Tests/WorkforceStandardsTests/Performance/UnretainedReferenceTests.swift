import Testing
@testable import WorkforceStandards

/// ``UnretainedReferences`` against the plain version of what it is: an array of optional
/// objects read by index. It must lend the very object the array holds (identity, not a
/// copy), keep the objects alive while it lives, and leave no reference behind after uses.
@Suite("Unretained references")
struct UnretainedReferenceTests {
    final class Box { let value: Int; init(_ value: Int) { self.value = value } }

    @Test func lendsTheObjectTheArrayHolds() {
        var generator = SeededGenerator(seed: 21)
        for _ in 0..<200 {
            let plain: [Box?] = (0..<generator.int(0...30)).map { index in generator.int(0...3) == 0 ? nil : Box(index) }
            let references = UnretainedReferences(plain)
            #expect(references.count == plain.count)
            for index in plain.indices {
                let lent = references.lent(index).map { $0.withObject { $0 } }
                #expect(lent === plain[index], "entry \(index)")
                #expect(references.lent(index)?.withObject(\.value) == plain[index]?.value)
            }
        }
    }

    @Test func keepsItsObjectsAliveAndReleasesThemWithTheLastCopy() {
        weak var watched: Box?
        var references: UnretainedReferences<Box>
        do {
            let box = Box(7)
            watched = box
            references = UnretainedReferences([nil, box])
        }
        // Only the references value holds the box now.
        #expect(watched != nil)
        #expect(references.lent(1)?.withObject(\.value) == 7)
        #expect(references.lent(0) == nil)
        for _ in 0..<1_000 { _ = references.lent(1)?.withObject(\.value) }
        references = UnretainedReferences()
        #expect(watched == nil, "released with the last copy of the array")
    }
}
