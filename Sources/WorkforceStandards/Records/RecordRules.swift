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
        var out: [RecordDiagnostic] = []
        let id = record.displayID
        func add(_ severity: RecordDiagnostic.Severity, _ ref: String, _ name: String, _ column: String, _ value: String,
                 _ rule: String, _ message: String, _ expected: String) {
            out.append(RecordDiagnostic(severity, record: id, line: record.line, itemRef: ref, itemName: name, column: column,
                                        value: value, rule: rule, message: message, expected: expected))
        }
        if let postID = record.postID {
            if !postIDs.insert(Self.hash(postID)) {
                add(.error, "J103", "Post Identifier", "post_identifier", postID, "post.duplicate",
                    "another record already has this post identifier", "a post identifier used once in the file")
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
            return out
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
        if let ni = record.niNumber, let staff = record.staffID {
            let staffHash = UInt32(truncatingIfNeeded: Self.hash(staff))
            // The first staff id seen with an NI number is kept; a later, different one is queried.
            if let other = staffByNI.value(for: Self.hash(ni), orInsert: staffHash), other != staffHash {
                add(.query, "P102", "National Insurance Number", "national_insurance_number", ni, "person.ni-shared",
                    "another staff identifier has the same National Insurance number", "one National Insurance number per person")
            }
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
        return out
    }

    /// A 64-bit fingerprint: remembering ids as fingerprints keeps memory small on national runs.
    static func hash(_ text: String) -> UInt64 { FingerprintTable.fingerprint(text) }
}
