/// One post and the person holding it, in harmonised items: the unit every projection reads.
///
/// Each property names the harmonised item it holds (see `wds item REF`). Codes are codes of
/// the item's harmonised domain (`harmonised.sex`, `harmonised.role` ...). A record whose
/// ``vacancy`` is set describes an unfilled post and carries no person.
public struct PostRecord: Codable, Sendable, Equatable {
    // The fields live in one shared, copy-on-write object: a record has about a hundred of
    // them, and copying the record (into a batch, through a projection's protocol call) would
    // otherwise retain every string and array it holds. Copies share the object until one of
    // them is changed.
    //
    // `nonisolated(unsafe)`: the object is a `ManagedBuffer`, which Swift never marks Sendable.
    // Records are still safe to send, because a shared object is never written: every change
    // goes through `uniqueFields()`, which first gives the record an object of its own.
    nonisolated(unsafe) private(set) var storage: PostRecordStorage

    /// The fields, unshared first when another record holds the same object.
    mutating func uniqueFields() -> UnsafeMutablePointer<PostRecordFields> {
        if !isKnownUniquelyReferenced(&storage) { storage = .holding(storage.fields.pointee) }
        return storage.fields
    }

    /// The 1-based line of the record in its input (0 when built in code).
    public var line: Int {
        get { storage.fields.pointee.line }
        set { uniqueFields().pointee.line = newValue }
    }

    // Every item's property (`sex`, `payItems` ...) is generated from the standard's items,
    // with the stored fields and each group's entry type: Generated/PostRecordFields.swift.

    /// An empty record: every item not recorded.
    public init() { storage = .holding(PostRecordFields()) }

    /// A record of fields a reader has filled in place; the storage must not be shared.
    init(storage: PostRecordStorage) { self.storage = storage }

    /// Calls `body` with each record of `records` at `indices`, lent without a retain.
    ///
    /// Passing `records[i]` to a function copies it, and a copy retains the shared fields.
    /// When the pipeline's projections, each on its own thread, take the same records, those
    /// retains make the fields' reference count bounce between cores: a cache miss per record
    /// per projection. `records` keeps every record alive for the whole call, so none needs
    /// a reference of its own. `body` must not keep the record beyond its call.
    static func forEachLent(in records: [PostRecord], at indices: [Int], _ body: (borrowing PostRecord) -> Void) {
        // A record is its storage reference and nothing else, so the reference is read as a
        // plain pointer: reading it as a reference would retain it.
        precondition(MemoryLayout<PostRecord>.size == MemoryLayout<UnsafeRawPointer>.size)
        records.withUnsafeBytes { lent in
            for index in indices {
                let reference = lent.load(fromByteOffset: index * MemoryLayout<PostRecord>.stride, as: UnsafeRawPointer.self)
                Unmanaged<PostRecordStorage>.fromOpaque(reference)._withUnsafeGuaranteedRef { storage in
                    body(PostRecord(storage: storage))
                }
            }
        }
    }

    /// Changes the fields in place (unshared first): for changes of many fields at once.
    mutating func withFields<Result>(_ body: (inout PostRecordFields) -> Result) -> Result {
        body(&uniqueFields().pointee)
    }

    // Coded as the fields themselves, so the JSON has the same keys as the properties.
    /// Decodes the value from its Codable form.
    public init(from decoder: Decoder) throws { storage = .holding(try PostRecordFields(from: decoder)) }
    /// Encodes the value in its Codable form.
    public func encode(to encoder: Encoder) throws { try storage.fields.pointee.encode(to: encoder) }

    /// Whether the two records hold the same values, their line included.
    public static func == (lhs: PostRecord, rhs: PostRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields.pointee == rhs.storage.fields.pointee
    }

    /// The record's id for diagnostics: the post identifier, else the line.
    ///
    /// An identifier that cannot be a J103 Post Identifier (over 50 characters, or holding
    /// control characters) is not used: every diagnostic of the record repeats its id,
    /// so a hostile megabyte-long id would multiply the size of the diagnostics file.
    public var displayID: String { Self.displayID(postID: postID, line: line) }

    /// ``displayID`` of a record with this post identifier and line.
    static func displayID(postID: String?, line: Int) -> String {
        guard let postID, isUsableAsID(postID) else { return "line \(line)" }
        return postID
    }

    /// The longest identifier shown as a record's id (J103's length limit).
    static let longestDisplayedID = 50

    private static func isUsableAsID(_ id: String) -> Bool {
        let bytes = id.utf8
        // UTF-8 never has more scalars than bytes, so the byte count bounds the length cheaply:
        // only an id of more than 50 bytes needs its scalars counted.
        if bytes.count > longestDisplayedID * 4 { return false }
        if bytes.count > longestDisplayedID, id.unicodeScalars.count > longestDisplayedID { return false }
        return !(bytes.withContiguousStorageIfAvailable { $0.contains { $0 < 0x20 || $0 == 0x7F } } ?? bytes.contains { $0 < 0x20 || $0 == 0x7F })
    }

    /// The contract's last day: the earlier of C103 Contract End Date and C105 Leaving Date.
    var lastDay: SimpleDate? {
        // Compared directly: this runs for every record, and an array of the two would be
        // allocated each time.
        switch (contractEnd, leavingDate) {
        case let (end?, leaving?): return min(end, leaving)
        case let (end, leaving): return end ?? leaving
        }
    }

    /// Whether the contract is a service agreement (agency, LA or other source), not employment.
    public var isServiceAgreement: Bool {
        // A switch, not an array literal's `contains`: this runs for every record.
        switch contractType {
        case "SAG"?, "SLA"?, "SOT"?: return true
        default: return false
        }
    }
    /// Whether the person is supplied by an agency.
    public var isAgencyWorker: Bool { contractType == "SAG" }
}

/// The shared home of a record's fields, which sit in the object itself (its header, in
/// `ManagedBuffer`'s terms): one allocation per record, and the fields a projection reads
/// first share a cache line with the object's reference count. They are reached through a
/// pointer rather than a stored property so that reading one costs no run-time exclusivity
/// check; the record unshares the object before every change, so no two threads ever write
/// the same fields.
final class PostRecordStorage: ManagedBuffer<PostRecordFields, UInt8> {
    /// A new object holding `fields`.
    static func holding(_ fields: PostRecordFields) -> PostRecordStorage {
        unsafeDowncast(create(minimumCapacity: 0) { _ in fields }, to: PostRecordStorage.self)
    }

    /// The fields, valid while the object lives.
    var fields: UnsafeMutablePointer<PostRecordFields> {
        withUnsafeMutablePointerToHeader { $0 }
    }
}
