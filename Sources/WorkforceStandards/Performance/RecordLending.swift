/// Records lent to the projections without a retain each: the speed machinery of the pipeline's
/// loop over a batch's records, behind one safe call.
///
/// Passing `records[i]` to a function copies the record, and a copy retains the object holding
/// its fields (``PostRecordBox``). When the pipeline's projections, each on its own thread, take
/// the same records, those retains make the object's reference count bounce between cores: a
/// cache miss per record per projection. The array keeps every record alive for the whole call,
/// so none needs a reference of its own. The plain equivalent, which the tests compare it with,
/// is `for index in indices { body(records[index]) }`.
extension PostRecord {
    /// Calls `body` with each record of `records` at `indices`, in order, lent without a retain.
    /// `body` must not keep the record beyond its call (`borrowing` says so to the compiler).
    /// Traps on an index out of range, as `records[index]` would.
    static func forEachLent(in records: [PostRecord], at indices: [Int], _ body: (borrowing PostRecord) -> Void) {
        // A record is its box's reference and nothing else, so the reference is read as a plain
        // pointer: reading it as a reference would retain it.
        precondition(MemoryLayout<PostRecord>.size == MemoryLayout<UnsafeRawPointer>.size)
        let count = records.count
        records.withUnsafeBytes { lent in
            for index in indices {
                precondition(index >= 0 && index < count, "record index out of range")
                let reference = lent.load(fromByteOffset: index * MemoryLayout<PostRecord>.stride, as: UnsafeRawPointer.self)
                Unmanaged<PostRecordBox>.fromOpaque(reference)._withUnsafeGuaranteedRef { box in
                    body(PostRecord(box: box))
                }
            }
        }
    }
}
