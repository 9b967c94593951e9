// The fast version of a `[UInt8]` appended to: a growable byte run written in place.

/// A growable run of bytes that the output writers (``XMLWriter``, ``CSVLine``) write lines
/// into in place, a value like `Array` (copies share the bytes until one of them writes).
///
/// An `Array` does the same, but reaching its memory for writing goes through a closure
/// (`withUnsafeMutableBufferPointer`) that the compiler does not always inline into the
/// writers' own closures: at a few hundred thousand lines a second that call is a good part
/// of writing a line. Here a write is a check that the buffer is this value's own and has
/// room, then plain stores.
struct ByteBuffer {
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { base.deallocate() }
    }

    private var storage: Storage
    /// How many bytes have been written.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int) {
        storage = Storage(capacity: Swift.max(capacity, 16))
    }

    /// Writes `size` bytes at the end: `body` is given where to write them, and must write
    /// all `size`.
    @inline(__always)
    mutating func write(_ size: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        if count + size > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            reallocate(minimumCapacity: count + size)
        }
        body(storage.base + count)
        count += size
    }

    /// Moves the bytes to storage of this value's own, with room for `minimumCapacity`.
    @inline(never)
    private mutating func reallocate(minimumCapacity: Int) {
        let capacity = minimumCapacity > storage.capacity ? Swift.max(minimumCapacity, storage.capacity * 2) : storage.capacity
        let moved = Storage(capacity: capacity)
        moved.base.update(from: storage.base, count: count)
        storage = moved
    }

    /// Lets `body` write up to `maximum` bytes at the end, in one go: `body` is given where to
    /// write them and returns how many it wrote (at most `maximum`). For a writer of many
    /// lines whose total it can bound: one check for room, not one a line.
    @inline(__always)
    mutating func write(atMost maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            reallocate(minimumCapacity: count + maximum)
        }
        let written = body(storage.base + count)
        precondition(written >= 0 && written <= maximum, "wrote past the room asked for")
        count += written
    }

    /// Lets `body` change the bytes already written from offset `start` on (`count - start` of
    /// them), in this value's own storage.
    mutating func rewrite(from start: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        precondition(start >= 0 && start <= count)
        if !isKnownUniquelyReferenced(&storage) { reallocate(minimumCapacity: count) }
        body(storage.base + start)
    }

    /// Forgets every byte, keeping the room.
    mutating func removeAll() { count = 0 }

    /// Lends the bytes from offset `start` on to `body`.
    func withBytes<Result>(from start: Int = 0, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: storage.base + start, count: count - start))
    }

    /// The bytes, copied into an array.
    var array: [UInt8] { withBytes { Array($0) } }
}

/// A buffer is sent between threads as a value, like an `Array`: a write to one that shares
/// its storage copies it first (``ByteBuffer/write(_:_:)``), so no two threads write the same bytes.
extension ByteBuffer: @unchecked Sendable {}
