/// One post and the person holding it, in harmonised items: the unit every projection reads.
///
/// Each property names the harmonised item it holds (see `wds item REF`). Codes are codes of
/// the item's harmonised domain (`harmonised.sex`, `harmonised.role` ...). A record whose
/// ``vacancy`` is set describes an unfilled post and carries no person.
public struct PostRecord: Codable, Sendable, Equatable {
    // The fields live in one shared, copy-on-write object: a record has about a hundred of
    // them, and copying the record (into a batch, through a projection's protocol call) would
    // otherwise retain every string and array it holds. Copies share the object until one of
    // them is changed.
    //
    // `nonisolated(unsafe)`: the object is a `ManagedBuffer`, which Swift never marks Sendable.
    // Records are still safe to send, because a shared object is never written: every change
    // goes through `uniqueFields()`, which first gives the record an object of its own.
    nonisolated(unsafe) private var storage: PostRecordStorage

    /// The fields, unshared first when another record holds the same object.
    private mutating func uniqueFields() -> UnsafeMutablePointer<PostRecordFields> {
        if !isKnownUniquelyReferenced(&storage) { storage = .holding(storage.fields.pointee) }
        return storage.fields
    }

    /// The 1-based line of the record in its input (0 when built in code).
    public var line: Int {
        get { storage.fields.pointee.line }
        set { uniqueFields().pointee.line = newValue }
    }

    // MARK: Person
    /// P103 Staff Identifier: the employer's own id for the person.
    public var staffID: String? {
        get { storage.fields.pointee.staffID }
        set { uniqueFields().pointee.staffID = newValue }
    }
    /// P101 Teacher Reference Number (7 digits).
    public var teacherReferenceNumber: String? {
        get { storage.fields.pointee.teacherReferenceNumber }
        set { uniqueFields().pointee.teacherReferenceNumber = newValue }
    }
    /// P102 National Insurance Number.
    public var niNumber: String? {
        get { storage.fields.pointee.niNumber }
        set { uniqueFields().pointee.niNumber = newValue }
    }
    /// P104 Family Name.
    public var familyName: String? {
        get { storage.fields.pointee.familyName }
        set { uniqueFields().pointee.familyName = newValue }
    }
    /// P105 Given Names, in order.
    public var givenNames: [String] {
        get { storage.fields.pointee.givenNames }
        set { uniqueFields().pointee.givenNames = newValue }
    }
    /// P106 Former Family Names.
    public var formerFamilyNames: [String] {
        get { storage.fields.pointee.formerFamilyNames }
        set { uniqueFields().pointee.formerFamilyNames = newValue }
    }
    /// P107 Date of Birth.
    public var dateOfBirth: SimpleDate? {
        get { storage.fields.pointee.dateOfBirth }
        set { uniqueFields().pointee.dateOfBirth = newValue }
    }
    /// P108 Sex (harmonised.sex).
    public var sex: String? {
        get { storage.fields.pointee.sex }
        set { uniqueFields().pointee.sex = newValue }
    }
    /// P109 Ethnicity (harmonised.ethnicity).
    public var ethnicity: String? {
        get { storage.fields.pointee.ethnicity }
        set { uniqueFields().pointee.ethnicity = newValue }
    }
    /// P110 Disability (harmonised.disability).
    public var disability: String? {
        get { storage.fields.pointee.disability }
        set { uniqueFields().pointee.disability = newValue }
    }
    /// P111 Nationality (harmonised.nationality).
    public var nationality: String? {
        get { storage.fields.pointee.nationality }
        set { uniqueFields().pointee.nationality = newValue }
    }
    /// P112 British Citizenship (harmonised.yes-no-unknown).
    public var britishCitizenship: String? {
        get { storage.fields.pointee.britishCitizenship }
        set { uniqueFields().pointee.britishCitizenship = newValue }
    }
    /// P113 Country of Birth (harmonised.country).
    public var countryOfBirth: String? {
        get { storage.fields.pointee.countryOfBirth }
        set { uniqueFields().pointee.countryOfBirth = newValue }
    }
    /// P114 Year of Arrival in the UK.
    public var yearOfArrivalInUK: Int? {
        get { storage.fields.pointee.yearOfArrivalInUK }
        set { uniqueFields().pointee.yearOfArrivalInUK = newValue }
    }
    /// P115 Home Postcode.
    public var homePostcode: String? {
        get { storage.fields.pointee.homePostcode }
        set { uniqueFields().pointee.homePostcode = newValue }
    }
    /// P116 Health and Care Worker Visa (harmonised.yes-no-unknown).
    public var healthAndCareVisa: String? {
        get { storage.fields.pointee.healthAndCareVisa }
        set { uniqueFields().pointee.healthAndCareVisa = newValue }
    }
    /// P117 Year Started in Adult Social Care.
    public var yearStartedInAdultSocialCare: Int? {
        get { storage.fields.pointee.yearStartedInAdultSocialCare }
        set { uniqueFields().pointee.yearStartedInAdultSocialCare = newValue }
    }

    // MARK: Organisation and location
    /// O101 Local Authority Number (3 digits, DfE).
    public var laNumber: String? {
        get { storage.fields.pointee.laNumber }
        set { uniqueFields().pointee.laNumber = newValue }
    }
    /// O102 Establishment Number (4 digits, DfE; empty for centrally employed staff).
    public var establishmentNumber: String? {
        get { storage.fields.pointee.establishmentNumber }
        set { uniqueFields().pointee.establishmentNumber = newValue }
    }
    /// O103 Local Authority GSS Code.
    public var laGSSCode: String? {
        get { storage.fields.pointee.laGSSCode }
        set { uniqueFields().pointee.laGSSCode = newValue }
    }
    /// O104 ASC-WDS Workplace ID.
    public var ascwdsWorkplaceID: String? {
        get { storage.fields.pointee.ascwdsWorkplaceID }
        set { uniqueFields().pointee.ascwdsWorkplaceID = newValue }
    }
    /// L101 Workplace Identifier (the employer's own workplace key, ASC-WDS LOCALESTID).
    public var workplaceID: String? {
        get { storage.fields.pointee.workplaceID }
        set { uniqueFields().pointee.workplaceID = newValue }
    }
    /// L102 CQC Location ID.
    public var cqcLocationID: String? {
        get { storage.fields.pointee.cqcLocationID }
        set { uniqueFields().pointee.cqcLocationID = newValue }
    }

    // MARK: Post
    /// J101 Job Role (harmonised.role).
    public var role: String? {
        get { storage.fields.pointee.role }
        set { uniqueFields().pointee.role = newValue }
    }
    /// J102 Job Title as held in the HR system.
    public var jobTitle: String? {
        get { storage.fields.pointee.jobTitle }
        set { uniqueFields().pointee.jobTitle = newValue }
    }
    /// J103 Post Identifier: unique per record; the record's id in every diagnostic.
    public var postID: String? {
        get { storage.fields.pointee.postID }
        set { uniqueFields().pointee.postID = newValue }
    }
    /// J104 Delegated Healthcare Activities (harmonised.yes-no-unknown).
    public var delegatedHealthcareActivities: String? {
        get { storage.fields.pointee.delegatedHealthcareActivities }
        set { uniqueFields().pointee.delegatedHealthcareActivities = newValue }
    }
    /// J105 Care Workforce Pathway Category (harmonised.care-workforce-pathway).
    public var careWorkforcePathway: String? {
        get { storage.fields.pointee.careWorkforcePathway }
        set { uniqueFields().pointee.careWorkforcePathway = newValue }
    }
    /// J106 Cases Held on the reference date.
    public var casesHeld: Int? {
        get { storage.fields.pointee.casesHeld }
        set { uniqueFields().pointee.casesHeld = newValue }
    }
    /// J107 Senior Leadership Team Member.
    public var seniorLeadershipTeam: Bool? {
        get { storage.fields.pointee.seniorLeadershipTeam }
        set { uniqueFields().pointee.seniorLeadershipTeam = newValue }
    }

    // MARK: Contract or service agreement
    /// C101 Contract Type (harmonised.contract-type); SAG/SLA/SOT are service agreements.
    public var contractType: String? {
        get { storage.fields.pointee.contractType }
        set { uniqueFields().pointee.contractType = newValue }
    }
    /// C102 Contract Start Date.
    public var contractStart: SimpleDate? {
        get { storage.fields.pointee.contractStart }
        set { uniqueFields().pointee.contractStart = newValue }
    }
    /// C103 Contract End Date.
    public var contractEnd: SimpleDate? {
        get { storage.fields.pointee.contractEnd }
        set { uniqueFields().pointee.contractEnd = newValue }
    }
    /// C104 Workplace Start Date.
    public var workplaceStart: SimpleDate? {
        get { storage.fields.pointee.workplaceStart }
        set { uniqueFields().pointee.workplaceStart = newValue }
    }
    /// C105 Leaving Date.
    public var leavingDate: SimpleDate? {
        get { storage.fields.pointee.leavingDate }
        set { uniqueFields().pointee.leavingDate = newValue }
    }
    /// C106 Origin (harmonised.origin).
    public var origin: String? {
        get { storage.fields.pointee.origin }
        set { uniqueFields().pointee.origin = newValue }
    }
    /// C107 Destination (harmonised.destination).
    public var destination: String? {
        get { storage.fields.pointee.destination }
        set { uniqueFields().pointee.destination = newValue }
    }
    /// C108 Reason for Leaving (harmonised.reason-for-leaving).
    public var reasonForLeaving: String? {
        get { storage.fields.pointee.reasonForLeaving }
        set { uniqueFields().pointee.reasonForLeaving = newValue }
    }
    /// C109 Apprenticeship (harmonised.yes-no-unknown).
    public var apprenticeship: String? {
        get { storage.fields.pointee.apprenticeship }
        set { uniqueFields().pointee.apprenticeship = newValue }
    }
    /// C110 Recruited from Outside the UK (harmonised.yes-no-unknown).
    public var recruitedFromOutsideUK: String? {
        get { storage.fields.pointee.recruitedFromOutsideUK }
        set { uniqueFields().pointee.recruitedFromOutsideUK = newValue }
    }
    /// C111 Covering a Vacancy.
    public var coveringVacancy: Bool? {
        get { storage.fields.pointee.coveringVacancy }
        set { uniqueFields().pointee.coveringVacancy = newValue }
    }
    /// C112 Continuous Service Date.
    public var continuousServiceDate: SimpleDate? {
        get { storage.fields.pointee.continuousServiceDate }
        set { uniqueFields().pointee.continuousServiceDate = newValue }
    }

    // MARK: Hours
    /// H101 Contracted Weekly Hours.
    public var contractedWeeklyHours: Double? {
        get { storage.fields.pointee.contractedWeeklyHours }
        set { uniqueFields().pointee.contractedWeeklyHours = newValue }
    }
    /// H102 Full-Time Weekly Hours of the post's grade.
    public var fullTimeWeeklyHours: Double? {
        get { storage.fields.pointee.fullTimeWeeklyHours }
        set { uniqueFields().pointee.fullTimeWeeklyHours = newValue }
    }
    /// H103 Weeks per Year.
    public var weeksPerYear: Int? {
        get { storage.fields.pointee.weeksPerYear }
        set { uniqueFields().pointee.weeksPerYear = newValue }
    }
    /// H104 Full-Time Equivalent.
    public var fte: Double? {
        get { storage.fields.pointee.fte }
        set { uniqueFields().pointee.fte = newValue }
    }
    /// H105 Average Weekly Hours (zero-hours and bank work).
    public var averageWeeklyHours: Double? {
        get { storage.fields.pointee.averageWeeklyHours }
        set { uniqueFields().pointee.averageWeeklyHours = newValue }
    }
    /// H106 Zero-Hours Contract (harmonised.yes-no-unknown).
    public var zeroHoursContract: String? {
        get { storage.fields.pointee.zeroHoursContract }
        set { uniqueFields().pointee.zeroHoursContract = newValue }
    }

    // MARK: Pay
    /// S501 Pay Scale (harmonised.pay-scale).
    public var payScale: String? {
        get { storage.fields.pointee.payScale }
        set { uniqueFields().pointee.payScale = newValue }
    }
    /// S502 Spine Point (harmonised.spine-point).
    public var spinePoint: String? {
        get { storage.fields.pointee.spinePoint }
        set { uniqueFields().pointee.spinePoint = newValue }
    }
    /// S503 Regional Pay Spine (harmonised.pay-region).
    public var regionalPaySpine: String? {
        get { storage.fields.pointee.regionalPaySpine }
        set { uniqueFields().pointee.regionalPaySpine = newValue }
    }
    /// S504 Annual Basic Pay (FTE), in pounds.
    public var annualBasicPayFTE: Double? {
        get { storage.fields.pointee.annualBasicPayFTE }
        set { uniqueFields().pointee.annualBasicPayFTE = newValue }
    }
    /// S505 Safeguarded Salary.
    public var safeguardedSalary: Bool? {
        get { storage.fields.pointee.safeguardedSalary }
        set { uniqueFields().pointee.safeguardedSalary = newValue }
    }
    /// S506 Pay Basis (harmonised.pay-basis).
    public var payBasis: String? {
        get { storage.fields.pointee.payBasis }
        set { uniqueFields().pointee.payBasis = newValue }
    }
    /// S507 Hourly Rate, in pounds.
    public var hourlyRate: Double? {
        get { storage.fields.pointee.hourlyRate }
        set { uniqueFields().pointee.hourlyRate = newValue }
    }
    /// S508 Additional Payment Type and S509 Additional Payment Amount, pairwise.
    public var payItems: [PayItem] {
        get { storage.fields.pointee.payItems }
        set { uniqueFields().pointee.payItems = newValue }
    }
    /// S510 Salary Scheme (harmonised.salary-scheme).
    public var salaryScheme: String? {
        get { storage.fields.pointee.salaryScheme }
        set { uniqueFields().pointee.salaryScheme = newValue }
    }
    /// S511 Annual Basic Pay (Actual): pay for the hours and weeks worked.
    public var annualBasicPayActual: Double? {
        get { storage.fields.pointee.annualBasicPayActual }
        set { uniqueFields().pointee.annualBasicPayActual = newValue }
    }
    /// S512 Pay Review Date.
    public var payReviewDate: SimpleDate? {
        get { storage.fields.pointee.payReviewDate }
        set { uniqueFields().pointee.payReviewDate = newValue }
    }

    // MARK: Absence
    /// A101..A104: one entry per period of absence.
    public var absences: [Absence] {
        get { storage.fields.pointee.absences }
        set { uniqueFields().pointee.absences = newValue }
    }

    // MARK: Qualifications and registrations
    /// Q101 Qualification Type, Q102 Qualification Subject and Q103 Class of Degree, per qualification.
    public var qualifications: [Qualification] {
        get { storage.fields.pointee.qualifications }
        set { uniqueFields().pointee.qualifications = newValue }
    }
    /// Q104 Qualification Achieved and Q105 Year Achieved, per award (ASC-WDS awards).
    public var awards: [Award] {
        get { storage.fields.pointee.awards }
        set { uniqueFields().pointee.awards = newValue }
    }
    /// Q114 Training Category to Q118 Training Expiry Date, per training record (the ASC-WDS
    /// training file).
    public var trainings: [Training] {
        get { storage.fields.pointee.trainings }
        set { uniqueFields().pointee.trainings = newValue }
    }
    /// Q106 Highest Social Care Qualification Level (harmonised.qualification-level).
    public var highestSocialCareQualificationLevel: String? {
        get { storage.fields.pointee.highestSocialCareQualificationLevel }
        set { uniqueFields().pointee.highestSocialCareQualificationLevel = newValue }
    }
    /// Q107 Highest Other Qualification Level (harmonised.qualification-level).
    public var highestOtherQualificationLevel: String? {
        get { storage.fields.pointee.highestOtherQualificationLevel }
        set { uniqueFields().pointee.highestOtherQualificationLevel = newValue }
    }
    /// Q108 Qualifying Institution(s).
    public var qualifyingInstitutions: [String] {
        get { storage.fields.pointee.qualifyingInstitutions }
        set { uniqueFields().pointee.qualifyingInstitutions = newValue }
    }
    /// Q109 Care Certificate (harmonised.award-progress).
    public var careCertificate: String? {
        get { storage.fields.pointee.careCertificate }
        set { uniqueFields().pointee.careCertificate = newValue }
    }
    /// Q110 Level 2 Adult Social Care Certificate (harmonised.award-progress).
    public var level2AdultSocialCareCertificate: String? {
        get { storage.fields.pointee.level2AdultSocialCareCertificate }
        set { uniqueFields().pointee.level2AdultSocialCareCertificate = newValue }
    }
    /// Q111 Step Up to Social Work (harmonised.yes-no-unknown).
    public var stepUpToSocialWork: String? {
        get { storage.fields.pointee.stepUpToSocialWork }
        set { uniqueFields().pointee.stepUpToSocialWork = newValue }
    }
    /// Q112 Frontline Programme (harmonised.yes-no-unknown).
    public var frontlineProgramme: String? {
        get { storage.fields.pointee.frontlineProgramme }
        set { uniqueFields().pointee.frontlineProgramme = newValue }
    }
    /// Q113 Overseas Trained Teacher.
    public var overseasTrainedTeacher: Bool? {
        get { storage.fields.pointee.overseasTrainedTeacher }
        set { uniqueFields().pointee.overseasTrainedTeacher = newValue }
    }
    /// R101 Qualified Teacher Status.
    public var qualifiedTeacherStatus: Bool? {
        get { storage.fields.pointee.qualifiedTeacherStatus }
        set { uniqueFields().pointee.qualifiedTeacherStatus = newValue }
    }
    /// R102 QTS Route (harmonised.qts-route).
    public var qtsRoute: String? {
        get { storage.fields.pointee.qtsRoute }
        set { uniqueFields().pointee.qtsRoute = newValue }
    }
    /// R103 HLTA Status.
    public var hltaStatus: Bool? {
        get { storage.fields.pointee.hltaStatus }
        set { uniqueFields().pointee.hltaStatus = newValue }
    }
    /// R108 QTLS Status.
    public var qtlsStatus: Bool? {
        get { storage.fields.pointee.qtlsStatus }
        set { uniqueFields().pointee.qtlsStatus = newValue }
    }
    /// R109 Early Years Teacher Status.
    public var earlyYearsTeacherStatus: Bool? {
        get { storage.fields.pointee.earlyYearsTeacherStatus }
        set { uniqueFields().pointee.earlyYearsTeacherStatus = newValue }
    }
    /// R104 Social Work England Registration Number.
    public var socialWorkEnglandNumber: String? {
        get { storage.fields.pointee.socialWorkEnglandNumber }
        set { uniqueFields().pointee.socialWorkEnglandNumber = newValue }
    }
    /// R105 NMC Registration (harmonised.nmc-register).
    public var nmcRegistration: String? {
        get { storage.fields.pointee.nmcRegistration }
        set { uniqueFields().pointee.nmcRegistration = newValue }
    }
    /// R106 Approved Mental Health Professional (harmonised.yes-no-unknown).
    public var approvedMentalHealthProfessional: String? {
        get { storage.fields.pointee.approvedMentalHealthProfessional }
        set { uniqueFields().pointee.approvedMentalHealthProfessional = newValue }
    }
    /// R107 CFKSS Accreditation Status (harmonised.cfkss-status), one or more.
    public var cfkssStatus: [String] {
        get { storage.fields.pointee.cfkssStatus }
        set { uniqueFields().pointee.cfkssStatus = newValue }
    }

    // MARK: Vacancy
    /// V101..V104: set when the record is an unfilled post rather than a person in post.
    public var vacancy: Vacancy? {
        get { storage.fields.pointee.vacancy }
        set { uniqueFields().pointee.vacancy = newValue }
    }

    /// An empty record: every item not recorded.
    public init() { storage = .holding(PostRecordFields()) }

    /// A record of fields a reader has filled in place; the storage must not be shared.
    init(storage: PostRecordStorage) { self.storage = storage }

    /// Calls `body` with each record of `records` at `indices`, lent without a retain.
    ///
    /// Passing `records[i]` to a function copies it, and a copy retains the shared fields.
    /// When the pipeline's projections, each on its own thread, take the same records, those
    /// retains make the fields' reference count bounce between cores: a cache miss per record
    /// per projection. `records` keeps every record alive for the whole call, so none needs
    /// a reference of its own. `body` must not keep the record beyond its call.
    static func forEachLent(in records: [PostRecord], at indices: [Int], _ body: (borrowing PostRecord) -> Void) {
        // A record is its storage reference and nothing else, so the reference is read as a
        // plain pointer: reading it as a reference would retain it.
        precondition(MemoryLayout<PostRecord>.size == MemoryLayout<UnsafeRawPointer>.size)
        records.withUnsafeBytes { lent in
            for index in indices {
                let reference = lent.load(fromByteOffset: index * MemoryLayout<PostRecord>.stride, as: UnsafeRawPointer.self)
                Unmanaged<PostRecordStorage>.fromOpaque(reference)._withUnsafeGuaranteedRef { storage in
                    body(PostRecord(storage: storage))
                }
            }
        }
    }

    /// Changes the fields in place (unshared first): for changes of many fields at once.
    mutating func withFields<Result>(_ body: (inout PostRecordFields) -> Result) -> Result {
        body(&uniqueFields().pointee)
    }

    // Coded as the fields themselves, so the JSON has the same keys as the properties.
    /// Decodes the value from its Codable form.
    public init(from decoder: Decoder) throws { storage = .holding(try PostRecordFields(from: decoder)) }
    /// Encodes the value in its Codable form.
    public func encode(to encoder: Encoder) throws { try storage.fields.pointee.encode(to: encoder) }

    /// Whether the two records hold the same values, their line included.
    public static func == (lhs: PostRecord, rhs: PostRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields.pointee == rhs.storage.fields.pointee
    }

    /// The record's id for diagnostics: the post identifier, else the line.
    ///
    /// An identifier that cannot be a J103 Post Identifier (over 50 characters, or holding
    /// control characters) is not used: every diagnostic of the record repeats its id,
    /// so a hostile megabyte-long id would multiply the size of the diagnostics file.
    public var displayID: String { Self.displayID(postID: postID, line: line) }

    /// ``displayID`` of a record with this post identifier and line.
    static func displayID(postID: String?, line: Int) -> String {
        guard let postID, isUsableAsID(postID) else { return "line \(line)" }
        return postID
    }

    /// The longest identifier shown as a record's id (J103's length limit).
    static let longestDisplayedID = 50

    private static func isUsableAsID(_ id: String) -> Bool {
        let bytes = id.utf8
        // UTF-8 never has more scalars than bytes, so the byte count bounds the length cheaply:
        // only an id of more than 50 bytes needs its scalars counted.
        if bytes.count > longestDisplayedID * 4 { return false }
        if bytes.count > longestDisplayedID, id.unicodeScalars.count > longestDisplayedID { return false }
        return !(bytes.withContiguousStorageIfAvailable { $0.contains { $0 < 0x20 || $0 == 0x7F } } ?? bytes.contains { $0 < 0x20 || $0 == 0x7F })
    }

    /// The contract's last day: the earlier of C103 Contract End Date and C105 Leaving Date.
    var lastDay: SimpleDate? {
        // Compared directly: this runs for every record, and an array of the two would be
        // allocated each time.
        switch (contractEnd, leavingDate) {
        case let (end?, leaving?): return min(end, leaving)
        case let (end, leaving): return end ?? leaving
        }
    }

    /// Whether the contract is a service agreement (agency, LA or other source), not employment.
    public var isServiceAgreement: Bool {
        // A switch, not an array literal's `contains`: this runs for every record.
        switch contractType {
        case "SAG"?, "SLA"?, "SOT"?: return true
        default: return false
        }
    }
    /// Whether the person is supplied by an agency.
    public var isAgencyWorker: Bool { contractType == "SAG" }
}

/// An additional payment (S508, S509, S513, S514): allowances, overtime, responsibility payments.
public struct PayItem: Codable, Sendable, Equatable {
    /// S508 (harmonised.pay-item-type).
    public var type: String
    /// S509 annual amount in pounds.
    public var amount: Double?
    /// S513: the first day it is paid; nil when not held (paid throughout).
    public var startDate: SimpleDate?
    /// S514: the last day it is paid; nil while it goes on.
    public var endDate: SimpleDate?
    /// A pay item of `type` (S508).
    public init(type: String, amount: Double?, startDate: SimpleDate? = nil, endDate: SimpleDate? = nil) {
        self.type = type; self.amount = amount; self.startDate = startDate; self.endDate = endDate
    }
}

/// A period of absence (A101..A104).
public struct Absence: Codable, Sendable, Equatable {
    /// A101 (harmonised.absence-type).
    public var category: String
    /// A102 First Day of Absence.
    public var firstDay: SimpleDate?
    /// A103 Last Day of Absence.
    public var lastDay: SimpleDate?
    /// A104 Working Days Lost.
    public var workingDaysLost: Double?
    /// An absence of `category` (A101).
    public init(category: String, firstDay: SimpleDate?, lastDay: SimpleDate?, workingDaysLost: Double?) {
        self.category = category; self.firstDay = firstDay; self.lastDay = lastDay; self.workingDaysLost = workingDaysLost
    }
}

/// A qualification held (Q101..Q103).
public struct Qualification: Codable, Sendable, Equatable {
    /// Q101 Qualification Type.
    public var type: String
    /// Q102 Qualification Subject.
    public var subject: String?
    /// Q103 Class of Degree.
    public var degreeClass: String?
    /// A qualification of `type`.
    public init(type: String, subject: String?, degreeClass: String?) { self.type = type; self.subject = subject; self.degreeClass = degreeClass }
}

/// A social care award achieved (Q104, Q105).
public struct Award: Codable, Sendable, Equatable {
    /// Q104 Qualification Achieved.
    public var award: String
    /// Q105 Year Achieved.
    public var year: Int?
    /// An award achieved in `year`.
    public init(award: String, year: Int?) { self.award = award; self.year = year }
}

/// A piece of training completed (Q114..Q118): one entry of the training repeating group.
public struct Training: Codable, Sendable, Equatable {
    /// Q114 Training Category (harmonised.training-category).
    public var category: String
    /// Q115 Training Name.
    public var name: String?
    /// Q116 Training Accredited (harmonised.yes-no-unknown).
    public var accredited: String?
    /// Q117 Training Completed Date.
    public var completed: SimpleDate?
    /// Q118 Training Expiry Date.
    public var expires: SimpleDate?
    /// A training record of `category` (Q114).
    public init(category: String, name: String? = nil, accredited: String? = nil, completed: SimpleDate? = nil, expires: SimpleDate? = nil) {
        self.category = category; self.name = name; self.accredited = accredited; self.completed = completed; self.expires = expires
    }
}

/// An unfilled post (V101..V105).
public struct Vacancy: Codable, Sendable, Equatable {
    /// V101 (harmonised.role).
    public var role: String
    /// V102 (harmonised.working-pattern).
    public var workingPattern: String?
    /// V103, V104.
    public var temporarilyFilled: Bool?
    /// V104 Vacancy Advertised.
    public var advertised: Bool?
    /// V105.
    public var fte: Double?
    /// A vacancy for `role`.
    public init(role: String, workingPattern: String? = nil, temporarilyFilled: Bool? = nil, advertised: Bool? = nil, fte: Double? = nil) {
        self.role = role; self.workingPattern = workingPattern; self.temporarilyFilled = temporarilyFilled; self.advertised = advertised; self.fte = fte
    }
}

/// The stored fields of a ``PostRecord`` (see its properties for what each holds).
struct PostRecordFields: Codable, Sendable, Equatable {
    // The fields every projection's scope test reads come first, so that they share a few
    // cache lines: at a national run's size each record is read from memory, not the cache.
    var line: Int = 0
    var postID: String?
    var role: String?
    var vacancy: Vacancy?
    var contractType: String?
    var contractStart: SimpleDate?
    var contractEnd: SimpleDate?
    var workplaceStart: SimpleDate?
    var leavingDate: SimpleDate?
    var laNumber: String?
    var establishmentNumber: String?
    var workplaceID: String?
    var salaryScheme: String?
    var staffID: String?
    var niNumber: String?
    var teacherReferenceNumber: String?
    var familyName: String?
    var givenNames: [String] = []
    var formerFamilyNames: [String] = []
    var dateOfBirth: SimpleDate?
    var sex: String?
    var ethnicity: String?
    var disability: String?
    var nationality: String?
    var britishCitizenship: String?
    var countryOfBirth: String?
    var yearOfArrivalInUK: Int?
    var homePostcode: String?
    var healthAndCareVisa: String?
    var yearStartedInAdultSocialCare: Int?
    var laGSSCode: String?
    var ascwdsWorkplaceID: String?
    var cqcLocationID: String?
    var jobTitle: String?
    var delegatedHealthcareActivities: String?
    var careWorkforcePathway: String?
    var casesHeld: Int?
    var origin: String?
    var destination: String?
    var reasonForLeaving: String?
    var apprenticeship: String?
    var recruitedFromOutsideUK: String?
    var coveringVacancy: Bool?
    var continuousServiceDate: SimpleDate?
    var contractedWeeklyHours: Double?
    var fullTimeWeeklyHours: Double?
    var weeksPerYear: Int?
    var fte: Double?
    var averageWeeklyHours: Double?
    var zeroHoursContract: String?
    var payScale: String?
    var spinePoint: String?
    var regionalPaySpine: String?
    var annualBasicPayFTE: Double?
    var safeguardedSalary: Bool?
    var payBasis: String?
    var hourlyRate: Double?
    var payItems: [PayItem] = []
    var absences: [Absence] = []
    var qualifications: [Qualification] = []
    var awards: [Award] = []
    var trainings: [Training] = []
    var highestSocialCareQualificationLevel: String?
    var highestOtherQualificationLevel: String?
    var qualifyingInstitutions: [String] = []
    var careCertificate: String?
    var level2AdultSocialCareCertificate: String?
    var stepUpToSocialWork: String?
    var frontlineProgramme: String?
    var overseasTrainedTeacher: Bool?
    var qualifiedTeacherStatus: Bool?
    var qtsRoute: String?
    var hltaStatus: Bool?
    var socialWorkEnglandNumber: String?
    var nmcRegistration: String?
    var approvedMentalHealthProfessional: String?
    var cfkssStatus: [String] = []
    var seniorLeadershipTeam: Bool?
    var annualBasicPayActual: Double?
    var payReviewDate: SimpleDate?
    var qtlsStatus: Bool?
    var earlyYearsTeacherStatus: Bool?
}

/// The shared home of a record's fields, which sit in the object itself (its header, in
/// `ManagedBuffer`'s terms): one allocation per record, and the fields a projection reads
/// first share a cache line with the object's reference count. They are reached through a
/// pointer rather than a stored property so that reading one costs no run-time exclusivity
/// check; the record unshares the object before every change, so no two threads ever write
/// the same fields.
final class PostRecordStorage: ManagedBuffer<PostRecordFields, UInt8> {
    /// A new object holding `fields`.
    static func holding(_ fields: PostRecordFields) -> PostRecordStorage {
        unsafeDowncast(create(minimumCapacity: 0) { _ in fields }, to: PostRecordStorage.self)
    }

    /// The fields, valid while the object lives.
    var fields: UnsafeMutablePointer<PostRecordFields> {
        withUnsafeMutablePointerToHeader { $0 }
    }
}
