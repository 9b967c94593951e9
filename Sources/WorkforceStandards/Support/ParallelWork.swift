import Foundation
import Synchronization

/// Independent jobs spread over the processor's cores.
enum ParallelWork {
    /// Calls `body` once for each of `0..<count`, on as many threads as there are cores; each
    /// thread takes the next index when it is free, so that jobs of very different sizes (a
    /// school of ten staff and one of three hundred) still keep every core busy. Returns when
    /// every call has returned.
    static func forEach(count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: @Sendable (Int) -> Void) {
        let workers = min(max(1, threads), count)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                body(index)
            }
        }
    }
}
