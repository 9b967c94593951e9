/// One line of the ASC-WDS worker bulk-upload file: the 44 fixed columns, in the order of
/// Skills for Care's `workerHeaders.js`, as values already in the collection's own codes.
///
/// The row is the structure the ASC-WDS projection maps a ``PostRecord`` to
/// (``ASCWDSWorkerRow/build(from:settings:)``); ``cells`` renders it, and only
/// ``ASCWDSProjection`` turns cells into CSV text (through ``SafeCSV``). Optional columns that
/// the record does not answer are `nil` and written empty.
///
/// The optional column CHGUNIQUEWRKID is written by ``ASCWDSProjection`` only when it has a
/// previous upload (it then always writes the column, so the header does not depend on the data);
/// TRANSFERSTAFFRECORD is never written (a worker who moved workplace is written NEW at the new
/// one and DELETE at the old, with a query). The optional QUALACH04..QUALACH99 pairs are
/// never written either, so that the header does not depend on the data and the file can be
/// written one record at a time; a record with more than three awards gets a query.
public struct ASCWDSWorkerRow: Sendable, Equatable {
    /// STATUS: what ASC-WDS does with the record.
    public enum Status: String, Sendable, CaseIterable {
        /// NEW, UPDATE, DELETE, NOCHANGE or UNCHECKED, as the bulk upload writes them.
        case new = "NEW", update = "UPDATE", delete = "DELETE", noChange = "NOCHANGE", unchecked = "UNCHECKED"
    }

    /// A number of hours or days that may instead be "don't know" (999).
    public enum Amount: Sendable, Equatable {
        /// A value in steps of 0.5.
        case value(Double)
        /// Written 999.
        case notKnown
    }

    /// SCQUAL or NONSCQUAL: the indicator (1 yes, 2 no, 999 don't know) and, after 1, the level.
    public struct QualificationHeld: Sendable, Equatable {
        /// 1, 2 or 999.
        public var indicator: String
        /// The `ascwds.qualification-level` code after `1;`.
        public var level: String?
        /// A SCQUAL or NONSCQUAL answer.
        public init(indicator: String, level: String? = nil) { self.indicator = indicator; self.level = level }
    }

    /// QUALACHnn: a qualification code and the year it was achieved, when known.
    public struct AchievedQualification: Sendable, Equatable {
        /// The `ascwds.qualification` code.
        public var code: String
        /// Q105 Year Achieved, when known and within the validator's range.
        public var year: Int?
        /// A QUALACHnn answer.
        public init(code: String, year: Int?) { self.code = code; self.year = year }
    }

    /// The fixed columns of the worker file, in order (`worker_columns.csv` positions 1 to 44).
    public static let header = [
        "LOCALESTID", "UNIQUEWORKERID", "STATUS", "DISPLAYID", "NINUMBER", "POSTCODE", "DOB", "GENDER", "ETHNICITY",
        "NATIONALITY", "BRITISHCITIZENSHIP", "COUNTRYOFBIRTH", "YEAROFENTRY", "DISABLED", "CARECERT", "L2CARECERT",
        "RECSOURCE", "HANDCVISA", "INOUTUK", "STARTDATE", "STARTINSECT", "DHA", "APPRENTICE", "EMPLSTATUS", "ZEROHRCONT",
        "DAYSSICK", "SALARYINT", "SALARY", "HOURLYRATE", "MAINJOBROLE", "MAINJRDESC", "CONTHOURS", "AVGHOURS", "NMCREG",
        "AMHP", "SCQUAL", "NONSCQUAL", "CWPCATEGORY", "QUALACH01", "QUALACH01NOTES", "QUALACH02", "QUALACH02NOTES",
        "QUALACH03", "QUALACH03NOTES",
    ]

    /// How many QUALACHnn pairs the fixed header holds.
    public static let qualificationColumns = 3

    /// LOCALESTID: L101 Workplace Identifier without white space.
    public var localEstablishmentID: String
    /// UNIQUEWORKERID: P103 Staff Identifier.
    public var uniqueWorkerID: String
    /// STATUS: NEW for a worker ASC-WDS does not hold; the projection sets UPDATE or NOCHANGE
    /// against a previous upload.
    public var status: Status = .new
    /// DISPLAYID: the staff identifier, not the name (data minimisation).
    public var displayID: String
    /// NINUMBER: P102 National Insurance Number.
    public var niNumber: String?
    /// POSTCODE: P115 Home Postcode.
    public var postcode: String?
    /// DOB: P107 Date of Birth.
    public var dateOfBirth: SimpleDate?
    /// GENDER (`ascwds.gender`).
    public var gender: String?
    /// ETHNICITY (`ascwds.ethnicity`).
    public var ethnicity: String?
    /// NATIONALITY (`ascwds.nationality`).
    public var nationality: String?
    /// BRITISHCITIZENSHIP, only when the nationality is not British.
    public var britishCitizenship: String?
    /// COUNTRYOFBIRTH (`ascwds.country`).
    public var countryOfBirth: String?
    /// YEAROFENTRY, only for people born outside the UK.
    public var yearOfEntry: Int?
    /// DISABLED (`ascwds.disabled`).
    public var disabled: String?
    /// CARECERT (`ascwds.carecert`).
    public var careCertificate: String?
    /// L2CARECERT (`ascwds.l2carecert`), written without a year.
    public var level2CareCertificate: String?
    /// RECSOURCE (`ascwds.recruitment-source`).
    public var recruitmentSource: String?
    /// HANDCVISA, only for people who are not British and hold no British citizenship.
    public var healthAndCareVisa: String?
    /// INOUTUK, only for holders of a Health and Care Worker visa.
    public var employedFromOutsideUK: String?
    /// STARTDATE: C104 Workplace Start Date.
    public var startDate: SimpleDate?
    /// STARTINSECT: a year, or nil for 999 (don't know).
    public var yearStartedInSector: Int?
    /// DHA, only for job roles that can carry out delegated healthcare activities.
    public var delegatedHealthcareActivities: String?
    /// APPRENTICE (`ascwds.apprentice`).
    public var apprentice: String?
    /// EMPLSTATUS (`ascwds.employment-status`), mandatory.
    public var employmentStatus: String
    /// ZEROHRCONT (`ascwds.zerohrcont`).
    public var zeroHoursContract: String?
    /// DAYSSICK: X104 Sickness Absence Days in Year.
    public var daysSick: Amount?
    /// SALARYINT (`ascwds.salary-interval`).
    public var salaryInterval: String?
    /// SALARY, whole pounds.
    public var salary: Int?
    /// HOURLYRATE, in pence (written with two decimal places).
    public var hourlyRatePence: Int?
    /// MAINJOBROLE (`ascwds.job-role`), mandatory.
    public var mainJobRole: String
    /// MAINJRDESC, only for MAINJOBROLE 23 and 27.
    public var mainJobRoleDescription: String?
    /// CONTHOURS, only for EMPLSTATUS 1 and 2 without a zero-hours contract.
    public var contractedHours: Amount?
    /// AVGHOURS, for EMPLSTATUS 3, 4 and 7 and zero-hours contracts.
    public var averageHours: Amount?
    /// NMCREG, only for MAINJOBROLE 16.
    public var nmcRegistration: String?
    /// AMHP, only for MAINJOBROLE 6.
    public var amhp: String?
    /// SCQUAL: from Q106 Highest Social Care Qualification Level.
    public var socialCareQualification: QualificationHeld?
    /// NONSCQUAL: from Q107 Highest Other Qualification Level.
    public var nonSocialCareQualification: QualificationHeld?
    /// CWPCATEGORY (`ascwds.cwp-role-category`).
    public var careWorkforcePathway: String?
    /// At most ``qualificationColumns`` entries.
    public var qualifications: [AchievedQualification] = []

    /// A row with the mandatory columns; every optional column empty.
    public init(localEstablishmentID: String, uniqueWorkerID: String, displayID: String, employmentStatus: String, mainJobRole: String) {
        self.localEstablishmentID = localEstablishmentID
        self.uniqueWorkerID = uniqueWorkerID
        self.displayID = displayID
        self.employmentStatus = employmentStatus
        self.mainJobRole = mainJobRole
    }

    /// Rounds to the nearest half (hours and days are written in steps of 0.5).
    static func half(_ value: Double) -> Double { (value * 2).rounded() / 2 }
}
