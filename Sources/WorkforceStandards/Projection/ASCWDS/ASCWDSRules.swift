/// Every rule the Adult Social Care Workforce Data Set projection raises (`ascwds.*`), with its
/// severity and what would be valid. `ascwds.COLUMN.dropped`: an optional column of the worker
/// file left empty, with a query, because ASC-WDS would reject its value (the worker still goes in).
public enum ASCWDSRule: String, CollectionRule {
    /// No L101 Workplace Identifier for the mandatory `LOCALESTID`.
    case localestidMissing = "ascwds.localestid.missing"
    /// An L101 identifier of 50 characters or more (as written) for `LOCALESTID`.
    case localestidTooLong = "ascwds.localestid.too-long"
    /// No P103 Staff Identifier for the mandatory `UNIQUEWORKERID` and `DISPLAYID`.
    case uniqueworkeridMissing = "ascwds.uniqueworkerid.missing"
    /// A P103 identifier of 50 characters or more (as written).
    case uniqueworkeridTooLong = "ascwds.uniqueworkerid.too-long"
    /// A second record for a worker already in the file at the workplace (error 998).
    case uniqueworkeridDuplicate = "ascwds.uniqueworkerid.duplicate"
    /// A worker ASC-WDS holds (same NI number, same workplace) under a new staff identifier: written with `CHGUNIQUEWRKID`.
    case uniqueworkeridChanged = "ascwds.uniqueworkerid.changed"
    /// No C101 Contract Type for the mandatory `EMPLSTATUS`.
    case emplstatusMissing = "ascwds.emplstatus.missing"
    /// A C101 Contract Type with no ASC-WDS `EMPLSTATUS`.
    case emplstatusUnmapped = "ascwds.emplstatus.unmapped"
    /// No J101 Role for the mandatory `MAINJOBROLE`.
    case mainjobroleMissing = "ascwds.mainjobrole.missing"
    /// A J101 Role with no ASC-WDS main job role accepted in the year.
    case mainjobroleUnmapped = "ascwds.mainjobrole.unmapped"
    /// A registered manager at a workplace whose main service is not CQC-regulated (error 1280).
    case mainjobroleRegisteredManagerNotRegulated = "ascwds.mainjobrole.registered-manager-not-regulated"
    /// A registered manager on a record with no CQC location.
    case mainjobroleRegisteredManagerWithoutCqc = "ascwds.mainjobrole.registered-manager-without-cqc"
    /// No job title for `MAINJRDESC` of an "other" role: the role's title is written.
    case mainjrdescFromRole = "ascwds.mainjrdesc.from-role"
    /// Contracted hours on a zero-hours contract: `CONTHOURS` left empty.
    case conthoursZeroHours = "ascwds.conthours.zero-hours"
    /// More awards than the worker file has qualification columns: the later ones are not written.
    case qualachMoreThanThree = "ascwds.qualach.more-than-three"
    /// An NI number whose records add up to more weekly hours than ASC-WDS accepts (error 5570): `NINUMBER` left empty.
    case ninumberHours = "ascwds.ninumber.hours"
    /// `DHA` left empty: the workplace does not carry out delegated healthcare activities.
    case dhaWorkplace = "ascwds.dha.workplace"
    /// A worker ASC-WDS holds at another workplace: written NEW here.
    case workerMovedWorkplace = "ascwds.worker.moved-workplace"
    /// A worker at a workplace the organisation data has no record of (error 997).
    case workplaceNoOrganisation = "ascwds.workplace.no-organisation"
    /// No organisation data: the workplace file has no `ESTNAME` or `MAINSERVICE`.
    case workplaceNoOrganisationData = "ascwds.workplace.no-organisation-data"
    /// A workplace with no O105 Organisation Name for the mandatory `ESTNAME`.
    case workplaceEstnameMissing = "ascwds.workplace.estname.missing"
    /// A workplace with no O126 Main Service for the mandatory `MAINSERVICE`.
    case workplaceMainserviceMissing = "ascwds.workplace.mainservice.missing"
    /// A CQC-regulated workplace with no L102 CQC location ID for `LOCATIONID`.
    case workplaceLocationidMissing = "ascwds.workplace.locationid.missing"
    /// A workplace with no worker in the worker file (and no head office): its line is not written.
    case workplaceNoStaff = "ascwds.workplace.no-staff"
    /// A training record whose Q114 category has no ASC-WDS code: not written.
    case trainingCategory = "ascwds.training.category"
    /// A training record expiring before it was completed: `EXPIRYDATE` left empty.
    case trainingExpiryBeforeCompletion = "ascwds.training.expiry-before-completion"
    /// A training record completed after the reference date: `DATECOMPLETED` left empty.
    case trainingCompletedInFuture = "ascwds.training.completed-in-future"
    /// A previous upload file (`--previous`) that is not well-formed CSV.
    case previousCsv = "ascwds.previous.csv"
    /// A previous upload file that is empty or no ASC-WDS bulk-upload file: not read.
    case previousUnknownFile = "ascwds.previous.unknown-file"
    /// A previous upload line without its key (`LOCALESTID`, `UNIQUEWORKERID`): not read.
    case previousNoKey = "ascwds.previous.no-key"
    /// A previous upload line for a worker or workplace already read: not read.
    case previousDuplicate = "ascwds.previous.duplicate"
    /// `NINUMBER` left empty: its value (from P102 National Insurance Number) cannot be written.
    case niNumberDropped = "ascwds.ninumber.dropped"
    /// `POSTCODE` left empty: its value (from P115 Home Postcode) cannot be written.
    case postcodeDropped = "ascwds.postcode.dropped"
    /// `YEAROFENTRY` left empty: its value (from P114 Year of Arrival in the UK) cannot be written.
    case yearOfEntryDropped = "ascwds.yearofentry.dropped"
    /// `SALARYINT` left empty: its value (from S506 Pay Basis) cannot be written.
    case salaryIntervalDropped = "ascwds.salaryint.dropped"
    /// `SALARY` left empty: its value (from S504 Annual Basic Pay (FTE)) cannot be written.
    case salaryDropped = "ascwds.salary.dropped"
    /// `HOURLYRATE` left empty: its value (from S507 Hourly Rate) cannot be written.
    case hourlyRateDropped = "ascwds.hourlyrate.dropped"
    /// `QUALACH01` left empty: its value (from Q104 Award or its Q105 year) cannot be written.
    case qualificationAchieved1Dropped = "ascwds.qualach01.dropped"
    /// `QUALACH02` left empty: its value (from Q105 year of the second award) cannot be written.
    case qualificationAchieved2Dropped = "ascwds.qualach02.dropped"
    /// `QUALACH03` left empty: its value (from Q105 year of the third award) cannot be written.
    case qualificationAchieved3Dropped = "ascwds.qualach03.dropped"
    /// `SCQUAL` left empty: its value (from Q106 Highest Social Care Qualification Level) cannot be written.
    case socialCareQualificationDropped = "ascwds.scqual.dropped"
    /// `NONSCQUAL` left empty: its value (from Q107 Highest Other Qualification Level) cannot be written.
    case nonSocialCareQualificationDropped = "ascwds.nonscqual.dropped"
    /// `GENDER` left empty: its value (from P108 Sex) cannot be written.
    case genderDropped = "ascwds.gender.dropped"
    /// `ETHNICITY` left empty: its value (from P109 Ethnicity) cannot be written.
    case ethnicityDropped = "ascwds.ethnicity.dropped"
    /// `DISABLED` left empty: its value (from P110 Disability) cannot be written.
    case disabledDropped = "ascwds.disabled.dropped"
    /// `NATIONALITY` left empty: its value (from P111 Nationality) cannot be written.
    case nationalityDropped = "ascwds.nationality.dropped"
    /// `BRITISHCITIZENSHIP` left empty: its value (from P112 British Citizenship) cannot be written.
    case britishCitizenshipDropped = "ascwds.britishcitizenship.dropped"
    /// `COUNTRYOFBIRTH` left empty: its value (from P113 Country of Birth) cannot be written.
    case countryOfBirthDropped = "ascwds.countryofbirth.dropped"
    /// `HANDCVISA` left empty: its value (from P116 Health and Care Visa) cannot be written.
    case healthAndCareVisaDropped = "ascwds.handcvisa.dropped"
    /// `INOUTUK` left empty: its value (from C110 Recruited from Outside the UK) cannot be written.
    case inOutUKDropped = "ascwds.inoutuk.dropped"
    /// `RECSOURCE` left empty: its value (from C106 Origin) cannot be written.
    case recruitmentSourceDropped = "ascwds.recsource.dropped"
    /// `APPRENTICE` left empty: its value (from C109 Apprenticeship) cannot be written.
    case apprenticeDropped = "ascwds.apprentice.dropped"
    /// `CWPCATEGORY` left empty: its value (from J105 Care Workforce Pathway) cannot be written.
    case careWorkforcePathwayDropped = "ascwds.cwpcategory.dropped"
    /// `DHA` left empty: its value (from J104 Delegated Healthcare Activities) cannot be written.
    case delegatedHealthcareActivitiesDropped = "ascwds.dha.dropped"
    /// `NMCREG` left empty: its value (from R105 NMC Registration) cannot be written.
    case nmcRegistrationDropped = "ascwds.nmcreg.dropped"
    /// `AMHP` left empty: its value (from R106 Approved Mental Health Professional) cannot be written.
    case amhpDropped = "ascwds.amhp.dropped"
    /// `ZEROHRCONT` left empty: its value (from H106 Zero-Hours Contract) cannot be written.
    case zeroHoursContractDropped = "ascwds.zerohrcont.dropped"
    /// `CARECERT` left empty: its value (from Q109 Care Certificate) cannot be written.
    case careCertificateDropped = "ascwds.carecert.dropped"
    /// `L2CARECERT` left empty: its value (from Q110 Level 2 Adult Social Care Certificate) cannot be written.
    case level2CareCertificateDropped = "ascwds.l2carecert.dropped"
    /// A column the file lacks and ASC-WDS needs (`wds validate --for ascwds` folds the records' `*.missing`
    /// diagnostics for it into this one, on the header).
    case columnMissing = "ascwds.column-missing"

    /// The rule of an optional column left empty (`ascwds.COLUMN.dropped`), by the column's name.
    static func dropped(column: String) -> ASCWDSRule {
        switch column {
        case "NINUMBER": return .niNumberDropped
        case "POSTCODE": return .postcodeDropped
        case "YEAROFENTRY": return .yearOfEntryDropped
        case "SALARYINT": return .salaryIntervalDropped
        case "SALARY": return .salaryDropped
        case "HOURLYRATE": return .hourlyRateDropped
        case "QUALACH01": return .qualificationAchieved1Dropped
        case "QUALACH02": return .qualificationAchieved2Dropped
        case "QUALACH03": return .qualificationAchieved3Dropped
        case "SCQUAL": return .socialCareQualificationDropped
        case "NONSCQUAL": return .nonSocialCareQualificationDropped
        case "GENDER": return .genderDropped
        case "ETHNICITY": return .ethnicityDropped
        case "DISABLED": return .disabledDropped
        case "NATIONALITY": return .nationalityDropped
        case "BRITISHCITIZENSHIP": return .britishCitizenshipDropped
        case "COUNTRYOFBIRTH": return .countryOfBirthDropped
        case "HANDCVISA": return .healthAndCareVisaDropped
        case "INOUTUK": return .inOutUKDropped
        case "RECSOURCE": return .recruitmentSourceDropped
        case "APPRENTICE": return .apprenticeDropped
        case "CWPCATEGORY": return .careWorkforcePathwayDropped
        case "DHA": return .delegatedHealthcareActivitiesDropped
        case "NMCREG": return .nmcRegistrationDropped
        case "AMHP": return .amhpDropped
        case "ZEROHRCONT": return .zeroHoursContractDropped
        case "CARECERT": return .careCertificateDropped
        case "L2CARECERT": return .level2CareCertificateDropped
        default: preconditionFailure("ASC-WDS column \(column) has no dropped rule in ASCWDSRule")
        }
    }

    /// The highest severity the rule is raised with.
    public var severity: RecordDiagnostic.Severity {
        switch self {
        case .columnMissing, .localestidMissing, .localestidTooLong, .uniqueworkeridMissing, .uniqueworkeridTooLong, .uniqueworkeridDuplicate, .emplstatusMissing, .emplstatusUnmapped, .mainjobroleMissing, .mainjobroleUnmapped, .mainjobroleRegisteredManagerNotRegulated, .workplaceNoOrganisation, .workplaceEstnameMissing, .workplaceMainserviceMissing, .workplaceLocationidMissing, .previousCsv, .previousUnknownFile, .previousNoKey, .previousDuplicate:
            return .error
        default:
            return .query
        }
    }

    /// What would be valid.
    public var valid: String {
        switch self {
        case .columnMissing: "a column for the item, holding its values"
        case .localestidMissing: "the employer's workplace identifier (L101), as in the ASC-WDS workplace file"
        case .localestidTooLong: "at most 49 characters, not beginning with =, +, - or @"
        case .uniqueworkeridMissing: "the employer's id for the person (P103)"
        case .uniqueworkeridTooLong: "at most 49 characters, not beginning with =, +, - or @"
        case .uniqueworkeridDuplicate: "one post per staff identifier and workplace: ASC-WDS records the main job"
        case .uniqueworkeridChanged: "a stable staff identifier; a change is carried to ASC-WDS by CHGUNIQUEWRKID"
        case .emplstatusMissing: "a contract type (PRM, FXT, TMP, BNK, SAG, SLA, SOT or OTH)"
        case .emplstatusUnmapped: "a contract type that maps to EMPLSTATUS 1, 2, 3, 4 or 7"
        case .mainjobroleMissing: "a harmonised role code that maps to ascwds.job-role"
        case .mainjobroleUnmapped: "a role that maps to a current ASC-WDS main job role (wds role CODE)"
        case .mainjobroleRegisteredManagerNotRegulated: "a CQC-regulated main service (O126) for the workplace, or a role other than registered manager"
        case .mainjobroleRegisteredManagerWithoutCqc: "a CQC location ID for the workplace, or a role other than registered manager"
        case .mainjrdescFromRole: "the post's job title"
        case .conthoursZeroHours: "no contracted hours on a zero-hours contract (H106 Y), or H106 N"
        case .qualachMoreThanThree: "at most 3 awards, or enter the rest in ASC-WDS"
        case .ninumberHours: "weekly hours across the person's posts within the limit"
        case .dhaWorkplace: "a workplace whose O129 is Y and whose main service can carry out delegated healthcare activities"
        case .workerMovedWorkplace: "the worker's move confirmed, or the workplace identifier (L101) corrected"
        case .workplaceNoOrganisation: "a row of the organisation file with the workplace identifier"
        case .workplaceNoOrganisationData: "an organisation file with a row per workplace (workplace_identifier, organisation_name, main_service ...)"
        case .workplaceEstnameMissing: "the workplace's Organisation Name"
        case .workplaceMainserviceMissing: "the workplace's Main Service"
        case .workplaceLocationidMissing: "the CQC location ID"
        case .workplaceNoStaff: "staff at the workplace, or main service 72 (head office)"
        case .trainingCategory: "a harmonised.training-category code"
        case .trainingExpiryBeforeCompletion: "an expiry date after the date completed"
        case .trainingCompletedInFuture: "a date on or before the reference date"
        case .previousCsv: "RFC 4180 CSV as ASC-WDS writes it"
        case .previousUnknownFile: "a worker, workplace or training file of an ASC-WDS bulk upload"
        case .previousNoKey: "LOCALESTID (and UNIQUEWORKERID on a worker line) on every line"
        case .previousDuplicate: "one line per worker and workplace"
        case .niNumberDropped: "two letters, six digits and an optional letter"
        case .postcodeDropped: "a UK postcode with one space, such as SW1A 1AA"
        case .yearOfEntryDropped: "a year from the year of birth to the reference date's"
        case .salaryIntervalDropped: "pay basis A, H or NK"
        case .salaryDropped: "annual basic pay and the full-time equivalent, giving £500 to £200,000 a year (£250,000 for MAINJOBROLE 1)"
        case .hourlyRateDropped: "the basic hourly rate"
        case .qualificationAchieved1Dropped: "an award that maps to a current ASC-WDS qualification, achieved in the last 100 years"
        case .qualificationAchieved2Dropped: "a year within the last 100 years"
        case .qualificationAchieved3Dropped: "a year within the last 100 years"
        case .socialCareQualificationDropped: "a level that maps to a current ASC-WDS code, with its level (E or L1 to L8)"
        case .nonSocialCareQualificationDropped: "a level that maps to a current ASC-WDS code"
        case .genderDropped: "a code that maps to a current ASC-WDS GENDER code"
        case .ethnicityDropped: "a code that maps to a current ASC-WDS ETHNICITY code"
        case .disabledDropped: "a code that maps to a current ASC-WDS DISABLED code"
        case .nationalityDropped: "a code that maps to a current ASC-WDS NATIONALITY code"
        case .britishCitizenshipDropped: "a code that maps to a current ASC-WDS BRITISHCITIZENSHIP code"
        case .countryOfBirthDropped: "a code that maps to a current ASC-WDS COUNTRYOFBIRTH code"
        case .healthAndCareVisaDropped: "a code that maps to a current ASC-WDS HANDCVISA code"
        case .inOutUKDropped: "a code that maps to a current ASC-WDS INOUTUK code"
        case .recruitmentSourceDropped: "a code that maps to a current ASC-WDS RECSOURCE code"
        case .apprenticeDropped: "a code that maps to a current ASC-WDS APPRENTICE code"
        case .careWorkforcePathwayDropped: "a code that maps to a current ASC-WDS CWPCATEGORY code"
        case .delegatedHealthcareActivitiesDropped: "a code that maps to a current ASC-WDS DHA code"
        case .nmcRegistrationDropped: "a code that maps to a current ASC-WDS NMCREG code"
        case .amhpDropped: "a code that maps to a current ASC-WDS AMHP code"
        case .zeroHoursContractDropped: "a code that maps to a current ASC-WDS ZEROHRCONT code"
        case .careCertificateDropped: "a code that maps to a current ASC-WDS CARECERT code"
        case .level2CareCertificateDropped: "a code that maps to a current ASC-WDS L2CARECERT code"
        }
    }
}
