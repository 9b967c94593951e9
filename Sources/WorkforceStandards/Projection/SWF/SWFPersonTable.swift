/// Who holds each post in a run's SWF messages: posts in the same message are one person
/// (one `SchoolWorkforceMember`) when they share a staff identifier, a teacher number or an
/// NI number, so that no teacher number or NI number appears twice in a message (DfE errors
/// 6500, 6510).
///
/// Memory per person is a few numbers: its number in its message, the line of its first post,
/// and a fingerprint of each person item, so that a later post whose details disagree can be
/// named with the item that differs.
struct SWFPersonTable {
    /// Identifier fingerprint (message, kind, id) -> person number.
    private var identities = FingerprintTable()
    private var localNumbers: [UInt32] = []
    private var firstLines: [Int32] = []
    private var details: [UInt32] = []

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
    mutating func person(for record: PostRecord, message: Int, nextLocal: UInt32, problems: inout DfEProblems) -> Person? {
        let keys = Self.identityKeys(of: record, message: message)
        var found: (index: UInt32, kind: Character)?
        for (kind, key) in keys {
            guard let index = identities.value(for: key) else { continue }
            if let earlier = found, earlier.index != index {
                let first = Int(firstLines[Int(earlier.index)]), second = Int(firstLines[Int(index)])
                problems.add(.error, "swf.person.identity-conflict", item: Self.item(of: kind), value: PostRecordBinding.text(Self.item(of: kind), of: record),
                             message: "the \(Self.name(of: earlier.kind)) is that of the member from line \(first) and the \(Self.name(of: kind)) that of the member from line \(second): SWF cannot return the post under either",
                             expected: "one staff identifier, teacher number and NI number per person, the same on every post")
                return nil
            }
            // The first identifier that names the person is kept: the staff identifier when it does.
            if found == nil { found = (index, kind) }
        }
        let fingerprints = Self.detailFingerprints(of: record)
        guard let (index, kind) = found else {
            let index = UInt32(localNumbers.count)
            localNumbers.append(nextLocal)
            firstLines.append(Int32(clamping: record.line))
            details.append(contentsOf: fingerprints)
            for (_, key) in keys { _ = identities.insert(key, value: index) }
            return Person(index: index, local: nextLocal, isNew: true)
        }
        let first = Int(firstLines[Int(index)])
        if kind != "S", let staff = record.staffID, !staff.isEmpty {
            problems.add(.query, "swf.person.joined", item: Self.item(of: kind), value: PostRecordBinding.text(Self.item(of: kind), of: record),
                         message: "returned as one member with the post on line \(first), which has the same \(Self.name(of: kind)) but another staff identifier",
                         expected: "the same P103 Staff Identifier on every post of one person")
        }
        // Identifiers the person's earlier posts did not have now name them too.
        for (_, key) in keys where identities.value(for: key) == nil { _ = identities.insert(key, value: index) }
        let stored = Int(index) * Self.detailItems.count
        for (offset, ref) in Self.detailItems.enumerated() where details[stored + offset] != fingerprints[offset] {
            problems.add(.query, "swf.person.details-differ", item: ref, value: PostRecordBinding.text(ref, of: record),
                         message: "this post's holder was returned from the post on line \(first), whose \(ref) differs; SWF has one member per person, written with that post's details",
                         expected: "the same \(ref) on every post of one person")
        }
        return Person(index: index, local: localNumbers[Int(index)], isNew: false)
    }

    /// The record's identifiers as keys of message `message`, staff identifier first.
    private static func identityKeys(of record: PostRecord, message: Int) -> [(Character, UInt64)] {
        var keys: [(Character, UInt64)] = []
        let prefix = String(message) + "\u{1F}"
        if let staff = record.staffID?.trimmingWhitespace, !staff.isEmpty {
            keys.append(("S", FingerprintTable.fingerprint(prefix + "S" + staff)))
        }
        if let trn = record.teacherReferenceNumber?.trimmingWhitespace, !trn.isEmpty {
            keys.append(("T", FingerprintTable.fingerprint(prefix + "T" + trn)))
        }
        if let ni = record.niNumber, !ni.isEmpty {
            keys.append(("N", FingerprintTable.fingerprint(prefix + "N" + ni.uppercased().filter { !$0.isWhitespace })))
        }
        return keys
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

    /// One fingerprint per item of ``detailItems``, in that order.
    static func detailFingerprints(of record: PostRecord) -> [UInt32] {
        func text(_ value: String?) -> UInt32 { value.map { UInt32(truncatingIfNeeded: FingerprintTable.fingerprint($0)) } ?? 0 }
        func list(_ values: [String]) -> UInt32 { values.isEmpty ? 0 : text(values.joined(separator: "\u{1F}")) }
        func date(_ value: SimpleDate?) -> UInt32 { value.map { UInt32(truncatingIfNeeded: $0.dayNumber &+ 1) } ?? 0 }
        func flag(_ value: Bool?) -> UInt32 { value.map { $0 ? 2 : 1 } ?? 0 }
        return [text(record.teacherReferenceNumber), text(record.niNumber), text(record.familyName), list(record.givenNames),
                list(record.formerFamilyNames), date(record.dateOfBirth), text(record.sex), text(record.ethnicity), text(record.disability),
                flag(record.qualifiedTeacherStatus), text(record.qtsRoute), flag(record.hltaStatus), flag(record.qtlsStatus),
                flag(record.earlyYearsTeacherStatus)]
    }
}

extension String {
    /// The text without leading and trailing white space.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
