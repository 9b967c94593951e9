import Foundation

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

    /// Lends `key`'s UTF-8 bytes to `body`, in place where the text is contiguous (nearly always).
    @inline(__always)
    private static func withUTF8<Result>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        key.utf8.withContiguousStorageIfAvailable(body) ?? Array(key.utf8).withUnsafeBufferPointer(body)
    }

    /// The value for `key`, or nil; setting nil is not supported (the table only grows).
    subscript(key: String) -> Value? {
        get { Self.withUTF8(key) { self[utf8: $0] } }
        set {
            guard let newValue else { preconditionFailure("StringTable does not remove keys") }
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
            let (hash, existing) = Self.withUTF8(key) { bytes in
                let hash = FingerprintTable.fingerprint(utf8: bytes)
                return (hash, storage.slot(ofUTF8: bytes, hash: hash))
            }
            if storage.hashes[existing] != 0 {
                storage.values[existing] = newValue
                return
            }
            if (storage.count + 1) * 2 > storage.capacity {
                storage = storage.copy(capacity: storage.capacity * 2)
            }
            storage.insert(key, newValue, hash: hash)
        }
    }

    /// The value for the key whose UTF-8 bytes are `key`, or nil: the look-up of a value read
    /// from a file, with no `String` made for it.
    @inline(__always)
    subscript(utf8 key: UnsafeBufferPointer<UInt8>) -> Value? {
        let index = storage.slot(ofUTF8: key, hash: FingerprintTable.fingerprint(utf8: key))
        return storage.hashes[index] == 0 ? nil : storage.values[index]
    }

    /// Whether `key` is in the table.
    func contains(_ key: String) -> Bool { self[key] != nil }

    /// Every key and value, in no particular order.
    var pairs: [(key: String, value: Value)] {
        (0..<storage.capacity).compactMap { index in storage.hashes[index] == 0 ? nil : (storage.keys[index], storage.values[index]!) }
    }

    /// The slots: the hash of each slot's key (0 marks an empty slot), the key, its UTF-8
    /// bytes (where they start in `keyBytes`, and how many) and the value.
    ///
    /// A look-up compares a key's bytes with the copy in `keyBytes`: comparing with the stored
    /// `String` would retain and release it and find its bytes first, which cost more than
    /// the rest of the look-up.
    private final class Storage {
        let capacity: Int
        private(set) var count = 0
        let hashes: UnsafeMutablePointer<UInt64>
        let keys: UnsafeMutablePointer<String>
        let keyStarts: UnsafeMutablePointer<Int>
        let keyLengths: UnsafeMutablePointer<Int>
        let values: UnsafeMutablePointer<Value?>
        /// Every key's UTF-8 bytes, one after another (grown as keys are added).
        private(set) var keyBytes: UnsafeMutablePointer<UInt8>
        private var keyBytesUsed = 0
        private var keyBytesCapacity: Int

        init(capacity: Int, keyBytesCapacity: Int = 64) {
            self.capacity = capacity
            hashes = .allocate(capacity: capacity)
            hashes.initialize(repeating: 0, count: capacity)
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: "", count: capacity)
            keyStarts = .allocate(capacity: capacity)
            keyStarts.initialize(repeating: 0, count: capacity)
            keyLengths = .allocate(capacity: capacity)
            keyLengths.initialize(repeating: 0, count: capacity)
            values = .allocate(capacity: capacity)
            values.initialize(repeating: nil, count: capacity)
            self.keyBytesCapacity = max(keyBytesCapacity, 16)
            keyBytes = .allocate(capacity: self.keyBytesCapacity)
        }

        deinit {
            hashes.deallocate()
            keys.deinitialize(count: capacity)
            keys.deallocate()
            keyStarts.deallocate()
            keyLengths.deallocate()
            values.deinitialize(count: capacity)
            values.deallocate()
            keyBytes.deallocate()
        }

        /// The slot holding the key whose UTF-8 bytes are `key`, or the empty slot where it would go.
        @inline(__always)
        func slot(ofUTF8 key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
            let mask = capacity - 1
            // Mix the high bits in: FNV's low bits alone spread short keys poorly.
            var index = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
            while hashes[index] != 0 {
                if hashes[index] == hash && keyLengths[index] == key.count
                    && (key.isEmpty || memcmp(keyBytes + keyStarts[index], key.baseAddress!, key.count) == 0) {
                    return index
                }
                index = (index + 1) & mask
            }
            return index
        }

        /// Adds `key` (not in the table, which has room for it).
        func insert(_ key: String, _ value: Value, hash: UInt64) {
            let index = Self.withBytes(key) { slot(ofUTF8: $0, hash: hash) }
            hashes[index] = hash
            keys[index] = key
            values[index] = value
            let length = key.utf8.count
            if keyBytesUsed + length > keyBytesCapacity {
                let larger = max(keyBytesCapacity * 2, keyBytesUsed + length)
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
                grown.update(from: keyBytes, count: keyBytesUsed)
                keyBytes.deallocate()
                keyBytes = grown
                keyBytesCapacity = larger
            }
            keyStarts[index] = keyBytesUsed
            keyLengths[index] = length
            for (offset, byte) in key.utf8.enumerated() { keyBytes[keyBytesUsed + offset] = byte }
            keyBytesUsed += length
            count += 1
        }

        private static func withBytes<Result>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            key.utf8.withContiguousStorageIfAvailable(body) ?? Array(key.utf8).withUnsafeBufferPointer(body)
        }

        /// A copy with `capacity` slots (a power of two, at least twice the count).
        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity, keyBytesCapacity: keyBytesUsed)
            for index in 0..<self.capacity where hashes[index] != 0 {
                copy.insert(keys[index], values[index]!, hash: hashes[index])
            }
            return copy
        }
    }
}

extension StringTable: @unchecked Sendable where Value: Sendable {}
