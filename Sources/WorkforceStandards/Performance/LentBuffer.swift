// The fast version of `ArraySlice<Element>` (for bytes, of `ArraySlice<UInt8>` or `String.UTF8View`):
// a read-only view of elements someone else owns, lent for the length of one call.

/// Elements lent for the length of one call: a row's bytes while the CSV parser holds them, a
/// date's ten digits on the stack, a string's UTF-8 in place.
///
/// The domain code (value rules, dates, patterns, the XML writer) reads values through this
/// view, as it would read an `ArraySlice`: by index from zero, `count`, `first`, iteration,
/// `String(decoding:as:)`. Behind it is a plain buffer pointer, so a read is one load, as fast
/// as the pointer itself: no reference count, no copy, no exclusivity check. Indexing is
/// checked in debug builds, like the standard library's buffers. The one rule the type cannot
/// check: a view is valid only during the call that lends it, so it is never stored or
/// returned from that call. Views are made only here, in `Performance/`, by the code that
/// owns the memory.
package struct LentBuffer<Element>: RandomAccessCollection {
    package typealias Index = Int
    package typealias Indices = Range<Int>
    package typealias SubSequence = Slice<LentBuffer<Element>>
    package typealias Iterator = UnsafeBufferPointer<Element>.Iterator

    /// The lent memory.
    let buffer: UnsafeBufferPointer<Element>

    /// A view of `buffer`, valid as long as the memory is lent.
    @inline(__always)
    init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }

    @inline(__always) package var startIndex: Int { 0 }
    @inline(__always) package var endIndex: Int { buffer.count }
    @inline(__always) package var count: Int { buffer.count }
    @inline(__always) package var isEmpty: Bool { buffer.isEmpty }
    /// The element at `position`, read in place (not copied out, so no retain for a class
    /// reference inside it); checked in debug builds.
    package subscript(position: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(position >= 0 && position < buffer.count, "index out of range")
            return buffer.baseAddress.unsafelyUnwrapped + position
        }
    }
    @inline(__always) package func makeIterator() -> Iterator { buffer.makeIterator() }
    @inline(__always) package func index(after index: Int) -> Int { index + 1 }
    @inline(__always) package func index(before index: Int) -> Int { index - 1 }

    @inline(__always)
    package func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result? {
        try body(buffer)
    }

    /// The elements in `bounds`, as a view indexed from zero (what `Array(self[bounds])` would
    /// hold, without copying).
    @inline(__always)
    package func extracting(_ bounds: Range<Int>) -> LentBuffer<Element> {
        LentBuffer(UnsafeBufferPointer(rebasing: buffer[bounds]))
    }

    /// The elements from `start` to the end, indexed from zero.
    @inline(__always)
    package func extracting(from start: Int) -> LentBuffer<Element> { extracting(start..<count) }

    /// Whether the views hold the same elements.
    @inline(__always)
    package func elementsEqual(_ other: LentBuffer<Element>) -> Bool where Element: Equatable {
        buffer.elementsEqual(other.buffer)
    }
}

/// Bytes lent for the length of one call (see ``LentBuffer``).
package typealias LentBytes = LentBuffer<UInt8>

extension LentBuffer where Element == UInt8 {
    /// The bytes read as UTF-8 text (invalid sequences become U+FFFD).
    @inline(__always)
    package var string: String { String(decoding: buffer, as: UTF8.self) }

    /// Lends the UTF-8 of `text` to `body`, in place when the string is contiguous UTF-8 (it
    /// nearly always is), else from a copy.
    @inline(__always)
    package static func withUTF8<Result>(of text: String, _ body: (LentBytes) throws -> Result) rethrows -> Result {
        if let result = try text.utf8.withContiguousStorageIfAvailable({ try body(LentBytes($0)) }) { return result }
        return try Array(text.utf8).withUnsafeBufferPointer { try body(LentBytes($0)) }
    }

    /// Lends the bytes of a value of plain bytes (a tuple of `UInt8`, made on the stack) to
    /// `body`: how a date or a number is written without an allocation.
    @inline(__always)
    package static func withBytes<Tuple, Result>(of tuple: Tuple, _ body: (LentBytes) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: tuple) { try body(LentBytes($0.assumingMemoryBound(to: UInt8.self))) }
    }
}

extension Array {
    /// Lends the array's elements to `body` as a ``LentBuffer``.
    @inline(__always)
    package func withLentBuffer<Result>(_ body: (LentBuffer<Element>) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(LentBuffer($0)) }
    }
}

extension Array {
    /// Appends the lent elements with one copy.
    @inline(__always)
    package mutating func append(contentsOf lent: LentBuffer<Element>) { append(contentsOf: lent.buffer) }
}

extension UnsafeBufferPointer {
    /// The buffer as a view for the domain code, valid as long as the memory is lent.
    @inline(__always)
    var lent: LentBuffer<Element> { LentBuffer(self) }
}

/// Elements lent for writing during one call: the fast version of an `inout [Element]` (what a
/// scoring loop keeps its per-document marks and best scores in). A write is one store, with no
/// check that the array is not shared; indexing is checked in debug builds. Valid only during
/// the call that lends it, like ``LentBuffer``.
package struct LentMutableBuffer<Element>: RandomAccessCollection, MutableCollection {
    package typealias Index = Int
    package typealias Indices = Range<Int>

    /// The lent memory.
    let buffer: UnsafeMutableBufferPointer<Element>

    @inline(__always)
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    @inline(__always) package var startIndex: Int { 0 }
    @inline(__always) package var endIndex: Int { buffer.count }
    @inline(__always) package var count: Int { buffer.count }
    @inline(__always) package func index(after index: Int) -> Int { index + 1 }
    @inline(__always) package func index(before index: Int) -> Int { index - 1 }

    /// The element at `position`, read and written in place; checked in debug builds.
    package subscript(position: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(position >= 0 && position < buffer.count, "index out of range")
            return UnsafePointer(buffer.baseAddress.unsafelyUnwrapped + position)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            assert(position >= 0 && position < buffer.count, "index out of range")
            return buffer.baseAddress.unsafelyUnwrapped + position
        }
    }
}

extension Array {
    /// Lends the array's elements to `body` for reading and writing in place.
    @inline(__always)
    package mutating func withLentMutableBuffer<Result>(_ body: (LentMutableBuffer<Element>) throws -> Result) rethrows -> Result {
        try withUnsafeMutableBufferPointer { try body(LentMutableBuffer($0)) }
    }
}

/// Lends two arrays' elements to `body` for reading and writing in place: nested
/// ``Swift/Array/withLentMutableBuffer(_:)`` calls in one (a scoring loop writes several
/// per-document and per-role tables).
@inline(__always)
package func withLentMutableBuffers<A, B, Result>(
    _ a: inout [A], _ b: inout [B], _ body: (LentMutableBuffer<A>, LentMutableBuffer<B>) throws -> Result
) rethrows -> Result {
    try a.withLentMutableBuffer { a in try b.withLentMutableBuffer { b in try body(a, b) } }
}

/// Lends three arrays' elements to `body` for reading and writing in place (see the two-array form).
@inline(__always)
package func withLentMutableBuffers<A, B, C, Result>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C],
    _ body: (LentMutableBuffer<A>, LentMutableBuffer<B>, LentMutableBuffer<C>) throws -> Result
) rethrows -> Result {
    try a.withLentMutableBuffer { a in try b.withLentMutableBuffer { b in try c.withLentMutableBuffer { c in try body(a, b, c) } } }
}

/// Lends four arrays' elements to `body` for reading and writing in place (see the three-array form).
@inline(__always)
package func withLentMutableBuffers<A, B, C, D, Result>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C], _ d: inout [D],
    _ body: (LentMutableBuffer<A>, LentMutableBuffer<B>, LentMutableBuffer<C>, LentMutableBuffer<D>) throws -> Result
) rethrows -> Result {
    try a.withLentMutableBuffer { a in try b.withLentMutableBuffer { b in try c.withLentMutableBuffer { c in try d.withLentMutableBuffer { d in try body(a, b, c, d) } } } }
}
