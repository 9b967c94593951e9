/// Decides whether a post record belongs in the School Workforce Census and maps it to a
/// ``SWFStaffMember`` in CBDS terms, translating every harmonised code through the map named
/// in the item's used-in for the run's collection year.
///
/// Scope, in the order the reasons are given:
/// 1. vacancy records are out: the school-level vacancy module is not written;
/// 2. the role must map to `swf.role-identifier`;
/// 3. the contract type must have an SWF counterpart (volunteers have none);
/// 4. the post must be in a school or with the authority (O101 Local Authority Number held);
/// 5. support staff on an agency or other third-party service agreement are out: SWF counts
///    them per school (`AgencyTPsupportCategory`), not as individuals;
/// 6. the contract must be live on census day: started on or before it and not ended (C103)
///    or left (C105) before it;
/// 7. a contract with an end date lasting under 28 days is out (the 28-day rule: occasional
///    staff are counted per school).
///
/// Required CBDS items (mandatory `Y` in CBDS 2012) that are missing or have no SWF code
/// reject the record (`swf.<item>.missing`, `swf.<item>.unmapped`); an optional code the map
/// deliberately leaves unmatched (an NJC spine point) is left out; an optional code the map
/// has no row for is left out with a query.
public struct SWFMapping: Sendable {
    public let settings: ProjectionSettings
    let codes: DfECodes
    private let roleScope: RoleScope
    /// The field that carries sex in the run's year: `GenderCurrent` to 2022, `Sex` from 2023.
    let sexField: String
    /// The census-day reasons, worded once (see ``InPostRule``).
    private let startsAfterCensusDay: String
    private let endedBeforeCensusDay: String
    /// The fields ``scope(_:)`` and ``map(_:)`` translate, each with its map, found once:
    /// finding a map by its field's name costs as much as translating through it.
    private let fields: Fields
    private struct Fields {
        let sex, contractType, post, roleIdentifier, paymentType, absenceCategory, qualificationCode, qualificationSubject,
            ethnicity, disability, qtsRoute, destination, origin, scale, regionSpine, spinePoint: DfECodes.Field
    }

    public init(settings: ProjectionSettings) {
        self.settings = settings
        codes = DfECodes(registry: settings.registry, collection: .swf, year: settings.collectionYear)
        sexField = codes.field(validInYearAmong: ["GenderCurrent", "Sex"])
        roleScope = RoleScope(registry: settings.registry, set: "swf.role-identifier", prefix: "role not in SWF scope: ")
        startsAfterCensusDay = "contract not live on census day \(settings.referenceDate): starts after it"
        endedBeforeCensusDay = "contract not live on census day \(settings.referenceDate): ended before it"
        let codes = codes
        fields = Fields(sex: codes.field(sexField), contractType: codes.field("ContractType"), post: codes.field("Post"),
                        roleIdentifier: codes.field("RoleIdentifier"), paymentType: codes.field("PaymentType"),
                        absenceCategory: codes.field("AbsenceCategory"), qualificationCode: codes.field("QualificationCode"),
                        qualificationSubject: codes.field("QualificationSubject"), ethnicity: codes.field("Ethnicity"),
                        disability: codes.field("DisabilityIndicator"), qtsRoute: codes.field("QTSRoute"),
                        destination: codes.field("DestinationCode"), origin: codes.field("Origin"), scale: codes.field("Scale"),
                        regionSpine: codes.field("RegionSpine"), spinePoint: codes.field("SpinePoint"))
    }

    var registry: Registry { settings.registry }
    var censusDay: SimpleDate { settings.referenceDate }

    /// The SWF contract types of service agreements with a third party (not the authority).
    static let thirdPartyAgreements = ["SAG", "SOT"]
    /// The CBDS D00187 posts of support staff (every other post is a teacher's).
    static let supportPosts = ["SUP", "TAS"]

    /// Whether the record belongs in the census, and if not, why (a short stable phrase).
    public func scope(_ record: PostRecord) -> ScopeDecision {
        if record.vacancy != nil { return .outOfScope(reason: "vacancy: the SWF school vacancy module is not written") }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        var swfContractType: String?
        if let type = record.contractType {
            switch codes.translate(type, field: fields.contractType) {
            case .unmatched(let why): return .outOfScope(reason: "contract type not in SWF scope: \(why)")
            case .code(let code): swfContractType = code
            case .noRow: break
            }
        }
        guard record.laNumber != nil else {
            return .outOfScope(reason: "not in a school or with a local authority: no O101 Local Authority Number")
        }
        // The two small sets are tested by comparison: hashing a string costs more than both.
        if let type = swfContractType, Self.thirdPartyAgreements.contains(where: { $0 == type }),
           case .code(let post) = codes.translate(role, field: fields.post), Self.supportPosts.contains(where: { $0 == post }) {
            return .outOfScope(reason: "third-party support staff: SWF counts them per school, not as individuals")
        }
        if let start = record.contractStart, start > censusDay {
            return .outOfScope(reason: startsAfterCensusDay)
        }
        if let end = Self.end(of: record), end < censusDay {
            return .outOfScope(reason: endedBeforeCensusDay)
        }
        if let start = record.contractStart, let end = Self.end(of: record), start.days(to: end) + 1 < 28 {
            return .outOfScope(reason: "contract under 28 days")
        }
        return .inScope
    }

    /// The contract's last day: the earlier of C103 Contract End Date and C105 Leaving Date.
    static func end(of record: PostRecord) -> SimpleDate? { record.lastDay }

    /// The first and last day of the academic year before census day (1 September to
    /// 31 August), the period SWF collects absences for.
    var absenceYear: ClosedRange<SimpleDate> {
        let endYear = censusDay.month >= 9 ? censusDay.year : censusDay.year - 1
        return SimpleDate(year: endYear - 1, month: 9, day: 1)!...SimpleDate(year: endYear, month: 8, day: 31)!
    }

    /// Maps an in-scope record; `member` is nil when an error stops it.
    public func map(_ record: PostRecord) -> (member: SWFStaffMember?, problems: [RecordDiagnostic]) {
        var problems = DfEProblems(labels: codes.labels, record: record)

        func missing(_ rule: String, _ ref: ItemReference, _ element: String) {
            let name = registry.item(ref)?.name ?? ref.rawValue
            problems.add(.error, "swf.\(rule).missing", item: ref, value: "",
                         message: "SWF requires \(element) and the record has no \(ref) \(name)", expected: "a value for \(ref) \(name)")
        }
        func required<T>(_ value: T?, _ rule: String, _ ref: ItemReference, _ element: String) -> T? {
            if value == nil { missing(rule, ref, element) }
            return value
        }
        /// A code for a required element: missing or untranslatable stops the record.
        func requiredCode(_ code: String?, _ rule: String, _ ref: ItemReference, field: DfECodes.Field) -> String? {
            guard let code else { missing(rule, ref, field.name); return nil }
            switch codes.translate(code, field: field) {
            case .code(let target): return target
            case .unmatched(let why), .noRow(let why):
                problems.add(.error, "swf.\(rule).unmapped", item: ref, value: code,
                             message: "\(code) has no SWF \(field.name) code: \(why)", expected: codes.validCodes(field.name))
                return nil
            }
        }
        /// A code for an optional element: left out when the map leaves it unmatched on purpose,
        /// left out with a query when the map has no row for it.
        func optionalCode(_ code: String?, _ rule: String, _ ref: ItemReference, field: DfECodes.Field) -> String? {
            guard let code else { return nil }
            switch codes.translate(code, field: field) {
            case .code(let target): return target
            case .unmatched: return nil
            case .noRow(let why):
                problems.add(.query, "swf.\(rule).unmapped", item: ref, value: code,
                             message: "left out of SWF \(field.name): \(why)", expected: codes.validCodes(field.name))
                return nil
            }
        }

        // Staff details.
        let familyName = required(record.familyName, "family-name", "P104", "PersonFamilyName")
        if record.givenNames.isEmpty { missing("given-name", "P105", "PersonGivenName") }
        let niNumber = required(record.niNumber, "ni-number", "P102", "NINumber")
        let sex = requiredCode(record.sex, "sex", "P108", field: fields.sex)
        let birthDate = required(record.dateOfBirth, "birth-date", "P107", "PersonBirthDate")

        // Contract.
        let contractType = requiredCode(record.contractType, "contract-type", "C101", field: fields.contractType)
        let start = required(record.contractStart, "contract-start", "C102", "ContractStart")
        let post = requiredCode(record.role, "post", "J101", field: fields.post)
        let roleIdentifier = requiredCode(record.role, "role-identifier", "J101", field: fields.roleIdentifier)
        let dailyRate = record.payBasis == "D"
        var payments: [SWFPayment] = []
        // CBDS 400139: a contract paid at a daily rate carries no payment items.
        for item in dailyRate ? [] : record.payItems {
            let type: String
            switch codes.translate(item.type, field: fields.paymentType) {
            case .code(let code): type = code
            case .unmatched: continue
            case .noRow(let why):
                problems.add(.error, "swf.payment-type.unmapped", item: "S508", value: item.type,
                             message: "\(item.type) has no SWF PaymentType code: \(why)", expected: codes.validCodes("PaymentType"))
                continue
            }
            guard let amount = item.amount else {
                problems.add(.error, "swf.payment-amount.missing", item: "S509", value: "",
                             message: "SWF requires PaymentAmount for the \(item.type) payment", expected: "the annual FTE amount in pounds, above zero")
                continue
            }
            payments.append(SWFPayment(type: type, amount: amount))
        }

        // Absences of the previous academic year.
        var absences: [SWFAbsence] = []
        let period = absenceYear
        for absence in record.absences {
            guard let first = absence.firstDay else {
                problems.add(.error, "swf.absence-first-day.missing", item: "A102", value: "",
                             message: "SWF requires FirstDayOfAbsence for the \(absence.category) absence", expected: "the first day of the absence")
                continue
            }
            guard first <= period.upperBound, (absence.lastDay ?? period.upperBound) >= period.lowerBound else { continue }
            let category: String
            switch codes.translate(absence.category, field: fields.absenceCategory) {
            case .code(let code): category = code
            case .unmatched: continue
            case .noRow(let why):
                problems.add(.error, "swf.absence-category.unmapped", item: "A101", value: absence.category,
                             message: "\(absence.category) has no SWF AbsenceCategory code: \(why)", expected: codes.validCodes("AbsenceCategory"))
                continue
            }
            if absence.workingDaysLost == nil && ["SIC", "PRG"].contains(absence.category) {
                problems.add(.error, "swf.working-days-lost.missing", item: "A104", value: "",
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
            case .unmatched: continue
            case .noRow(let why):
                problems.add(.error, "swf.qualification-code.unmapped", item: "Q101", value: qualification.type,
                             message: "\(qualification.type) has no SWF QualificationCode: \(why)", expected: codes.validCodes("QualificationCode"))
                continue
            }
            guard let subject = requiredCode(qualification.subject, "qualification-subject", "Q102", field: fields.qualificationSubject) else { continue }
            qualifications.append(SWFQualification(code: code, subject: subject))
        }

        // Optional items, translated after the required ones so queries follow errors.
        let ethnicity = optionalCode(record.ethnicity, "ethnicity", "P109", field: fields.ethnicity)
        let disability = optionalCode(record.disability, "disability", "P110", field: fields.disability)
        let qtsRoute = optionalCode(record.qtsRoute, "qts-route", "R102", field: fields.qtsRoute)
        let destination = optionalCode(record.destination, "destination", "C107", field: fields.destination)
        let origin = optionalCode(record.origin, "origin", "C106", field: fields.origin)
        let payScale = optionalCode(record.payScale, "pay-scale", "S501", field: fields.scale)
        let region = optionalCode(record.regionalPaySpine, "regional-pay-spine", "S503", field: fields.regionSpine)
        let spinePoint = optionalCode(record.spinePoint, "spine-point", "S502", field: fields.spinePoint)

        guard !problems.hasErrors, let familyName, let niNumber, let sex, let birthDate, let contractType, let start, let post,
              let roleIdentifier else {
            return (nil, problems.list)
        }
        var details = SWFStaffDetails(familyName: familyName, givenNames: record.givenNames, niNumber: niNumber,
                                      sexElement: sexField, sex: sex, birthDate: birthDate)
        details.teacherNumber = record.teacherReferenceNumber
        details.formerFamilyNames = record.formerFamilyNames
        details.ethnicity = ethnicity
        details.qtStatus = record.qualifiedTeacherStatus
        details.disability = disability
        details.hltaStatus = record.hltaStatus
        details.qtsRoute = qtsRoute
        details.overseasTrainedTeacher = record.overseasTrainedTeacher

        var contract = SWFContract(contractType: contractType, start: start, post: post,
                                   level: record.establishmentNumber == nil ? .localAuthority : .school, roleIdentifiers: [roleIdentifier])
        contract.end = Self.end(of: record)
        contract.schoolArrivalDate = record.workplaceStart
        contract.dailyRate = dailyRate
        contract.destination = destination
        contract.origin = origin
        contract.estab = record.establishmentNumber
        contract.hoursPerWeek = record.contractedWeeklyHours
        contract.fteHours = record.fullTimeWeeklyHours
        contract.weeksPerYear = record.weeksPerYear
        contract.payScale = payScale
        contract.regionalPaySpine = region
        contract.spinePoint = spinePoint
        contract.safeguardedSalary = record.safeguardedSalary
        contract.totalPay = record.annualBasicPayFTE
        contract.payments = payments

        let member = SWFStaffMember(staffDetails: details, contracts: [contract], absences: absences, qualifications: qualifications)
        return (member, problems.list)
    }
}
