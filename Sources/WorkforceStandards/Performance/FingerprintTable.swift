// The fast version of a `[UInt64: UInt32]` (and of a `Set<UInt64>`): open addressing at 90% load.

/// A compact hash table keyed by 64-bit fingerprints (FNV-1a hashes of ids), with an optional
/// 32-bit value per key: the per-record state of a streaming run (ids seen, hours per NI number).
///
/// Swift's `Set` and `Dictionary` double at 75% load and hold both tables while they rehash,
/// which makes a run's peak memory jump as the input grows. This table fills to 90% before it
/// doubles, stores 12 bytes per slot, and so keeps the memory a national run needs for its
/// duplicate checks small and predictable. Fingerprint collisions between different ids are
/// possible in principle (about one in 10^10 pairs at a million records); the checks using it
/// report duplicates as diagnostics a person reads, never silently drop a record.
struct FingerprintTable {
    private var keys: [UInt64]
    /// Empty for a table used as a set (8 bytes a slot instead of 12).
    private var values: [UInt32]
    private let hasValues: Bool
    private(set) var count = 0

    /// A table; `hasValues: false` makes it a set of fingerprints.
    init(capacity: Int = 1024, hasValues: Bool = true) {
        var size = 16
        while size < capacity { size <<= 1 }
        self.hasValues = hasValues
        keys = Array(repeating: 0, count: size)
        values = hasValues ? Array(repeating: 0, count: size) : []
    }

    /// The fingerprint of a text (never 0, which marks an empty slot).
    @inline(__always)
    static func fingerprint(_ text: String) -> UInt64 {
        // Read in place where the text is contiguous (nearly always): iterating the UTF-8
        // view as a sequence costs several times more per byte.
        text.utf8.withContiguousStorageIfAvailable(fingerprint(utf8:)) ?? Array(text.utf8).withUnsafeBufferPointer(fingerprint(utf8:))
    }

    /// The fingerprint of a text's UTF-8 bytes, the same as ``fingerprint(_:)`` of the text.
    @inline(__always)
    static func fingerprint(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash == 0 ? 1 : hash
    }

    /// Where the probe for `key` starts. The lowest bit is left out, so that a key and its
    /// marked form (``insert(_:marking:)``) start at the same slot.
    @inline(__always)
    private func home(of key: UInt64) -> Int {
        let unmarked = key | 1
        // Mix the bits so that nearby fingerprints spread out.
        return Int(truncatingIfNeeded: (unmarked ^ (unmarked >> 29)) &* 0xbf58476d1ce4e5b9 >> 7) & (keys.count - 1)
    }

    private func slot(for key: UInt64) -> Int {
        let mask = keys.count - 1
        var index = home(of: key)
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
        return index
    }

    /// In a set of marked keys, how many are marked.
    private(set) var markedCount = 0

    /// Inserts `key` into a set of marked keys, and marks it when `mark` is true. The lowest
    /// bit of each stored key is its mark, so one table answers both "how many keys" and "how
    /// many marked" with one probe, where two sets would take two (each a likely cache miss).
    /// Keys are compared on their other 63 bits. A table used this way takes no other inserts.
    mutating func insert(_ key: UInt64, marking mark: Bool) {
        precondition(!hasValues, "a set of marked keys has no values")
        var unmarked = key & ~1
        if unmarked == 0 { unmarked = 2 }
        let mask = keys.count - 1
        var index = home(of: unmarked)
        while keys[index] != 0 && keys[index] & ~1 != unmarked { index = (index + 1) & mask }
        if keys[index] == 0 {
            insert(mark ? unmarked | 1 : unmarked, value: 0, probed: index)
            if mark { markedCount += 1 }
        } else if mark && keys[index] & 1 == 0 {
            keys[index] |= 1
            markedCount += 1
        }
    }

    /// The value stored for `key`, or nil.
    func value(for key: UInt64) -> UInt32? {
        let index = slot(for: key)
        guard keys[index] == key else { return nil }
        return hasValues ? values[index] : 0
    }

    /// Whether `key` is present.
    func contains(_ key: UInt64) -> Bool { keys[slot(for: key)] == key }

    /// Inserts `key` (with `value`); returns false when it was already there (the value is kept).
    @discardableResult
    mutating func insert(_ key: UInt64, value: UInt32 = 0) -> Bool {
        let index = slot(for: key)
        if keys[index] == key { return false }
        insert(key, value: value, probed: index)
        return true
    }

    /// Inserts `key`, known to be absent, at `index`, the empty slot its probe ended on.
    private mutating func insert(_ key: UInt64, value: UInt32, probed index: Int) {
        var index = index
        if (count + 1) * 10 > keys.count * 9 {
            grow()
            index = slot(for: key)
        }
        keys[index] = key
        if hasValues { values[index] = value }
        count += 1
    }

    /// The value stored for `key`; when there is none, inserts `key` with `value` and returns
    /// nil. One probe where ``value(for:)`` then ``set(_:value:)`` would take two, each a
    /// likely cache miss in a table of a national run's size.
    mutating func value(for key: UInt64, orInsert value: UInt32) -> UInt32? {
        let index = slot(for: key)
        if keys[index] == key { return hasValues ? values[index] : 0 }
        insert(key, value: value, probed: index)
        return nil
    }

    /// Sets the value of `key`, inserting it when absent.
    mutating func set(_ key: UInt64, value: UInt32) {
        let index = slot(for: key)
        if keys[index] == key { if hasValues { values[index] = value } } else { insert(key, value: value, probed: index) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = hasValues ? Array(repeating: 0, count: oldKeys.count * 2) : []
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 {
            let slot = slot(for: key)
            keys[slot] = key
            if hasValues { values[slot] = oldValues[index] }
            count += 1
        }
    }
}
