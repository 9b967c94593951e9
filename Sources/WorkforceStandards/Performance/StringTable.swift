// The fast version of a `[String: Value]` for short keys: an open-addressing table on the
// keys' UTF-8 bytes.
import Foundation

/// A hash table keyed by strings, for the look-ups made once or more per record: codes in a
/// domain, codes in a compiled map, roles in a collection's scope.
///
/// Swift's `Dictionary<String, _>` hashes a key with SipHash over its normalised form, a few
/// hundred instructions for a four-letter code; a national run makes tens of millions of such
/// look-ups. This table works on the key's UTF-8 bytes. A key of up to 16 bytes (every code
/// of the standard) is read as two machine words, which give its hash and are compared with
/// the two words kept in its slot: a look-up is a few loads and compares, with no loop over
/// the bytes and no call. Longer keys are hashed with FNV-1a and compared with `memcmp`. Keys
/// are compared byte for byte, like the codes of the standard (a code is written one way);
/// callers that fold case or trim do so first.
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
        get {
            // The closure is given the table's pointers, not the table: reaching the storage
            // object from inside it would retain it, and a table every thread reads would then
            // have its reference count written by every thread.
            let probe = storage.probe
            let index = Self.withUTF8(key) { probe.slot(of: Key($0)) }
            return storage.slots[index].hash == 0 ? nil : storage.values[index]
        }
        set {
            guard let newValue else { preconditionFailure("StringTable does not remove keys") }
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
            let probe = storage.probe
            let existing = Self.withUTF8(key) { probe.slot(of: Key($0)) }
            if storage.slots[existing].hash != 0 {
                storage.values[existing] = newValue
                return
            }
            if (storage.count + 1) * 2 > storage.capacity {
                storage = storage.copy(capacity: storage.capacity * 2)
            }
            storage.insert(key, newValue)
        }
    }

    /// The value for the key whose UTF-8 bytes are `key`, lent by the domain code.
    @inline(__always)
    subscript(utf8 key: LentBytes) -> Value? { self[utf8: key.buffer] }

    /// The value for the key whose UTF-8 bytes are `key`, or nil: the look-up of a value read
    /// from a file, with no `String` made for it.
    @inline(__always)
    subscript(utf8 key: UnsafeBufferPointer<UInt8>) -> Value? {
        let index = storage.probe.slot(of: Key(key))
        return storage.slots[index].hash == 0 ? nil : storage.values[index]
    }

    /// Whether `key` is in the table.
    func contains(_ key: String) -> Bool { self[key] != nil }

    /// Every key and value, in no particular order.
    var pairs: [(key: String, value: Value)] {
        (0..<storage.capacity).compactMap { index in storage.slots[index].hash == 0 ? nil : (storage.keys[index], storage.values[index]!) }
    }

    /// A key being looked up: its bytes, and what the table compares first.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Up to 16 bytes, every byte of the key read into two words: for a key of 8 to 16
        /// bytes its first and last 8 (they overlap when it is shorter than 16), of 4 to 7 its
        /// first and last 4, of 1 to 3 its first, middle and last byte. With the length, the
        /// words are equal exactly when the bytes are. Zero for longer keys.
        let words: (UInt64, UInt64)
        /// Never 0, which marks an empty slot.
        let hash: UInt64

        /// The longest key compared by its words alone.
        static var longestShort: Int { 16 }

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            let count = bytes.count
            guard count <= Self.longestShort else {
                words = (0, 0)
                hash = FingerprintTable.fingerprint(utf8: bytes)
                return
            }
            if let base = bytes.baseAddress, count > 0 {
                let raw = UnsafeRawPointer(base)
                if count >= 8 {
                    words = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                } else if count >= 4 {
                    words = (UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
                } else {
                    words = (UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16, 0)
                }
            } else {
                words = (0, 0)
            }
            // Mix both words and the length (multiply, then fold the high bits down).
            var mixed = (words.0 ^ (words.1 &* 0x9e3779b97f4a7c15) ^ UInt64(count)) &* 0xbf58476d1ce4e5b9
            mixed ^= mixed >> 31
            hash = mixed == 0 ? 1 : mixed
        }
    }

    /// One slot: the hash of its key (0: empty), the key's words (see ``Key``), and where its
    /// bytes are in `keyBytes`. What a probe compares sits in one 32-byte slot.
    struct Slot {
        var hash: UInt64 = 0
        var words: (UInt64, UInt64) = (0, 0)
        var start: Int32 = 0
        var length: Int32 = 0
    }

    /// The slots of a table and its keys' bytes, valid while the table is neither changed nor freed.
    struct Probe {
        let mask: Int
        let slots: UnsafeMutablePointer<Slot>
        let keyBytes: UnsafeMutablePointer<UInt8>

        /// The slot holding `key`, or the empty slot where it would go.
        @inline(__always)
        func slot(of key: Key) -> Int {
            let count = key.bytes.count
            var index = Int(truncatingIfNeeded: key.hash ^ (key.hash >> 29)) & mask
            while true {
                let slot = slots + index
                if slot.pointee.hash == 0 { return index }
                if slot.pointee.hash == key.hash && Int(slot.pointee.length) == count {
                    if count <= Key.longestShort {
                        if slot.pointee.words == key.words { return index }
                    } else if memcmp(keyBytes + Int(slot.pointee.start), key.bytes.baseAddress!, count) == 0 {
                        return index
                    }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// The slots, the keys as strings, the values, and every key's UTF-8 bytes (for keys
    /// longer than ``Key/longestShort``, which are compared byte for byte).
    private final class Storage {
        let capacity: Int
        private(set) var count = 0
        let slots: UnsafeMutablePointer<Slot>
        let keys: UnsafeMutablePointer<String>
        let values: UnsafeMutablePointer<Value?>
        /// Every key's UTF-8 bytes, one after another (grown as keys are added).
        private(set) var keyBytes: UnsafeMutablePointer<UInt8>
        private var keyBytesUsed = 0
        private var keyBytesCapacity: Int

        init(capacity: Int, keyBytesCapacity: Int = 64) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Slot(), count: capacity)
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: "", count: capacity)
            values = .allocate(capacity: capacity)
            values.initialize(repeating: nil, count: capacity)
            self.keyBytesCapacity = max(keyBytesCapacity, 16)
            keyBytes = .allocate(capacity: self.keyBytesCapacity)
        }

        deinit {
            slots.deallocate()
            keys.deinitialize(count: capacity)
            keys.deallocate()
            values.deinitialize(count: capacity)
            values.deallocate()
            keyBytes.deallocate()
        }

        /// What a look-up reads, as plain pointers.
        var probe: Probe { Probe(mask: capacity - 1, slots: slots, keyBytes: keyBytes) }

        /// Adds `key` (not in the table, which has room for it).
        func insert(_ key: String, _ value: Value) {
            let utf8 = Array(key.utf8)
            let length = utf8.count
            precondition(keyBytesUsed + length <= Int(Int32.max), "StringTable keys exceed 2 GB")
            if keyBytesUsed + length > keyBytesCapacity {
                let larger = max(keyBytesCapacity * 2, keyBytesUsed + length)
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
                grown.update(from: keyBytes, count: keyBytesUsed)
                keyBytes.deallocate()
                keyBytes = grown
                keyBytesCapacity = larger
            }
            utf8.withUnsafeBufferPointer { bytes in
                let lookup = Key(bytes)
                let index = probe.slot(of: lookup)
                slots[index] = Slot(hash: lookup.hash, words: lookup.words, start: Int32(keyBytesUsed), length: Int32(length))
                keys[index] = key
                values[index] = value
                if let base = bytes.baseAddress { (keyBytes + keyBytesUsed).update(from: base, count: length) }
            }
            keyBytesUsed += length
            count += 1
        }

        /// A copy with `capacity` slots (a power of two, at least twice the count).
        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity, keyBytesCapacity: keyBytesUsed)
            for index in 0..<self.capacity where slots[index].hash != 0 {
                copy.insert(keys[index], values[index]!)
            }
            return copy
        }
    }
}

extension StringTable: @unchecked Sendable where Value: Sendable {}

extension StringTable {
    /// A table of a dictionary's keys and values (the word lists of the title coder).
    init(_ dictionary: [String: Value]) { self.init(dictionary.lazy.map { ($0.key, $0.value) }) }
}

/// A set of strings written as an array literal, each mapped to `true`: `table.contains(word)`
/// is then the look-up of a `Set<String>`, on the key's bytes.
extension StringTable: ExpressibleByArrayLiteral where Value == Bool {
    init(arrayLiteral elements: String...) { self.init(elements.map { ($0, true) }) }
}
