/// Every rule the Children's Social Work Workforce projection raises (`csww.*`), with its
/// severity and what would be valid. `*.missing`: the schema requires the element (an error) or
/// the London Met validator wants it of employees (a query); `*.unmapped`: the harmonised code has
/// no CSWW code in the collection year, and the element is left out.
public enum CSWWRule: String, CollectionRule {
    /// No C101 Contract Type, from which `AgencyWorker` is taken.
    case agencyWorkerMissing = "csww.agency-worker.missing"
    /// A C101 Contract Type with no CSWW `AgencyWorker` code.
    case agencyWorkerUnmapped = "csww.agency-worker.unmapped"
    /// No R104 Social Work England Number for `SWENo`.
    case sweNumberMissing = "csww.swe-number.missing"
    /// An R104 number that cannot be written as the schema's `SWENo`.
    case sweNumberFormat = "csww.swe-number.format"
    /// A second record for a worker already returned (the same SWE number).
    case sweNumberDuplicate = "csww.swe-number.duplicate"
    /// No O101 Local Authority Number for the return's `LEA`.
    case laNumberMissing = "csww.la-number.missing"
    /// An O101 number that is not three digits.
    case laNumberFormat = "csww.la-number.format"
    /// An H104 FTE outside 0 to 1.
    case fteRange = "csww.fte.range"
    /// No H104 FTE for `FTE30` of an employee in post on the reference date.
    case fteMissing = "csww.fte.missing"
    /// No Q108 Qualifying Institution for `QualInst` (before 2025; a query for an agency worker, written empty).
    case qualifyingInstitutionMissing = "csww.qualifying-institution.missing"
    /// A J101 Role with no CSWW `OrgRole`.
    case orgRoleUnmapped = "csww.org-role.unmapped"
    /// No P107 Date of Birth for an employee.
    case birthDateMissing = "csww.birth-date.missing"
    /// No P108 Sex for an employee's `GenderCurrent` or `Sex`.
    case genderMissing = "csww.gender.missing"
    /// A P108 Sex with no CSWW code (left out).
    case genderUnmapped = "csww.gender.unmapped"
    /// No P109 Ethnicity for an employee.
    case ethnicityMissing = "csww.ethnicity.missing"
    /// A P109 Ethnicity with no CSWW code (left out).
    case ethnicityUnmapped = "csww.ethnicity.unmapped"
    /// A Q106 qualification level with no CSWW `QualLevel` (left out).
    case qualificationLevelUnmapped = "csww.qualification-level.unmapped"
    /// No Q111 Step Up to Social Work answer for an employee.
    case stepUpMissing = "csww.step-up.missing"
    /// A Q111 answer with no CSWW `StepUpGrad` (left out).
    case stepUpUnmapped = "csww.step-up.unmapped"
    /// No C106 Origin for a starter's `StartOrigin`.
    case startOriginMissing = "csww.start-origin.missing"
    /// A C106 Origin with no CSWW `StartOrigin` (left out).
    case startOriginUnmapped = "csww.start-origin.unmapped"
    /// No C107 Destination for a leaver's `LeaverDestination`.
    case leaverDestinationMissing = "csww.leaver-destination.missing"
    /// A C107 Destination with no CSWW `LeaverDestination` (left out).
    case leaverDestinationUnmapped = "csww.leaver-destination.unmapped"
    /// No C108 Reason for Leaving for a leaver's `ReasonLeave`.
    case reasonLeaveMissing = "csww.reason-leave.missing"
    /// A C108 Reason for Leaving with no CSWW `ReasonLeave` (left out).
    case reasonLeaveUnmapped = "csww.reason-leave.unmapped"
    /// No Q112 Frontline answer for an employee.
    case frontlineMissing = "csww.frontline.missing"
    /// A Q112 answer with no CSWW `FrontlineGrad` (left out).
    case frontlineUnmapped = "csww.frontline.unmapped"
    /// An A101 absence category with no CSWW `ReasonAbsence` (left out).
    case reasonAbsenceUnmapped = "csww.reason-absence.unmapped"
    /// An R107 status with no CSWW `CFKSSstatus` (left out).
    case cfkssStatusUnmapped = "csww.cfkss-status.unmapped"
    /// A contract that ended in the collection year with no C105 Leaving Date: not returned as a leaver.
    case leavingDateMissing = "csww.leaving-date.missing"
    /// From 2025: no S504 Annual Basic Pay (FTE) for a permanent practitioner's `BaseSalary`.
    case baseSalaryMissing = "csww.base-salary.missing"
    /// A sickness absence with no A104 Working Days Lost: it adds nothing to `WorkingDaysLost`.
    case workingDaysLostMissing = "csww.working-days-lost.missing"
    /// A vacancy with no V105 FTE.
    case vacancyFteMissing = "csww.vacancy-fte.missing"
    /// A vacancy's V105 FTE outside 0 to 1.
    case vacancyFteRange = "csww.vacancy-fte.range"
    /// An agency worker covering a vacancy with no FTE: left out of `NoAgencyFTE`.
    case agencyFteMissing = "csww.agency-fte.missing"
    /// From 2025: the authority's pay and allowance answers (O107-O115) are not in the organisation data.
    case laAnswersMissing = "csww.la-answers.missing"
    /// Records in scope name several authorities (an error when most name another than the return's, else a query).
    case authoritySeveral = "csww.authority.several"
    /// A column the file lacks and CSWW needs (`wds validate --for csww` folds the records' `*.missing`
    /// diagnostics for it into this one, on the header).
    case columnMissing = "csww.column-missing"

    /// The highest severity the rule is raised with.
    public var severity: RecordDiagnostic.Severity {
        switch self {
        case .columnMissing, .agencyWorkerMissing, .agencyWorkerUnmapped, .sweNumberMissing, .sweNumberFormat, .sweNumberDuplicate, .laNumberMissing,
             .laNumberFormat, .fteRange, .qualifyingInstitutionMissing, .orgRoleUnmapped, .vacancyFteMissing, .vacancyFteRange,
             .laAnswersMissing, .authoritySeveral:
            return .error
        default:
            return .query
        }
    }

    /// What would be valid.
    public var valid: String {
        switch self {
        case .columnMissing: "a column for the item, holding its values"
        case .agencyWorkerMissing: "a harmonised contract type"
        case .sweNumberMissing: "the Social Work England registration number (SW and digits)"
        case .sweNumberFormat: "two letters and up to ten digits (SW12345)"
        case .sweNumberDuplicate: "one post record per social worker in scope (add the FTE of several posts into one)"
        case .laNumberMissing, .laNumberFormat: "three digits (the schema's LEA)"
        case .fteRange, .vacancyFteRange: "a decimal from 0 to 1"
        case .fteMissing, .agencyFteMissing, .vacancyFteMissing: "the full-time equivalent, 0 to 1"
        case .qualifyingInstitutionMissing: "the institution of the social work qualification"
        case .birthDateMissing: "the date of birth"
        case .genderMissing, .ethnicityMissing, .stepUpMissing, .startOriginMissing, .leaverDestinationMissing, .reasonLeaveMissing,
             .frontlineMissing:
            "a harmonised code that maps to a code of the CSWW element"
        case .agencyWorkerUnmapped, .orgRoleUnmapped, .genderUnmapped, .ethnicityUnmapped, .qualificationLevelUnmapped, .stepUpUnmapped,
             .startOriginUnmapped, .leaverDestinationUnmapped, .reasonLeaveUnmapped, .frontlineUnmapped, .reasonAbsenceUnmapped,
             .cfkssStatusUnmapped:
            "a harmonised code that maps to a code of the CSWW element valid in the collection year"
        case .leavingDateMissing: "C105 Leaving Date, with C107 Destination and C108 Reason for Leaving"
        case .baseSalaryMissing: "the full-time equivalent annual basic pay, in pounds"
        case .workingDaysLostMissing: "the working days lost, to the nearest half day"
        case .laAnswersMissing: "an organisation record for the authority (no establishment number) with the nine answers O107-O115"
        case .authoritySeveral: "one authority a return: name it with --la (ProjectionSettings.localAuthority)"
        }
    }
}
