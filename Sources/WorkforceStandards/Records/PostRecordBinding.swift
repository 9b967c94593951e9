import Foundation

/// Which ``PostRecord`` property holds which harmonised item, in both directions: reading
/// validated exchange values into a record, and writing a record back as exchange text.
///
/// Kept as two plain switches so that adding an item to the standard without binding it
/// shows up at once (a test checks every data item is bound, or listed as not per post).
enum PostRecordBinding {
    typealias Value = ItemValueValidator.Value

    /// Items that are not about one post, and so have no column in the post format: they are
    /// held once per school in the organisation file (``OrganisationFile``).
    static let notPerPost: Set<ItemReference> = Set(["O105", "O106", "O107", "O108", "O109", "O110", "O111", "O112", "O113", "O114", "O115"]
        // The ASC-WDS workplace facts, held per workplace.
        + ["O120", "O121", "O122", "O123", "O124", "O125", "O126", "O127", "O128", "O129", "O130", "O131"] as [ItemReference])
        .union(lgesOrganisationItems)
    /// O150 Region: one answer per authority, for the LGES tables.
    static let lgesOrganisationItems: Set<ItemReference> = ["O150"]

    /// Whether `ref` is bound to a property.
    static func binds(_ ref: ItemReference) -> Bool { setter(for: ref) != nil }

    /// A value setter: stores the values of one item (a list for multi-valued items and
    /// groups; entries may be nil inside a group).
    typealias Setter = (inout PostRecordFields, [Value?]) -> Void

    /// The setter of item `ref`, or nil when the item is not bound. Readers look it up once per
    /// column, so that storing a value is a direct call rather than a search by reference.
    static func setter(for ref: ItemReference) -> Setter? {
        if let single = singleSetter(for: ref) { return { r, values in single(&r, values.first ?? nil) } }
        switch ref.rawValue {
        case "P105": return { r, values in
            r.givenNames = values.compactMap { $0?.text }
        }
        case "P106": return { r, values in
            r.formerFamilyNames = values.compactMap { $0?.text }
        }
        case "S508": return { r, values in
            r.payItems = entries(values, existing: r.payItems.count) { index in
            var item = index < r.payItems.count ? r.payItems[index] : PayItem(type: "", amount: nil)
            item.type = values[index]?.text ?? ""
            return item }
        }
        case "S509": return { r, values in
            fill(&r.payItems, values) { $0.amount = $1?.number }
        }
        case "S513": return { r, values in
            fill(&r.payItems, values) { $0.startDate = $1?.date }
        }
        case "S514": return { r, values in
            fill(&r.payItems, values) { $0.endDate = $1?.date }
        }
        case "A101": return { r, values in
            r.absences = entries(values, existing: r.absences.count) { index in
            var absence = index < r.absences.count ? r.absences[index] : Absence(category: "", firstDay: nil, lastDay: nil, workingDaysLost: nil)
            absence.category = values[index]?.text ?? ""
            return absence }
        }
        case "A102": return { r, values in
            fill(&r.absences, values) { $0.firstDay = $1?.date }
        }
        case "A103": return { r, values in
            fill(&r.absences, values) { $0.lastDay = $1?.date }
        }
        case "A104": return { r, values in
            fill(&r.absences, values) { $0.workingDaysLost = $1?.number }
        }
        case "Q101": return { r, values in
            r.qualifications = entries(values, existing: r.qualifications.count) { index in
            var qualification = index < r.qualifications.count ? r.qualifications[index] : Qualification(type: "", subject: nil, degreeClass: nil)
            qualification.type = values[index]?.text ?? ""
            return qualification }
        }
        case "Q102": return { r, values in
            fill(&r.qualifications, values) { $0.subject = $1?.text }
        }
        case "Q103": return { r, values in
            fill(&r.qualifications, values) { $0.degreeClass = $1?.text }
        }
        case "Q104": return { r, values in
            r.awards = entries(values, existing: r.awards.count) { index in
            Award(award: values[index]?.text ?? "", year: index < r.awards.count ? r.awards[index].year : nil) }
        }
        case "Q105": return { r, values in
            fill(&r.awards, values) { $0.year = $1?.integer }
        }
        case "Q114": return { r, values in
            r.trainings = entries(values, existing: r.trainings.count) { index in
            var training = index < r.trainings.count ? r.trainings[index] : Training(category: "")
            training.category = values[index]?.text ?? ""
            return training }
        }
        case "Q115": return { r, values in
            fill(&r.trainings, values) { $0.name = $1?.text }
        }
        case "Q116": return { r, values in
            fill(&r.trainings, values) { $0.accredited = $1?.text }
        }
        case "Q117": return { r, values in
            fill(&r.trainings, values) { $0.completed = $1?.date }
        }
        case "Q118": return { r, values in
            fill(&r.trainings, values) { $0.expires = $1?.date }
        }
        case "Q108": return { r, values in
            r.qualifyingInstitutions = values.compactMap { $0?.text }
        }
        case "R107": return { r, values in
            r.cfkssStatus = values.compactMap { $0?.text }
        }
        default: return nil
        }
    }

    /// A setter of one value (nil when the item is absent), for items that hold one.
    typealias SingleSetter = (inout PostRecordFields, consuming Value?) -> Void

    /// The setter of single-valued item `ref`, or nil when the item holds a list or is not
    /// bound. Readers call it for every single value: no array is made to pass the value in.
    static func singleSetter(for ref: ItemReference) -> SingleSetter? {
        switch ref.rawValue {
        case "P101": return { r, first in
            r.teacherReferenceNumber = first?.text
        }
        case "P102": return { r, first in
            r.niNumber = first?.text
        }
        case "P103": return { r, first in
            r.staffID = first?.text
        }
        case "P104": return { r, first in
            r.familyName = first?.text
        }
        case "P107": return { r, first in
            r.dateOfBirth = first?.date
        }
        case "P108": return { r, first in
            r.sex = first?.text
        }
        case "P109": return { r, first in
            r.ethnicity = first?.text
        }
        case "P110": return { r, first in
            r.disability = first?.text
        }
        case "P111": return { r, first in
            r.nationality = first?.text
        }
        case "P112": return { r, first in
            r.britishCitizenship = first?.text
        }
        case "P113": return { r, first in
            r.countryOfBirth = first?.text
        }
        case "P114": return { r, first in
            r.yearOfArrivalInUK = first?.integer
        }
        case "P115": return { r, first in
            r.homePostcode = first?.text
        }
        case "P116": return { r, first in
            r.healthAndCareVisa = first?.text
        }
        case "P117": return { r, first in
            r.yearStartedInAdultSocialCare = first?.integer
        }
        case "O101": return { r, first in
            r.laNumber = first?.text
        }
        case "O102": return { r, first in
            r.establishmentNumber = first?.text
        }
        case "O103": return { r, first in
            r.laGSSCode = first?.text
        }
        case "O104": return { r, first in
            r.ascwdsWorkplaceID = first?.text
        }
        case "L101": return { r, first in
            r.workplaceID = first?.text
        }
        case "L102": return { r, first in
            r.cqcLocationID = first?.text
        }
        case "J101": return { r, first in
            r.role = first?.text
        }
        case "J102": return { r, first in
            r.jobTitle = first?.text
        }
        case "J103": return { r, first in
            r.postID = first?.text
        }
        case "J104": return { r, first in
            r.delegatedHealthcareActivities = first?.text
        }
        case "J105": return { r, first in
            r.careWorkforcePathway = first?.text
        }
        case "J106": return { r, first in
            r.casesHeld = first?.integer
        }
        case "C101": return { r, first in
            r.contractType = first?.text
        }
        case "C102": return { r, first in
            r.contractStart = first?.date
        }
        case "C103": return { r, first in
            r.contractEnd = first?.date
        }
        case "C104": return { r, first in
            r.workplaceStart = first?.date
        }
        case "C105": return { r, first in
            r.leavingDate = first?.date
        }
        case "C106": return { r, first in
            r.origin = first?.text
        }
        case "C107": return { r, first in
            r.destination = first?.text
        }
        case "C108": return { r, first in
            r.reasonForLeaving = first?.text
        }
        case "C109": return { r, first in
            r.apprenticeship = first?.text
        }
        case "C110": return { r, first in
            r.recruitedFromOutsideUK = first?.text
        }
        case "C111": return { r, first in
            r.coveringVacancy = first?.boolean
        }
        case "C112": return { r, first in
            r.continuousServiceDate = first?.date
        }
        case "H101": return { r, first in
            r.contractedWeeklyHours = first?.number
        }
        case "H102": return { r, first in
            r.fullTimeWeeklyHours = first?.number
        }
        case "H103": return { r, first in
            r.weeksPerYear = first?.integer
        }
        case "H104": return { r, first in
            r.fte = first?.number
        }
        case "H105": return { r, first in
            r.averageWeeklyHours = first?.number
        }
        case "H106": return { r, first in
            r.zeroHoursContract = first?.text
        }
        case "S501": return { r, first in
            r.payScale = first?.text
        }
        case "S502": return { r, first in
            r.spinePoint = first?.text
        }
        case "S503": return { r, first in
            r.regionalPaySpine = first?.text
        }
        case "S504": return { r, first in
            r.annualBasicPayFTE = first?.number
        }
        case "S505": return { r, first in
            r.safeguardedSalary = first?.boolean
        }
        case "S506": return { r, first in
            r.payBasis = first?.text
        }
        case "S507": return { r, first in
            r.hourlyRate = first?.number
        }
        case "S510": return { r, first in
            r.salaryScheme = first?.text
        }
        case "S511": return { r, first in
            r.annualBasicPayActual = first?.number
        }
        case "S512": return { r, first in
            r.payReviewDate = first?.date
        }
        case "J107": return { r, first in
            r.seniorLeadershipTeam = first?.boolean
        }
        case "R108": return { r, first in
            r.qtlsStatus = first?.boolean
        }
        case "R109": return { r, first in
            r.earlyYearsTeacherStatus = first?.boolean
        }
        case "Q106": return { r, first in
            r.highestSocialCareQualificationLevel = first?.text
        }
        case "Q107": return { r, first in
            r.highestOtherQualificationLevel = first?.text
        }
        case "Q109": return { r, first in
            r.careCertificate = first?.text
        }
        case "Q110": return { r, first in
            r.level2AdultSocialCareCertificate = first?.text
        }
        case "Q111": return { r, first in
            r.stepUpToSocialWork = first?.text
        }
        case "Q112": return { r, first in
            r.frontlineProgramme = first?.text
        }
        case "Q113": return { r, first in
            r.overseasTrainedTeacher = first?.boolean
        }
        case "R101": return { r, first in
            r.qualifiedTeacherStatus = first?.boolean
        }
        case "R102": return { r, first in
            r.qtsRoute = first?.text
        }
        case "R103": return { r, first in
            r.hltaStatus = first?.boolean
        }
        case "R104": return { r, first in
            r.socialWorkEnglandNumber = first?.text
        }
        case "R105": return { r, first in
            r.nmcRegistration = first?.text
        }
        case "R106": return { r, first in
            r.approvedMentalHealthProfessional = first?.text
        }
        case "V101": return { r, first in
            if let role = first?.text { r.vacancy = Vacancy(role: role, workingPattern: r.vacancy?.workingPattern,
                                                                       temporarilyFilled: r.vacancy?.temporarilyFilled,
                                                                       advertised: r.vacancy?.advertised, fte: r.vacancy?.fte) }
        }
        case "V102": return { r, first in
            updateVacancy(&r) { $0.workingPattern = first?.text }
        }
        case "V103": return { r, first in
            updateVacancy(&r) { $0.temporarilyFilled = first?.boolean }
        }
        case "V104": return { r, first in
            updateVacancy(&r) { $0.advertised = first?.boolean }
        }
        case "V105": return { r, first in
            updateVacancy(&r) { $0.fte = first?.number }
        }
        default: return nil
        }
    }

    /// Stores the values of one item. Returns false when the item is not bound.
    @discardableResult
    static func set(_ ref: ItemReference, _ values: [Value?], on r: inout PostRecord) -> Bool {
        guard let setter = setter(for: ref) else { return false }
        r.withFields { setter(&$0, values) }
        return true
    }

    /// The exchange text of one item of a record (`;`-joined for lists).
    static func text(_ ref: ItemReference, of r: PostRecord) -> String {
        func d(_ date: SimpleDate?) -> String { date?.description ?? "" }
        func n(_ value: Double?) -> String { value.map(formatNumber) ?? "" }
        func i(_ value: Int?) -> String { value.map(String.init) ?? "" }
        func b(_ value: Bool?) -> String { value.map { $0 ? "Y" : "N" } ?? "" }
        func list(_ values: [String]) -> String { values.joined(separator: ";") }
        switch ref.rawValue {
        case "P101": return r.teacherReferenceNumber ?? ""
        case "P102": return r.niNumber ?? ""
        case "P103": return r.staffID ?? ""
        case "P104": return r.familyName ?? ""
        case "P105": return list(r.givenNames)
        case "P106": return list(r.formerFamilyNames)
        case "P107": return d(r.dateOfBirth)
        case "P108": return r.sex ?? ""
        case "P109": return r.ethnicity ?? ""
        case "P110": return r.disability ?? ""
        case "P111": return r.nationality ?? ""
        case "P112": return r.britishCitizenship ?? ""
        case "P113": return r.countryOfBirth ?? ""
        case "P114": return i(r.yearOfArrivalInUK)
        case "P115": return r.homePostcode ?? ""
        case "P116": return r.healthAndCareVisa ?? ""
        case "P117": return i(r.yearStartedInAdultSocialCare)
        case "O101": return r.laNumber ?? ""
        case "O102": return r.establishmentNumber ?? ""
        case "O103": return r.laGSSCode ?? ""
        case "O104": return r.ascwdsWorkplaceID ?? ""
        case "L101": return r.workplaceID ?? ""
        case "L102": return r.cqcLocationID ?? ""
        case "J101": return r.role ?? ""
        case "J102": return r.jobTitle ?? ""
        case "J103": return r.postID ?? ""
        case "J104": return r.delegatedHealthcareActivities ?? ""
        case "J105": return r.careWorkforcePathway ?? ""
        case "J106": return i(r.casesHeld)
        case "C101": return r.contractType ?? ""
        case "C102": return d(r.contractStart)
        case "C103": return d(r.contractEnd)
        case "C104": return d(r.workplaceStart)
        case "C105": return d(r.leavingDate)
        case "C106": return r.origin ?? ""
        case "C107": return r.destination ?? ""
        case "C108": return r.reasonForLeaving ?? ""
        case "C109": return r.apprenticeship ?? ""
        case "C110": return r.recruitedFromOutsideUK ?? ""
        case "C111": return b(r.coveringVacancy)
        case "C112": return d(r.continuousServiceDate)
        case "H101": return n(r.contractedWeeklyHours)
        case "H102": return n(r.fullTimeWeeklyHours)
        case "H103": return i(r.weeksPerYear)
        case "H104": return n(r.fte)
        case "H105": return n(r.averageWeeklyHours)
        case "H106": return r.zeroHoursContract ?? ""
        case "S501": return r.payScale ?? ""
        case "S502": return r.spinePoint ?? ""
        case "S503": return r.regionalPaySpine ?? ""
        case "S504": return n(r.annualBasicPayFTE)
        case "S505": return b(r.safeguardedSalary)
        case "S506": return r.payBasis ?? ""
        case "S507": return n(r.hourlyRate)
        case "S508": return list(r.payItems.map(\.type))
        case "S509": return list(r.payItems.map { n($0.amount) })
        case "S510": return r.salaryScheme ?? ""
        case "S511": return n(r.annualBasicPayActual)
        case "S512": return d(r.payReviewDate)
        case "S513": return list(r.payItems.map { d($0.startDate) })
        case "S514": return list(r.payItems.map { d($0.endDate) })
        case "J107": return b(r.seniorLeadershipTeam)
        case "R108": return b(r.qtlsStatus)
        case "R109": return b(r.earlyYearsTeacherStatus)
        case "A101": return list(r.absences.map(\.category))
        case "A102": return list(r.absences.map { d($0.firstDay) })
        case "A103": return list(r.absences.map { d($0.lastDay) })
        case "A104": return list(r.absences.map { n($0.workingDaysLost) })
        case "Q101": return list(r.qualifications.map(\.type))
        case "Q102": return list(r.qualifications.map { $0.subject ?? "" })
        case "Q103": return list(r.qualifications.map { $0.degreeClass ?? "" })
        case "Q104": return list(r.awards.map(\.award))
        case "Q105": return list(r.awards.map { i($0.year) })
        case "Q114": return list(r.trainings.map(\.category))
        case "Q115": return list(r.trainings.map { $0.name ?? "" })
        case "Q116": return list(r.trainings.map { $0.accredited ?? "" })
        case "Q117": return list(r.trainings.map { d($0.completed) })
        case "Q118": return list(r.trainings.map { d($0.expires) })
        case "Q106": return r.highestSocialCareQualificationLevel ?? ""
        case "Q107": return r.highestOtherQualificationLevel ?? ""
        case "Q108": return list(r.qualifyingInstitutions)
        case "Q109": return r.careCertificate ?? ""
        case "Q110": return r.level2AdultSocialCareCertificate ?? ""
        case "Q111": return r.stepUpToSocialWork ?? ""
        case "Q112": return r.frontlineProgramme ?? ""
        case "Q113": return b(r.overseasTrainedTeacher)
        case "R101": return b(r.qualifiedTeacherStatus)
        case "R102": return r.qtsRoute ?? ""
        case "R103": return b(r.hltaStatus)
        case "R104": return r.socialWorkEnglandNumber ?? ""
        case "R105": return r.nmcRegistration ?? ""
        case "R106": return r.approvedMentalHealthProfessional ?? ""
        case "R107": return list(r.cfkssStatus)
        case "V101": return r.vacancy?.role ?? ""
        case "V102": return r.vacancy?.workingPattern ?? ""
        case "V103": return b(r.vacancy?.temporarilyFilled)
        case "V104": return b(r.vacancy?.advertised)
        case "V105": return n(r.vacancy?.fte)
        default: return ""
        }
    }

    private static func entries<T>(_ values: [Value?], existing: Int, _ make: (Int) -> T) -> [T] {
        (0..<values.count).map(make)
    }

    private static func fill<T>(_ list: inout [T], _ values: [Value?], _ update: (inout T, Value?) -> Void) {
        for index in values.indices where index < list.count { update(&list[index], values[index]) }
    }

    private static func updateVacancy(_ r: inout PostRecordFields, _ update: (inout Vacancy) -> Void) {
        guard var vacancy = r.vacancy else { return }
        update(&vacancy)
        r.vacancy = vacancy
    }
}

/// Numbers as the exchange format and the returns write them: no exponent, no trailing zeros
/// beyond what is needed, at most 4 decimal places (deterministic across platforms).
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

extension ItemValueValidator.Value {
    var text: String? {
        switch self {
        case .text(let value), .code(let value): return value
        default: return nil
        }
    }
    var date: SimpleDate? { if case .date(let value) = self { return value } else { return nil } }
    var integer: Int? {
        switch self {
        case .integer(let value): return value
        case .decimal(let value): return Int(exactly: value)
        default: return nil
        }
    }
    var number: Double? {
        switch self {
        case .decimal(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }
    var boolean: Bool? { if case .boolean(let value) = self { return value } else { return nil } }
}
