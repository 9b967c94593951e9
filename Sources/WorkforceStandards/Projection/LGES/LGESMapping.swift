extension LGESPostRow {
    /// Maps one in-scope record to a post row.
    ///
    /// - Returns: the row, or nil when the post's full-time equivalent cannot be known (then the
    ///   diagnostics hold an error); and every problem found.
    public static func build(from record: PostRecord, settings: ProjectionSettings) -> (row: LGESPostRow?, diagnostics: [RecordDiagnostic]) {
        LGESMapper(settings: settings).build(record)
    }
}

/// The rules that turn harmonised items into LGES post fields, with the maps looked up once.
///
/// Derivations (documented in `Standards/collections/lges.csv`):
/// - `fte`: H104 Full-Time Equivalent; else H101 Contracted Weekly Hours / H102 Full-Time Weekly
///   Hours, capped at 1; else, for posts without contracted hours, H105 Average Weekly Hours /
///   H102. A post with none of these is rejected: the survey's pay figures are per FTE.
/// - `working_pattern`: FT when the FTE is 1 (to four decimals) or the contracted hours are at
///   least the full-time hours; PT otherwise.
/// - `fte_basic_pay`: S504 Annual Basic Pay (FTE), which is already a full-time annual rate.
/// - `fte_gross_pay`: S504 plus every S509 Additional Payment Amount. S509 is defined as the
///   annual full-time equivalent amount of the payment, so it is added unscaled; pay items carry
///   no dates, so every item on the record counts as in force on the reference date.
/// - `age_band`: completed years on the reference date, grouped by the `lges.age-band` codes.
struct LGESMapper {
    let codes: CollectionCodeLookup
    let referenceDate: SimpleDate
    /// The age bands, parsed once from `lges.age-band` codes such as `20-24` and `65+`.
    private let ageBands: [(range: ClosedRange<Int>, code: String)]
    /// The coded fields, each with its map found once.
    private let occupationField, genderField, ethnicGroupField, paySchemeField, spinalColumnPointField: CollectionCodeLookup.Field

    static let ageBandSet: CodeSetID = "lges.age-band"
    static let notKnownAge = "NK"
    static let otherOrNotKnownGender = "X"
    static let notKnownEthnicGroup = "U"
    static let notKnownPayScheme = "NK"

    init(settings: ProjectionSettings) {
        codes = CollectionCodeLookup(registry: settings.registry, collection: .lges, year: settings.collectionYear)
        referenceDate = settings.referenceDate
        occupationField = codes.field("occupation")
        genderField = codes.field("gender")
        ethnicGroupField = codes.field("ethnic_group")
        paySchemeField = codes.field("pay_scheme")
        spinalColumnPointField = codes.field("spinal_column_point")
        var bands: [(ClosedRange<Int>, String)] = []
        for code in settings.registry.codeSet(Self.ageBandSet)?.codes ?? [] {
            let value = code.value
            if value.hasSuffix("+"), let low = Int(value.dropLast()) {
                bands.append((low...Int.max, value))
            } else {
                let parts = value.split(separator: "-")
                if parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high { bands.append((low...high, value)) }
            }
        }
        ageBands = bands
    }

    /// H104, else H101 / H102, else H105 / H102, capped at 1.
    static func fte(of record: PostRecord) -> Double? {
        if let fte = record.fte { return min(1, max(0, fte)) }
        guard let fullTime = record.fullTimeWeeklyHours, fullTime > 0 else { return nil }
        if let hours = record.contractedWeeklyHours ?? record.averageWeeklyHours { return min(1, max(0, hours / fullTime)) }
        return nil
    }

    func ageBand(_ birth: SimpleDate?) -> String {
        guard let birth else { return Self.notKnownAge }
        let age = birth.age(on: referenceDate)
        return ageBands.first { $0.range.contains(age) }?.code ?? Self.notKnownAge
    }

    func build(_ record: PostRecord) -> (row: LGESPostRow?, diagnostics: [RecordDiagnostic]) {
        var problems = codes.problems(for: record)
        guard let role = record.role, let occupation = codes.lookup(role, field: occupationField).code else {
            problems.add(.error, "J101", record.role ?? "", rule: LGESRule.occupationUnmapped,
                         "the role has no LGES occupation group", expected: "a role that maps to lges.occupation-group")
            return (nil, problems.list)
        }
        guard let fte = Self.fte(of: record) else {
            problems.add(.error, "H104", "", rule: LGESRule.fteMissing,
                         "LGES reports pay per full-time equivalent and the post's FTE cannot be known",
                         expected: "H104 Full-Time Equivalent, or H101 Contracted Weekly Hours (or H105) with H102 Full-Time Weekly Hours")
            return (nil, problems.list)
        }
        let fullTime = LGESNumber.fixed(fte, places: 4) == "1.0000"
            || (record.contractedWeeklyHours != nil && record.fullTimeWeeklyHours != nil
                && record.contractedWeeklyHours! >= record.fullTimeWeeklyHours!)

        func coded(_ value: String?, field: CollectionCodeLookup.Field, rule: LGESRule, ref: ItemReference, default fallback: String) -> String {
            let result = codes.lookup(value, field: field)
            switch result {
            case .code(let code): return code
            case .absent: return fallback
            case .unmatched, .unknown:
                problems.add(.query, ref, value ?? "", rule: rule,
                             "LGES \(field.name) written as \(fallback): " + (result.reason ?? "no LGES code"), expected: "a code that maps to an LGES code")
                return fallback
            }
        }
        let gender = coded(record.sex, field: genderField, rule: .genderUnmapped, ref: "P108", default: Self.otherOrNotKnownGender)
        let ethnicGroup = coded(record.ethnicity, field: ethnicGroupField, rule: .ethnicGroupUnmapped, ref: "P109", default: Self.notKnownEthnicGroup)
        let payScheme = coded(record.salaryScheme, field: paySchemeField, rule: .paySchemeUnmapped, ref: "S510", default: Self.notKnownPayScheme)
        var spinalColumnPoint: String?
        let spine = codes.lookup(record.spinePoint, field: spinalColumnPointField)
        switch spine {
        case .absent: break
        case .code(let code): spinalColumnPoint = code
        case .unmatched, .unknown:
            problems.add(.query, "S502", record.spinePoint ?? "", rule: LGESRule.spinalColumnPointUnmapped,
                         "LGES spinal_column_point left empty: " + (spine.reason ?? "no NJC spinal column point"),
                         expected: "an NJC spinal column point (SCP1 to SCP43)")
        }
        if record.laGSSCode == nil {
            problems.add(.query, "O103", "", rule: LGESRule.laCodeMissing, "LGES la_code left empty: the record has no GSS code",
                         expected: "the authority's nine-character GSS code")
        }
        var basic: Int?, gross: Int?
        if let pay = record.annualBasicPayFTE {
            basic = LGESNumber.pence(pay)
            var total = pay
            for item in record.payItems {
                if let amount = item.amount { total += amount } else {
                    problems.add(.query, "S509", "", rule: LGESRule.payItemAmountMissing,
                                 "pay item \(item.type) has no amount and is left out of fte_gross_pay", expected: "the annual FTE amount of the payment")
                }
            }
            gross = LGESNumber.pence(total)
        } else {
            problems.add(.query, "S504", "", rule: LGESRule.fteBasicPayMissing,
                         "LGES fte_basic_pay and fte_gross_pay left empty: the record has no annual basic pay (FTE)",
                         expected: "the full-time equivalent annual basic pay")
        }
        let row = LGESPostRow(laCode: record.laGSSCode, postID: record.postID ?? record.displayID, occupation: occupation, role: role,
                              gender: gender, ageBand: ageBand(record.dateOfBirth), ethnicGroup: ethnicGroup,
                              workingPattern: fullTime ? "FT" : "PT", fte: fte, basicPayPence: basic, grossPayPence: gross,
                              payScheme: payScheme, spinalColumnPoint: spinalColumnPoint)
        return (row, problems.list)
    }
}
