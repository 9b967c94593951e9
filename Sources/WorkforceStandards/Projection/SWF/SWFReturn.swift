/// The School Workforce Census message as DfE COLLECT reads it: the post-2013 message that real
/// generators write (Oracle E-Business Suite 2019, MyPortal 2026; the 2012 Aspen template for
/// the header and the school and LA modules). DfE's schema is not public, so the element names
/// and their order are those generators' (`Standards/collections/swf.csv` says which).

/// The header of a message (CBDS survey items 800001-800010 and the school items 200001-200002).
///
/// Every value is fixed or derived from the run's settings, so two runs over the same records
/// write the same bytes: there is no clock time and no serial number that counts runs.
public struct SWFHeader: Sendable, Equatable {
    /// `Collection` (800001): the collection's name, as every real generator writes it.
    public var collection = "School Workforce Census"
    /// `Year` (800003): the calendar year of the census.
    public var year: Int
    /// `ReferenceDate` (800004): census day.
    public var referenceDate: SimpleDate
    /// `SourceLevel` (800005, swf.source-level).
    public var sourceLevel: SWFSourceLevel
    /// `LEA` (200001): the authority's DfE number.
    public var lea: String?
    /// `Estab` (200002): the school's establishment number in a school message; nil in an LA message.
    public var estab: String?
    /// `SoftwareCode` (800006).
    public var softwareCode = "wds"
    /// `Release` (800008): the version of the standard's data that produced the file.
    public var release: String
    /// `SerialNo` (800007).
    public var serialNumber = 1
    /// `DateTime` (800010): the reference date at midnight, not the time of the run.
    public var dateTime: String
    /// `SchoolWorkforceModules`: which modules the message carries.
    public var modules: SWFModules

    /// A header for census `year`; `DateTime` is the reference date at midnight.
    public init(year: Int, referenceDate: SimpleDate, sourceLevel: SWFSourceLevel, lea: String?, estab: String?,
                release: String, modules: SWFModules) {
        self.year = year
        self.referenceDate = referenceDate
        self.sourceLevel = sourceLevel
        self.lea = lea
        self.estab = estab
        self.release = release
        self.modules = modules
        dateTime = referenceDate.midnightDateTime
    }
}

/// `SourceLevel` (800005): who sends the message.
public enum SWFSourceLevel: String, Sendable, Equatable {
    /// A school's return, for the staff who serve in it.
    case school = "S"
    /// The local authority's return, for its centrally employed staff.
    case localAuthority = "L"
}

/// `SchoolWorkforceModules`: the flags the 2012 template and MyPortal write after the header.
public struct SWFModules: Sendable, Equatable {
    /// `ContractOrService`: contracts and service agreements (always written).
    public var contractOrService: Bool
    /// `Absences`: absences in the academic year before census day (not collected in 2020).
    public var absences: Bool
    /// Curriculum data comes from the school timetable: never written.
    public var curriculums = false
    /// `Qualifications`: teachers' and support staff's qualifications (not collected in 2020).
    public var qualifications: Bool

    /// The flags of a message's modules; curriculum is never included.
    public init(contractOrService: Bool, absences: Bool, qualifications: Bool) {
        self.contractOrService = contractOrService
        self.absences = absences
        self.qualifications = qualifications
    }
}

/// The category of a member of staff, which decides the items returned for them (DfE's
/// categories as implemented by Oracle E-Business Suite and Aspen; research notes section 1.1).
/// A person with several contracts takes the lowest category of them.
public enum SWFStaffCategory: Int, Sendable, Comparable, CaseIterable {
    /// A teacher in regular service: a teacher post on a contract of employment.
    case teacher = 1
    /// A teacher on a service agreement (with the authority, an agency or another source).
    case agencyTeacher = 2
    /// A teaching assistant (post TAS).
    case teachingAssistant = 3
    /// Any other support staff (posts OSP, LNT, SBP, SUP; Aspen counts advisory teachers here too).
    case otherSupport = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The category of a contract with `post` and `contractType` (both SWF codes).
    public init(post: String, contractType: String) {
        // The codes are compared as three bytes in one integer: asked several times for every
        // post of a school return, where matching the `String` cases one by one cost hundreds
        // of instructions.
        switch Self.threeLetters(post) {
        case 0x54_41_53: self = .teachingAssistant                  // TAS
        case 0x53_55_50, 0x4F_53_50, 0x4C_4E_54, 0x53_42_50, 0x41_56_54:  // SUP, OSP, LNT, SBP, AVT
            self = .otherSupport
        default:
            switch Self.threeLetters(contractType) {
            case 0x53_4C_41, 0x53_41_47, 0x53_4F_54: self = .agencyTeacher  // SLA, SAG, SOT
            default: self = .teacher
            }
        }
    }

    /// A code of three ASCII bytes as one integer, the first byte highest ("TAS" is 0x544153);
    /// 0 for any other text (which matches no code).
    @inline(__always)
    private static func threeLetters(_ code: String) -> UInt32 {
        var packed: UInt32 = 0, count = 0
        for byte in code.utf8 {
            guard count < 3, byte < 0x80 else { return 0 }
            packed = packed << 8 | UInt32(byte)
            count += 1
        }
        return count == 3 ? packed : 0
    }

    /// Teachers and teaching assistants: absences, qualifications, QTS flags, additional
    /// payments and pay range are returned for them (categories 1-3).
    var isTeacherOrAssistant: Bool { self != .otherSupport }
}

/// One person in a message (`SchoolWorkforceMember`): their details once, every contract or
/// service agreement they hold in the return, their absences and qualifications.
public struct SWFStaffMember: Sendable, Equatable {
    /// `StaffDetails`: who the person is, once.
    public var staffDetails: SWFStaffDetails
    /// `ContractOrServiceGroup/ContractOrService`: every contract they hold in this message's return.
    public var contracts: [SWFContract]
    /// Absences in the academic year before census day.
    public var absences: [SWFAbsence]
    /// `Qualifications/Qualification`: their qualifications, each written once.
    public var qualifications: [SWFQualification]

    /// A member with the parts given.
    public init(staffDetails: SWFStaffDetails, contracts: [SWFContract], absences: [SWFAbsence], qualifications: [SWFQualification]) {
        self.staffDetails = staffDetails
        self.contracts = contracts
        self.absences = absences
        self.qualifications = qualifications
    }

    /// The person's category: the lowest of their contracts'.
    public var category: SWFStaffCategory { contracts.map(\.category).min() ?? .otherSupport }
}

/// `StaffDetails`; codes are SWF codes, already translated.
public struct SWFStaffDetails: Sendable, Equatable {
    /// `TeacherNumber` (400014).
    public var teacherNumber: String?
    /// `StaffMemberName/PersonFamilyName` (400001).
    public var familyName: String
    /// `StaffMemberName/GivenNames/GivenName/PersonGivenName` (400002), one per name.
    public var givenNames: [String]
    /// `FormerFamilyNames/PersonFamilyName` (400010).
    public var formerFamilyNames: [String]
    /// `NINumber` (400013).
    public var niNumber: String
    /// The element the sex is written in: `GenderCurrent` (400008, to 2022) or `Sex` (from 2023).
    public var sexElement: String
    /// The code for ``sexElement``.
    public var sex: String
    /// `PersonBirthDate` (400007).
    public var birthDate: SimpleDate
    /// `Ethnicity` (400021).
    public var ethnicity: String?
    /// `Disability` (400320).
    public var disability: String?
    /// `QTS`, `QTLS`, `EYTS`: the teacher statuses of the post-2013 message.
    public var qts: Bool?
    /// `QTLS`: qualified teacher learning and skills status.
    public var qtls: Bool?
    /// `EYTS`: early years teacher status.
    public var eyts: Bool?
    /// `HLTAStatus` (400051).
    public var hltaStatus: Bool?
    /// `QTSRoute` (400338).
    public var qtsRoute: String?
    /// `SLT`: on the senior leadership team (from the 2023 census).
    public var seniorLeadershipTeam: Bool?

    /// Details with the items every member has; the optional ones are set afterwards.
    public init(familyName: String, givenNames: [String], niNumber: String, sexElement: String, sex: String, birthDate: SimpleDate) {
        self.familyName = familyName
        self.givenNames = givenNames
        self.formerFamilyNames = []
        self.niNumber = niNumber
        self.sexElement = sexElement
        self.sex = sex
        self.birthDate = birthDate
    }
}

/// `ContractOrService`: a contract of employment or a service agreement, with its post, pay,
/// hours and roles (`PostLevelDetails`, then `Roles`).
public struct SWFContract: Sendable, Equatable {
    /// `LASchoolLevel` (400117): whether the contract is returned for a school or the authority.
    public enum Level: String, Sendable, Equatable {
        /// The person serves in a school (an establishment number is held).
        case school = "S"
        /// The person is employed centrally by the authority.
        case localAuthority = "L"
    }

    /// `ContractType` (400090).
    public var contractType: String
    /// `ContractStart` (400091).
    public var start: SimpleDate
    /// `ContractEnd` (400092).
    public var end: SimpleDate?
    /// `Post` (400322).
    public var post: String
    /// `SchoolArrivalDate` (400094).
    public var schoolArrivalDate: SimpleDate?
    /// `DailyRate` (400139): paid at a daily rate.
    public var dailyRate: Bool
    /// `DestinationCode` (400097): where a leaver went.
    public var destination: String?
    /// `Origin` (400334).
    public var origin: String?
    /// `PayReviewDate`: the last pay review (teachers).
    public var payReviewDate: SimpleDate?
    /// `PostLevelDetails`: the pay and hours of the post.
    public var level: Level
    /// `PostLevelDetails/Payments/PayRange`.
    public var payRange: String?
    /// `PostLevelDetails/Payments/BasePay`: the actual annual pay for the hours and weeks
    /// worked, excluding additional payments.
    public var basePay: Double?
    /// `PostLevelDetails/Payments/SafeguardedSalary` (400138).
    public var safeguardedSalary: Bool?
    /// `PostLevelDetails/AdditionalPayments/AdditionalPayment`: the payments of the 12 months
    /// to census day.
    public var payments: [SWFPayment]
    /// `PostLevelDetails/Hours/HoursPerWeek` (400099).
    public var hoursPerWeek: Double?
    /// `PostLevelDetails/Hours/FTEHours` (400100).
    public var fteHours: Double?
    /// `PostLevelDetails/Hours/WeeksPerYear` (400101).
    public var weeksPerYear: Int?
    /// `Roles/Role/RoleIdentifier` (400323), one or more.
    public var roleIdentifiers: [String]

    /// A contract with the items every contract has; the optional ones are set afterwards.
    public init(contractType: String, start: SimpleDate, post: String, level: Level, roleIdentifiers: [String]) {
        self.contractType = contractType
        self.start = start
        self.post = post
        self.dailyRate = false
        self.level = level
        self.roleIdentifiers = roleIdentifiers
        self.payments = []
    }

    /// The contract's category (the person takes the lowest of their contracts').
    public var category: SWFStaffCategory { SWFStaffCategory(post: post, contractType: contractType) }
}

/// `AdditionalPayment`: `PaymentType` (400142), `PaymentAmount` (400143), and for a TLR3
/// payment its dates (`PayStartDate`, `PayEndDate`; rule 4833).
public struct SWFPayment: Sendable, Equatable {
    /// `PaymentType` (400142), an SWF code.
    public var type: String
    /// Annual full-time equivalent amount in pounds.
    public var amount: Double
    /// `PayStartDate`: when a TLR3 payment began.
    public var startDate: SimpleDate?
    /// `PayEndDate`: when a TLR3 payment ends.
    public var endDate: SimpleDate?
    /// A payment; the dates only for TLR3.
    public init(type: String, amount: Double, startDate: SimpleDate? = nil, endDate: SimpleDate? = nil) {
        self.type = type; self.amount = amount; self.startDate = startDate; self.endDate = endDate
    }
}

/// `Absence`.
public struct SWFAbsence: Sendable, Equatable {
    /// `FirstDayOfAbsence` (400200).
    public var firstDay: SimpleDate
    /// `LastDayOfAbsence` (400203).
    public var lastDay: SimpleDate?
    /// `WorkingDaysLost` (400202).
    public var workingDaysLost: Double?
    /// `AbsenceCategory` (400205).
    public var category: String
    /// An absence as the message holds it.
    public init(firstDay: SimpleDate, lastDay: SimpleDate?, workingDaysLost: Double?, category: String) {
        self.firstDay = firstDay; self.lastDay = lastDay; self.workingDaysLost = workingDaysLost; self.category = category
    }
}

/// `Qualification`.
public struct SWFQualification: Sendable, Equatable {
    /// `QualificationCode` (400223).
    public var code: String
    /// `ClassOfDegree` (400224).
    public var classOfDegree: String?
    /// `Subjects/QualificationSubject` (400335, 400336): one or two.
    public var subjects: [String]
    /// A qualification as the message holds it.
    public init(code: String, classOfDegree: String? = nil, subjects: [String]) {
        self.code = code; self.classOfDegree = classOfDegree; self.subjects = subjects
    }
}

/// `School/Vacancies/Vacancy`: a teacher post vacant in the school on census day.
public struct SWFVacancy: Sendable, Equatable {
    /// `VacancyPost` (200628): a post marked as valid for vacancies.
    public var post: String
    /// `Tenure` (200323): full or part time.
    public var tenure: String?
    /// `VacancyTemporarilyFilled` (200324).
    public var temporarilyFilled: Bool?
    /// `VacancyAdvertised` (200325).
    public var advertised: Bool?
    /// A vacancy as the message holds it.
    public init(post: String, tenure: String?, temporarilyFilled: Bool?, advertised: Bool?) {
        self.post = post; self.tenure = tenure; self.temporarilyFilled = temporarilyFilled; self.advertised = advertised
    }
}

/// The school-level module (`School`): vacancies, occasional teachers and third-party
/// support staff on census day.
public struct SWFSchoolModule: Sendable, Equatable {
    /// `Vacancies/Vacancy`: the school's teacher vacancies on census day.
    public var vacancies: [SWFVacancy] = []
    /// `Occasionals`: teachers in the school on census day on contracts of under 28 days, by
    /// whether they hold QTS (or QTLS or EYTS), do not, or it is not known.
    public var occasionalsQTS = 0
    /// Occasional teachers without QTS, QTLS or EYTS.
    public var occasionalsNotQTS = 0
    /// Occasional teachers whose status is not known.
    public var occasionalsNotKnown = 0
    /// `AgencyTPsupport/AgencyTPsupportCount`: support staff headcount by category
    /// (`swf.agency-tp-support-category`), in code order when written.
    public var supportHeadcount: [String: Int] = [:]
    /// An empty module: nothing counted yet.
    public init() {}

    /// Whether there is anything to write beyond the school's identity.
    var hasStaffInformation: Bool { occasionalsQTS + occasionalsNotQTS + occasionalsNotKnown > 0 || !supportHeadcount.isEmpty }
}

/// The LA-level module (`LA/EducationalPsychologists`): the authority's educational
/// psychologists in regular service on census day.
public struct SWFLAModule: Sendable, Equatable {
    /// `EdPsychsFT` (300026): full-time headcount.
    public var fullTime = 0
    /// `EdPsychsPT` (300027): part-time headcount.
    public var partTime = 0
    /// `EdPsychsFTE` (300028): the full-time equivalent of the part-time ones.
    public var partTimeFTE = 0.0
    /// An empty module: nothing counted yet.
    public init() {}
}

/// One line of `swf/index.csv`: a message and what it holds.
public struct SWFMessageSummary: Sendable, Equatable {
    /// The message's path in the output folder (`swf/999-4017.xml`).
    public var file: String
    /// Whether a school sends it, or the authority for its centrally employed staff.
    public var level: SWFSourceLevel
    /// The authority's three-digit LA number.
    public var lea: String
    /// The school's establishment number (nil in the authority's message).
    public var estab: String?
    /// The school's name, from the organisation data.
    public var name: String?
    /// How many people the message returns.
    public var members: Int
    /// How many contracts those people hold in it.
    public var contracts: Int
    /// How many of the contracts ended before census day (leavers in the window).
    public var leavers: Int
    /// How many teacher vacancies the school module has.
    public var vacancies: Int
    /// How many occasional teachers the school module counts.
    public var occasionalTeachers: Int
    /// How many third-party support staff the school module counts.
    public var supportHeadcount: Int
    /// In an LA message: its educational psychologists' headcount.
    public var educationalPsychologists: Int?

    static let columns = ["file", "source_level", "la_number", "establishment_number", "organisation_name", "members", "contracts", "leavers",
                          "vacancies", "occasional_teachers", "third_party_support_headcount", "educational_psychologists"]

    static func csv(_ summaries: [SWFMessageSummary]) -> String {
        var lines = [SafeCSV.line(columns)]
        for summary in summaries {
            lines.append(SafeCSV.line([String(summary.file.dropFirst("swf/".count)), summary.level.rawValue, summary.lea, summary.estab ?? "", summary.name ?? "",
                                         String(summary.members), String(summary.contracts), String(summary.leavers), String(summary.vacancies),
                                         String(summary.occasionalTeachers), String(summary.supportHeadcount),
                                         summary.educationalPsychologists.map(String.init) ?? ""]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
