/// The header of a School Workforce Census message (CBDS survey items 800001-800011 and the
/// school items 200001-200002).
///
/// Every value is fixed or derived from the run's settings, so two runs over the same records
/// write the same bytes: there is no clock time and no serial number that counts runs.
public struct SWFHeader: Sendable, Equatable {
    /// `Collection` (800001).
    public var collection = "SWF"
    /// `Year` (800003): the calendar year of the census.
    public var year: Int
    /// `ReferenceDate` (800004): census day.
    public var referenceDate: SimpleDate
    /// `SourceLevel` (800005, swf.source-level): `L` for a local authority return.
    public var sourceLevel = "L"
    /// `LEA` (200001): the authority's DfE number; nil when no record was in scope.
    public var lea: String?
    /// `Estab` (200002): set only for a return from one school; an LA return leaves it out.
    public var estab: String?
    /// `SoftwareCode` (800006).
    public var softwareCode = "wds"
    /// `Release` (800008): the version of the standard's data that produced the file.
    public var release: String
    /// `SerialNo` (800007).
    public var serialNumber = 1
    /// `DateTime` (800010): the reference date at midnight, not the time of the run.
    public var dateTime: String
    /// `CBDSLevel` (800011, swf.cbds-level): the CBDS levels present.
    public var cbdsLevels = ["Workforce"]

    public init(year: Int, referenceDate: SimpleDate, lea: String?, release: String) {
        self.year = year
        self.referenceDate = referenceDate
        self.lea = lea
        self.release = release
        dateTime = referenceDate.midnightDateTime
    }
}

/// One member of the school workforce with one contract or service agreement (CBDS module
/// "School Workforce": Staff Details, Contract or Service, Absence, Qualification).
///
/// A member is built from one post record, so a person holding two posts in scope is two
/// members: grouping posts by person would need the whole input in memory or sorted.
public struct SWFStaffMember: Sendable, Equatable {
    public var staffDetails: SWFStaffDetails
    /// The contract or service agreement live on census day.
    public var contracts: [SWFContract]
    /// Absences in the academic year before census day.
    public var absences: [SWFAbsence]
    public var qualifications: [SWFQualification]

    public init(staffDetails: SWFStaffDetails, contracts: [SWFContract], absences: [SWFAbsence], qualifications: [SWFQualification]) {
        self.staffDetails = staffDetails
        self.contracts = contracts
        self.absences = absences
        self.qualifications = qualifications
    }
}

/// CBDS module Staff Details; codes are SWF codes, already translated.
public struct SWFStaffDetails: Sendable, Equatable {
    /// `TeacherNumber` (400014).
    public var teacherNumber: String?
    /// `PersonFamilyName` (400001).
    public var familyName: String
    /// `PersonGivenName` (400002), one element per name.
    public var givenNames: [String]
    /// Former family names (400010, tag `PersonFamilyName`), written inside `FormerFamilyNames`
    /// so they cannot be mistaken for the current name.
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
    /// `QTStatus` (400047).
    public var qtStatus: Bool?
    /// `DisabilityIndicator` (400320).
    public var disability: String?
    /// `HLTAStatus` (400051).
    public var hltaStatus: Bool?
    /// `QTSRoute` (400338).
    public var qtsRoute: String?
    /// `OverseasTrndTchr` (400337).
    public var overseasTrainedTeacher: Bool?

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

/// CBDS module Contract or Service: a contract of employment or a service agreement, with
/// its post, roles, hours and pay.
public struct SWFContract: Sendable, Equatable {
    /// `LEASchoolLevel` (400117): whether the record is returned for a school or for the authority.
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
    /// `DestinationCode` (400097).
    public var destination: String?
    /// `Origin` (400334).
    public var origin: String?
    public var level: Level
    /// `Estab` (200002) of the school the contract serves, in an LA-level message that covers
    /// several schools; nil for centrally employed staff.
    public var estab: String?
    /// `RoleIdentifier` (400323), one or more.
    public var roleIdentifiers: [String]
    /// `HoursPerWeek` (400099).
    public var hoursPerWeek: Double?
    /// `FTEHours` (400100).
    public var fteHours: Double?
    /// `WeeksPerYear` (400101).
    public var weeksPerYear: Int?
    /// `Scale` (400321).
    public var payScale: String?
    /// `RegionSpine` (400131).
    public var regionalPaySpine: String?
    /// `SpinePoint` (400333).
    public var spinePoint: String?
    /// `SafeguardedSalary` (400138).
    public var safeguardedSalary: Bool?
    /// `TotalPay` (400339): full-time equivalent annual pay excluding additional payments.
    public var totalPay: Double?
    /// Additional payments (400142, 400143).
    public var payments: [SWFPayment]

    public init(contractType: String, start: SimpleDate, post: String, level: Level, roleIdentifiers: [String]) {
        self.contractType = contractType
        self.start = start
        self.post = post
        self.dailyRate = false
        self.level = level
        self.roleIdentifiers = roleIdentifiers
        self.payments = []
    }
}

/// An additional payment: `PaymentType` (400142) and `PaymentAmount` (400143).
public struct SWFPayment: Sendable, Equatable {
    public var type: String
    /// Annual full-time equivalent amount in pounds.
    public var amount: Double
    public init(type: String, amount: Double) { self.type = type; self.amount = amount }
}

/// CBDS module Absence.
public struct SWFAbsence: Sendable, Equatable {
    /// `FirstDayOfAbsence` (400200).
    public var firstDay: SimpleDate
    /// `LastDayOfAbsence` (400203).
    public var lastDay: SimpleDate?
    /// `WorkingDaysLost` (400202).
    public var workingDaysLost: Double?
    /// `AbsenceCategory` (400205).
    public var category: String
    public init(firstDay: SimpleDate, lastDay: SimpleDate?, workingDaysLost: Double?, category: String) {
        self.firstDay = firstDay; self.lastDay = lastDay; self.workingDaysLost = workingDaysLost; self.category = category
    }
}

/// CBDS module Qualification.
public struct SWFQualification: Sendable, Equatable {
    /// `QualificationCode` (400223).
    public var code: String
    /// `QualificationSubject` (400335): the main subject.
    public var subject: String
    public init(code: String, subject: String) { self.code = code; self.subject = subject }
}
