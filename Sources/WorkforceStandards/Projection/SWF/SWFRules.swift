/// Every rule the School Workforce Census projection raises (`swf.*`), with its severity and
/// what would be valid. `*.missing`: SWF requires the element and the record has no value;
/// `*.unmapped`: the harmonised code has no SWF code in the census year (an error for a
/// required element, a query for an optional one, which is then left out).
public enum SWFRule: String, CollectionRule {
    /// No P104 Family Name for `PersonFamilyName`.
    case familyNameMissing = "swf.family-name.missing"
    /// No P105 Given Names for `PersonGivenName`.
    case givenNameMissing = "swf.given-name.missing"
    /// No P102 National Insurance Number for `NINumber`.
    case niNumberMissing = "swf.ni-number.missing"
    /// No P108 Sex.
    case sexMissing = "swf.sex.missing"
    /// A P108 Sex with no SWF code.
    case sexUnmapped = "swf.sex.unmapped"
    /// No P107 Date of Birth for `PersonBirthDate`.
    case birthDateMissing = "swf.birth-date.missing"
    /// No C101 Contract Type.
    case contractTypeMissing = "swf.contract-type.missing"
    /// A C101 Contract Type with no SWF `ContractAgreementType`.
    case contractTypeUnmapped = "swf.contract-type.unmapped"
    /// No C102 Contract Start Date for `ContractStart`.
    case contractStartMissing = "swf.contract-start.missing"
    /// No J101 Role for `Post`.
    case postMissing = "swf.post.missing"
    /// A J101 Role with no SWF `Post`.
    case postUnmapped = "swf.post.unmapped"
    /// No J101 Role for `RoleIdentifier`.
    case roleIdentifierMissing = "swf.role-identifier.missing"
    /// A J101 Role with no SWF `RoleIdentifier`.
    case roleIdentifierUnmapped = "swf.role-identifier.unmapped"
    /// A teacher with no R101 Qualified Teacher Status (rule 4228).
    case qtsMissing = "swf.qts.missing"
    /// A teacher whose contract ended before census day with no C107 Destination (rule 4385).
    case destinationMissing = "swf.destination.missing"
    /// A C107 Destination with no SWF `DestinationCode` (left out).
    case destinationUnmapped = "swf.destination.unmapped"
    /// A qualification with no Q102 Subject.
    case qualificationSubjectMissing = "swf.qualification-subject.missing"
    /// A Q102 Subject with no SWF `QualificationSubject`.
    case qualificationSubjectUnmapped = "swf.qualification-subject.unmapped"
    /// A Q103 Class of Degree with no SWF code (left out).
    case classOfDegreeUnmapped = "swf.class-of-degree.unmapped"
    /// A P109 Ethnicity with no SWF code (left out).
    case ethnicityUnmapped = "swf.ethnicity.unmapped"
    /// A P110 Disability with no SWF code (left out).
    case disabilityUnmapped = "swf.disability.unmapped"
    /// An R102 QTS Route with no SWF code (left out).
    case qtsRouteUnmapped = "swf.qts-route.unmapped"
    /// A C106 Origin with no SWF code (left out).
    case originUnmapped = "swf.origin.unmapped"
    /// An S501 Pay Scale with no SWF `PayRange` (left out).
    case payRangeUnmapped = "swf.pay-range.unmapped"
    /// An S508 payment type the map has no row for.
    case paymentTypeUnmapped = "swf.payment-type.unmapped"
    /// A payment with no S509 amount.
    case paymentAmountMissing = "swf.payment-amount.missing"
    /// A TLR3 payment without its start or end date (rule 4833).
    case tlr3DatesMissing = "swf.tlr3-dates.missing"
    /// An absence with no A102 First Day.
    case absenceFirstDayMissing = "swf.absence-first-day.missing"
    /// An A101 absence category the map has no row for.
    case absenceCategoryUnmapped = "swf.absence-category.unmapped"
    /// A sickness absence with no A104 Working Days Lost.
    case workingDaysLostMissing = "swf.working-days-lost.missing"
    /// A Q101 qualification type the map has no row for.
    case qualificationCodeUnmapped = "swf.qualification-code.unmapped"
    /// A vacancy's V102 working pattern with no SWF `Tenure` (left out).
    case tenureUnmapped = "swf.tenure.unmapped"
    /// `BasePay` written at the full-time rate: no actual pay, hours or FTE to scale it.
    case basePayFullTimeAssumed = "swf.base-pay.full-time-assumed"
    /// A school the organisation data has no record of: its message has no name.
    case organisationMissing = "swf.organisation.missing"
    /// The post's identifiers name two different people already returned.
    case personIdentityConflict = "swf.person.identity-conflict"
    /// The post joined to a person by teacher or NI number, under another staff identifier.
    case personJoined = "swf.person.joined"
    /// The post's person details differ from those of the person's first post.
    case personDetailsDiffer = "swf.person.details-differ"
    /// A column the file lacks and SWF needs (`wds validate --for swf` folds the records' `*.missing`
    /// diagnostics for it into this one, on the header).
    case columnMissing = "swf.column-missing"

    /// The highest severity the rule is raised with.
    public var severity: RecordDiagnostic.Severity {
        switch self {
        case .destinationUnmapped, .classOfDegreeUnmapped, .ethnicityUnmapped, .disabilityUnmapped, .qtsRouteUnmapped, .originUnmapped,
             .payRangeUnmapped, .tenureUnmapped, .basePayFullTimeAssumed, .organisationMissing, .personJoined, .personDetailsDiffer:
            return .query
        default:
            return .error
        }
    }

    /// What would be valid.
    public var valid: String {
        switch self {
        case .columnMissing: "a column for the item, holding its values"
        case .familyNameMissing: "a value for P104 Family Name"
        case .givenNameMissing: "a value for P105 Given Names"
        case .niNumberMissing: "a value for P102 National Insurance Number"
        case .sexMissing: "a value for P108 Sex"
        case .birthDateMissing: "a value for P107 Date of Birth"
        case .contractTypeMissing: "a value for C101 Contract Type"
        case .contractStartMissing: "a value for C102 Contract Start Date"
        case .postMissing, .roleIdentifierMissing: "a value for J101 Role"
        case .qtsMissing: "a value for R101 Qualified Teacher Status"
        case .destinationMissing: "a value for C107 Destination"
        case .qualificationSubjectMissing: "a value for Q102 Subject"
        case .sexUnmapped, .contractTypeUnmapped, .postUnmapped, .roleIdentifierUnmapped, .destinationUnmapped,
             .qualificationSubjectUnmapped, .classOfDegreeUnmapped, .ethnicityUnmapped, .disabilityUnmapped, .qtsRouteUnmapped,
             .originUnmapped, .payRangeUnmapped, .paymentTypeUnmapped, .absenceCategoryUnmapped, .qualificationCodeUnmapped, .tenureUnmapped:
            "a harmonised code that maps to a code of the SWF field valid in the census year"
        case .paymentAmountMissing: "the annual FTE amount in pounds, above zero"
        case .tlr3DatesMissing: "the first and last day of the TLR3 payment"
        case .absenceFirstDayMissing: "the first day of the absence"
        case .workingDaysLostMissing: "the working days lost, to the nearest half day"
        case .basePayFullTimeAssumed: "S511 Annual Basic Pay (Actual), or the hours (H101, H102) or H104 Full-Time Equivalent"
        case .organisationMissing: "a record for the school in the organisation file, with O105 Organisation Name and O106 SWF Returned by the Authority"
        case .personIdentityConflict: "one staff identifier, teacher number and NI number per person, the same on every post"
        case .personJoined: "the same P103 Staff Identifier on every post of one person"
        case .personDetailsDiffer: "the same person details on every post of one person"
        }
    }
}
