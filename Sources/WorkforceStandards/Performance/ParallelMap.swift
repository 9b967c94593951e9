// The fast version of `Array.map`: the calls spread over the processor's cores.
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the processor's cores, results in the original order: building and
    /// rendering a thousand pages are independent jobs, and `wds docs` must stay quick.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        self.withUnsafeBufferPointer { elements in
            // The buffer outlives the call, which waits for every iteration.
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.set(index, transform(elements[index]))
            }
        }
        return slots.values()
    }
}

/// Where parallel jobs leave their results; each index is written once, under a lock.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Value] { slots.map { $0! } }
}
