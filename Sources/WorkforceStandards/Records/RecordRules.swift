import Foundation

/// Rules that look at a whole record, or across records, rather than one value: dates in
/// order, ages a worker can have, hours that fit the FTE, duplicate ids. They run after
/// every value has been read (``PostRecordReader``), on the reference date of the run.
public struct RecordRules {
    /// The date ages and dates are checked against.
    public let referenceDate: SimpleDate
    /// The post identifiers seen, as ``identityKey(_:)`` gives them, compared exactly.
    private var postIDs = ExactKeyTable()
    /// The NI numbers seen, and for each (by its index) the first staff id seen with it.
    private var niNumbers = ExactKeyTable()
    private var staffOfNI: [UInt8] = []
    private var staffOfNIEnds: [UInt32] = []
    private var keyBuffer: [UInt8] = []

    /// Rules checked on `referenceDate`.
    public init(referenceDate: SimpleDate) {
        self.referenceDate = referenceDate
    }

    /// The youngest and oldest ages accepted for a worker (ASC-WDS warns outside 14..100).
    public static let ages = 14...100

    /// Checks `record`, remembering ids so later duplicates are caught.
    public mutating func check(_ record: PostRecord) -> [RecordDiagnostic] {
        var (prepared, diagnostics) = Self.prepare(record, referenceDate: referenceDate)
        finish(prepared, of: record, into: &diagnostics, at: 0)
        return diagnostics
    }

    /// What the rules that look across records need of one record: fingerprints, and where
    /// their diagnostics go among the record's own. Plain numbers, so that a batch of them
    /// is copied without touching any object.
    struct Prepared: Sendable {
        /// How many of the record's own rule diagnostics come before the NI check.
        fileprivate var beforeNI = 0
    }

    /// Whether `text` is all ASCII, its bytes read in place (the UTF-8 view's `allSatisfy`
    /// takes a call per byte; ids are checked on every record).
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// A post identifier as compared for duplicates: without invisible characters (zero-width
    /// spaces and joiners, byte-order marks, soft hyphens), with the spaces at its ends (no-break
    /// spaces too) trimmed, in Unicode compatibility form (NFKC) and lower case. `P1`, `p1`,
    /// `P1` followed by a no-break space and `P\u{200B}1` are one post. `changed` is true when
    /// more than the case differs from the text given.
    public static func identityKey(_ id: String) -> (key: String, changed: Bool) {
        // Nearly every id: ASCII, only the case to fold. Its bytes are read in place in one
        // pass (the view's own `allSatisfy` and `contains` take one call per byte each).
        let ascii: (isASCII: Bool, hasCapitals: Bool) = id.utf8.withContiguousStorageIfAvailable { bytes -> (isASCII: Bool, hasCapitals: Bool) in
            var capitals = false
            for byte in bytes {
                if byte >= 0x80 { return (false, false) }
                if byte &- 0x41 < 26 { capitals = true }
            }
            return (true, capitals)
        } ?? (id.utf8.allSatisfy { $0 < 0x80 }, id.utf8.contains { $0 >= 0x41 && $0 <= 0x5A })
        if ascii.isASCII { return (ascii.hasCapitals ? id.lowercased() : id, false) }
        var kept = String.UnicodeScalarView()
        for scalar in id.unicodeScalars where scalar.properties.generalCategory != .format { kept.append(scalar) }
        var text = String(kept).trimmingCharacters(in: .whitespacesAndNewlines)
        let changed = text != id || text.precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false
        text = text.precomposedStringWithCompatibilityMapping.lowercased()
        return (text, changed)
    }

    /// The rules of ``check(_:)`` that need no other record, in rule order, with what
    /// ``finish(_:of:into:at:)`` needs for the others. Works on any thread: the pipeline runs
    /// it where the record was read, while the record is still in the cache, so that the
    /// stage that takes records in input order reads none of them again.
    ///
    /// `reported` are the diagnostics reading the record gave: a value that failed its format
    /// is not reported again as missing, and checks derived from it do not run (one cause,
    /// one diagnostic).
    static func prepare(_ record: PostRecord, referenceDate: SimpleDate, reported: [RecordDiagnostic] = []) -> (Prepared, [RecordDiagnostic]) {
        var prepared = Prepared()
        /// Whether reading already reported the item's value (nearly always: nothing was reported).
        func wasReported(_ ref: String) -> Bool { !reported.isEmpty && reported.contains { $0.itemRef == ref } }
        let id = record.displayID
        var out: [RecordDiagnostic] = []
        func add(_ severity: RecordDiagnostic.Severity, _ ref: String, _ name: String, _ column: String, _ value: String,
                 _ rule: String, _ message: String, _ expected: String) {
            out.append(RecordDiagnostic(severity, record: id, line: record.line, itemRef: ref, itemName: name, column: column,
                                        value: value, rule: rule, message: message, expected: expected))
        }
        if let postID = record.postID {
            // ASCII ids (nearly all) only change case.
            if !Self.isASCII(postID) && Self.identityKey(postID).changed {
                add(.query, "J103", "Post Identifier", "post_identifier", postID, "post.invisible-characters",
                    "holds invisible characters, spaces other than plain ones or compatibility forms; it is compared without them (and without case) to find duplicates",
                    "a post identifier of plain letters, digits and punctuation")
            }
        } else {
            add(.error, "J103", "Post Identifier", "post_identifier", "", "post.missing", "the record has no post identifier",
                "a post identifier, unique in the file")
        }
        if let vacancy = record.vacancy {
            if record.staffID != nil || record.dateOfBirth != nil {
                add(.error, "V101", "Vacancy Role", "vacancy_role", vacancy.role, "vacancy.with-person",
                    "a vacancy record also names a person", "either a vacancy (vacancy_* columns) or a person in post, not both")
            }
            prepared.beforeNI = out.count
            return (prepared, out)
        }
        if record.staffID == nil {
            add(.error, "P103", "Staff Identifier", "staff_identifier", "", "person.missing-id", "the record has no staff identifier",
                "the employer's id for the person")
        }
        if record.role == nil && !wasReported("J101") {
            add(.error, "J101", "Job Role", "job_role", "", "role.missing", "the record has no job role",
                "a harmonised role code (wds roles; wds code-title \"TITLE\" suggests one)")
        }
        // A date of birth that is itself wrong is one diagnostic; the ages derived from it are not checked.
        var birthIsSound = record.dateOfBirth != nil
        if let birth = record.dateOfBirth {
            if birth > referenceDate {
                birthIsSound = false
                add(.error, "P107", "Date of Birth", "date_of_birth", birth.description, "birth.future",
                    "is after the reference date \(referenceDate)", "a date of birth before \(referenceDate)")
            } else {
                let age = birth.age(on: referenceDate)
                if !Self.ages.contains(age) {
                    birthIsSound = false
                    add(.error, "P107", "Date of Birth", "date_of_birth", birth.description, "birth.age",
                        "gives an age of \(age) on \(referenceDate)", "an age from \(Self.ages.lowerBound) to \(Self.ages.upperBound)")
                }
            }
        }
        if let start = record.contractStart {
            if let end = record.contractEnd, end < start {
                add(.error, "C103", "Contract End Date", "contract_end_date", end.description, "contract.end-before-start",
                    "is before the contract start date \(start)", "a date on or after \(start)")
            }
            if let leaving = record.leavingDate, leaving < start {
                add(.error, "C105", "Leaving Date", "leaving_date", leaving.description, "contract.leaving-before-start",
                    "is before the contract start date \(start)", "a date on or after \(start)")
            }
            if birthIsSound, let birth = record.dateOfBirth, birth.age(on: start) < Self.ages.lowerBound {
                add(.error, "C102", "Contract Start Date", "contract_start_date", start.description, "contract.start-too-young",
                    start < birth ? "is before the date of birth \(birth)" : "the person was \(birth.age(on: start)) on this date",
                    "a start date on or after the 14th birthday")
            }
        } else if !wasReported("C102") {
            add(.query, "C102", "Contract Start Date", "contract_start_date", "", "contract.start-missing",
                "the record has no contract start date, so the collections' date rules cannot place it", "the date the contract began")
        }
        if let hours = record.contractedWeeklyHours, let fullTime = record.fullTimeWeeklyHours, fullTime > 0 {
            if hours > fullTime * 1.5 {
                add(.error, "H101", "Contracted Weekly Hours", "contracted_weekly_hours", formatNumber(hours), "hours.over-full-time",
                    "is more than 1.5 times the full-time hours (\(formatNumber(fullTime)))", "at most \(formatNumber(fullTime * 1.5)) hours")
            } else if let fte = record.fte, abs(hours / fullTime - fte) > 0.02 {
                add(.query, "H104", "Full-Time Equivalent", "full_time_equivalent", formatNumber(fte), "fte.inconsistent",
                    "does not equal contracted hours / full-time hours (\(formatNumber(hours)) / \(formatNumber(fullTime)))",
                    "an FTE of about \(formatNumber((hours / fullTime * 100).rounded() / 100))")
            }
        }
        prepared.beforeNI = out.count
        if !record.isServiceAgreement, record.contractType != "VOL", record.annualBasicPayFTE == nil, record.hourlyRate == nil {
            add(.query, "S504", "Annual Basic Pay (FTE)", "annual_basic_pay_fte", "", "pay.missing",
                "an employee has neither annual basic pay nor an hourly rate", "the full-time equivalent annual basic pay, or an hourly rate")
        }
        for absence in record.absences {
            if let first = absence.firstDay, let last = absence.lastDay, last < first {
                add(.error, "A103", "Last Day of Absence", "last_day_of_absence", last.description, "absence.end-before-start",
                    "is before the first day of absence \(first)", "a date on or after \(first)")
            }
        }
        return (prepared, out)
    }

    /// Adds the diagnostics of the rules that look across records (duplicate post ids, an NI
    /// number shared by two staff ids) for `record`, prepared with ``prepare(_:referenceDate:)``,
    /// to `diagnostics`, whose record-rule diagnostics start at `start`: each where ``check(_:)``
    /// puts it. Called in input order. Reads the record only to word a diagnostic.
    mutating func finish(_ prepared: Prepared, of record: PostRecord, into diagnostics: inout [RecordDiagnostic], at start: Int) {
        func diagnostic(_ severity: RecordDiagnostic.Severity, _ ref: String, _ name: String, _ column: String, _ value: String,
                        _ rule: String, _ message: String, _ expected: String) -> RecordDiagnostic {
            RecordDiagnostic(severity, record: record.displayID, line: record.line, itemRef: ref, itemName: name, column: column,
                             value: value, rule: rule, message: message, expected: expected)
        }
        var niAt = start + prepared.beforeNI
        if let postID = record.postID {
            let inserted: Bool
            if Self.isASCII(postID) {
                // Folded into a buffer kept from record to record: this stage takes the records
                // one by one, so it makes no string per record.
                keyBuffer.removeAll(keepingCapacity: true)
                LentBytes.withUTF8(of: postID) { bytes in
                    for byte in bytes { keyBuffer.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
                }
                inserted = keyBuffer.withLentBuffer { postIDs.index(of: $0).inserted }
            } else {
                let key = Self.identityKey(postID).key
                inserted = LentBytes.withUTF8(of: key) { postIDs.index(of: $0).inserted }
            }
            if !inserted {
                diagnostics.insert(diagnostic(.error, "J103", "Post Identifier", "post_identifier", postID, "post.duplicate",
                                              "another record already has this post identifier (compared without case, end spaces or invisible characters)",
                                              "a post identifier used once in the file"), at: start)
                niAt += 1
            }
        }
        // The first staff id seen with an NI number is kept; a later, different one is queried.
        // Vacancies carry no person.
        if record.vacancy == nil, let ni = record.niNumber, let staff = record.staffID {
            let (index, inserted) = LentBytes.withUTF8(of: ni) { niNumbers.index(of: $0) }
            if inserted {
                LentBytes.withUTF8(of: staff) { staffOfNI.append(contentsOf: $0) }
                staffOfNIEnds.append(UInt32(truncatingIfNeeded: staffOfNI.count))
            } else {
                let first = staffOfNI[(index == 0 ? 0 : Int(staffOfNIEnds[index - 1]))..<Int(staffOfNIEnds[index])]
                let same = LentBytes.withUTF8(of: staff) { first.elementsEqual($0) }
                if !same {
                    diagnostics.insert(diagnostic(.query, "P102", "National Insurance Number", "national_insurance_number", record.niNumber ?? "",
                                                  "person.ni-shared", "another staff identifier has the same National Insurance number",
                                                  "one National Insurance number per person"), at: niAt)
                }
            }
        }
    }

    /// A 64-bit fingerprint, for tables where a collision costs nothing worse than a shared slot.
    static func hash(_ text: String) -> UInt64 { FingerprintTable.fingerprint(text) }
}
