// The fast version of a `[message: [(kind, category, person, tokens)]]` store for the School
// Workforce Census: each record's rendered pieces (``CompactXML`` tokens) appended to its
// message's bucket of a ``BucketSpool`` with a small header, read back per message, and
// expanded or compared in place. The plain version, which the differential test
// (SWFPieceSpoolTests) compares it with, keeps the same pieces in arrays.

/// The rendered pieces of SWF's members, held per message until the end of the run.
///
/// A piece on disk is a 10-byte header (kind, staff category, the person's number in the
/// message as four bytes, the token count as four bytes) and its tokens.
final class SWFPieceSpool {
    private let spool: BucketSpool
    /// The header of the piece being spooled, reused.
    private var header = [UInt8](repeating: 0, count: SWFSpooledPiece.headerSize)
    /// A record's pieces with their person filled in, reused.
    private var scratch = ByteBuffer(capacity: 4 << 10)

    init() throws {
        spool = try BucketSpool()
    }

    /// A new bucket (a message's), numbered from 0.
    func makeBucket() -> Int { spool.makeBucket() }

    /// Appends one record's pieces to `bucket`: `tokens` holds them one after another, and
    /// `pieces` gives each one's kind and where it ends in `tokens`.
    func append(_ tokens: [UInt8], pieces: [(kind: SWFProjection.PieceKind, end: Int)], category: SWFStaffCategory,
                person: UInt32, to bucket: Int) {
        tokens.withUnsafeBufferPointer { tokens in
            var start = 0
            for (kind, end) in pieces {
                header[0] = kind.rawValue
                header[1] = UInt8(category.rawValue)
                SWFSpooledPiece.store(person, at: 2, in: &header)
                SWFSpooledPiece.store(UInt32(end - start), at: 6, in: &header)
                spool.append(header, to: bucket)
                spool.append(UnsafeBufferPointer(rebasing: tokens[start..<end]), to: bucket)
                start = end
            }
        }
    }

    /// Appends one record's pieces, recorded by ``Recorder`` in the spool's own layout, to
    /// `bucket` as pieces of person `person`: one copy, the person filled in as it goes.
    func append(_ recorded: SWFRecordedPieces, person: UInt32, to bucket: Int) {
        let headerSize = SWFSpooledPiece.headerSize
        recorded.bytes?.withBytes { source in
            guard let base = source.baseAddress, !source.isEmpty else { return }
            scratch.removeAll()
            scratch.write(source.count) { out in
                out.update(from: base, count: source.count)
                var offset = 0
                while offset + headerSize <= source.count {
                    for shift in 0..<4 { out[offset + 2 + shift] = UInt8(truncatingIfNeeded: person >> (8 * shift)) }
                    let length = (0..<4).reduce(0) { $0 | Int(out[offset + 6 + $1]) << (8 * $1) }
                    offset += headerSize + length
                }
            }
            scratch.withBytes { spool.append($0, to: bucket) }
        }
    }

    /// Records a record's pieces on any thread, in the layout the spool keeps them in (a
    /// header, then the ``CompactXML`` tokens, per piece), so that spooling them is one copy.
    struct Recorder {
        /// Where a piece begun with ``begin(_:)`` is rendered.
        var writer: XMLWriter
        private let category: UInt8

        init(category: SWFStaffCategory) {
            self.category = UInt8(category.rawValue)
            // A member's tokens are a few hundred bytes (a fifth of its text): room for most,
            // small enough for the allocator's per-thread cache (the bytes are let go on
            // another thread, after they are spooled).
            writer = XMLWriter.compactRecorder(capacity: 640)
        }

        /// Records one piece of `kind`, rendered by `render`.
        mutating func piece(_ kind: SWFProjection.PieceKind, _ render: (inout XMLWriter) -> Void) {
            let start = begin(kind)
            render(&writer)
            end(start)
        }

        /// Records one piece of `kind`, rendered into ``writer`` between this and ``end(_:)``
        /// (given what this returns): for a renderer called in place, with no closure to capture
        /// (and copy) what it renders.
        mutating func begin(_ kind: SWFProjection.PieceKind) -> Int {
            let start = writer.count, headerSize = SWFSpooledPiece.headerSize, category = category
            writer.write(headerSize) { header in
                header[0] = kind.rawValue
                header[1] = category
                // The person (bytes 2 to 5) is filled in when the record is spooled.
                (header + 2).initialize(repeating: 0, count: headerSize - 2)
            }
            return start
        }

        /// Ends the piece begun at `start`.
        mutating func end(_ start: Int) {
            let length = UInt32(writer.count - start - SWFSpooledPiece.headerSize)
            writer.buffer.rewrite(from: start) { header in
                for shift in 0..<4 { header[6 + shift] = UInt8(truncatingIfNeeded: length >> (8 * shift)) }
            }
        }

        /// The pieces recorded.
        var recorded: SWFRecordedPieces { SWFRecordedPieces(bytes: writer.buffer) }
    }

    /// Ends writing: buckets are read from here on.
    func finishWriting() { spool.finishWriting() }

    /// The pieces of `bucket`, in the order they were appended.
    ///
    /// - Throws: ``ProjectionError/spool(_:)`` when the spool cannot be read or a piece is cut short.
    func pieces(of bucket: Int) throws -> SWFSpooledPieces {
        try SWFSpooledPieces(bytes: spool.contents(of: bucket))
    }
}

/// A record's pieces as ``SWFPieceSpool/Recorder`` recorded them, waiting to be spooled.
struct SWFRecordedPieces: Sendable {
    /// Nil when there are none (no allocation for a record that is not a member).
    fileprivate let bytes: ByteBuffer?
    init() { bytes = nil }
    fileprivate init(bytes: ByteBuffer) { self.bytes = bytes }
}

/// A rendered piece read back from the spool: its header and where its tokens lie.
struct SWFSpooledPiece: Equatable {
    static let headerSize = 10
    let kind: SWFProjection.PieceKind
    let category: SWFStaffCategory
    /// The person's number in the message.
    let person: UInt32
    /// Where the piece's tokens lie in its bucket's bytes.
    let xml: Range<Int>
    var end: Int { xml.upperBound }

    /// The piece at `offset` of `buffer`, or nil when it is cut short or its header is not one.
    init?(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) {
        guard offset + Self.headerSize <= buffer.count, let kind = SWFProjection.PieceKind(rawValue: buffer[offset]),
              let category = SWFStaffCategory(rawValue: Int(buffer[offset + 1])) else { return nil }
        let length = Int(Self.load(at: offset + 6, in: buffer))
        guard offset + Self.headerSize + length <= buffer.count else { return nil }
        self.kind = kind
        self.category = category
        person = Self.load(at: offset + 2, in: buffer)
        xml = (offset + Self.headerSize)..<(offset + Self.headerSize + length)
    }

    init(kind: SWFProjection.PieceKind, category: SWFStaffCategory, person: UInt32, xml: Range<Int>) {
        self.kind = kind
        self.category = category
        self.person = person
        self.xml = xml
    }

    static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * shift)) }
    }

    static func load(at offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(buffer[offset + $1]) << (8 * $1) }
    }
}

/// One bucket's pieces, read back: what each is, and its tokens expanded or compared in place.
struct SWFSpooledPieces {
    /// The bucket's bytes: headers and tokens.
    let bytes: [UInt8]
    /// The pieces, in the order they were appended.
    let pieces: [SWFSpooledPiece]

    /// The pieces of a bucket's `bytes`.
    ///
    /// - Throws: ``ProjectionError/spool(_:)`` when a piece is cut short.
    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        pieces = try bytes.withUnsafeBufferPointer { buffer in
            var pieces: [SWFSpooledPiece] = []
            var offset = 0
            while offset < buffer.count {
                guard let piece = SWFSpooledPiece(in: buffer, at: offset) else { throw ProjectionError.spool("a spooled piece is cut short") }
                pieces.append(piece)
                offset = piece.end
            }
            return pieces
        }
    }

    /// Expands `piece`'s tokens as XML text indented `depth` levels into `out`; false when
    /// they are not well formed.
    func expand(_ piece: SWFSpooledPiece, depth: Int, into out: inout ByteBuffer) -> Bool {
        bytes.withUnsafeBufferPointer { CompactXML.expand(UnsafeBufferPointer(rebasing: $0[piece.xml]), depth: depth, into: &out) }
    }

    /// Whether two pieces hold the same tokens.
    func sameTokens(_ first: SWFSpooledPiece, _ second: SWFSpooledPiece) -> Bool {
        first.xml.count == second.xml.count && bytes.withUnsafeBufferPointer { buffer in
            UnsafeBufferPointer(rebasing: buffer[first.xml]).elementsEqual(UnsafeBufferPointer(rebasing: buffer[second.xml]))
        }
    }
}

extension ByteBuffer {
    /// Appends `bytes` (a fixed tag).
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { text in write(text.count) { $0.update(from: text.baseAddress!, count: text.count) } }
    }
}

extension ParallelWork {
    /// Calls `body(shared, index)` once for each of `0..<count` on up to `threads` threads
    /// (``forEach(count:threads:_:)``) and returns the results in index order.
    ///
    /// `shared` is read by every thread at once: the caller promises that nothing changes it
    /// (or anything it holds) while this runs, except through its own locks. That promise is
    /// what lets a non-`Sendable` object (a projection finishing its messages) be shared.
    static func map<Shared: AnyObject, Result>(count: Int, threads: Int, sharing shared: Shared,
                                              _ body: @escaping (Shared, Int) -> Result) -> [Result] {
        let slots = ParallelSlots<Result>(count: count)
        let job = SharedJob(shared: shared, body: body, slots: slots)
        forEach(count: count, threads: threads, job.run)
        return (0..<count).map { slots.take($0)! }
    }

    /// What the threads of ``map(count:threads:sharing:_:)`` share.
    private final class SharedJob<Shared: AnyObject, Result>: @unchecked Sendable {
        let shared: Shared
        let body: (Shared, Int) -> Result
        let slots: ParallelSlots<Result>

        init(shared: Shared, body: @escaping (Shared, Int) -> Result, slots: ParallelSlots<Result>) {
            self.shared = shared
            self.body = body
            self.slots = slots
        }

        func run(_ index: Int) { slots.set(index, body(shared, index)) }
    }
}
