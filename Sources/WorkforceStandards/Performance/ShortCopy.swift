// The fast version of `UnsafeMutablePointer.update(from:count:)` (memmove) for pieces of a
// few bytes.

extension UnsafeMutablePointer where Pointee == UInt8 {
    /// Copies `count` bytes from `source` (not overlapping these), as `update(from:count:)`
    /// does, without a call for the short pieces output lines are made of.
    ///
    /// The writers copy a tag name, a code or a number at a time, mostly under 16 bytes: a
    /// call to `memmove` costs more than the copy then. Up to 16 bytes are copied as two
    /// (overlapping) machine words or as single bytes; longer pieces go to `memmove`.
    @inline(__always)
    func updateShort(from source: UnsafePointer<UInt8>, count: Int) {
        if count >= 8 && count <= 16 {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(self)
            let first = from.loadUnaligned(as: UInt64.self)
            let last = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: first, as: UInt64.self)
            to.storeBytes(of: last, toByteOffset: count - 8, as: UInt64.self)
        } else if count < 8 {
            var index = 0
            while index < count {
                self[index] = source[index]
                index += 1
            }
        } else {
            update(from: source, count: count)
        }
    }
}
