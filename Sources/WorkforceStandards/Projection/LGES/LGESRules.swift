/// Every rule the Local Government Earnings Survey projection raises (`lges.*`), with its
/// severity and what would be valid.
public enum LGESRule: String, CollectionRule {
    /// A J101 Role with no LGES occupation group: the post is not written.
    case occupationUnmapped = "lges.occupation.unmapped"
    /// No way to know the post's FTE: the post is not written (pay is reported per FTE).
    case fteMissing = "lges.fte.missing"
    /// A P108 Sex with no LGES gender: written as X.
    case genderUnmapped = "lges.gender.unmapped"
    /// A P109 Ethnicity with no LGES ethnic group: written as U.
    case ethnicGroupUnmapped = "lges.ethnic_group.unmapped"
    /// An S510 Salary Scheme with no LGES pay scheme: written as NK.
    case paySchemeUnmapped = "lges.pay_scheme.unmapped"
    /// An S502 Spine Point with no NJC spinal column point: left empty.
    case spinalColumnPointUnmapped = "lges.spinal_column_point.unmapped"
    /// No O103 GSS code: `la_code` left empty.
    case laCodeMissing = "lges.la_code.missing"
    /// A pay item with no S509 amount: left out of `fte_gross_pay`.
    case payItemAmountMissing = "lges.pay_item.amount-missing"
    /// No S504 Annual Basic Pay (FTE): the pay fields are left empty.
    case fteBasicPayMissing = "lges.fte_basic_pay.missing"
    /// The organisation data's O150 region contradicts the region of the authority's GSS code.
    case regionContradictsGss = "lges.region.contradicts-gss"
    /// An authority whose region is not in its GSS code nor in the organisation data.
    case regionMissing = "lges.region.missing"
    /// A column the file lacks and LGES needs (`wds validate --for lges` folds the records' `*.missing`
    /// diagnostics for it into this one, on the header).
    case columnMissing = "lges.column-missing"

    /// The highest severity the rule is raised with.
    public var severity: RecordDiagnostic.Severity {
        switch self {
        case .columnMissing, .occupationUnmapped, .fteMissing: return .error
        default: return .query
        }
    }

    /// What would be valid.
    public var valid: String {
        switch self {
        case .columnMissing: "a column for the item, holding its values"
        case .occupationUnmapped: "a role that maps to lges.occupation-group"
        case .fteMissing: "H104 Full-Time Equivalent, or H101 Contracted Weekly Hours (or H105) with H102 Full-Time Weekly Hours"
        case .genderUnmapped, .ethnicGroupUnmapped, .paySchemeUnmapped: "a code that maps to an LGES code"
        case .spinalColumnPointUnmapped: "an NJC spinal column point (SCP1 to SCP43)"
        case .laCodeMissing: "the authority's nine-character GSS code"
        case .payItemAmountMissing: "the annual FTE amount of the payment"
        case .fteBasicPayMissing: "the full-time equivalent annual basic pay"
        case .regionContradictsGss: "the region of the authority's GSS code, or no O150"
        case .regionMissing: "an ONS region code E12000001 to E12000009 for the authority in the organisation data (O150)"
        }
    }
}
