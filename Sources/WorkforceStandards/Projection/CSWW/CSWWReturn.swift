/// The CSWW schema of a census year: DfE changed the return in 2024 and 2025 (research notes
/// lg/csww_changes_2022_to_2025.csv, from Social Finance's transcriptions of the schemas).
public enum CSWWSchema: Int, Sendable, Comparable {
    /// 2022 and 2023 (the 2023 schema is byte-identical; earlier years are taken as the same).
    /// `SWENo` takes one to ten digits, as Social Finance later transcribed this schema.
    case y2022 = 2022
    /// 2024: `Sex` (M, F) replaced `GenderCurrent`.
    case y2024 = 2024
    /// 2025: `LALevel` with nine pay and allowance answers; `BaseSalary`, `RRPayments` and
    /// `OtherPayments` per worker; no `QualInst` or `CFKSSstatus`.
    case y2025 = 2025

    /// The schema of collection year `year` (later years are taken as 2025's until DfE changes it).
    public init(year: Int) {
        self = year >= 2025 ? .y2025 : year == 2024 ? .y2024 : .y2022
    }

    /// By the schema's name, as text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The authority's answers of the 2025 `LALevel` module, in schema order: element and the
/// organisation item that answers it.
public let cswwLALevelAnswers: [(element: String, item: ItemReference)] = [
    ("RecruitmentBonus", "O107"), ("RetentionBonus", "O108"), ("PerformanceAward", "O109"), ("CarAllowance", "O110"),
    ("RelocationPackage", "O111"), ("RegionalWeighting", "O112"), ("CostSWE", "O113"), ("CostDBS", "O114"), ("OtherAllowances", "O115"),
]

/// The header of a Children's Social Work Workforce return (`Header` in csww_2022.xsd).
///
/// Every value is fixed or derived from the reference date, so two runs write the same bytes.
public struct CSWWHeader: Sendable, Equatable {
    /// `Collection`: always CSWW.
    public var collection = "CSWW"
    /// `Year`: the year in which the collection year ends.
    public var year: Int
    /// `ReferenceDate`: the last day of the collection year (30 September).
    public var referenceDate: SimpleDate
    /// `SourceLevel`: always L (local authority).
    public var sourceLevel = "L"
    /// `LEA`: the authority's three-digit DfE number; nil only when nothing was in scope.
    public var lea: String?
    /// `SoftwareCode`.
    public var softwareCode = "wds"
    /// `DateTime`: the reference date at midnight, not the time of the run.
    public var dateTime: String

    /// The header of the return for the year of `referenceDate`, for authority `lea`.
    public init(referenceDate: SimpleDate, lea: String?) {
        year = referenceDate.year
        self.referenceDate = referenceDate
        self.lea = lea
        dateTime = referenceDate.midnightDateTime
    }
}

/// The LA-level figures (`LALevelVacancies`), known only once every record has been read.
public struct CSWWLALevelVacancies: Sendable, Equatable {
    /// `NumberOfVacancies`: the FTE of vacant children and family social worker posts on the
    /// reference date (X103, the sum of V105 over vacancies whose role maps to csww.org-role).
    public var numberOfVacancies: Double
    /// `NoAgencyFTE`: the FTE of agency workers covering vacancies on the reference date
    /// (X102 over workers with AgencyWorker 1 and C111 Covering a Vacancy true).
    public var agencyFTE: Double
    /// `NoAgencyHeadcount`: how many such agency workers, counted once per SWE number (X101).
    public var agencyHeadcount: Int
    /// From 2025: the authority's pay and allowance answers (CSWW codes, or text for
    /// `OtherAllowances`), by element; an element with no answer is left out.
    public var answers: [String: String] = [:]

    /// The LA-level vacancy figures.
    public init(numberOfVacancies: Double = 0, agencyFTE: Double = 0, agencyHeadcount: Int = 0) {
        self.numberOfVacancies = numberOfVacancies
        self.agencyFTE = agencyFTE
        self.agencyHeadcount = agencyHeadcount
    }
}

/// One worker (`CSWWWorker`): codes are CSWW codes, already translated; properties follow the
/// schema's element order.
public struct CSWWWorker: Sendable, Equatable {
    /// `AgencyWorker`: 1 for an agency (or self-employed) worker, 0 for an employee.
    public var agencyWorker: String
    /// `SWENo`: the Social Work England number as registered (two letters and one to ten digits).
    public var sweNumber: String
    /// `FTE` (H104).
    public var fte: Double?
    /// `PersonBirthDate` (P107).
    public var birthDate: SimpleDate?
    /// The element sex is written in: `GenderCurrent` (to 2023) or `Sex` (from 2024).
    public var sexElement = "GenderCurrent"
    /// The code for ``sexElement`` (P108).
    public var gender: String?
    /// `Ethnicity` (P109).
    public var ethnicity: String?
    /// `QualInst` (Q108): at least one element is written.
    public var qualifyingInstitutions: [String]
    /// `QualLevel` (Q106).
    public var qualificationLevel: String?
    /// `StepUpGrad` (Q111).
    public var stepUpGraduate: String?
    /// `OrgRole` (J101).
    public var orgRole: String?
    /// `RoleStartDate` (C104): written for starters in the collection year.
    public var roleStartDate: SimpleDate?
    /// `StartOrigin` (C106): with a start date.
    public var startOrigin: String?
    /// `RoleEndDate` (C105): written for leavers in the collection year.
    public var roleEndDate: SimpleDate?
    /// `LeaverDestination` (C107): with an end date.
    public var leaverDestination: String?
    /// `ReasonLeave` (C108): with an end date.
    public var reasonLeave: String?
    /// `FTE30`: H104 for a worker in post on the reference date.
    public var fte30: Double?
    /// `Cases30` (J106).
    public var cases30: Int?
    /// `WorkingDaysLost` (X104): sickness days lost in the collection year.
    public var workingDaysLost: Double?
    /// `ContractWeeks`: weeks of the current contract up to the reference date or leaving.
    public var contractWeeks: [Double]
    /// `FrontlineGrad` (Q112).
    public var frontlineGraduate: String?
    /// `Absat30Sept`: 1 when an absence covers the reference date, else 0.
    public var absentAt30Sept: [String]
    /// `ReasonAbsence` (A101): the category of each absence covering the reference date.
    public var reasonsForAbsence: [String]
    /// `CFKSSstatus` (R107), to 2024.
    public var cfkssStatus: [String]
    /// From 2025: `BaseSalary` (S504, full-time equivalent), for permanently employed practitioners.
    public var baseSalary: Double?
    /// From 2025: `RRPayments`, the recruitment and retention payments of the year (S509).
    public var rrPayments: Double?
    /// From 2025: `OtherPayments`, the other additional payments of the year (S509).
    public var otherPayments: Double?

    /// A worker with `AgencyWorker` and `SWENumber`; the other elements are set one by one.
    public init(agencyWorker: String, sweNumber: String) {
        self.agencyWorker = agencyWorker
        self.sweNumber = sweNumber
        qualifyingInstitutions = []
        contractWeeks = []
        absentAt30Sept = []
        reasonsForAbsence = []
        cfkssStatus = []
    }

    /// Whether the worker is not paid directly by the authority.
    public var isAgencyWorker: Bool { agencyWorker == "1" }
}
