/// Who holds each post in a run's SWF messages: posts in the same message are one person
/// (one `SchoolWorkforceMember`) when they share a staff identifier, a teacher number or an
/// NI number, so that no teacher number or NI number appears twice in a message (DfE errors
/// 6500, 6510).
///
/// Memory per person is a few numbers: its number in its message, the line of its first post,
/// a 64-bit fingerprint of its person items and one byte of each item's fingerprint: the first
/// tells whether a later post's details disagree, the bytes name the item that differs.
struct SWFPersonTable {
    /// Identifier fingerprint (message, kind, id) -> person number.
    private var identities = FingerprintTable()
    private var localNumbers: [UInt32] = []
    private var firstLines: [Int32] = []
    private var detailsFingerprints: [UInt64] = []
    private var itemBytes: [UInt8] = []

    /// The person items a member's `StaffDetails` is written from, compared between the
    /// posts of one person.
    static let detailItems: [ItemReference] = ["P101", "P102", "P104", "P105", "P106", "P107", "P108", "P109", "P110",
                                               "R101", "R102", "R103", "R108", "R109"]

    /// A post's holder.
    struct Person {
        /// The person's number in the run.
        let index: UInt32
        /// The person's number in their message (the order members are written in).
        let local: UInt32
        /// Whether this post is the person's first.
        let isNew: Bool
    }

    /// The person who holds `record`'s post in message `message`; a new person numbered
    /// `nextLocal` in the message when no identifier is known there yet. Nil, with an error,
    /// when the identifiers name two different people; a query when the person details differ
    /// from the person's first post, or the person was found by teacher or NI number while
    /// their first post had another staff identifier.
    mutating func person(for record: PostRecord, message: Int, nextLocal: UInt32, problems: inout RecordProblems) -> Person? {
        let keys = IdentityKeys(of: record, message: message)
        var found: (index: UInt32, kind: Character)?
        for (kind, key) in keys {
            guard let index = identities.value(for: key) else { continue }
            if let earlier = found, earlier.index != index {
                let first = Int(firstLines[Int(earlier.index)]), second = Int(firstLines[Int(index)])
                problems.add(.error, SWFRule.personIdentityConflict, item: Self.item(of: kind), value: PostRecordBinding.text(Self.item(of: kind), of: record),
                             message: "the \(Self.name(of: earlier.kind)) is that of the member from line \(first) and the \(Self.name(of: kind)) that of the member from line \(second): SWF cannot return the post under either",
                             expected: "one staff identifier, teacher number and NI number per person, the same on every post")
                return nil
            }
            // The first identifier that names the person is kept: the staff identifier when it does.
            if found == nil { found = (index, kind) }
        }
        // The items' bytes are kept at the end of `itemBytes` while they are compared: a new
        // person keeps them, a known one drops them (one pass over the items either way).
        var combined = UInt64(0xcbf29ce484222325)
        let mine = itemBytes.count
        Self.forEachDetailFingerprint(of: record) { _, fingerprint in
            combined = (combined ^ fingerprint) &* 0x100000001b3
            itemBytes.append(Self.itemByte(fingerprint))
        }
        guard let (index, kind) = found else {
            let index = UInt32(localNumbers.count)
            localNumbers.append(nextLocal)
            firstLines.append(Int32(clamping: record.line))
            detailsFingerprints.append(combined)
            for (_, key) in keys { _ = identities.insert(key, value: index) }
            return Person(index: index, local: nextLocal, isNew: true)
        }
        defer { itemBytes.removeSubrange(mine...) }
        let first = Int(firstLines[Int(index)])
        if kind != "S", let staff = record.staffID, !staff.isEmpty {
            problems.add(.query, SWFRule.personJoined, item: Self.item(of: kind), value: PostRecordBinding.text(Self.item(of: kind), of: record),
                         message: "returned as one member with the post on line \(first), which has the same \(Self.name(of: kind)) but another staff identifier",
                         expected: "the same P103 Staff Identifier on every post of one person")
        }
        // Identifiers the person's earlier posts did not have now name them too.
        for (_, key) in keys where identities.value(for: key) == nil { _ = identities.insert(key, value: index) }
        guard detailsFingerprints[Int(index)] != combined else { return Person(index: index, local: localNumbers[Int(index)], isNew: false) }
        let stored = Int(index) * Self.detailItems.count
        var differing: [ItemReference] = []
        for offset in Self.detailItems.indices where itemBytes[stored + offset] != itemBytes[mine + offset] {
            differing.append(Self.detailItems[offset])
        }
        var named = false
        for ref in differing {
            named = true
            problems.add(.query, SWFRule.personDetailsDiffer, item: ref, value: PostRecordBinding.text(ref, of: record),
                         message: "this post's holder was returned from the post on line \(first), whose \(ref) differs; SWF has one member per person, written with that post's details",
                         expected: "the same \(ref) on every post of one person")
        }
        if !named {
            // One byte per item: in about one case in 256 a differing item keeps its byte.
            problems.add(.query, SWFRule.personDetailsDiffer, item: "P103", value: PostRecordBinding.text("P103", of: record),
                         message: "this post's holder was returned from the post on line \(first), whose person details differ; SWF has one member per person, written with that post's details",
                         expected: "the same person details on every post of one person")
        }
        return Person(index: index, local: localNumbers[Int(index)], isNew: false)
    }

    /// The record's identifiers as keys of message `message`, staff identifier first: at most
    /// three, held without an allocation (every post record is looked up).
    private struct IdentityKeys: Sequence, IteratorProtocol {
        private var keys: (UInt64, UInt64, UInt64) = (0, 0, 0)
        private var kinds: (Character, Character, Character) = ("S", "T", "N")
        private var count = 0
        private var position = 0

        /// The values are as the reader stored them (trimmed; an NI number checked against its
        /// pattern, so in capitals).
        init(of record: PostRecord, message: Int) {
            // The id's fingerprint moved by the message and the kind: the same id in another
            // message, or as another kind of id, is another key.
            func key(_ id: String, kind: UInt64) -> UInt64 {
                let mixed = FingerprintTable.fingerprint(id) &+ (UInt64(message) &* 4 &+ kind) &* 0x9E3779B97F4A7C15
                return mixed == 0 ? 1 : mixed
            }
            if let staff = record.staffID, !staff.isEmpty { append("S", key(staff, kind: 1)) }
            if let trn = record.teacherReferenceNumber, !trn.isEmpty { append("T", key(trn, kind: 2)) }
            if let ni = record.niNumber, !ni.isEmpty { append("N", key(ni, kind: 3)) }
        }

        private mutating func append(_ kind: Character, _ key: UInt64) {
            switch count {
            case 0: kinds.0 = kind; keys.0 = key
            case 1: kinds.1 = kind; keys.1 = key
            default: kinds.2 = kind; keys.2 = key
            }
            count += 1
        }

        mutating func next() -> (Character, UInt64)? {
            guard position < count else { return nil }
            defer { position += 1 }
            switch position {
            case 0: return (kinds.0, keys.0)
            case 1: return (kinds.1, keys.1)
            default: return (kinds.2, keys.2)
            }
        }
    }

    private static func item(of kind: Character) -> ItemReference {
        switch kind {
        case "S": return "P103"
        case "T": return "P101"
        default: return "P102"
        }
    }

    private static func name(of kind: Character) -> String {
        switch kind {
        case "S": return "staff identifier"
        case "T": return "teacher number"
        default: return "NI number"
        }
    }

    /// The byte of an item's fingerprint kept per person, to name the item that differs.
    private static func itemByte(_ fingerprint: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: fingerprint ^ (fingerprint >> 32)) }

    /// Calls `body` with the offset in ``detailItems`` and the fingerprint of each item, in
    /// that order (no array: it runs for every post).
    static func forEachDetailFingerprint(of record: PostRecord, _ body: (Int, UInt64) -> Void) {
        func text(_ value: String?) -> UInt64 { value.map { FingerprintTable.fingerprint($0) } ?? 0 }
        func list(_ values: [String]) -> UInt64 { values.reduce(UInt64(values.count)) { ($0 &* 0x100000001b3) ^ FingerprintTable.fingerprint($1) } }
        func date(_ value: SimpleDate?) -> UInt64 { value.map { UInt64(truncatingIfNeeded: $0.dayNumber &+ 1) &* 0x9E3779B97F4A7C15 } ?? 0 }
        func flag(_ value: Bool?) -> UInt64 { value.map { $0 ? 0x5555_5555_5555_5555 : 0x3333_3333_3333_3333 } ?? 0 }
        body(0, text(record.teacherReferenceNumber))
        body(1, text(record.niNumber))
        body(2, text(record.familyName))
        body(3, list(record.givenNames))
        body(4, list(record.formerFamilyNames))
        body(5, date(record.dateOfBirth))
        body(6, text(record.sex))
        body(7, text(record.ethnicity))
        body(8, text(record.disability))
        body(9, flag(record.qualifiedTeacherStatus))
        body(10, text(record.qtsRoute))
        body(11, flag(record.hltaStatus))
        body(12, flag(record.qtlsStatus))
        body(13, flag(record.earlyYearsTeacherStatus))
    }
}
