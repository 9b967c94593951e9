/// One post and the person holding it, in harmonised items: the unit every projection reads.
///
/// Each property names the harmonised item it holds (see `wds item REF`). Codes are codes of
/// the item's harmonised domain (`harmonised.sex`, `harmonised.role` ...). A record whose
/// ``vacancy`` is set describes an unfilled post and carries no person.
public struct PostRecord: Codable, Sendable, Equatable {
    // The fields live in one object that copies of the record share: a record has about a
    // hundred of them, and copying the record (into a batch, through a projection's protocol
    // call) would otherwise retain every string and array it holds. The object is never
    // changed once made: changing a field gives the record a new object with the changed
    // fields (``withFields(_:)``). So it is Sendable as it is, and reading a field is a plain
    // load, with no check for exclusive access.
    private(set) var box: PostRecordBox

    /// The 1-based line of the record in its input (0 when built in code).
    public var line: Int {
        get { box.fields.line }
        set { withFields { $0.line = newValue } }
    }

    // Every item's property (`sex`, `payItems` ...) is generated from the standard's items,
    // with the stored fields and each group's entry type: Generated/PostRecordFields.swift.

    /// An empty record: every item not recorded.
    public init() { box = PostRecordBox(PostRecordFields()) }

    /// A record of `fields` (which a reader filled in place), handed over without a copy.
    init(fields: consuming PostRecordFields) { box = PostRecordBox(fields) }

    /// A record sharing `box` with the records that hold it.
    init(box: PostRecordBox) { self.box = box }

    /// Changes the fields: a new object with the fields as `body` leaves them.
    mutating func withFields<Result>(_ body: (inout PostRecordFields) throws -> Result) rethrows -> Result {
        var fields = box.fields
        // The old object is let go first: when no other record shares it, the strings and
        // arrays of `fields` are then held once, and `body` changes them in place.
        box = PostRecordBox.empty
        defer { box = PostRecordBox(fields) }
        return try body(&fields)
    }

    // Coded as the fields themselves, so the JSON has the same keys as the properties.
    /// Decodes the value from its Codable form.
    public init(from decoder: Decoder) throws { box = PostRecordBox(try PostRecordFields(from: decoder)) }
    /// Encodes the value in its Codable form.
    public func encode(to encoder: Encoder) throws { try box.fields.encode(to: encoder) }

    /// Whether the two records hold the same values, their line included.
    public static func == (lhs: PostRecord, rhs: PostRecord) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
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

/// The fields of a record, in the one object its copies share (a class, so that copying a
/// record copies one reference). Never changed once made, so that sharing it between records,
/// and between threads, is safe by construction.
final class PostRecordBox: Sendable {
    let fields: PostRecordFields

    init(_ fields: consuming PostRecordFields) { self.fields = fields }

    /// A placeholder a record holds while its fields are being changed.
    static let empty = PostRecordBox(PostRecordFields())
}
