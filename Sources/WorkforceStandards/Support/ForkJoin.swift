import Foundation

/// Runs independent jobs on the processor's cores and waits for all of them: the small piece
/// of structured parallelism the projection pipeline needs, with no task runtime and no copy
/// of the caller's state.
enum ForkJoin {
    /// Calls `body(index)` for every index in `0..<count`, on up to `threads` threads at once,
    /// and returns when every call has returned. With one thread (or one job) the calls run in
    /// order on the caller's thread.
    ///
    /// The caller must make the jobs independent: each writes only its own slots and state.
    static func run(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        guard count > 1, threads > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // The closure outlives no call: concurrentPerform waits for every job.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { index in body(index) }
        }
    }

    /// Splits `0..<count` into at most `threads` contiguous ranges of nearly equal size and
    /// calls `body` for each, in parallel.
    static func split(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        let parts = max(1, min(threads, count))
        run(parts, threads: threads) { part in
            body((count * part / parts)..<(count * (part + 1) / parts))
        }
    }
}

/// Result slots that parallel jobs fill in, one slot per job: no two jobs touch the same slot,
/// so no lock is needed, and the owner reads them after ``ForkJoin`` has returned.
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
