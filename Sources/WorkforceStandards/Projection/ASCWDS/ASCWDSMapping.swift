extension ASCWDSWorkerRow {
    /// Maps one in-scope record to a worker row, so that the row raises no error-level message in
    /// ASC-WDS's own validator (`worker_validation_messages.csv`).
    ///
    /// - Returns: the row, or nil when a mandatory column cannot be answered (then the
    ///   diagnostics hold at least one error); and every problem found. Optional columns whose
    ///   value ASC-WDS would reject are left empty with a query, so the worker still goes in.
    ///
    /// The checks that need the whole file (one record per worker and workplace, the National
    /// Insurance hours limit) are made by ``ASCWDSProjection``, which remembers earlier records.
    public static func build(from record: PostRecord, settings: ProjectionSettings) -> (row: ASCWDSWorkerRow?, diagnostics: [RecordDiagnostic]) {
        ASCWDSMapper(settings: settings).build(record)
    }
}

/// The rules that turn harmonised items into worker-file columns, with the maps looked up once.
///
/// Codes go through the map named by the `used-in` line of the item that answers each column
/// (`wds items --collection ascwds`); a code is written only when its target is valid in the
/// collection year, so a retired ASC-WDS code never reaches the file.
struct ASCWDSMapper {
    let codes: CollectionCodeLookup
    let referenceDate: SimpleDate
    var registry: Registry { codes.registry }
    var year: Int { codes.year }

    typealias Lookup = CollectionCodeLookup.Result

    /// The map that gives the level written after `1;` in SCQUAL and NONSCQUAL (named in the
    /// notes of Q106 and Q107).
    static let levelMap: ConceptMapID = "harmonised.qualification-level--ascwds.qualification-level"
    /// ``levelMap``, found once: it is asked about for most workers.
    private let levels: CompiledMap?
    /// The column whose map decides whether a contract type is sent at all.
    static let employmentStatusColumn = "EMPLSTATUS"

    /// Limits of the ASC-WDS validator (`worker_columns.csv`, `workerCSVValidator.js`).
    enum Limit {
        /// LOCALESTID, UNIQUEWORKERID and DISPLAYID must be shorter than this (JavaScript length).
        static let identifierLength = 50
        /// MAINJRDESC must be shorter than this.
        static let descriptionLength = 120
        static let salaryMinimum = 500
        static let salaryMaximum = 200_000
        /// The upper limit for MAINJOBROLE 1 (senior management).
        static let seniorSalaryMaximum = 250_000
        static let daysSickMaximum = 366.0
        /// Hours across the records that share a National Insurance number above which the
        /// backend raises error 5570. The research extract says 75; the validator source read
        /// for this project (and its unit tests) use 65, so the stricter figure is kept.
        static let hoursPerNINumber = 65.0
    }

    /// The MAINJOBROLE codes whose job-role code set row says they cannot carry out delegated
    /// healthcare activities, found once (not per worker).
    let rolesWithoutDelegatedHealthcare: StringTable<Bool>

    init(settings: ProjectionSettings) {
        codes = CollectionCodeLookup(registry: settings.registry, collection: .ascwds, year: settings.collectionYear)
        referenceDate = settings.referenceDate
        levels = codes.compiledMap(id: Self.levelMap)
        columns = Columns(codes)
        let jobRoles = codes.targetSet(of: "MAINJOBROLE")?.codes ?? []
        rolesWithoutDelegatedHealthcare = StringTable(jobRoles.filter { $0.attributes["can_do_delegated_healthcare_activities"] == "no" }.map { ($0.value, true) })
    }

    func lookup(_ value: String?, column: CollectionCodeLookup.Field) -> Lookup { codes.lookup(value, field: column) }
    func targetSet(of column: String) -> CodeSet? { codes.targetSet(of: column) }

    /// The coded columns, each with its map found once: a worker asks about some twenty of
    /// them, and finding a map by the column's name costs about as much as the look-up.
    struct Columns {
        let employmentStatus, mainJobRole, gender, ethnicity, disabled, nationality, britishCitizenship, countryOfBirth, healthAndCareVisa, employedFromOutsideUK, recruitmentSource, apprentice, careWorkforcePathway, delegatedHealthcareActivities, nmcRegistration, amhp, zeroHoursContract, salaryInterval, socialCareQualification, nonSocialCareQualification, careCertificate, level2CareCertificate, qualificationAchieved: CollectionCodeLookup.Field

        init(_ codes: CollectionCodeLookup) {
            employmentStatus = codes.field("EMPLSTATUS")
            mainJobRole = codes.field("MAINJOBROLE")
            gender = codes.field("GENDER")
            ethnicity = codes.field("ETHNICITY")
            disabled = codes.field("DISABLED")
            nationality = codes.field("NATIONALITY")
            britishCitizenship = codes.field("BRITISHCITIZENSHIP")
            countryOfBirth = codes.field("COUNTRYOFBIRTH")
            healthAndCareVisa = codes.field("HANDCVISA")
            employedFromOutsideUK = codes.field("INOUTUK")
            recruitmentSource = codes.field("RECSOURCE")
            apprentice = codes.field("APPRENTICE")
            careWorkforcePathway = codes.field("CWPCATEGORY")
            delegatedHealthcareActivities = codes.field("DHA")
            nmcRegistration = codes.field("NMCREG")
            amhp = codes.field("AMHP")
            zeroHoursContract = codes.field("ZEROHRCONT")
            salaryInterval = codes.field("SALARYINT")
            socialCareQualification = codes.field("SCQUAL")
            nonSocialCareQualification = codes.field("NONSCQUAL")
            careCertificate = codes.field("CARECERT")
            level2CareCertificate = codes.field("L2CARECERT")
            qualificationAchieved = codes.field("QUALACH01")
        }
    }
    let columns: Columns

    typealias Problems = RecordProblems

    /// Looks up an optional coded column; an unusable code leaves it empty with a query. An
    /// explicitly unmatched code is left empty quietly: the map documents why (CARECERT has no
    /// don't-know code, for example).
    func optionalCode(_ value: String?, column: CollectionCodeLookup.Field, ref: ItemReference, _ problems: inout Problems) -> String? {
        switch lookup(value, column: column) {
        case .absent, .unmatched: return nil
        case .code(let code): return code
        case .unknown(let why):
            problems.dropped(ref, value ?? "", column: column.name, why,
                             expected: "a code that \(codes.maps[column.name]?.rawValue ?? "the map") maps to a current ASC-WDS code")
            return nil
        }
    }

    // MARK: - the row

    func build(_ record: PostRecord) -> (row: ASCWDSWorkerRow?, diagnostics: [RecordDiagnostic]) {
        var problems = codes.problems(for: record)

        // Mandatory columns: any of them missing stops the record (the validator's errors 1010,
        // 1020, 1050, 1220, 1280).
        let workplace = record.workplaceID.map { $0.removingWhitespace() } ?? ""
        if workplace.isEmpty {
            problems.add(.error, "L101", "", rule: ASCWDSRule.localestidMissing, "ASC-WDS LOCALESTID is mandatory and the record has no workplace identifier",
                         expected: "the employer's workplace identifier (L101), as in the ASC-WDS workplace file")
        } else if Self.length(workplace) >= Limit.identifierLength {
            problems.add(.error, "L101", workplace, rule: ASCWDSRule.localestidTooLong, "ASC-WDS LOCALESTID must be shorter than \(Limit.identifierLength) characters",
                         expected: "at most \(Limit.identifierLength - 1) characters")
        }
        let staff = record.staffID ?? ""
        if staff.isEmpty {
            problems.add(.error, "P103", "", rule: ASCWDSRule.uniqueworkeridMissing, "ASC-WDS UNIQUEWORKERID and DISPLAYID are mandatory and the record has no staff identifier",
                         expected: "the employer's id for the person (P103)")
        } else if Self.length(staff) >= Limit.identifierLength {
            problems.add(.error, "P103", staff, rule: ASCWDSRule.uniqueworkeridTooLong, "ASC-WDS UNIQUEWORKERID and DISPLAYID must be shorter than \(Limit.identifierLength) characters",
                         expected: "at most \(Limit.identifierLength - 1) characters")
        }
        var employmentStatus: String?
        let contract = lookup(record.contractType, column: columns.employmentStatus)
        switch contract {
        case .code(let code): employmentStatus = code
        case .absent:
            problems.add(.error, "C101", "", rule: ASCWDSRule.emplstatusMissing, "ASC-WDS EMPLSTATUS is mandatory and the record has no contract type",
                         expected: "a contract type (PRM, FXT, TMP, BNK, SAG, SLA, SOT or OTH)")
        case .unmatched, .unknown:
            problems.add(.error, "C101", record.contractType ?? "", rule: ASCWDSRule.emplstatusUnmapped,
                         "ASC-WDS EMPLSTATUS is mandatory and the contract type has no ASC-WDS code" + (contract.reason.map { ": \($0)" } ?? ""),
                         expected: "a contract type that maps to EMPLSTATUS 1, 2, 3, 4 or 7 (wds translate CODE --from harmonised.contract-type --to ascwds.employment-status)")
        }
        var mainJobRole: String?
        let jobRole = lookup(record.role, column: columns.mainJobRole)
        switch jobRole {
        case .code(let code): mainJobRole = code
        case .absent:
            problems.add(.error, "J101", "", rule: ASCWDSRule.mainjobroleMissing, "ASC-WDS MAINJOBROLE is mandatory and the record has no job role",
                         expected: "a harmonised role code that maps to ascwds.job-role")
        case .unmatched, .unknown:
            problems.add(.error, "J101", record.role ?? "", rule: ASCWDSRule.mainjobroleUnmapped,
                         "ASC-WDS MAINJOBROLE is mandatory and the role has no ASC-WDS code accepted in \(year)" + (jobRole.reason.map { ": \($0)" } ?? ""),
                         expected: "a role that maps to a current ASC-WDS main job role (wds role CODE)")
        }
        guard let status = employmentStatus, let role = mainJobRole, problems.list.allSatisfy({ $0.severity != .error }) else {
            return (nil, problems.list)
        }

        var row = ASCWDSWorkerRow(localEstablishmentID: workplace, uniqueWorkerID: staff, displayID: staff,
                                  employmentStatus: status, mainJobRole: role)
        person(record, into: &row, &problems)
        post(record, into: &row, &problems)
        hours(record, into: &row, &problems)
        pay(record, into: &row, &problems)
        qualifications(record, into: &row, &problems)
        return (row, problems.list)
    }

    // MARK: person

    private func person(_ record: PostRecord, into row: inout ASCWDSWorkerRow, _ problems: inout Problems) {
        if let ni = record.niNumber {
            if Self.isNINumber(ni) { row.niNumber = ni } else {
                problems.dropped("P102", ni, column: "NINUMBER", "ASC-WDS would reject the format (error 1060)",
                                 expected: "two letters, six digits and an optional letter")
            }
        }
        if let postcode = record.homePostcode {
            if Self.isPostcode(postcode) { row.postcode = postcode } else {
                problems.dropped("P115", postcode, column: "POSTCODE", "ASC-WDS would reject the format (error 1070)",
                                 expected: "a UK postcode with one space, such as SW1A 1AA")
            }
        }
        row.dateOfBirth = record.dateOfBirth
        row.gender = optionalCode(record.sex, column: columns.gender, ref: "P108", &problems)
        row.ethnicity = optionalCode(record.ethnicity, column: columns.ethnicity, ref: "P109", &problems)
        row.disabled = optionalCode(record.disability, column: columns.disabled, ref: "P110", &problems)
        row.nationality = optionalCode(record.nationality, column: columns.nationality, ref: "P111", &problems)
        // Citizenship is asked only of people whose nationality is not British (else warning 3120).
        if row.nationality != "826" {
            row.britishCitizenship = optionalCode(record.britishCitizenship, column: columns.britishCitizenship, ref: "P112", &problems)
        }
        row.countryOfBirth = optionalCode(record.countryOfBirth, column: columns.countryOfBirth, ref: "P113", &problems)
        // Year of entry only for people born outside the UK (else ignored, warning 3380); it
        // cannot be in the future or before the year of birth (error 1380).
        if let entry = record.yearOfArrivalInUK, let country = row.countryOfBirth, country != "826" {
            if entry > referenceDate.year || entry < (record.dateOfBirth?.year ?? Int.min) || !(1000...9999).contains(entry) {
                problems.dropped("P114", String(entry), column: "YEAROFENTRY", "the year is after the reference date or before the year of birth (error 1380)",
                                 expected: "a year from the year of birth to \(referenceDate.year)")
            } else {
                row.yearOfEntry = entry
            }
        }
        // The visa question applies only to people who are not British and do not hold British
        // citizenship (warning 5570 otherwise); INOUTUK only to visa holders (warning 5580).
        let nationality = row.nationality, citizenship = row.britishCitizenship
        let visaAsked = (nationality != nil && nationality != "826" && nationality != "998" && citizenship != "1")
            || (nationality == "998" && citizenship == "2")
        if visaAsked {
            row.healthAndCareVisa = optionalCode(record.healthAndCareVisa, column: columns.healthAndCareVisa, ref: "P116", &problems)
        }
        if row.healthAndCareVisa == "1" {
            row.employedFromOutsideUK = optionalCode(record.recruitedFromOutsideUK, column: columns.employedFromOutsideUK, ref: "C110", &problems)
        }
        if let started = record.yearStartedInAdultSocialCare, (1000...9999).contains(started) { row.yearStartedInSector = started }
    }

    // MARK: post

    private func post(_ record: PostRecord, into row: inout ASCWDSWorkerRow, _ problems: inout Problems) {
        row.startDate = record.workplaceStart
        row.recruitmentSource = optionalCode(record.origin, column: columns.recruitmentSource, ref: "C106", &problems)
        row.apprentice = optionalCode(record.apprenticeship, column: columns.apprentice, ref: "C109", &problems)
        row.careWorkforcePathway = optionalCode(record.careWorkforcePathway, column: columns.careWorkforcePathway, ref: "J105", &problems)
        // DHA is ignored with a warning (5661) for job roles that cannot carry out delegated
        // healthcare activities; the job-role code set says which can.
        if rolesWithoutDelegatedHealthcare[row.mainJobRole] == nil {
            row.delegatedHealthcareActivities = optionalCode(record.delegatedHealthcareActivities, column: columns.delegatedHealthcareActivities, ref: "J104", &problems)
        }
        // Only "other" roles carry a description (error 1290 when missing, warning 3290 otherwise).
        if row.mainJobRole == "23" || row.mainJobRole == "27" {
            var description = record.jobTitle ?? ""
            if description.isEmpty {
                description = record.role.flatMap { registry.role(RoleCode($0))?.title } ?? ""
                problems.add(.query, "J102", "", rule: ASCWDSRule.mainjrdescFromRole,
                             "ASC-WDS MAINJRDESC is required for MAINJOBROLE \(row.mainJobRole) and the record has no job title: the role's title is written",
                             expected: "the post's job title")
            }
            // The spreadsheet guard may add a character, so the limit is checked on the text written.
            while Self.length(SafeCSV.neutralise(description)) >= Limit.descriptionLength { description.removeLast() }
            row.mainJobRoleDescription = description
        }
        // NMCREG only for registered nurses (16), AMHP only for social workers (6): warnings otherwise.
        if row.mainJobRole == "16" {
            row.nmcRegistration = optionalCode(record.nmcRegistration, column: columns.nmcRegistration, ref: "R105", &problems)
        }
        if row.mainJobRole == "6" {
            row.amhp = optionalCode(record.approvedMentalHealthProfessional, column: columns.amhp, ref: "R106", &problems)
        }
        // Registered manager (4) at a workplace that is not CQC-regulated is an error in the
        // backend's cross-check with the workplace file, which this projection does not see.
        if row.mainJobRole == "4" && record.cqcLocationID == nil {
            problems.add(.query, "L102", "", rule: ASCWDSRule.mainjobroleRegisteredManagerWithoutCqc,
                         "ASC-WDS rejects MAINJOBROLE 4 (registered manager) at a workplace that is not CQC-regulated, and the record has no CQC location",
                         expected: "a CQC location ID for the workplace, or a role other than registered manager")
        }
        row.daysSick = Self.daysSick(record.absences, to: referenceDate)
    }

    // MARK: hours

    private func hours(_ record: PostRecord, into row: inout ASCWDSWorkerRow, _ problems: inout Problems) {
        var zeroHours = optionalCode(record.zeroHoursContract, column: columns.zeroHoursContract, ref: "H106", &problems)
        let contracted = record.contractedWeeklyHours.map(ASCWDSWorkerRow.half)
        let average = (record.averageWeeklyHours ?? record.contractedWeeklyHours).map(ASCWDSWorkerRow.half)
        if row.employmentStatus == "1" || row.employmentStatus == "2" {
            if zeroHours == "1" {
                // Zero hours: contracted hours are ignored (warning 3300) and above 0 an error (1230).
                row.averageHours = average.map { .value($0) } ?? .notKnown
                if let contracted, contracted > 0 {
                    problems.add(.query, "H101", ASCWDSWorkerRow.amount(.value(contracted)), rule: ASCWDSRule.conthoursZeroHours,
                                 "the record has contracted hours and a zero-hours contract: ASC-WDS CONTHOURS is left empty",
                                 expected: "no contracted hours on a zero-hours contract (H106 Y), or H106 N")
                }
            } else if let contracted {
                // Contracted hours above 0 with ZEROHRCONT 999 is an error (1230); without
                // ZEROHRCONT only a warning (3230), so "don't know" gives way to the hours.
                if contracted > 0 && zeroHours == "999" { zeroHours = nil }
                row.contractedHours = .value(contracted)
            } else if zeroHours == "2" {
                row.contractedHours = .notKnown
            }
            // With no contracted hours and zero hours unknown, CONTHOURS stays empty: 999 would
            // count as hours above 0 next to ZEROHRCONT 999 (error 1230).
        } else {
            // Pool/bank, agency and other: average hours only (CONTHOURS is ignored, warning 3300).
            row.averageHours = average.map { .value($0) } ?? .notKnown
        }
        row.zeroHoursContract = zeroHours
    }

    // MARK: pay

    private func pay(_ record: PostRecord, into row: inout ASCWDSWorkerRow, _ problems: inout Problems) {
        // With no pay basis recorded, annual basic pay means an annual salary and an hourly
        // rate alone means hourly pay.
        let basis = record.payBasis ?? (record.annualBasicPayFTE != nil ? "A" : record.hourlyRate != nil ? "H" : nil)
        let interval: String?
        switch lookup(basis, column: columns.salaryInterval) {
        case .absent: interval = nil
        case .code(let code): interval = code
        case .unmatched(let why):
            interval = nil
            if basis == "D" {
                problems.dropped("S506", "D", column: "SALARYINT", why ?? "ASC-WDS takes annual or hourly pay only", expected: "pay basis A or H")
            }
        case .unknown(let why):
            interval = nil
            problems.dropped("S506", basis ?? "", column: "SALARYINT", why, expected: "pay basis A, H or NK")
        }
        switch interval {
        case "1":
            // SALARY is actual annual pay: full-time equivalent basic pay times the FTE.
            guard let basic = record.annualBasicPayFTE, let fte = Self.fte(of: record) else {
                problems.dropped("S504", record.annualBasicPayFTE.map(formatNumber) ?? "", column: "SALARY",
                                 "an annual salary needs S504 Annual Basic Pay (FTE) and the FTE (H104, or H101 and H102); SALARYINT is left empty too",
                                 expected: "annual basic pay and the full-time equivalent")
                return
            }
            let salary = Int((basic * fte).rounded())
            let maximum = row.mainJobRole == "1" ? Limit.seniorSalaryMaximum : Limit.salaryMaximum
            guard (Limit.salaryMinimum...maximum).contains(salary) else {
                problems.dropped("S504", String(salary), column: "SALARY",
                                 "actual annual pay \(salary) is outside ASC-WDS's range (error 1260); SALARYINT is left empty too",
                                 expected: "£\(Limit.salaryMinimum) to £\(maximum) a year")
                return
            }
            row.salaryInterval = "1"
            row.salary = salary
        case "3":
            guard let rate = record.hourlyRate, rate >= 0 else {
                problems.dropped("S507", "", column: "HOURLYRATE", "hourly pay needs S507 Hourly Rate; SALARYINT is left empty too",
                                 expected: "the basic hourly rate")
                return
            }
            row.salaryInterval = "3"
            row.hourlyRatePence = Int((rate * 100).rounded())
        case let other:
            row.salaryInterval = other
        }
    }

    // MARK: qualifications

    private func qualifications(_ record: PostRecord, into row: inout ASCWDSWorkerRow, _ problems: inout Problems) {
        row.socialCareQualification = held(record.highestSocialCareQualificationLevel, column: columns.socialCareQualification, ref: "Q106", levelRequired: true, &problems)
        row.nonSocialCareQualification = held(record.highestOtherQualificationLevel, column: columns.nonSocialCareQualification, ref: "Q107", levelRequired: false, &problems)
        row.careCertificate = optionalCode(record.careCertificate, column: columns.careCertificate, ref: "Q109", &problems)
        row.level2CareCertificate = optionalCode(record.level2AdultSocialCareCertificate, column: columns.level2CareCertificate, ref: "Q110", &problems)
        var achieved: [ASCWDSWorkerRow.AchievedQualification] = []
        for award in record.awards {
            guard let code = optionalCode(award.award, column: columns.qualificationAchieved, ref: "Q104", &problems) else { continue }
            guard achieved.count < ASCWDSWorkerRow.qualificationColumns else {
                problems.add(.query, "Q104", award.award, rule: ASCWDSRule.qualachMoreThanThree,
                             "the worker file has \(ASCWDSWorkerRow.qualificationColumns) qualification columns; later awards are not written",
                             expected: "at most \(ASCWDSWorkerRow.qualificationColumns) awards, or enter the rest in ASC-WDS")
                continue
            }
            // The year must lie within the last 100 years (error 5015); an empty year is a warning.
            var year = award.year
            if let given = year, !(referenceDate.year - 99...referenceDate.year).contains(given) {
                problems.dropped("Q105", String(given), column: "QUALACH0\(achieved.count + 1)",
                                 "the year achieved is outside the last 100 years (error 5015); the code is written without it",
                                 expected: "a year from \(referenceDate.year - 99) to \(referenceDate.year)")
                year = nil
            }
            achieved.append(.init(code: code, year: year))
        }
        row.qualifications = achieved
    }

    /// SCQUAL and NONSCQUAL: `1;LEVEL`, `2` or `999`.
    private func held(_ level: String?, column: CollectionCodeLookup.Field, ref: ItemReference, levelRequired: Bool, _ problems: inout Problems) -> ASCWDSWorkerRow.QualificationHeld? {
        guard let indicator = optionalCode(level, column: column, ref: ref, &problems), let level else { return nil }
        guard indicator == "1" else { return .init(indicator: indicator) }
        let written = levels.map { codes.lookup(level, in: $0) } ?? .unknown("the map \(Self.levelMap) is missing")
        if let written = written.code { return .init(indicator: "1", level: written) }
        if !levelRequired { return .init(indicator: "1") }
        // "1" without a level is an error (1360): leave the column empty instead.
        problems.dropped(ref, level, column: column.name, "no ASC-WDS level for \(level) (\(Self.levelMap))", expected: "a level E or L1 to L8")
        return nil
    }

    // MARK: - derived values

    /// H104, or H101 / H102 capped at 1.
    static func fte(of record: PostRecord) -> Double? {
        if let fte = record.fte { return fte }
        if let hours = record.contractedWeeklyHours, let fullTime = record.fullTimeWeeklyHours, fullTime > 0 {
            return min(1, hours / fullTime)
        }
        return nil
    }

    /// X104 Sickness Absence Days in Year for DAYSSICK: the working days lost to sickness
    /// (A101 SIC or PRG) in the 12 months to `end`, to the nearest half day, capped at 366.
    ///
    /// An absence that crosses the start of the period counts in proportion to its calendar
    /// days inside it; one still open counts up to `end`. Nil (DAYSSICK empty) when the record
    /// holds no absence at all, since that cannot tell "no sickness" from "absence not held";
    /// 999 (not known) when a sickness absence lacks its dates or days lost.
    static func daysSick(_ absences: [Absence], to end: SimpleDate) -> ASCWDSWorkerRow.Amount? {
        guard !absences.isEmpty else { return nil }
        let yearBefore = SimpleDate(year: end.year - 1, month: end.month, day: end.day) ?? SimpleDate(year: end.year - 1, month: 2, day: 28)!
        let start = yearBefore.adding(days: 1)
        var total = 0.0
        for absence in absences where absence.category == "SIC" || absence.category == "PRG" {
            guard let first = absence.firstDay, let lost = absence.workingDaysLost else { return .notKnown }
            let last = absence.lastDay ?? end
            let from = max(first, start), to = min(last, end)
            guard from <= to else { continue }
            let share = Double(from.days(to: to) + 1) / Double(max(1, first.days(to: last) + 1))
            total += lost * min(1, share)
        }
        return .value(min(Limit.daysSickMaximum, ASCWDSWorkerRow.half(total)))
    }

    /// The length ASC-WDS measures (JavaScript string length: UTF-16 code units).
    static func length(_ text: String) -> Int { text.utf16.count }

    /// The validator's NI pattern: two letters, six digits (spaces allowed) and an optional letter.
    static func isNINumber(_ text: String) -> Bool {
        // ASCII text (nearly every value) is read as bytes in place; other text by scalar.
        let ascii: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? matchesNINumber(bytes) { $0 == 0x20 || (0x09...0x0D).contains($0) } : nil
        }
        if let ascii = ascii ?? nil { return ascii }
        return matchesNINumber(text.unicodeScalars.map(\.value)) { Unicode.Scalar($0)?.properties.isWhitespace ?? false }
    }

    /// ^\s*[a-zA-Z]{2}(?:\s*\d\s*){6}[a-zA-Z]?\s*$ over code points (bytes of ASCII text, or
    /// scalar values), with `isSpace` saying what \s is.
    private static func matchesNINumber<Units: RandomAccessCollection>(_ units: Units, isSpace: (UInt32) -> Bool) -> Bool
        where Units.Element: FixedWidthInteger, Units.Index == Int {
        var index = units.startIndex
        func at(_ position: Int) -> UInt32 { UInt32(units[position]) }
        func letter(_ value: UInt32) -> Bool { (65...90).contains(value) || (97...122).contains(value) }
        func skipSpaces() { while index < units.endIndex, isSpace(at(index)) { index += 1 } }
        skipSpaces()
        for _ in 0..<2 {
            guard index < units.endIndex, letter(at(index)) else { return false }
            index += 1
        }
        for _ in 0..<6 {
            skipSpaces()
            guard index < units.endIndex, (48...57).contains(at(index)) else { return false }
            index += 1
        }
        skipSpaces()
        if index < units.endIndex, letter(at(index)) { index += 1 }
        skipSpaces()
        return index == units.endIndex
    }

    /// The validator's postcode pattern `^[A-Za-z]{1,2}[0-9]{1,2}[A-Za-z]?\s{1}[0-9][A-Za-z]{2}$`.
    static func isPostcode(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let outward = Array(parts[0].unicodeScalars), inward = Array(parts[1].unicodeScalars)
        func letter(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) || ("a"..."z").contains(s) }
        func digit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        guard inward.count == 3, digit(inward[0]), letter(inward[1]), letter(inward[2]) else { return false }
        var index = 0
        var letters = 0
        while index < outward.count, letter(outward[index]), letters < 2 { index += 1; letters += 1 }
        var digits = 0
        while index < outward.count, digit(outward[index]), digits < 2 { index += 1; digits += 1 }
        if index < outward.count, letter(outward[index]) { index += 1 }
        return letters >= 1 && digits >= 1 && index == outward.count
    }
}

extension RecordProblems {
    /// An optional ASC-WDS column left empty because its value could not be written.
    mutating func dropped(_ ref: ItemReference, _ value: String, column: String, _ reason: String, expected: String) {
        add(.query, ref, value, rule: ASCWDSRule.dropped(column: column), "ASC-WDS \(column) left empty: \(reason)", expected: expected)
    }
}
