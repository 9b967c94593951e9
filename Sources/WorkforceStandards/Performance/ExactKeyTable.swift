// The fast version of a `[[UInt8]: Int]` numbering keys in first-seen order (`Set` of byte
// strings): an open-addressing table over blocks of key bytes.
import Foundation

/// A set of byte strings that answers "seen before?" exactly, numbering the keys in the order
/// they were first met. A fingerprint alone (what ``FingerprintTable`` holds) lets crafted ids
/// collide: two different ids would be reported as duplicates, or two equal ones missed. Here
/// a short hash only finds candidates, and the bytes are compared before two keys are taken
/// as the same.
///
/// Memory is what a national run's duplicate checks are sized by (a million post ids and as
/// many NI numbers), so:
/// - a slot is 8 bytes: 32 bits of the key's hash and its number (not a 64-bit fingerprint
///   beside it, which made 12);
/// - the keys are kept one after another, each after its length, in blocks of 1 MiB that are
///   never copied, rather than one array that doubles (and for a moment holds its old and
///   new storage); a key is found by where it starts (4 bytes), in a space of 4 GiB of keys.
/// An id of 9 bytes costs 14 bytes and, at the table's 45-90% load, 9 to 18 bytes of slots.
struct ExactKeyTable {
    /// Per slot: the key's hash in the high 32 bits, its number + 1 in the low 32 (0: empty).
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    /// The keys, each as its length (LEB128) and its bytes, in blocks; a key never spans two
    /// blocks, and one longer than a block has a block of its own.
    private var blocks: [[UInt8]] = []
    /// Where key `i` starts: its block times ``blockSize`` plus its offset in the block.
    private var starts: [UInt32] = []
    private static let blockShift = 20
    private static let blockSize = 1 << blockShift

    /// How many different keys the table holds.
    var count: Int { starts.count }

    /// The index of `key`, inserting it when new; `inserted` tells which.
    /// ``index(of:)-UnsafeBufferPointer`` of bytes lent by the domain code.
    @inline(__always)
    mutating func index(of key: LentBytes) -> (index: Int, inserted: Bool) { index(of: key.buffer) }

    mutating func index(of key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let hash = UInt32(truncatingIfNeeded: Self.finalise(FingerprintTable.fingerprint(utf8: key)) >> 32)
        let mask = slots.count - 1
        var slot = Int(Self.spread(hash)) & mask
        while slots[slot] != 0 {
            let stored = slots[slot]
            if UInt32(truncatingIfNeeded: stored >> 32) == hash {
                let index = Int(UInt32(truncatingIfNeeded: stored)) - 1
                if equals(index, key) { return (index, false) }
            }
            slot = (slot + 1) & mask
        }
        let index = starts.count
        store(key)
        slots[slot] = UInt64(hash) << 32 | UInt64(index + 1)
        if starts.count * 10 > slots.count * 9 { grow() }
        return (index, true)
    }

    /// The bytes of key `index`.
    func key(_ index: Int) -> ArraySlice<UInt8> {
        let (block, range) = location(of: index)
        return blocks[block][range]
    }

    /// The block of key `index` and where its bytes lie in it.
    private func location(of index: Int) -> (block: Int, bytes: Range<Int>) {
        let start = Int(starts[index])
        let block = start >> Self.blockShift
        var position = start & (Self.blockSize - 1)
        var length = 0
        var shift = 0
        let bytes = blocks[block]
        while true {
            let byte = bytes[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return (block, position..<(position + length))
    }

    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let (block, range) = location(of: index)
        guard range.count == key.count else { return false }
        guard key.count > 0 else { return true }
        return blocks[block].withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + range.lowerBound, key.baseAddress!, key.count) == 0
        }
    }

    /// Appends the key's length and bytes to the last block, or to a new one when they would
    /// not fit.
    private mutating func store(_ key: UnsafeBufferPointer<UInt8>) {
        var lengthSize = 1
        while key.count >> (7 * lengthSize) > 0 { lengthSize += 1 }
        let size = lengthSize + key.count
        if blocks.isEmpty || blocks[blocks.count - 1].count + size > Self.blockSize {
            var block: [UInt8] = []
            block.reserveCapacity(max(Self.blockSize, size))
            blocks.append(block)
        }
        let last = blocks.count - 1
        // 4096 blocks address 4 GiB of keys: far beyond any run this library's memory allows.
        starts.append(UInt32(truncatingIfNeeded: last << Self.blockShift + blocks[last].count))
        var rest = key.count
        while rest >= 0x80 {
            blocks[last].append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        blocks[last].append(UInt8(rest))
        blocks[last].append(contentsOf: key)
    }

    /// Doubles the slots, placing every key again by its stored hash.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            var slot = Int(Self.spread(UInt32(truncatingIfNeeded: stored >> 32))) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }

    /// The hash's bits mixed (MurmurHash3's 32-bit finaliser), so that the low bits that pick a
    /// slot depend on all of them.
    @inline(__always)
    private static func spread(_ hash: UInt32) -> UInt32 {
        var mixed = hash
        mixed ^= mixed >> 16
        mixed = mixed &* 0x85EB_CA6B
        mixed ^= mixed >> 13
        mixed = mixed &* 0xC2B2_AE35
        return mixed ^ (mixed >> 16)
    }

    /// An FNV-1a fingerprint with its bits mixed (MurmurHash3's 64-bit finaliser). FNV-1a alone
    /// leaves ids that differ in their last characters (P000001, P000002) differing in a few
    /// bits of the high half, which crowded them into a few runs of slots.
    @inline(__always)
    private static func finalise(_ fingerprint: UInt64) -> UInt64 {
        var mixed = fingerprint
        mixed ^= mixed >> 33
        mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        return mixed ^ (mixed >> 33)
    }
}
