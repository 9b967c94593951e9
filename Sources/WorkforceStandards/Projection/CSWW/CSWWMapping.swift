/// Decides whether a post record belongs in the Children's Social Work Workforce census and
/// maps it to a ``CSWWWorker``, translating every harmonised code through the map named in the
/// item's used-in for the run's collection year.
///
/// The collection year is the year ending on the reference date (1 October to 30 September
/// for the usual 30 September). Scope, in the order the reasons are given:
/// 1. a vacancy is in scope when its role maps to `csww.org-role`; it adds its V105 FTE to
///    `NumberOfVacancies` (vacancy records carry no dates: they are taken as vacant on the
///    reference date);
/// 2. the role must map to `csww.org-role` (registered children and family social workers);
/// 3. the contract type must have a CSWW counterpart (volunteers have none); agency and
///    self-employed workers are in, as AgencyWorker 1;
/// 4. the worker must be in post at some time in the collection year: started (C102, else
///    C104) on or before the reference date and not ended (C103) or left (C105) before the
///    year began;
/// 5. a worker without an R104 SWE number is out when the role's profile does not require
///    registration (a senior manager who is not a social worker); when it does, the record is
///    in scope and rejected (`csww.swe-number.missing`).
///
/// Errors (the record is rejected): what the schema requires and the record cannot supply
/// (SWE number, agency status, LA number, a qualifying institution for an employee, FTE in
/// 0...1). Queries (written anyway): items the London Met validator requires of employees
/// (`AgencyWorker` 0), origin and destination of starters and leavers, codes a map has no row for.
///
/// What is written follows the schema of the collection year (``CSWWSchema``): sex as
/// `GenderCurrent` to 2023 and `Sex` from 2024; the qualifying institution and CFKSS status to
/// 2024; base salary and payments from 2025. `SWENo` is returned as registered in every year
/// (SW12345 stays SW12345): DfE matches a worker across years by it, and every year's schema
/// as Social Finance later transcribed it takes two letters and one to ten digits (their first
/// transcription of 2022's wanted exactly ten, which would have meant padding the number).
public struct CSWWMapping: Sendable {
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings
    let codes: CollectionCodeLookup
    /// The schema of the run's collection year.
    public let schema: CSWWSchema
    /// The field sex is written in: `GenderCurrent` to 2023, `Sex` from 2024.
    let sexField: String
    let roleScope: RoleScope
    let vacancyRoleScope: RoleScope

    /// A mapping for the run of `settings`.
    public init(settings: ProjectionSettings) {
        self.settings = settings
        schema = CSWWSchema(year: settings.collectionYear)
        codes = CollectionCodeLookup(registry: settings.registry, collection: .csww, year: settings.collectionYear)
        sexField = codes.field(validInYearAmong: ["GenderCurrent", "Sex"])
        roleScope = RoleScope(registry: settings.registry, set: "csww.org-role", prefix: "role not in CSWW scope: ")
        vacancyRoleScope = RoleScope(registry: settings.registry, set: "csww.org-role", prefix: "vacancy not in CSWW scope: ")
    }

    var registry: Registry { settings.registry }
    /// The last day of the collection year (30 September).
    public var referenceDate: SimpleDate { settings.referenceDate }
    /// The first day of the collection year (1 October of the year before).
    public var yearStart: SimpleDate { referenceDate.startOfYearEndingHere }

    /// `SWENo`: the number as registered when it is two letters and one to ten digits (every
    /// year's schema), else nil. Never padded: DfE matches a worker across years by it.
    public static func schemaSWENumber(_ number: String) -> String? {
        let scalars = number.unicodeScalars
        guard scalars.count >= 3, scalars.count <= 12,
              scalars.prefix(2).allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }),
              scalars.dropFirst(2).allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return number
    }

    /// Whether `text` is a DfE LA number (three digits), as the schema's `LEA` pattern wants.
    static func isLANumber(_ text: String) -> Bool {
        text.unicodeScalars.count == 3 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// The FTE a vacancy adds to `NumberOfVacancies`, or the problems that stop it.
    public func vacancyFTE(_ record: PostRecord) -> (fte: Double?, problems: [RecordDiagnostic]) {
        var problems = RecordProblems(labels: codes.labels, record: record)
        guard let fte = record.vacancy?.fte else {
            problems.add(.error, CSWWRule.vacancyFteMissing, item: "V105", value: "",
                         message: "a vacant children's social work post needs its FTE for NumberOfVacancies", expected: "the post's FTE, 0 to 1")
            return (nil, problems.list)
        }
        guard fte.isFinite, (0...1).contains(fte) else {
            problems.add(.error, CSWWRule.vacancyFteRange, item: "V105", value: PostRecordBinding.text("V105", of: record), message: "is not an FTE from 0 to 1", expected: "the post's FTE, 0 to 1")
            return (nil, problems.list)
        }
        return (fte, problems.list)
    }

    /// Maps an in-scope worker record; `worker` is nil when an error stops it.
    public func map(_ record: PostRecord) -> (worker: CSWWWorker?, problems: [RecordDiagnostic]) {
        var problems = RecordProblems(labels: codes.labels, record: record)
        let ref = referenceDate, start = yearStart

        func missing(_ severity: RecordDiagnostic.Severity, _ rule: CSWWRule, _ item: ItemReference, _ message: String, _ expected: String) {
            problems.add(severity, rule, item: item, value: "", message: message, expected: expected)
        }
        /// A code whose map has no row is left out with a query; one the map leaves unmatched
        /// on purpose is left out with a query only when the London Met validator wants the
        /// element of employees.
        func code(_ value: String?, _ rule: CSWWRule?, unmapped: CSWWRule, _ item: ItemReference, field: String, wantedOfEmployees: Bool, isEmployee: Bool) -> String? {
            guard let value else {
                if wantedOfEmployees && isEmployee, let rule {
                    missing(.query, rule, item, "CSWW wants \(field) for every worker who is not an agency worker (London Met validator)",
                            codes.validCodes(field))
                }
                return nil
            }
            switch codes.translate(value, field: field) {
            case .code(let target): return target
            case .unmatched(let why?):
                if wantedOfEmployees && isEmployee {
                    problems.add(.query, unmapped, item: item, value: value, message: "left out of CSWW \(field): \(why)",
                                 expected: codes.validCodes(field))
                }
                return nil
            case .unknown(let why):
                problems.add(.query, unmapped, item: item, value: value, message: "left out of CSWW \(field): \(why)",
                             expected: codes.validCodes(field))
                return nil
            case .unmatched(nil), .absent: return nil   // translate always says why, and has a code
            }
        }

        // What the schema requires.
        var agency: String?
        if let type = record.contractType {
            switch codes.translate(type, field: "AgencyWorker") {
            case .code(let target): agency = target
            case .unmatched(let why?), .unknown(let why):
                problems.add(.error, CSWWRule.agencyWorkerUnmapped, item: "C101", value: type,
                             message: "\(type) has no CSWW AgencyWorker code: \(why)", expected: codes.validCodes("AgencyWorker"))
            case .unmatched(nil), .absent: break   // translate always says why, and has a code
            }
        } else {
            missing(.error, .agencyWorkerMissing, "C101", "CSWW requires AgencyWorker, taken from the contract type", "a harmonised contract type")
        }
        var sweNumber: String?
        if let number = record.socialWorkEnglandNumber {
            sweNumber = Self.schemaSWENumber(number)
            if sweNumber == nil {
                problems.add(.error, CSWWRule.sweNumberFormat, item: "R104", value: PostRecordBinding.text("R104", of: record), message: "cannot be written as the schema's SWENo",
                             expected: "two letters and up to ten digits (SW12345)")
            }
        } else {
            missing(.error, .sweNumberMissing, "R104", "CSWW requires SWENo: every worker in the return is a registered social worker",
                    "the Social Work England registration number (SW and digits)")
        }
        if let lea = record.laNumber {
            if !Self.isLANumber(lea) {
                problems.add(.error, CSWWRule.laNumberFormat, item: "O101", value: PostRecordBinding.text("O101", of: record), message: "is not a three-digit DfE LA number",
                             expected: "three digits (the schema's LEA)")
            }
        } else {
            missing(.error, .laNumberMissing, "O101", "CSWW is a local authority return and needs the authority's DfE number", "three digits")
        }
        if let fte = record.fte, !(fte.isFinite && (0...1).contains(fte)) {
            problems.add(.error, CSWWRule.fteRange, item: "H104", value: PostRecordBinding.text("H104", of: record), message: "is not an FTE from 0 to 1", expected: "a decimal from 0 to 1")
        }
        let isEmployee = agency != "1"
        var institutions = record.qualifyingInstitutions
        if institutions.isEmpty && schema < .y2025 {
            if isEmployee {
                missing(.error, .qualifyingInstitutionMissing, "Q108", "the schema of \(settings.collectionYear) requires at least one QualInst", "the institution of the social work qualification")
            } else {
                // The schema still wants one element; an empty one says the authority does not hold it.
                missing(.query, .qualifyingInstitutionMissing, "Q108", "written empty: the schema requires QualInst and the agency worker's is not held",
                        "the institution of the social work qualification")
                institutions = [""]
            }
        }
        let orgRole: String?
        switch record.role.map({ codes.translate($0, field: "OrgRole") }) {
        case .code(let target)?: orgRole = target
        default:
            orgRole = nil
            problems.add(.error, CSWWRule.orgRoleUnmapped, item: "J101", value: PostRecordBinding.text("J101", of: record), message: "the role has no CSWW OrgRole", expected: codes.validCodes("OrgRole"))
        }
        guard !problems.hasErrors, let agency, let sweNumber else { return (nil, problems.list) }

        var worker = CSWWWorker(agencyWorker: agency, sweNumber: sweNumber)
        worker.fte = record.fte
        worker.birthDate = record.dateOfBirth
        if record.dateOfBirth == nil && isEmployee {
            missing(.query, .birthDateMissing, "P107", "CSWW wants PersonBirthDate for every worker who is not an agency worker (London Met validator)", "the date of birth")
        }
        worker.sexElement = sexField
        worker.gender = code(record.sex, .genderMissing, unmapped: .genderUnmapped, "P108", field: sexField, wantedOfEmployees: true, isEmployee: isEmployee)
        worker.ethnicity = code(record.ethnicity, .ethnicityMissing, unmapped: .ethnicityUnmapped, "P109", field: "Ethnicity", wantedOfEmployees: true, isEmployee: isEmployee)
        worker.qualifyingInstitutions = institutions
        worker.qualificationLevel = code(record.highestSocialCareQualificationLevel, nil, unmapped: .qualificationLevelUnmapped, "Q106", field: "QualLevel",
                                         wantedOfEmployees: false, isEmployee: isEmployee)
        worker.stepUpGraduate = code(record.stepUpToSocialWork, .stepUpMissing, unmapped: .stepUpUnmapped, "Q111", field: "StepUpGrad", wantedOfEmployees: true, isEmployee: isEmployee)
        worker.orgRole = orgRole

        // A starter: started in the role in the collection year, unless the origin says the
        // new contract is not a start (a change of contract in the same role).
        if let started = record.workplaceStart, started >= start, started <= ref {
            var isStarter = true
            if let origin = record.origin, case .unmatched = codes.translate(origin, field: "StartOrigin") { isStarter = false }
            if isStarter {
                worker.roleStartDate = started
                worker.startOrigin = code(record.origin, .startOriginMissing, unmapped: .startOriginUnmapped, "C106", field: "StartOrigin", wantedOfEmployees: true, isEmployee: true)
            }
        }
        // A leaver: left in the collection year, unless the destination says it is not a leaving.
        if let left = record.leavingDate, left >= start, left <= ref {
            var isLeaver = true
            if let destination = record.destination, case .unmatched = codes.translate(destination, field: "LeaverDestination") { isLeaver = false }
            if isLeaver {
                worker.roleEndDate = left
                worker.leaverDestination = code(record.destination, .leaverDestinationMissing, unmapped: .leaverDestinationUnmapped, "C107", field: "LeaverDestination",
                                                wantedOfEmployees: true, isEmployee: true)
                worker.reasonLeave = code(record.reasonForLeaving, .reasonLeaveMissing, unmapped: .reasonLeaveUnmapped, "C108", field: "ReasonLeave", wantedOfEmployees: true, isEmployee: true)
            }
        } else if record.leavingDate == nil, let end = record.contractEnd, end >= start, end < ref {
            problems.add(.query, CSWWRule.leavingDateMissing, item: "C105", value: "",
                         message: "the contract ended on \(end), in the collection year, but the record has no leaving date, so the worker is not returned as a leaver",
                         expected: "C105 Leaving Date, with C107 Destination and C108 Reason for Leaving")
        }

        let inPost = isInPostOnReferenceDate(record)
        if inPost {
            worker.fte30 = record.fte
            if record.fte == nil && isEmployee {
                missing(.query, .fteMissing, "H104", "CSWW wants FTE30 for every worker in post on \(ref) who is not an agency worker (London Met validator)",
                        "the full-time equivalent, 0 to 1")
            }
        }
        worker.cases30 = record.casesHeld
        worker.workingDaysLost = sicknessDaysInYear(record, &problems)
        if let contractStart = record.contractStart {
            let last = [record.contractEnd, record.leavingDate, ref].compactMap { $0 }.min()!
            if last >= contractStart {
                worker.contractWeeks = [(Double(contractStart.days(to: last) + 1) / 7 * 10).rounded() / 10]
            }
        }
        worker.frontlineGraduate = code(record.frontlineProgramme, .frontlineMissing, unmapped: .frontlineUnmapped, "Q112", field: "FrontlineGrad", wantedOfEmployees: true, isEmployee: isEmployee)

        // Absence on the reference date: whether there is one, and its reasons.
        let covering = record.absences.filter { absence in
            guard let first = absence.firstDay else { return false }
            return first <= ref && (absence.lastDay ?? ref) >= ref
        }
        if inPost { worker.absentAt30Sept = [covering.isEmpty ? "0" : "1"] }
        for absence in covering {
            if let reason = code(absence.category, nil, unmapped: .reasonAbsenceUnmapped, "A101", field: "ReasonAbsence", wantedOfEmployees: false, isEmployee: isEmployee),
               !worker.reasonsForAbsence.contains(reason) {
                worker.reasonsForAbsence.append(reason)
            }
        }
        if schema < .y2025 {
            for status in record.cfkssStatus {
                if let code = code(status, nil, unmapped: .cfkssStatusUnmapped, "R107", field: "CFKSSstatus", wantedOfEmployees: false, isEmployee: isEmployee),
                   !worker.cfkssStatus.contains(code) {
                    worker.cfkssStatus.append(code)
                }
            }
        } else {
            pay(record, isEmployee: isEmployee, into: &worker, &problems)
        }
        return (worker, problems.list)
    }

    /// The pay recruitment and retention payments are (S508): the SWF codes for recruitment
    /// and retention and for recruitment incentives.
    static let recruitmentAndRetention: Set<String> = ["RAR", "RCA", "RCC", "RCP"]

    /// From 2025: `BaseSalary` for a permanently employed practitioner (S504, full-time
    /// equivalent, as its definition says why), and the additional payments of the collection
    /// year added up as `RRPayments` (recruitment and retention) and `OtherPayments`.
    func pay(_ record: PostRecord, isEmployee: Bool, into worker: inout CSWWWorker, _ problems: inout RecordProblems) {
        if isEmployee && record.contractType == "PRM" {
            worker.baseSalary = record.annualBasicPayFTE
            if record.annualBasicPayFTE == nil {
                problems.add(.query, CSWWRule.baseSalaryMissing, item: "S504", value: "",
                             message: "DfE asks BaseSalary of every permanently employed practitioner from 2025, and the record has no S504 Annual Basic Pay (FTE)",
                             expected: "the full-time equivalent annual basic pay, in pounds")
            }
        }
        var retention = 0.0, other = 0.0, anyRetention = false, anyOther = false
        for item in record.payItems {
            guard let amount = item.amount else { continue }
            if let start = item.startDate, start > referenceDate { continue }
            if let end = item.endDate, end < yearStart { continue }
            if Self.recruitmentAndRetention.contains(item.type) {
                retention += amount
                anyRetention = true
            } else {
                other += amount
                anyOther = true
            }
        }
        if anyRetention { worker.rrPayments = retention }
        if anyOther { worker.otherPayments = other }
    }

    /// X104 Sickness Absence Days in Year: A104 Working Days Lost over sickness absences (SIC,
    /// PRG) in the collection year; for an absence that crosses an end of the year, the share
    /// of its calendar days inside the year. Rounded to the nearest half day.
    func sicknessDaysInYear(_ record: PostRecord, _ problems: inout RecordProblems) -> Double {
        var total = 0.0
        for absence in record.absences where ["SIC", "PRG"].contains(absence.category) {
            guard let first = absence.firstDay else { continue }
            let last = absence.lastDay ?? max(first, referenceDate)
            let from = max(first, yearStart), to = min(last, referenceDate)
            guard from <= to, last >= first else { continue }
            guard let days = absence.workingDaysLost else {
                problems.add(.query, CSWWRule.workingDaysLostMissing, item: "A104", value: "",
                             message: "the sickness absence from \(first) has no working days lost, so it adds nothing to WorkingDaysLost",
                             expected: "the working days lost, to the nearest half day")
                continue
            }
            total += days * Double(from.days(to: to) + 1) / Double(first.days(to: last) + 1)
        }
        return (total * 2).rounded() / 2
    }
}
