import Foundation
import Testing
@testable import WorkforceStandards

/// The parallel maps (``ParallelSlots``, `Array.parallelMap`, ``ParallelWork``) against the plain
/// version of what they do: a serial `map`, results in the same order.
@Suite("Parallel maps")
struct ParallelTests {
    static func work(_ value: Int) -> String {
        // A little work, so that threads overlap.
        var hash: UInt64 = 1469598103934665603
        for byte in String(value).utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return "\(value):\(hash)"
    }

    @Test(arguments: [0, 1, 2, 7, 1_000])
    func parallelSlotsMapIsTheSerialMap(count: Int) {
        #expect(ParallelSlots<String>.map(count: count, Self.work) == (0..<count).map(Self.work))
    }

    @Test(arguments: [0, 1, 2, 7, 1_000])
    func parallelMapIsTheSerialMap(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let input = (0..<count).map { _ in generator.int(0...1_000_000) }
        #expect(input.parallelMap(Self.work) == input.map(Self.work))
    }

    @Test func slotsTakeWhatWasSet() {
        let slots = ParallelSlots<[Int]>(count: 100)
        DispatchQueue.concurrentPerform(iterations: 100) { index in slots.set(index, Array(0..<index)) }
        #expect((0..<100).map { slots.take($0) } == (0..<100).map { Array(0..<$0) })
        #expect(slots.take(5) == nil, "taken slots are empty")
    }

    /// SWF assembles its school messages with ``ParallelWork`` while the pipeline finishes its
    /// projections side by side (inside `concurrentPerform`). Two jobs that each wait for the
    /// other to start can only both finish when they run at the same time.
    @Test func parallelWorkRunsSideBySideInsideAnotherParallelMap() {
        let met = ParallelSlots<Bool>.map(count: 4) { outer in
            guard outer == 0 else { return true }
            let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
            let results = ParallelWork.map(count: 2, threads: 2, sharing: started as NSArray) { _, job in
                started[job].signal()
                return started[1 - job].wait(timeout: .now() + 10) == .success
            }
            return results == [true, true]
        }
        #expect(met == [true, true, true, true], "the two jobs of the inner ParallelWork ran one after the other")
    }

    @Test(arguments: [1, 2, 4])
    func parallelWorkRunsEveryJobOnce(threads: Int) {
        let counts = ParallelSlots<Int>(count: 1_000)
        ParallelWork.forEach(count: 1_000, threads: threads) { index in counts.set(index, index * 3) }
        #expect((0..<1_000).map { counts.take($0) } == (0..<1_000).map { $0 * 3 })
    }
}
