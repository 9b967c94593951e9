/// A hash table keyed by strings, for the look-ups made once or more per record: codes in a
/// domain, codes in a compiled map, roles in a collection's scope.
///
/// Swift's `Dictionary<String, _>` hashes a key with SipHash over its normalised form, a few
/// hundred instructions for a four-letter code; a national run makes tens of millions of such
/// look-ups. This table hashes the key's UTF-8 bytes with FNV-1a and compares keys with `==`,
/// so a look-up costs a few dozen instructions. Keys are compared byte for byte, like the
/// codes of the standard (a code is written one way); callers that fold case or trim do so first.
///
/// Open addressing with linear probing, kept at most half full. The slots live in one object
/// behind plain pointers, so a look-up retains nothing and checks no exclusive access; the
/// table is copied on write like the standard collections. Built once and then read, a shared
/// table is safe to read from several threads.
struct StringTable<Value> {
    private var storage: Storage
    /// How many keys the table holds.
    var count: Int { storage.count }

    /// An empty table.
    init() { storage = Storage(capacity: 8) }

    /// A table of `pairs`; where a key repeats, the first value is kept (as building a
    /// dictionary with `if dictionary[key] == nil` would).
    init<Pairs: Sequence>(_ pairs: Pairs) where Pairs.Element == (String, Value) {
        self.init()
        for (key, value) in pairs where self[key] == nil { self[key] = value }
    }

    /// The FNV-1a hash of `key`'s UTF-8 bytes, never 0 (the fingerprint duplicate checks use).
    @inline(__always)
    static func hash(_ key: String) -> UInt64 { FingerprintTable.fingerprint(key) }

    /// The value for `key`, or nil; setting nil is not supported (the table only grows).
    subscript(key: String) -> Value? {
        get {
            let hash = Self.hash(key)
            let index = storage.slot(of: key, hash: hash)
            return storage.hashes[index] == 0 ? nil : storage.values[index]
        }
        set {
            guard let newValue else { preconditionFailure("StringTable does not remove keys") }
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
            let hash = Self.hash(key)
            var index = storage.slot(of: key, hash: hash)
            if storage.hashes[index] != 0 {
                storage.values[index] = newValue
                return
            }
            if (storage.count + 1) * 2 > storage.capacity {
                storage = storage.copy(capacity: storage.capacity * 2)
                index = storage.slot(of: key, hash: hash)
            }
            storage.insert(key, newValue, hash: hash, at: index)
        }
    }

    /// Whether `key` is in the table.
    func contains(_ key: String) -> Bool {
        storage.hashes[storage.slot(of: key, hash: Self.hash(key))] != 0
    }

    /// Every key and value, in no particular order.
    var pairs: [(key: String, value: Value)] {
        (0..<storage.capacity).compactMap { index in storage.hashes[index] == 0 ? nil : (storage.keys[index], storage.values[index]!) }
    }

    /// The slots: the hash of each slot's key (0 marks an empty slot), the key and the value.
    private final class Storage {
        let capacity: Int
        private(set) var count = 0
        let hashes: UnsafeMutablePointer<UInt64>
        let keys: UnsafeMutablePointer<String>
        let values: UnsafeMutablePointer<Value?>

        init(capacity: Int) {
            self.capacity = capacity
            hashes = .allocate(capacity: capacity)
            hashes.initialize(repeating: 0, count: capacity)
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: "", count: capacity)
            values = .allocate(capacity: capacity)
            values.initialize(repeating: nil, count: capacity)
        }

        deinit {
            hashes.deallocate()
            keys.deinitialize(count: capacity)
            keys.deallocate()
            values.deinitialize(count: capacity)
            values.deallocate()
        }

        /// The slot holding `key`, or the empty slot where it would go.
        @inline(__always)
        func slot(of key: String, hash: UInt64) -> Int {
            let mask = capacity - 1
            // Mix the high bits in: FNV's low bits alone spread short keys poorly.
            var index = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
            while hashes[index] != 0 {
                if hashes[index] == hash && keys[index] == key { return index }
                index = (index + 1) & mask
            }
            return index
        }

        func insert(_ key: String, _ value: Value, hash: UInt64, at index: Int) {
            hashes[index] = hash
            keys[index] = key
            values[index] = value
            count += 1
        }

        /// A copy with `capacity` slots (a power of two, at least twice the count).
        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            for index in 0..<self.capacity where hashes[index] != 0 {
                copy.insert(keys[index], values[index]!, hash: hashes[index], at: copy.slot(of: keys[index], hash: hashes[index]))
            }
            return copy
        }
    }
}

extension StringTable: @unchecked Sendable where Value: Sendable {}
