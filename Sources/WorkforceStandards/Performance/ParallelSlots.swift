// The fast version of an `[Value?]` filled in by parallel jobs (one writer per slot) and of
// a serial `map` over job numbers.
import Foundation

/// Result slots that parallel jobs fill in, one slot per job: no two jobs touch the same slot,
/// so no lock is needed, and the owner reads them after waiting for every job.
///
/// The slots are one fixed allocation rather than an array: an array's mutable access checks
/// and may swap its storage, which two threads must not do at once.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Writes slot `index`; safe from parallel jobs as long as each index has one writer.
    func set(_ index: Int, _ value: consuming Value) {
        precondition(index >= 0 && index < count)
        // Consumed and moved in, so that storing a large record copies none of its fields.
        (slots + index).deinitialize(count: 1)
        (slots + index).initialize(to: consume value)
    }

    /// Takes the value out of slot `index`, leaving it empty.
    func take(_ index: Int) -> Value? {
        precondition(index >= 0 && index < count)
        // Moved out, not copied: a post record is large, and copying it costs a retain per field.
        let value = (slots + index).move()
        (slots + index).initialize(to: nil)
        return value
    }
}

extension ParallelSlots {
    /// `(0..<count).map(body)` with the calls spread over the processor's cores, results in
    /// order. `body` is called from several threads at once, so it must only read what they
    /// share (each call writes nothing but its result).
    static func map(count: Int, _ body: (Int) -> Value) -> [Value] {
        let slots = ParallelSlots<Value>(count: count)
        withoutActuallyEscaping(body) { body in
            // Every call ends before `concurrentPerform` returns; `body` reads only shared state.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        }
        return (0..<count).map { slots.take($0)! }
    }
}
