/// Rules that look at a whole record, or across records, rather than one value: dates in
/// order, ages a worker can have, hours that fit the FTE, duplicate ids. They run after
/// every value has been read (``PostRecordReader``), on the reference date of the run.
public struct RecordRules {
    public let referenceDate: SimpleDate
    private var postIDs = FingerprintTable(hasValues: false)
    /// NI number fingerprint -> the low 32 bits of the staff id's fingerprint.
    private var staffByNI = FingerprintTable()

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
        /// The post identifier's fingerprint; 0 when the record has none.
        fileprivate var postIDHash: UInt64 = 0
        /// The NI number's fingerprint, when the record has an NI number and a staff id (else 0),
        /// and the low bits of the staff id's.
        fileprivate var niHash: UInt64 = 0
        fileprivate var staffHash: UInt32 = 0
        /// How many of the record's own rule diagnostics come before the NI check.
        fileprivate var beforeNI = 0
    }

    /// The rules of ``check(_:)`` that need no other record, in rule order, with what
    /// ``finish(_:of:into:at:)`` needs for the others. Works on any thread: the pipeline runs
    /// it where the record was read, while the record is still in the cache, so that the
    /// stage that takes records in input order reads none of them again.
    static func prepare(_ record: PostRecord, referenceDate: SimpleDate) -> (Prepared, [RecordDiagnostic]) {
        var prepared = Prepared()
        let id = record.displayID
        var out: [RecordDiagnostic] = []
        func add(_ severity: RecordDiagnostic.Severity, _ ref: String, _ name: String, _ column: String, _ value: String,
                 _ rule: String, _ message: String, _ expected: String) {
            out.append(RecordDiagnostic(severity, record: id, line: record.line, itemRef: ref, itemName: name, column: column,
                                        value: value, rule: rule, message: message, expected: expected))
        }
        if let postID = record.postID {
            prepared.postIDHash = Self.hash(postID)
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
        if record.role == nil {
            add(.error, "J101", "Job Role", "job_role", "", "role.missing", "the record has no job role",
                "a harmonised role code (wds roles; wds code-title \"TITLE\" suggests one)")
        }
        if let birth = record.dateOfBirth {
            if birth > referenceDate {
                add(.error, "P107", "Date of Birth", "date_of_birth", birth.description, "birth.future",
                    "is after the reference date \(referenceDate)", "a date of birth before \(referenceDate)")
            } else {
                let age = birth.age(on: referenceDate)
                if !Self.ages.contains(age) {
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
            if let birth = record.dateOfBirth, birth.age(on: start) < Self.ages.lowerBound {
                add(.error, "C102", "Contract Start Date", "contract_start_date", start.description, "contract.start-too-young",
                    "the person was \(birth.age(on: start)) on this date", "a start date on or after the 14th birthday")
            }
        } else {
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
        if let ni = record.niNumber, let staff = record.staffID {
            prepared.niHash = Self.hash(ni)
            prepared.staffHash = UInt32(truncatingIfNeeded: Self.hash(staff))
        }
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
        if prepared.postIDHash != 0, !postIDs.insert(prepared.postIDHash) {
            diagnostics.insert(diagnostic(.error, "J103", "Post Identifier", "post_identifier", record.postID ?? "", "post.duplicate",
                                          "another record already has this post identifier", "a post identifier used once in the file"), at: start)
            niAt += 1
        }
        // The first staff id seen with an NI number is kept; a later, different one is queried.
        if prepared.niHash != 0, let other = staffByNI.value(for: prepared.niHash, orInsert: prepared.staffHash), other != prepared.staffHash {
            diagnostics.insert(diagnostic(.query, "P102", "National Insurance Number", "national_insurance_number", record.niNumber ?? "",
                                          "person.ni-shared", "another staff identifier has the same National Insurance number",
                                          "one National Insurance number per person"), at: niAt)
        }
    }

    /// A 64-bit fingerprint: remembering ids as fingerprints keeps memory small on national runs.
    static func hash(_ text: String) -> UInt64 { FingerprintTable.fingerprint(text) }
}
