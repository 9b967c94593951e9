/// The names and exchange-format columns of the items the projections' rule tests name, written
/// out so that a diagnostic's item name and column are checked against the files rather than
/// against ``ExchangeFormat/columnName(for:)`` (the code under test). Names: the `name:` line of
/// each item in Standards/items/*.txt; columns: the header row of Examples/posts.csv.
enum ItemColumns {
    static let byRef: [String: (name: String, column: String)] = [
        "A101": ("Absence Category", "absence_category"),
        "A102": ("First Day of Absence", "first_day_of_absence"),
        "A104": ("Working Days Lost", "working_days_lost"),
        "C101": ("Contract Type", "contract_type"),
        "C102": ("Contract Start Date", "contract_start_date"),
        "C107": ("Destination", "destination"),
        "H104": ("Full-Time Equivalent", "full_time_equivalent"),
        "J101": ("Job Role", "job_role"),
        "O101": ("Local Authority Number", "local_authority_number"),
        "P102": ("National Insurance Number", "national_insurance_number"),
        "P104": ("Family Name", "family_name"),
        "P105": ("Given Names", "given_names"),
        "P107": ("Date of Birth", "date_of_birth"),
        "P108": ("Sex", "sex"),
        "Q101": ("Qualification Type", "qualification_type"),
        "Q102": ("Qualification Subject", "qualification_subject"),
        "Q108": ("Qualifying Institution", "qualifying_institution"),
        "R101": ("Qualified Teacher Status", "qualified_teacher_status"),
        "R104": ("Social Work England Registration Number", "social_work_england_registration_number"),
        "S508": ("Additional Payment Type", "additional_payment_type"),
        "S509": ("Additional Payment Amount", "additional_payment_amount"),
        "S514": ("Additional Payment End Date", "additional_payment_end_date"),
    ]
}
