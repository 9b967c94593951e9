/// A hash table keyed by strings, for the look-ups made once or more per record: codes in a
/// domain, codes in a compiled map, roles in a collection's scope.
///
/// Swift's `Dictionary<String, _>` hashes a key with SipHash over its normalised form, a few
/// hundred instructions for a four-letter code; a national run makes tens of millions of such
/// look-ups. This table hashes the key's UTF-8 bytes with FNV-1a and compares keys with `==`,
/// so a look-up costs a few dozen instructions. Keys are compared byte for byte, like the
/// codes of the standard (a code is written one way); callers that fold case or trim do so first.
///
/// Open addressing with linear probing, kept at most half full. Built once and then read, so a
/// shared table is safe to read from several threads.
struct StringTable<Value> {
    /// The hash of each slot's key; 0 marks an empty slot.
    private var hashes: [UInt64]
    private var keys: [String]
    private var values: [Value?]
    /// How many keys the table holds.
    private(set) var count = 0

    /// An empty table.
    init() {
        hashes = Array(repeating: 0, count: 8)
        keys = Array(repeating: "", count: 8)
        values = Array(repeating: nil, count: 8)
    }

    /// A table of `pairs`; where a key repeats, the first value is kept (as building a
    /// dictionary with `if dictionary[key] == nil` would).
    init<Pairs: Sequence>(_ pairs: Pairs) where Pairs.Element == (String, Value) {
        self.init()
        for (key, value) in pairs where self[key] == nil { self[key] = value }
    }

    /// The FNV-1a hash of `key`'s UTF-8 bytes, never 0.
    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        @inline(__always)
        func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf29ce484222325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100000001b3
            }
            return hash
        }
        let hash = key.utf8.withContiguousStorageIfAvailable(fold) ?? Array(key.utf8).withUnsafeBufferPointer(fold)
        return hash == 0 ? 1 : hash
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: String, hash: UInt64) -> Int {
        let mask = hashes.count - 1
        // Mix the high bits in: FNV's low bits alone spread short keys poorly.
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
        while hashes[index] != 0 {
            if hashes[index] == hash && keys[index] == key { return index }
            index = (index + 1) & mask
        }
        return index
    }

    /// The value for `key`, or nil; setting nil is not supported (the table only grows).
    subscript(key: String) -> Value? {
        get {
            let hash = Self.hash(key)
            let index = slot(of: key, hash: hash)
            return hashes[index] == 0 ? nil : values[index]
        }
        set {
            guard let newValue else { preconditionFailure("StringTable does not remove keys") }
            let hash = Self.hash(key)
            var index = slot(of: key, hash: hash)
            if hashes[index] != 0 {
                values[index] = newValue
                return
            }
            if (count + 1) * 2 > hashes.count {
                grow()
                index = slot(of: key, hash: hash)
            }
            hashes[index] = hash
            keys[index] = key
            values[index] = newValue
            count += 1
        }
    }

    /// Whether `key` is in the table.
    func contains(_ key: String) -> Bool {
        let hash = Self.hash(key)
        return hashes[slot(of: key, hash: hash)] != 0
    }

    /// Every key and value, in no particular order.
    var pairs: [(key: String, value: Value)] {
        hashes.indices.compactMap { index in hashes[index] == 0 ? nil : (keys[index], values[index]!) }
    }

    private mutating func grow() {
        let old = pairs
        let size = hashes.count * 2
        hashes = Array(repeating: 0, count: size)
        keys = Array(repeating: "", count: size)
        values = Array(repeating: nil, count: size)
        count = 0
        for (key, value) in old { self[key] = value }
    }
}

extension StringTable: Sendable where Value: Sendable {}
