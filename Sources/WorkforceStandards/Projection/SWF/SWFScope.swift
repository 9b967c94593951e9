// The School Workforce Census's scope: what a post record becomes in the census (a member's
// contract, a vacancy, an occasional teacher, third-party support headcount, or out of scope
// with its reason), and the census window. The rules are listed, in the order their reasons
// are given, on ``SWFMapping``.

/// What a post record becomes in the School Workforce Census.
public enum SWFRecordUse: Sendable, Equatable {
    /// A contract or service agreement of a member of staff (`ContractOrService`).
    case member
    /// A teacher post vacant in a school on census day (`School/Vacancies/Vacancy`).
    case vacancy
    /// A teacher in a school on census day on a contract of under 28 days, counted in the
    /// school's `Occasionals`.
    case occasionalTeacher
    /// Support staff in a school on census day under a service agreement with a third party,
    /// or on a school or LA contract of under 28 days, counted in `AgencyTPsupport` by category.
    case supportHeadcount(category: String)
    /// Not returned in the census, and why (said in the reconciliation).
    case outOfScope(reason: String)
}

extension SWFMapping {
    /// The SWF contract types of service agreements with a third party (not the authority).
    static let thirdPartyAgreements = ["SAG", "SOT"]

    // MARK: The census window

    /// 1 September of the year before census day's academic year: the first day a contract may
    /// have ended (or started) and still be returned.
    public static func contractWindowStart(censusDay: SimpleDate) -> SimpleDate {
        let academicYearStart = censusDay.month >= 9 ? censusDay.year : censusDay.year - 1
        return SimpleDate(year: academicYearStart - 1, month: 9, day: 1)!
    }

    /// The academic year before census day (1 September to 31 August): the absences SWF collects.
    public static func absenceYear(censusDay: SimpleDate) -> ClosedRange<SimpleDate> {
        let endYear = censusDay.month >= 9 ? censusDay.year : censusDay.year - 1
        return SimpleDate(year: endYear - 1, month: 9, day: 1)!...SimpleDate(year: endYear, month: 8, day: 31)!
    }

    /// The 12 months to census day, from the same date a year earlier: the additional payments
    /// SWF collects (a payment paid on any day of it is returned).
    public static func paymentWindow(censusDay: SimpleDate) -> ClosedRange<SimpleDate> {
        let yearEarlier = SimpleDate(year: censusDay.year - 1, month: censusDay.month, day: censusDay.day)
            ?? SimpleDate(year: censusDay.year - 1, month: censusDay.month, day: 28)!
        return yearEarlier...censusDay
    }

    /// Whether a contract passes the 28-day rule: permanent contracts always; others when they
    /// have lasted, or will have lasted, at least 28 days, counting from the start to the end
    /// date, or to census day when there is none.
    public static func lastsTwentyEightDays(contractType: String?, start: SimpleDate?, end: SimpleDate?, censusDay: SimpleDate) -> Bool {
        guard contractType != "PRM", let start else { return true }
        let last = end ?? censusDay
        return start.days(to: last) + 1 >= 28
    }

    // MARK: Scope

    /// Whether the record belongs in the census, and if not, why (a short stable phrase).
    public func scope(_ record: PostRecord) -> ScopeDecision {
        if case .outOfScope(let reason) = use(of: record) { return .outOfScope(reason: reason) }
        return .inScope
    }

    /// What the record becomes in the census (see the type's scope rules).
    public func use(of record: PostRecord) -> SWFRecordUse {
        if let vacancy = record.vacancy { return use(ofVacancy: vacancy, record) }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        var swfContractType: String?
        if let type = record.contractType {
            switch codes.translate(type, field: fields.contractType) {
            case .unmatched(let why?): return .outOfScope(reason: "contract type not in SWF scope: \(why)")
            case .code(let code): swfContractType = code
            case .unknown, .unmatched(nil), .absent: break
            }
        }
        guard let lea = record.laNumber else {
            return .outOfScope(reason: "not in a school or with a local authority: no O101 Local Authority Number")
        }
        if let estab = record.establishmentNumber, settings.organisations?.organisation(lea: lea, estab: estab)?.swfReturnedByAuthority == false {
            return .outOfScope(reason: Self.schoolReturnsItsOwn)
        }
        if record.establishmentNumber == nil, !centralRoles.contains(role) {
            return .outOfScope(reason: Self.notCentralSchoolStaff)
        }
        if let start = record.contractStart, start > censusDay { return .outOfScope(reason: startsAfterCensusDay) }
        let end = record.lastDay
        if let end, end < Self.contractWindowStart(censusDay: censusDay) { return .outOfScope(reason: endedBeforeWindow) }
        let onCensusDay = end.map { $0 >= censusDay } ?? true
        let inSchool = record.establishmentNumber != nil
        let post: String?
        if case .code(let code) = codes.translate(role, field: fields.post) { post = code } else { post = nil }
        let isSupport = post.map { SWFStaffCategory(post: $0, contractType: "PRM") >= .teachingAssistant } ?? false
        // The two small sets are tested by comparison: hashing a string costs more than both.
        if let type = swfContractType, isSupport, Self.thirdPartyAgreements.contains(where: { $0 == type }) {
            guard onCensusDay, inSchool else {
                return .outOfScope(reason: "third-party support staff: SWF counts them per school on census day, and this one is not in a school that day")
            }
            return supportHeadcount(role)
        }
        if !Self.lastsTwentyEightDays(contractType: swfContractType, start: record.contractStart, end: end, censusDay: censusDay) {
            guard onCensusDay else { return .outOfScope(reason: "contract of under 28 days that ended before census day") }
            guard inSchool else { return .outOfScope(reason: "contract of under 28 days with the authority: SWF counts short contracts per school only") }
            return isSupport ? .supportHeadcount(category: "SCHLA") : .occasionalTeacher
        }
        return .member
    }

    /// The role sub-groups of centrally employed staff the LA return covers: teachers (G2A),
    /// education staff who serve schools (G2B: educational psychologists, education welfare
    /// officers, careers advisers) and teaching assistants (G4A). A council's own
    /// administrative, finance, ICT or premises staff are not school workforce unless they
    /// work in a school (O102 held).
    static let centralGroups: Set<String> = ["G2A", "G2B", "G4A"]
    static let notCentralSchoolStaff = "centrally employed (no O102 Establishment Number) in a role that does not serve schools: the SWF LA return covers centrally employed teachers, teaching assistants and education staff"

    /// Why the staff of a school that sends its own return are out of scope.
    static let schoolReturnsItsOwn = "the school sends its own SWF return (O106 SWF Returned by the Authority is false in the organisation data)"

    private func use(ofVacancy vacancy: Vacancy, _ record: PostRecord) -> SWFRecordUse {
        guard let lea = record.laNumber, let estab = record.establishmentNumber else {
            return .outOfScope(reason: "vacancy not in a school: SWF returns vacancies in each school's module")
        }
        if settings.organisations?.organisation(lea: lea, estab: estab)?.swfReturnedByAuthority == false {
            return .outOfScope(reason: Self.schoolReturnsItsOwn)
        }
        guard case .code(let post) = codes.translate(vacancy.role, field: fields.vacancyPost), vacancyPosts.contains(post) else {
            return .outOfScope(reason: "vacancy for a post SWF does not collect vacancies for (teacher posts only)")
        }
        return .vacancy
    }

    private func supportHeadcount(_ role: String) -> SWFRecordUse {
        if case .code(let category) = codes.translate(role, field: fields.supportCategory) { return .supportHeadcount(category: category) }
        return .supportHeadcount(category: "OTHTP")
    }
}
