// The fast version of a lazily made shared value behind a lock (or the standard library's
// `AtomicLazyReference`): one atomic load per read, no lock and no metadata look-up.
import Synchronization

/// A reference made on first use and then shared, read without a lock: what the registry's
/// parts read on first use are kept in. (The standard library's `AtomicLazyReference` is not
/// specialised across the module boundary, which makes every read look up type metadata.)
struct OnceReference<Instance: AnyObject & Sendable>: ~Copyable, Sendable {
    private let storage = Atomic<UInt>(0)

    init() {}

    /// The instance, or nil before one is stored.
    @inline(__always)
    func load() -> Instance? {
        let bits = storage.load(ordering: .acquiring)
        guard bits != 0, let pointer = UnsafeRawPointer(bitPattern: bits) else { return nil }
        return Unmanaged<Instance>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Stores `instance` unless one is stored already, and returns the one stored.
    func storeIfNil(_ instance: Instance) -> Instance {
        let retained = Unmanaged.passRetained(instance)
        let bits = UInt(bitPattern: retained.toOpaque())
        let (exchanged, original) = storage.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
        if exchanged { return instance }
        retained.release()
        return Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(bitPattern: original)!).takeUnretainedValue()
    }

    deinit {
        let bits = storage.load(ordering: .acquiring)
        if let pointer = UnsafeRawPointer(bitPattern: bits) { Unmanaged<Instance>.fromOpaque(pointer).release() }
    }
}
