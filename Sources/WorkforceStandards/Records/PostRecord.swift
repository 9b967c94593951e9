/// One post and the person holding it, in harmonised items: the unit every projection reads.
///
/// Each property names the harmonised item it holds (see `wds item REF`). Codes are codes of
/// the item's harmonised domain (`harmonised.sex`, `harmonised.role` ...). A record whose
/// ``vacancy`` is set describes an unfilled post and carries no person.
public struct PostRecord: Codable, Sendable, Equatable {
    /// The 1-based line of the record in its input (0 when built in code).
    public var line = 0

    // MARK: Person
    /// P103 Staff Identifier: the employer's own id for the person.
    public var staffID: String?
    /// P101 Teacher Reference Number (7 digits).
    public var teacherReferenceNumber: String?
    /// P102 National Insurance Number.
    public var niNumber: String?
    /// P104 Family Name.
    public var familyName: String?
    /// P105 Given Names, in order.
    public var givenNames: [String] = []
    /// P106 Former Family Names.
    public var formerFamilyNames: [String] = []
    /// P107 Date of Birth.
    public var dateOfBirth: SimpleDate?
    /// P108 Sex (harmonised.sex).
    public var sex: String?
    /// P109 Ethnicity (harmonised.ethnicity).
    public var ethnicity: String?
    /// P110 Disability (harmonised.disability).
    public var disability: String?
    /// P111 Nationality (harmonised.nationality).
    public var nationality: String?
    /// P112 British Citizenship (harmonised.yes-no-unknown).
    public var britishCitizenship: String?
    /// P113 Country of Birth (harmonised.country).
    public var countryOfBirth: String?
    /// P114 Year of Arrival in the UK.
    public var yearOfArrivalInUK: Int?
    /// P115 Home Postcode.
    public var homePostcode: String?
    /// P116 Health and Care Worker Visa (harmonised.yes-no-unknown).
    public var healthAndCareVisa: String?
    /// P117 Year Started in Adult Social Care.
    public var yearStartedInAdultSocialCare: Int?

    // MARK: Organisation and location
    /// O101 Local Authority Number (3 digits, DfE).
    public var laNumber: String?
    /// O102 Establishment Number (4 digits, DfE; empty for centrally employed staff).
    public var establishmentNumber: String?
    /// O103 Local Authority GSS Code.
    public var laGSSCode: String?
    /// O104 ASC-WDS Workplace ID.
    public var ascwdsWorkplaceID: String?
    /// L101 Workplace Identifier (the employer's own workplace key, ASC-WDS LOCALESTID).
    public var workplaceID: String?
    /// L102 CQC Location ID.
    public var cqcLocationID: String?

    // MARK: Post
    /// J101 Job Role (harmonised.role).
    public var role: String?
    /// J102 Job Title as held in the HR system.
    public var jobTitle: String?
    /// J103 Post Identifier: unique per record; the record's id in every diagnostic.
    public var postID: String?
    /// J104 Delegated Healthcare Activities (harmonised.yes-no-unknown).
    public var delegatedHealthcareActivities: String?
    /// J105 Care Workforce Pathway Category (harmonised.care-workforce-pathway).
    public var careWorkforcePathway: String?
    /// J106 Cases Held on the reference date.
    public var casesHeld: Int?

    // MARK: Contract or service agreement
    /// C101 Contract Type (harmonised.contract-type); SAG/SLA/SOT are service agreements.
    public var contractType: String?
    /// C102 Contract Start Date.
    public var contractStart: SimpleDate?
    /// C103 Contract End Date.
    public var contractEnd: SimpleDate?
    /// C104 Workplace Start Date.
    public var workplaceStart: SimpleDate?
    /// C105 Leaving Date.
    public var leavingDate: SimpleDate?
    /// C106 Origin (harmonised.origin).
    public var origin: String?
    /// C107 Destination (harmonised.destination).
    public var destination: String?
    /// C108 Reason for Leaving (harmonised.reason-for-leaving).
    public var reasonForLeaving: String?
    /// C109 Apprenticeship (harmonised.yes-no-unknown).
    public var apprenticeship: String?
    /// C110 Recruited from Outside the UK (harmonised.yes-no-unknown).
    public var recruitedFromOutsideUK: String?
    /// C111 Covering a Vacancy.
    public var coveringVacancy: Bool?
    /// C112 Continuous Service Date.
    public var continuousServiceDate: SimpleDate?

    // MARK: Hours
    /// H101 Contracted Weekly Hours.
    public var contractedWeeklyHours: Double?
    /// H102 Full-Time Weekly Hours of the post's grade.
    public var fullTimeWeeklyHours: Double?
    /// H103 Weeks per Year.
    public var weeksPerYear: Int?
    /// H104 Full-Time Equivalent.
    public var fte: Double?
    /// H105 Average Weekly Hours (zero-hours and bank work).
    public var averageWeeklyHours: Double?
    /// H106 Zero-Hours Contract (harmonised.yes-no-unknown).
    public var zeroHoursContract: String?

    // MARK: Pay
    /// S501 Pay Scale (harmonised.pay-scale).
    public var payScale: String?
    /// S502 Spine Point (harmonised.spine-point).
    public var spinePoint: String?
    /// S503 Regional Pay Spine (harmonised.pay-region).
    public var regionalPaySpine: String?
    /// S504 Annual Basic Pay (FTE), in pounds.
    public var annualBasicPayFTE: Double?
    /// S505 Safeguarded Salary.
    public var safeguardedSalary: Bool?
    /// S506 Pay Basis (harmonised.pay-basis).
    public var payBasis: String?
    /// S507 Hourly Rate, in pounds.
    public var hourlyRate: Double?
    /// S508 Additional Payment Type and S509 Additional Payment Amount, pairwise.
    public var payItems: [PayItem] = []
    /// S510 Salary Scheme (harmonised.salary-scheme).
    public var salaryScheme: String?

    // MARK: Absence
    /// A101..A104: one entry per period of absence.
    public var absences: [Absence] = []

    // MARK: Qualifications and registrations
    /// Q101 Qualification Type, Q102 Qualification Subject and Q103 Class of Degree, per qualification.
    public var qualifications: [Qualification] = []
    /// Q104 Qualification Achieved and Q105 Year Achieved, per award (ASC-WDS awards).
    public var awards: [Award] = []
    /// Q106 Highest Social Care Qualification Level (harmonised.qualification-level).
    public var highestSocialCareQualificationLevel: String?
    /// Q107 Highest Other Qualification Level (harmonised.qualification-level).
    public var highestOtherQualificationLevel: String?
    /// Q108 Qualifying Institution(s).
    public var qualifyingInstitutions: [String] = []
    /// Q109 Care Certificate (harmonised.award-progress).
    public var careCertificate: String?
    /// Q110 Level 2 Adult Social Care Certificate (harmonised.award-progress).
    public var level2AdultSocialCareCertificate: String?
    /// Q111 Step Up to Social Work (harmonised.yes-no-unknown).
    public var stepUpToSocialWork: String?
    /// Q112 Frontline Programme (harmonised.yes-no-unknown).
    public var frontlineProgramme: String?
    /// Q113 Overseas Trained Teacher.
    public var overseasTrainedTeacher: Bool?
    /// R101 Qualified Teacher Status.
    public var qualifiedTeacherStatus: Bool?
    /// R102 QTS Route (harmonised.qts-route).
    public var qtsRoute: String?
    /// R103 HLTA Status.
    public var hltaStatus: Bool?
    /// R104 Social Work England Registration Number.
    public var socialWorkEnglandNumber: String?
    /// R105 NMC Registration (harmonised.nmc-register).
    public var nmcRegistration: String?
    /// R106 Approved Mental Health Professional (harmonised.yes-no-unknown).
    public var approvedMentalHealthProfessional: String?
    /// R107 CFKSS Accreditation Status (harmonised.cfkss-status), one or more.
    public var cfkssStatus: [String] = []

    // MARK: Vacancy
    /// V101..V104: set when the record is an unfilled post rather than a person in post.
    public var vacancy: Vacancy?

    public init() {}

    /// The record's id for diagnostics: the post identifier, else the line.
    ///
    /// An identifier that cannot be a J103 Post Identifier (over 50 characters, or holding
    /// control characters) is not used: every diagnostic of the record repeats its id,
    /// so a hostile megabyte-long id would multiply the size of the diagnostics file.
    public var displayID: String {
        guard let postID, Self.isUsableAsID(postID) else { return "line \(line)" }
        return postID
    }

    /// The longest identifier shown as a record's id (J103's length limit).
    static let longestDisplayedID = 50

    private static func isUsableAsID(_ id: String) -> Bool {
        let bytes = id.utf8
        // UTF-8 never has more scalars than bytes, so the byte count bounds the length cheaply.
        if bytes.count > longestDisplayedID * 4 { return false }
        if id.unicodeScalars.count > longestDisplayedID { return false }
        return !bytes.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Whether the contract is a service agreement (agency, LA or other source), not employment.
    public var isServiceAgreement: Bool { ["SAG", "SLA", "SOT"].contains(contractType ?? "") }
    /// Whether the person is supplied by an agency.
    public var isAgencyWorker: Bool { contractType == "SAG" }
}

/// An additional payment (S508, S509): allowances, overtime, responsibility payments.
public struct PayItem: Codable, Sendable, Equatable {
    /// S508 (harmonised.pay-item-type).
    public var type: String
    /// S509 annual amount in pounds.
    public var amount: Double?
    public init(type: String, amount: Double?) { self.type = type; self.amount = amount }
}

/// A period of absence (A101..A104).
public struct Absence: Codable, Sendable, Equatable {
    /// A101 (harmonised.absence-type).
    public var category: String
    public var firstDay: SimpleDate?
    public var lastDay: SimpleDate?
    public var workingDaysLost: Double?
    public init(category: String, firstDay: SimpleDate?, lastDay: SimpleDate?, workingDaysLost: Double?) {
        self.category = category; self.firstDay = firstDay; self.lastDay = lastDay; self.workingDaysLost = workingDaysLost
    }
}

/// A qualification held (Q101..Q103).
public struct Qualification: Codable, Sendable, Equatable {
    public var type: String
    public var subject: String?
    public var degreeClass: String?
    public init(type: String, subject: String?, degreeClass: String?) { self.type = type; self.subject = subject; self.degreeClass = degreeClass }
}

/// A social care award achieved (Q104, Q105).
public struct Award: Codable, Sendable, Equatable {
    public var award: String
    public var year: Int?
    public init(award: String, year: Int?) { self.award = award; self.year = year }
}

/// An unfilled post (V101..V105).
public struct Vacancy: Codable, Sendable, Equatable {
    /// V101 (harmonised.role).
    public var role: String
    /// V102 (harmonised.working-pattern).
    public var workingPattern: String?
    /// V103, V104.
    public var temporarilyFilled: Bool?
    public var advertised: Bool?
    /// V105.
    public var fte: Double?
    public init(role: String, workingPattern: String? = nil, temporarilyFilled: Bool? = nil, advertised: Bool? = nil, fte: Double? = nil) {
        self.role = role; self.workingPattern = workingPattern; self.temporarilyFilled = temporarilyFilled; self.advertised = advertised; self.fte = fte
    }
}
