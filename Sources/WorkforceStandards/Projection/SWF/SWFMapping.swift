/// Decides what a post record is in the School Workforce Census and maps it to SWF terms,
/// translating every harmonised code through the map named in the item's used-in for the
/// run's collection year (so a code not valid in that year is never written).
///
/// The census window (research notes section 1): SWF collects the contracts open on census
/// day and those that started or ended between 1 September of the previous year and census
/// day (leavers, with their destination); a temporary contract or service agreement counts
/// only when it has lasted, or will have lasted, 28 days (shorter ones are counted per school:
/// teachers as occasionals, support staff under SCHLA); absences of the previous academic
/// year (1 September to 31 August); additional payments of the 12 months to census day.
///
/// Scope, in the order the reasons are given:
/// 1. a vacancy is returned by its school when its role maps to a post valid for vacancies;
/// 2. the role must map to `swf.role-identifier`;
/// 3. the contract type must have an SWF counterpart (volunteers have none);
/// 4. the post must be in a school or with the authority (O101 Local Authority Number held),
///    and a school's staff are returned by the authority unless the organisation data says the
///    school sends its own return (O106); staff employed centrally (no O102) are returned only
///    in roles that serve schools (teachers, education staff, teaching assistants);
/// 5. the contract must have started by census day and not ended before the census window;
/// 6. support staff on a third-party service agreement are counted per school, not returned
///    as individuals;
/// 7. the 28-day rule.
public struct SWFMapping: Sendable {
    /// The run's settings: the census year, census day and organisation data.
    public let settings: ProjectionSettings
    let codes: CollectionCodeLookup
    let roleScope: RoleScope
    /// The field that carries sex in the run's year: `GenderCurrent` to 2022, `Sex` from 2023.
    let sexField: String
    /// The reasons, worded once (see ``InPostRule``).
    let startsAfterCensusDay: String
    let endedBeforeWindow: String
    /// The fields ``use(of:)`` and ``map(_:)`` translate, each with its map, found once:
    /// finding a map by its field's name costs as much as translating through it.
    let fields: Fields
    struct Fields {
        let sex, contractType, post, roleIdentifier, paymentType, absenceCategory, qualificationCode, qualificationSubject,
            classOfDegree, ethnicity, disability, qtsRoute, destination, origin, payRange, vacancyPost, tenure,
            supportCategory: CollectionCodeLookup.Field
    }
    /// Posts marked in `swf.post` as valid for `VacancyPost`.
    let vacancyPosts: Set<String>
    /// The roles of ``centralGroups``.
    let centralRoles: Set<String>

    /// A mapping for the census of `settings`, with its code maps and scope found once.
    public init(settings: ProjectionSettings) {
        self.settings = settings
        codes = CollectionCodeLookup(registry: settings.registry, collection: .swf, year: settings.collectionYear)
        sexField = codes.field(validInYearAmong: ["GenderCurrent", "Sex"])
        roleScope = RoleScope(registry: settings.registry, set: "swf.role-identifier", prefix: "role not in SWF scope: ")
        startsAfterCensusDay = "contract not started by census day \(settings.referenceDate)"
        let window = Self.contractWindowStart(censusDay: settings.referenceDate)
        endedBeforeWindow = "contract ended before \(window), the start of the census window (1 September of the previous year)"
        let codes = codes
        fields = Fields(sex: codes.field(sexField), contractType: codes.field("ContractType"), post: codes.field("Post"),
                        roleIdentifier: codes.field("RoleIdentifier"), paymentType: codes.field("PaymentType"),
                        absenceCategory: codes.field("AbsenceCategory"), qualificationCode: codes.field("QualificationCode"),
                        qualificationSubject: codes.field("QualificationSubject"), classOfDegree: codes.field("ClassOfDegree"),
                        ethnicity: codes.field("Ethnicity"), disability: codes.field("Disability"), qtsRoute: codes.field("QTSRoute"),
                        destination: codes.field("DestinationCode"), origin: codes.field("Origin"), payRange: codes.field("PayRange"),
                        vacancyPost: codes.field("VacancyPost"), tenure: codes.field("Tenure"),
                        supportCategory: codes.field("AgencyTPsupportCategory"))
        centralRoles = Set(settings.registry.roles.filter { Self.centralGroups.contains($0.subGroup.value) }.map(\.code))
        vacancyPosts = Set(settings.registry.codeSet("swf.post")?.codes.filter { $0.attributes["allowed_as_vacancy_post"] == "Y" }.map(\.value) ?? [])
    }

    var registry: Registry { settings.registry }
    var censusDay: SimpleDate { settings.referenceDate }

    // MARK: Mapping

    /// One record's part of a member: the person's details, the contract, and the absences and
    /// qualifications it carries (a person's are merged over their records).
    public struct MemberPart: Sendable, Equatable {
        /// The person's details as this record gives them.
        public var staffDetails: SWFStaffDetails
        /// The record's contract or service agreement.
        public var contract: SWFContract
        /// The absences the record carries in the census window.
        public var absences: [SWFAbsence]
        /// The qualifications the record carries.
        public var qualifications: [SWFQualification]

        /// The part as a member of its own.
        public var member: SWFStaffMember {
            SWFStaffMember(staffDetails: staffDetails, contracts: [contract], absences: absences, qualifications: qualifications)
        }
    }

    /// Maps a record in scope as a member; `part` is nil when an error stops it.
    public func map(_ record: PostRecord) -> (part: MemberPart?, problems: [RecordDiagnostic]) {
        var problems = RecordProblems(labels: codes.labels, record: record)

        func missing(_ rule: SWFRule, _ ref: ItemReference, _ element: String, because: String = "") {
            let name = registry.item(ref)?.name ?? ref.rawValue
            problems.add(.error, rule, item: ref, value: "",
                         message: "SWF requires \(element)\(because) and the record has no \(ref) \(name)", expected: "a value for \(ref) \(name)")
        }
        func required<T>(_ value: T?, _ rule: SWFRule, _ ref: ItemReference, _ element: String) -> T? {
            if value == nil { missing(rule, ref, element) }
            return value
        }
        /// A code for a required element: missing or untranslatable stops the record.
        func requiredCode(_ code: String?, _ rule: SWFRule, unmapped: SWFRule, _ ref: ItemReference, field: CollectionCodeLookup.Field) -> String? {
            guard let code else { missing(rule, ref, field.name); return nil }
            switch codes.translate(code, field: field) {
            case .code(let target): return target
            case .unmatched(let why?), .unknown(let why):
                problems.add(.error, unmapped, item: ref, value: code,
                             message: "\(code) has no SWF \(field.name) code: \(why)", expected: codes.validCodes(field.name))
                return nil
            case .unmatched(nil), .absent: return nil   // translate always says why, and has a code
            }
        }
        /// A code for an optional element: left out when the map leaves it unmatched on purpose,
        /// left out with a query when the map has no row for it.
        func optionalCode(_ code: String?, _ rule: SWFRule, _ ref: ItemReference, field: CollectionCodeLookup.Field) -> String? {
            guard let code else { return nil }
            switch codes.translate(code, field: field) {
            case .code(let target): return target
            case .unmatched, .absent: return nil
            case .unknown(let why):
                problems.add(.query, rule, item: ref, value: code,
                             message: "left out of SWF \(field.name): \(why)", expected: codes.validCodes(field.name))
                return nil
            }
        }

        // Staff details.
        let familyName = required(record.familyName, .familyNameMissing, "P104", "PersonFamilyName")
        if record.givenNames.isEmpty { missing(.givenNameMissing, "P105", "PersonGivenName") }
        let niNumber = required(record.niNumber, .niNumberMissing, "P102", "NINumber")
        let sex = requiredCode(record.sex, .sexMissing, unmapped: .sexUnmapped, "P108", field: fields.sex)
        let birthDate = required(record.dateOfBirth, .birthDateMissing, "P107", "PersonBirthDate")

        // Contract.
        let contractType = requiredCode(record.contractType, .contractTypeMissing, unmapped: .contractTypeUnmapped, "C101", field: fields.contractType)
        let start = required(record.contractStart, .contractStartMissing, "C102", "ContractStart")
        let post = requiredCode(record.role, .postMissing, unmapped: .postUnmapped, "J101", field: fields.post)
        let roleIdentifier = requiredCode(record.role, .roleIdentifierMissing, unmapped: .roleIdentifierUnmapped, "J101", field: fields.roleIdentifier)
        let category = post.map { SWFStaffCategory(post: $0, contractType: contractType ?? "PRM") }
        let end = record.lastDay
        let isLeaver = end.map { $0 < censusDay } ?? false
        if (category == .teacher || category == .agencyTeacher) && record.qualifiedTeacherStatus == nil {
            missing(.qtsMissing, "R101", "QTS", because: " for a teacher (rule 4228)")
        }
        if isLeaver && (category == .teacher || category == .agencyTeacher) && record.destination == nil {
            missing(.destinationMissing, "C107", "DestinationCode", because: " for a teacher whose contract ended before census day (rule 4385)")
        }
        let dailyRate = record.payBasis == "D"
        var payments: [SWFPayment] = []
        let paymentWindow = Self.paymentWindow(censusDay: censusDay)
        // CBDS 400139: a contract paid at a daily rate carries no payment items.
        for item in dailyRate ? [] : record.payItems {
            if let start = item.startDate, start > paymentWindow.upperBound { continue }
            if let end = item.endDate, end < paymentWindow.lowerBound { continue }
            let type: String
            switch codes.translate(item.type, field: fields.paymentType) {
            case .code(let code): type = code
            case .unmatched, .absent: continue
            case .unknown(let why):
                problems.add(.error, SWFRule.paymentTypeUnmapped, item: "S508", value: item.type,
                             message: "\(item.type) has no SWF PaymentType code: \(why)", expected: codes.validCodes("PaymentType"))
                continue
            }
            guard let amount = item.amount else {
                problems.add(.error, SWFRule.paymentAmountMissing, item: "S509", value: "",
                             message: "SWF requires PaymentAmount for the \(item.type) payment", expected: "the annual FTE amount in pounds, above zero")
                continue
            }
            if type == "TL3" {
                // Rule 4833: a TLR3 payment is for a fixed term, and its dates are returned.
                guard item.startDate != nil, item.endDate != nil else {
                    let ref: ItemReference = item.startDate == nil ? "S513" : "S514"
                    problems.add(.error, SWFRule.tlr3DatesMissing, item: ref, value: "",
                                 message: "SWF requires PayStartDate and PayEndDate for a TLR3 payment (rule 4833), and this \(item.type) payment has no \(ref) \(registry.item(ref)?.name ?? "")",
                                 expected: "the first and last day of the TLR3 payment")
                    continue
                }
                payments.append(SWFPayment(type: type, amount: amount, startDate: item.startDate, endDate: item.endDate))
            } else {
                payments.append(SWFPayment(type: type, amount: amount))
            }
        }
        let basePay = dailyRate ? nil : self.basePay(record, &problems)

        // Absences of the previous academic year.
        var absences: [SWFAbsence] = []
        let period = Self.absenceYear(censusDay: censusDay)
        for absence in record.absences {
            guard let first = absence.firstDay else {
                problems.add(.error, SWFRule.absenceFirstDayMissing, item: "A102", value: "",
                             message: "SWF requires FirstDayOfAbsence for the \(absence.category) absence", expected: "the first day of the absence")
                continue
            }
            guard first <= period.upperBound, (absence.lastDay ?? period.upperBound) >= period.lowerBound else { continue }
            let category: String
            switch codes.translate(absence.category, field: fields.absenceCategory) {
            case .code(let code): category = code
            case .unmatched, .absent: continue
            case .unknown(let why):
                problems.add(.error, SWFRule.absenceCategoryUnmapped, item: "A101", value: absence.category,
                             message: "\(absence.category) has no SWF AbsenceCategory code: \(why)", expected: codes.validCodes("AbsenceCategory"))
                continue
            }
            if absence.workingDaysLost == nil && ["SIC", "PRG"].contains(absence.category) {
                problems.add(.error, SWFRule.workingDaysLostMissing, item: "A104", value: "",
                             message: "SWF requires WorkingDaysLost for sickness absence (the \(absence.category) absence from \(first))",
                             expected: "the working days lost, to the nearest half day")
                continue
            }
            absences.append(SWFAbsence(firstDay: first, lastDay: absence.lastDay, workingDaysLost: absence.workingDaysLost, category: category))
        }

        // Qualifications.
        var qualifications: [SWFQualification] = []
        for qualification in record.qualifications {
            let code: String
            switch codes.translate(qualification.type, field: fields.qualificationCode) {
            case .code(let target): code = target
            case .unmatched, .absent: continue
            case .unknown(let why):
                problems.add(.error, SWFRule.qualificationCodeUnmapped, item: "Q101", value: qualification.type,
                             message: "\(qualification.type) has no SWF QualificationCode: \(why)", expected: codes.validCodes("QualificationCode"))
                continue
            }
            guard let subject = requiredCode(qualification.subject, .qualificationSubjectMissing, unmapped: .qualificationSubjectUnmapped, "Q102", field: fields.qualificationSubject) else { continue }
            let degreeClass = optionalCode(qualification.degreeClass, .classOfDegreeUnmapped, "Q103", field: fields.classOfDegree)
            qualifications.append(SWFQualification(code: code, classOfDegree: degreeClass, subjects: [subject]))
        }

        // Optional items, translated after the required ones so queries follow errors.
        let ethnicity = optionalCode(record.ethnicity, .ethnicityUnmapped, "P109", field: fields.ethnicity)
        let disability = optionalCode(record.disability, .disabilityUnmapped, "P110", field: fields.disability)
        let qtsRoute = optionalCode(record.qtsRoute, .qtsRouteUnmapped, "R102", field: fields.qtsRoute)
        let destination = isLeaver ? optionalCode(record.destination, .destinationUnmapped, "C107", field: fields.destination) : nil
        let origin = optionalCode(record.origin, .originUnmapped, "C106", field: fields.origin)
        let payRange = optionalCode(record.payScale, .payRangeUnmapped, "S501", field: fields.payRange)

        guard !problems.hasErrors, let familyName, let niNumber, let sex, let birthDate, let contractType, let start, let post,
              let roleIdentifier else {
            return (nil, problems.list)
        }
        var details = SWFStaffDetails(familyName: familyName, givenNames: record.givenNames, niNumber: niNumber,
                                      sexElement: sexField, sex: sex, birthDate: birthDate)
        details.teacherNumber = record.teacherReferenceNumber
        details.formerFamilyNames = record.formerFamilyNames
        details.ethnicity = ethnicity
        details.disability = disability
        details.qts = record.qualifiedTeacherStatus
        details.qtls = record.qtlsStatus
        details.eyts = record.earlyYearsTeacherStatus
        details.hltaStatus = record.hltaStatus
        details.qtsRoute = qtsRoute
        details.seniorLeadershipTeam = record.seniorLeadershipTeam

        var contract = SWFContract(contractType: contractType, start: start, post: post,
                                   level: record.establishmentNumber == nil ? .localAuthority : .school, roleIdentifiers: [roleIdentifier])
        contract.end = end
        contract.schoolArrivalDate = record.workplaceStart
        contract.dailyRate = dailyRate
        contract.destination = destination
        contract.origin = origin
        contract.payReviewDate = record.payReviewDate
        contract.hoursPerWeek = record.contractedWeeklyHours
        contract.fteHours = record.fullTimeWeeklyHours
        contract.weeksPerYear = record.weeksPerYear
        contract.payRange = payRange
        contract.safeguardedSalary = record.safeguardedSalary
        contract.basePay = basePay
        contract.payments = payments

        return (MemberPart(staffDetails: details, contract: contract, absences: absences, qualifications: qualifications), problems.list)
    }

    /// Maps a vacancy in scope to a `Vacancy` of its school's module.
    public func mapVacancy(_ vacancy: Vacancy, of record: PostRecord) -> (vacancy: SWFVacancy?, problems: [RecordDiagnostic]) {
        var problems = RecordProblems(labels: codes.labels, record: record)
        guard case .code(let post) = codes.translate(vacancy.role, field: fields.vacancyPost) else { return (nil, []) }
        var tenure: String?
        if let pattern = vacancy.workingPattern {
            switch codes.translate(pattern, field: fields.tenure) {
            case .code(let code): tenure = code
            case .unmatched, .absent: break
            case .unknown(let why):
                problems.add(.query, SWFRule.tenureUnmapped, item: "V102", value: pattern,
                             message: "left out of SWF Tenure: \(why)", expected: codes.validCodes("Tenure"))
            }
        }
        return (SWFVacancy(post: post, tenure: tenure, temporarilyFilled: vacancy.temporarilyFilled, advertised: vacancy.advertised), problems.list)
    }

    /// `BasePay`: S511 Annual Basic Pay (Actual) when held, else S504 Annual Basic Pay (FTE)
    /// times the share of full-time hours worked and, for fewer than 52 weeks a year, the
    /// share of the year (the derivation S511's definition gives).
    func basePay(_ record: PostRecord, _ problems: inout RecordProblems) -> Double? {
        if let actual = record.annualBasicPayActual { return actual }
        guard let fte = record.annualBasicPayFTE else { return nil }
        let hoursShare: Double
        if let hours = record.contractedWeeklyHours, let fullTime = record.fullTimeWeeklyHours, fullTime > 0 {
            hoursShare = min(1, hours / fullTime)
        } else if let share = record.fte {
            hoursShare = min(1, share)
        } else {
            problems.add(.query, SWFRule.basePayFullTimeAssumed, item: "S504", value: formatNumber(fte),
                         message: "BasePay is the actual pay for the hours worked, and with no S511, H101/H102 or H104 the full-time rate is written",
                         expected: "S511 Annual Basic Pay (Actual), or the hours (H101, H102) or H104 Full-Time Equivalent")
            return fte
        }
        let weeksShare = record.weeksPerYear.map { min(1, Double($0) / 52) } ?? 1
        return (fte * hoursShare * weeksShare * 100).rounded() / 100
    }
}
