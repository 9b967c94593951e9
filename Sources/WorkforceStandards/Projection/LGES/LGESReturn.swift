/// One post of the Local Government Earnings Survey return (`lges-posts.csv`): the fields of
/// `Standards/collections/lges.csv`, in its order, already in LGES codes.
///
/// By construction it holds nothing the survey does not ask for: no names, no National
/// Insurance number, no date of birth (only the age band derived from it), no staff identifier.
public struct LGESPostRow: Sendable, Equatable {
    /// The columns of `lges-posts.csv`, in catalogue order.
    public static let header = [
        "la_code", "post_id", "occupation", "role", "gender", "age_band", "ethnic_group", "working_pattern", "fte",
        "fte_basic_pay", "fte_gross_pay", "pay_scheme", "spinal_column_point",
    ]

    /// O103 Local Authority GSS Code.
    public var laCode: String?
    /// J103 Post Identifier.
    public var postID: String
    /// LGES occupation group (`lges.occupation-group`).
    public var occupation: String
    /// J101 Job Role, unchanged.
    public var role: String
    /// `lges.gender`: F, M, or X (other or not known, also when sex is not recorded).
    public var gender: String
    /// `lges.age-band` on the reference date; NK without a date of birth.
    public var ageBand: String
    /// `lges.ethnic-group`; U when ethnicity is not recorded.
    public var ethnicGroup: String
    /// `lges.working-pattern`: FT or PT.
    public var workingPattern: String
    /// Full-time equivalent, 0 to 1.
    public var fte: Double
    /// Full-time equivalent annual basic pay, in pence (S504).
    public var basicPayPence: Int?
    /// Full-time equivalent annual gross pay, in pence: basic pay plus pay items.
    public var grossPayPence: Int?
    /// `lges.pay-scheme`; NK when the salary scheme is not recorded.
    public var payScheme: String
    /// `lges.spinal-column-point`, for posts on the NJC spine.
    public var spinalColumnPoint: String?

    /// A row with every column given.
    public init(laCode: String?, postID: String, occupation: String, role: String, gender: String, ageBand: String,
                ethnicGroup: String, workingPattern: String, fte: Double, basicPayPence: Int?, grossPayPence: Int?,
                payScheme: String, spinalColumnPoint: String?) {
        self.laCode = laCode
        self.postID = postID
        self.occupation = occupation
        self.role = role
        self.gender = gender
        self.ageBand = ageBand
        self.ethnicGroup = ethnicGroup
        self.workingPattern = workingPattern
        self.fte = fte
        self.basicPayPence = basicPayPence
        self.grossPayPence = grossPayPence
        self.payScheme = payScheme
        self.spinalColumnPoint = spinalColumnPoint
    }
}
