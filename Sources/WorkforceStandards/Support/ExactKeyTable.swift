import Foundation

/// A set of byte strings that answers "seen before?" exactly: fingerprints find candidates
/// fast, and the bytes are compared before two keys are taken as the same. A fingerprint
/// alone (what ``FingerprintTable`` holds) lets crafted ids collide: two different ids would
/// be reported as duplicates, or two equal ones missed.
///
/// Keys are kept one after another in one byte array (up to 4 GB of keys) (an id of 8 bytes costs 12 bytes and a
/// slot of the fingerprint table), so a national run's ids stay a few tens of megabytes.
struct ExactKeyTable {
    /// Fingerprint -> index of the first key with it.
    private var first = FingerprintTable()
    private var bytes: [UInt8] = []
    /// Where key `i` ends in `bytes` (it starts where key `i - 1` ends).
    private var ends: [UInt32] = []
    /// Keys whose fingerprint an earlier, different key already has (rare): by their text.
    private var collided: [[UInt8]: Int] = [:]

    /// How many different keys the table holds.
    var count: Int { ends.count }

    /// The index of `key`, inserting it when new; `inserted` tells which.
    mutating func index(of key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let fingerprint = FingerprintTable.fingerprint(utf8: key)
        let next = ends.count
        if let existing = first.value(for: fingerprint, orInsert: UInt32(truncatingIfNeeded: next)) {
            let index = Int(existing)
            if equals(index, key) { return (index, false) }
            // A different key with the same fingerprint: compared by its text.
            let text = Array(key)
            if let known = collided[text] { return (known, false) }
            collided[text] = next
        }
        bytes.append(contentsOf: key)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
        return (next, true)
    }

    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        guard Int(ends[index]) - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            key.count == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    /// The bytes of key `index`.
    func key(_ index: Int) -> ArraySlice<UInt8> { bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])] }
}
