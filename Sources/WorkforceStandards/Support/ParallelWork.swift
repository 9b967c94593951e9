import Foundation
import Synchronization

/// Independent jobs spread over the processor's cores.
enum ParallelWork {
    /// Calls `body` once for each of `0..<count`, on up to `threads` threads; each thread
    /// takes the next index when it is free, so that jobs of very different sizes (a school of
    /// ten staff and one of three hundred) still keep every core busy. Returns when every call
    /// has returned. `body` escapes: the threads may let go of it a moment after this returns.
    static func forEach(count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: @escaping @Sendable (Int) -> Void) {
        let workers = min(max(1, threads), count)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        // Threads of their own rather than `DispatchQueue.concurrentPerform`: called from inside
        // another `concurrentPerform` (the pipeline finishes its projections side by side),
        // Dispatch gives a nested one no more threads than the cores the outer one left over,
        // which on two cores is none, and every job would run on the caller's thread.
        let next = SharedCounter()
        let finished = DispatchSemaphore(value: 0)
        let work: @Sendable () -> Void = {
            while true {
                let index = next.value.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                body(index)
            }
        }
        for _ in 1..<workers {
            Thread { work(); finished.signal() }.start()
        }
        work()
        for _ in 1..<workers { finished.wait() }
    }
}

/// The next job's index, shared by the threads of ``ParallelWork/forEach(count:threads:_:)``.
private final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
