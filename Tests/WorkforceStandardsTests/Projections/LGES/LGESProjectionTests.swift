import Foundation
import Testing
@testable import WorkforceStandards

/// The LGES post file and aggregate tables: scope, derivations, suppression, the gender pay
/// gap worked out by hand, data minimisation, spreadsheet safety, determinism, golden files.
@Suite("LGES projection")
struct LGESProjectionTests {
    typealias T = CSVReturnTesting
    static let posts = LGESProjection.outputNames[0]
    static let aggregates = LGESProjection.outputNames[1]

    /// A council employee: `role` R301 administrative officer (LGES group 11) unless told.
    static func employee(_ id: String, sex: String = "F", role: String = "R301", fte: Double = 1, basic: Double = 25_000,
                         items: [PayItem] = [], person: String? = nil) -> PostRecord {
        var r = PostRecord()
        r.line = 2
        r.staffID = person ?? "S" + id
        r.postID = "P" + id
        // One NI number per person (the aggregates count people by it), the same for two posts
        // of one person.
        r.niNumber = "JK" + String(format: "%06d", Int(FingerprintTable.fingerprint(r.staffID!) % 1_000_000)) + "A"
        r.familyName = "Surname" + id
        r.givenNames = ["Given" + id]
        r.dateOfBirth = T.date("1980-06-15")
        r.sex = sex
        r.ethnicity = "W1"
        r.laGSSCode = "E10000999"
        r.role = role
        r.contractType = "PRM"
        r.contractStart = T.date("2020-04-01")
        r.fullTimeWeeklyHours = 37
        r.contractedWeeklyHours = 37 * fte
        r.fte = fte
        r.salaryScheme = "NJC"
        r.spinePoint = "SCP12"
        r.annualBasicPayFTE = basic
        r.payBasis = "A"
        r.payItems = items
        return r
    }

    static func run(_ records: [PostRecord]) throws -> (posts: [[String]], aggregates: [[String]], outcomes: [T.Outcome]) {
        let (outputs, outcomes) = try T.run(LGESProjection.self, records)
        return (T.rows(outputs[posts]!), T.rows(outputs[aggregates]!), outcomes)
    }

    static func line(_ rows: [[String]], _ index: Int = 1) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(rows[0], rows[index]))
    }

    /// The aggregate rows by "table region authority_type occupation gender working_pattern
    /// spinal_column_point" (ALL for a total, empty where the table has no such dimension).
    static func table(_ rows: [[String]]) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for index in 1..<rows.count {
            let row = line(rows, index)
            out[["table", "region", "authority_type", "occupation", "gender", "working_pattern", "spinal_column_point"].map { row[$0]! }
                .joined(separator: " ")] = row
        }
        return out
    }

    /// The key of the occupation extension's cell (occupation, gender, pattern).
    static func occupationCell(_ occupation: String, _ gender: String, _ pattern: String) -> String {
        "occupation_extension   \(occupation) \(gender) \(pattern) "
    }

    /// The key of the pay table's cell over every area (no organisation data: region NK).
    static func payCell(_ gender: String, _ pattern: String, region: String = "ALL", type: String = "ALL") -> String {
        "pay \(region) \(type)  \(gender) \(pattern) "
    }

    // MARK: - fields

    @Test func headerIsTheCatalogueOfLGESFields() throws {
        // The fields of Standards/collections/lges.csv in position order (1 to 13).
        let fields = ["la_code", "post_id", "occupation", "role", "gender", "age_band", "ethnic_group", "working_pattern",
                      "fte", "fte_basic_pay", "fte_gross_pay", "pay_scheme", "spinal_column_point"]
        #expect(LGESPostRow.header == fields)
        let catalogue = try #require(Registry.embedded.fields[.lges]).sorted { Int($0.position)! < Int($1.position)! }.map(\.field)
        #expect(catalogue == fields)
        let (posts, aggregates, _) = try Self.run([])
        #expect(posts == [LGESPostRow.header] && aggregates == [LGESAggregateTable.header])
    }

    @Test func aPostLine() throws {
        let record = T.careWorker()
        let (posts, _, outcomes) = try Self.run([record])
        #expect(outcomes[0].decision == .inScope && outcomes[0].errors.isEmpty)
        let post = Self.line(posts)
        #expect(post == [
            "la_code": "E10000999", "post_id": "POST001", "occupation": "14", "role": "R419", "gender": "F",
            // Born 1984-04-12: 41 on 2025-11-06.
            "age_band": "40-44", "ethnic_group": "B", "working_pattern": "PT", "fte": "0.8108",
            // Gross = basic 24,294 + the shift allowance 1,250.50 (already an annual FTE amount).
            "fte_basic_pay": "24294.00", "fte_gross_pay": "25544.50", "pay_scheme": "NJC", "spinal_column_point": "5",
        ])
    }

    struct Derivation: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout PostRecord) -> Void
        var expected: [String: String]
        var query: String? = nil
        var testDescription: String { name }
    }

    static let derivations: [Derivation] = [
        Derivation(name: "FTE 1 is full time", change: { $0.contractedWeeklyHours = nil }, expected: ["working_pattern": "FT", "fte": "1.0000"]),
        Derivation(name: "full-time hours without an FTE", change: { $0.fte = nil }, expected: ["working_pattern": "FT", "fte": "1.0000"]),
        Derivation(name: "FTE from hours", change: { $0.fte = nil; $0.contractedWeeklyHours = 18.5 }, expected: ["working_pattern": "PT", "fte": "0.5000"]),
        Derivation(name: "FTE from average hours", change: { $0.fte = nil; $0.contractedWeeklyHours = nil; $0.averageWeeklyHours = 9.25 },
                   expected: ["working_pattern": "PT", "fte": "0.2500"]),
        Derivation(name: "FTE just under 1", change: { $0.fte = 0.99; $0.contractedWeeklyHours = 36.63 }, expected: ["working_pattern": "PT", "fte": "0.9900"]),
        Derivation(name: "no date of birth", change: { $0.dateOfBirth = nil }, expected: ["age_band": "NK"]),
        Derivation(name: "aged 19", change: { $0.dateOfBirth = T.date("2006-11-07") }, expected: ["age_band": "0-19"]),
        Derivation(name: "aged 20 on the day", change: { $0.dateOfBirth = T.date("2005-11-06") }, expected: ["age_band": "20-24"]),
        Derivation(name: "aged 66", change: { $0.dateOfBirth = T.date("1959-01-01") }, expected: ["age_band": "65+"]),
        Derivation(name: "sex not recorded", change: { $0.sex = nil }, expected: ["gender": "X"]),
        Derivation(name: "other sex", change: { $0.sex = "O" }, expected: ["gender": "X"]),
        Derivation(name: "ethnicity not recorded", change: { $0.ethnicity = nil }, expected: ["ethnic_group": "U"]),
        Derivation(name: "ethnicity refused", change: { $0.ethnicity = "R" }, expected: ["ethnic_group": "U"]),
        Derivation(name: "no salary scheme", change: { $0.salaryScheme = nil }, expected: ["pay_scheme": "NK"]),
        Derivation(name: "Soulbury", change: { $0.salaryScheme = "SOUL"; $0.spinePoint = nil }, expected: ["pay_scheme": "SOUL", "spinal_column_point": ""]),
        Derivation(name: "pay items add up", change: { $0.payItems = [PayItem(type: "LOT", amount: 1_000), PayItem(type: "STB", amount: 250.25)] },
                   expected: ["fte_basic_pay": "25000.00", "fte_gross_pay": "26250.25"]),
        Derivation(name: "a pay item without an amount", change: { $0.payItems = [PayItem(type: "OVT", amount: nil)] },
                   expected: ["fte_gross_pay": "25000.00"], query: "lges.pay_item.amount-missing"),
        Derivation(name: "no basic pay", change: { $0.annualBasicPayFTE = nil; $0.payBasis = "H"; $0.hourlyRate = 13 },
                   expected: ["fte_basic_pay": "", "fte_gross_pay": ""], query: "lges.fte_basic_pay.missing"),
        Derivation(name: "no GSS code", change: { $0.laGSSCode = nil }, expected: ["la_code": ""], query: "lges.la_code.missing"),
        Derivation(name: "a teacher's spine point", change: { $0.spinePoint = "M3" }, expected: ["spinal_column_point": ""],
                   query: "lges.spinal_column_point.unmapped"),
    ]

    @Test(arguments: derivations)
    func derivation(_ derivation: Derivation) throws {
        var record = Self.employee("1")
        derivation.change(&record)
        let (posts, _, outcomes) = try Self.run([record])
        #expect(outcomes[0].errors.isEmpty, "\(outcomes[0].problems)")
        let post = Self.line(posts)
        for (field, value) in derivation.expected { #expect(post[field] == value, "\(field)") }
        if let query = derivation.query { #expect(outcomes[0].queries.contains(query), "\(outcomes[0].queries)") }
    }

    @Test func aPostWithoutAnFTEIsRejected() throws {
        var record = Self.employee("1")
        record.fte = nil
        record.contractedWeeklyHours = nil
        let (posts, aggregates, outcomes) = try Self.run([record])
        #expect(outcomes[0].errors == ["lges.fte.missing"])
        #expect(posts.count == 1 && aggregates.count == 1, "a rejected post is neither written nor counted")
    }

    // MARK: - scope

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout PostRecord) -> Void
        var reason: String?
        var testDescription: String { name }
    }

    static let scopeCases: [ScopeCase] = [
        ScopeCase(name: "employee in post", change: { _ in }, reason: nil),
        ScopeCase(name: "fixed-term employee", change: { $0.contractType = "FXT" }, reason: nil),
        ScopeCase(name: "bank worker", change: { $0.contractType = "BNK" }, reason: nil),
        ScopeCase(name: "care worker (ASC-WDS too)", change: { $0.role = "R419" }, reason: nil),
        ScopeCase(name: "agency worker", change: { $0.contractType = "SAG" }, reason: "service agreement"),
        // SLA staff are employed by the authority and work for another body: council employees.
        ScopeCase(name: "employed by the authority under an SLA", change: { $0.contractType = "SLA" }, reason: nil),
        ScopeCase(name: "supplied from another source", change: { $0.contractType = "SOT" }, reason: "service agreement"),
        ScopeCase(name: "self-employed consultant", change: { $0.contractType = "SOT" }, reason: "service agreement"),
        ScopeCase(name: "volunteer", change: { $0.contractType = "VOL" }, reason: "volunteer"),
        ScopeCase(name: "classroom teacher", change: { $0.role = "R201" }, reason: "role not in LGES scope: teachers are excluded from the LGES"),
        ScopeCase(name: "paid on teachers' pay and conditions", change: { $0.salaryScheme = "STPCD" }, reason: "LGES excludes teachers"),
        ScopeCase(name: "vacancy", change: { $0 = PostRecord(); $0.postID = "V1"; $0.vacancy = Vacancy(role: "R301") }, reason: "vacancy"),
        ScopeCase(name: "left before the reference date", change: { $0.leavingDate = T.date("2025-09-30") }, reason: "left before"),
        ScopeCase(name: "starts after the reference date", change: { $0.contractStart = T.date("2025-12-01") }, reason: "starts after"),
    ]

    @Test(arguments: scopeCases)
    func scope(_ scopeCase: ScopeCase) throws {
        var record = Self.employee("1")
        scopeCase.change(&record)
        let projection = try LGESProjection(settings: T.settings, sinks: [Self.posts: MemorySink(), Self.aggregates: MemorySink()])
        switch (projection.scope(record), scopeCase.reason) {
        case (.inScope, nil): break
        case (.outOfScope(let reason), let fragment?): #expect(reason.contains(fragment), "\(reason)")
        case (let decision, _): Issue.record("\(scopeCase.name): \(decision)")
        }
    }

    // MARK: - aggregates and suppression

    static let figureColumns = ["people", "posts", "fte", "basic_paybill", "gross_paybill", "mean_fte_basic_pay", "median_fte_basic_pay",
                                "mean_fte_gross_pay", "median_fte_gross_pay"]

    @Test func aCellOfFourIsSuppressedAndACellOfFiveIsShown() throws {
        // Four women, six men, five of unknown sex: the women's cell is hidden, and with it one
        // more of its line (the five), or the total would give it away.
        let women = (1...4).map { Self.employee("F\($0)", sex: "F", basic: 24_000 + Double($0) * 100) }
        let men = (1...6).map { Self.employee("M\($0)", sex: "M", basic: 24_000 + Double($0) * 100) }
        let others = (1...5).map { Self.employee("X\($0)", sex: "U", basic: 30_000) }
        let (_, aggregates, _) = try Self.run(women + men + others)
        let table = Self.table(aggregates)
        for key in [Self.occupationCell("11", "F", "FT"), Self.payCell("F", "FT")] {
            let female = try #require(table[key], "\(key)")
            for column in Self.figureColumns { #expect(female[column] == "c", "\(key) \(column)") }
            #expect(female["status"] == "hidden" && female["reason"] == "primary: fewer than 5 people")
        }
        let male = try #require(table[Self.occupationCell("11", "M", "FT")])
        #expect(male["people"] == "6" && male["posts"] == "6" && male["fte"] == "6.00")
        // 24,100 ... 24,600: mean and median 24,350; paybill of six full-time posts 146,100.
        #expect(male["mean_fte_basic_pay"] == "24350.00" && male["median_fte_basic_pay"] == "24350.00")
        #expect(male["basic_paybill"] == "146100.00" && male["gross_paybill"] == "146100.00")
        let all = try #require(table[Self.occupationCell("11", "ALL", "FT")])
        #expect(all["status"] == "shown" && all["people"] == "15")
        let other = try #require(table[Self.occupationCell("11", "X", "FT")])
        #expect(other["status"] == "hidden" && other["people"] == "c")
        // Hidden for the women's cell: here or in the pay table, which shows the same posts
        // (one occupation group, one area).
        let why = other["reason"] ?? ""
        #expect(why.hasPrefix("linked: the pay table") || why.contains("gender=F working_pattern=FT be worked out"), "\(other)")
        let payOther = try #require(table[Self.payCell("X", "FT", region: "ALL", type: "ALL")])
        #expect(payOther["reason"]?.hasPrefix("secondary: would let the hidden cell") == true
                    && payOther["reason"]?.contains("gender=F working_pattern=FT be worked out") == true, "\(payOther)")
        // A gap computed from a hidden cell is hidden too.
        let gap = try #require(table["occupation_pay_gap_extension   11  FT "])
        #expect(gap["gender_pay_gap_mean_pct"] == "c" && gap["gender_pay_gap_median_pct"] == "c")
        // Nothing under five people is shown anywhere.
        for index in 1..<aggregates.count {
            let row = Self.line(aggregates, index)
            if let count = Int(row["people"]!) { #expect(count >= LGESAggregateTable.minimumPeople) }
        }
    }

    @Test func peopleAreCountedNotPosts() throws {
        // Five posts held by four people: the cell has four people and is hidden.
        var records = (1...4).map { Self.employee("\($0)", fte: 0.5) }
        records.append(Self.employee("5", fte: 0.5, person: records[0].staffID))
        let (_, aggregates, _) = try Self.run(records)
        #expect(Self.table(aggregates)[Self.occupationCell("11", "F", "PT")]?["people"] == "c")
        records.append(Self.employee("6", fte: 0.5))
        let (_, shown, _) = try Self.run(records)
        let cell = try #require(Self.table(shown)[Self.occupationCell("11", "F", "PT")])
        #expect(cell["people"] == "5" && cell["posts"] == "6" && cell["fte"] == "3.00", "six posts of five people, FTE 6 x 0.5")
    }

    /// One person holds two posts in different cells of every table (full time on SCP 12, part
    /// time on SCP 5); four others hold one each (full time, SCP 12). Every total counts five
    /// people and six posts; the cells of one person are hidden.
    @Test func aPersonWithPostsInTwoCellsIsOnePersonInEveryTotal() throws {
        var records = (1...5).map { Self.employee("\($0)") }
        var second = Self.employee("6", fte: 0.5, person: records[0].staffID)
        second.spinePoint = "SCP5"
        records.append(second)
        let (_, aggregates, _) = try Self.run(records)
        let table = Self.table(aggregates)
        let pay = try #require(table[Self.payCell("ALL", "ALL")])
        #expect(pay["people"] == "5" && pay["posts"] == "6" && pay["fte"] == "5.50")
        let points = try #require(table["scp ALL ALL    ALL"])
        #expect(points["people"] == "5" && points["posts"] == "6")
        let occupation = try #require(table[Self.occupationCell("ALL", "ALL", "ALL")])
        #expect(occupation["people"] == "5" && occupation["posts"] == "6")
        for key in [Self.payCell("F", "PT"), "scp ALL ALL    5"] {
            #expect(table[key]?["people"] == "c" && table[key]?["reason"] == "primary: fewer than 5 people", "\(key)")
        }
        // With its one-person partner hidden, the other cell of each line is hidden too.
        #expect(table[Self.payCell("F", "FT")]?["status"] == "hidden" && table["scp ALL ALL    12"]?["status"] == "hidden")
    }

    @Test func payIsSuppressedWhenFewerThanFivePeopleHaveIt() throws {
        var records = (1...6).map { Self.employee("\($0)") }
        for index in 0..<2 { records[index].annualBasicPayFTE = nil; records[index].payBasis = "H"; records[index].hourlyRate = 12 }
        let (_, aggregates, _) = try Self.run(records)
        let cell = try #require(Self.table(aggregates)[Self.occupationCell("11", "F", "FT")])
        #expect(cell["people"] == "c" && cell["mean_fte_basic_pay"] == "c" && cell["median_fte_gross_pay"] == "c")
        #expect(cell["reason"] == "primary: fewer than 5 people with a recorded pay")
    }

    /// Worked out by hand. Men (FT, group 11), gross FTE pay: 30,000 (29,000 basic + 1,000
    /// allowance), 32,000, 34,000, 36,000, 40,000: mean 172,000 / 5 = 34,400, median 34,000.
    /// Women: 28,000, 30,000, 31,000, 33,000, 35,000, 37,000: mean 194,000 / 6 = 32,333.33,
    /// median (31,000 + 33,000) / 2 = 32,000.
    /// Mean gap (34,400 - 32,333.33) / 34,400 x 100 = 6.008 -> 6.0; median gap
    /// (34,000 - 32,000) / 34,000 x 100 = 5.882 -> 5.9.
    /// Both: 11 posts, gross 366,000 (mean 33,272.73), basic 365,000; median of 11 gross values
    /// (28, 30, 30, 31, 32, 33, 34, 35, 36, 37, 40 thousand) is the 6th: 33,000.
    @Test func genderPayGapWorkedOutByHand() throws {
        var records = [Self.employee("M1", sex: "M", basic: 29_000, items: [PayItem(type: "MAL", amount: 1_000)])]
        records += [32_000, 36_000, 40_000, 34_000].enumerated().map { Self.employee("M\($0.offset + 2)", sex: "M", basic: $0.element) }
        records += [37_000, 28_000, 31_000, 35_000, 30_000, 33_000].enumerated().map { Self.employee("F\($0.offset)", sex: "F", basic: $0.element) }
        let (_, aggregates, _) = try Self.run(records)
        let table = Self.table(aggregates)
        let men = try #require(table[Self.occupationCell("11", "M", "FT")])
        #expect(men["mean_fte_gross_pay"] == "34400.00" && men["median_fte_gross_pay"] == "34000.00")
        #expect(men["mean_fte_basic_pay"] == "34200.00" && men["median_fte_basic_pay"] == "34000.00")
        let women = try #require(table[Self.occupationCell("11", "F", "FT")])
        #expect(women["mean_fte_gross_pay"] == "32333.33" && women["median_fte_gross_pay"] == "32000.00")
        let gap = try #require(table["occupation_pay_gap_extension   11  FT "])
        #expect(gap["gender_pay_gap_mean_pct"] == "6.0" && gap["gender_pay_gap_median_pct"] == "5.9")
        #expect(gap["people"] == "" && gap["mean_fte_gross_pay"] == "")
        let both = try #require(table[Self.payCell("ALL", "ALL")])
        #expect(both["people"] == "11" && both["gross_paybill"] == "366000.00" && both["basic_paybill"] == "365000.00")
        #expect(both["mean_fte_gross_pay"] == "33272.73" && both["median_fte_gross_pay"] == "33000.00")
    }

    /// Paybill is each post's FTE (four decimals, as in the post file) times its FTE pay:
    /// 0.5 x 30,000 + 0.75 x 20,000.01 + 1 x 25,000 + 0.3333 x 24,000 + 0.25 x 40,000
    /// = 15,000 + 15,000.0075 + 25,000 + 7,999.20 + 10,000 = 72,999.2075 -> 72,999.21.
    @Test func paybillIsFTETimesPayWorkedOutByHand() throws {
        let records = [(0.5, 30_000.0), (0.75, 20_000.01), (1, 25_000), (0.3333, 24_000), (0.25, 40_000)].enumerated().map {
            Self.employee("\($0.offset)", fte: $0.element.0, basic: $0.element.1)
        }
        let (_, aggregates, _) = try Self.run(records)
        let all = try #require(Self.table(aggregates)[Self.payCell("ALL", "ALL")])
        #expect(all["basic_paybill"] == "72999.21" && all["fte"] == "2.83" && all["posts"] == "5")
    }

    @Test func aggregateRowsComeInAFixedOrder() throws {
        var records = (1...5).map { Self.employee("A\($0)", role: "R419") } // group 14
        records += (1...5).map { Self.employee("B\($0)", sex: "M", fte: 0.5) } // group 11 PT
        records += (1...2).map { Self.employee("C\($0)", sex: "U") } // group 11 FT, X
        let (_, aggregates, _) = try Self.run(records)
        let tables = aggregates.dropFirst().map { $0[0] }
        #expect(tables == tables.sorted { LGESAggregateTable.Table.allCases.map(\.rawValue).firstIndex(of: $0)! < LGESAggregateTable.Table.allCases.map(\.rawValue).firstIndex(of: $1)! })
        let occupationKeys = aggregates.dropFirst().filter { $0[0] == "occupation_extension" }.map { "\($0[3]) \($0[4]) \($0[5])" }
        #expect(occupationKeys.prefix(4) == ["ALL ALL ALL", "ALL ALL FT", "ALL ALL PT", "ALL F ALL"], "totals first")
        #expect(occupationKeys.last == "14 F FT")
        // With only one sex in a group the gap is not available (empty), not hidden.
        #expect(Self.table(aggregates)["occupation_pay_gap_extension   14  FT "]?["gender_pay_gap_mean_pct"] == "")
        // The order of the input does not matter.
        let (_, reversed, _) = try Self.run(records.reversed())
        #expect(reversed == aggregates)
    }

    // MARK: - files

    @Test func noNationalInsuranceNumberNameOrBirthDateReachesTheLGESOutputs() throws {
        let csv = try T.exampleCSV()
        let (outputs, report, _) = try T.pipeline(LGESProjection.self, csv: csv)
        #expect((report.collections[.lges]?.projected ?? 0) > 20)
        let input = T.rows(String(decoding: csv, as: UTF8.self))
        let header = input[0]
        func values(_ column: String) -> [String] {
            let index = header.firstIndex(of: column)!
            return input.dropFirst().map { $0[index] }.filter { !$0.isEmpty }
        }
        let secrets = values("national_insurance_number") + values("family_name") + values("date_of_birth") + values("staff_identifier")
            + values("given_names").flatMap { $0.split(separator: ";").map(String.init) }
        #expect(values("national_insurance_number").count > 20)
        for name in LGESProjection.outputNames {
            let cells = Set(T.rows(outputs[name]!).flatMap { $0 })
            let leaked = secrets.filter { cells.contains($0) }
            #expect(leaked.isEmpty, "\(name): \(leaked)")
            let text = outputs[name]!
            #expect(!values("national_insurance_number").contains { text.contains($0) }, "\(name) holds an NI number")
        }
    }

    @Test func textThatSpreadsheetsWouldRunIsNeutralised() throws {
        var record = Self.employee("1")
        record.postID = "=1+2"
        record.laGSSCode = "@SUM(A1)"
        var second = Self.employee("2")
        second.postID = "-2"
        let (outputs, _) = try T.run(LGESProjection.self, [record, second] + (3...8).map { Self.employee("\($0)") })
        for name in LGESProjection.outputNames { #expect(T.formulaCells(outputs[name]!).isEmpty, "\(name)") }
        #expect(outputs[Self.posts]!.contains("'=1+2") && outputs[Self.posts]!.contains("'@SUM(A1)"))
        #expect(outputs[Self.posts]!.contains(",-2,"), "a plain number is left as it is")
        let example = try T.pipeline(LGESProjection.self, csv: try T.exampleCSV()).outputs
        for name in LGESProjection.outputNames { #expect(T.formulaCells(example[name]!).isEmpty, "\(name)") }
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let csv = try T.exampleCSV()
        let first = try T.pipeline(LGESProjection.self, csv: csv).outputs
        let second = try T.pipeline(LGESProjection.self, csv: csv).outputs
        #expect(first == second)
    }

    /// Streaming: post lines are written as records arrive; the aggregates keep one entry per
    /// cell, however many posts there are.
    @Test func postLinesAreWrittenAsRecordsArrive() throws {
        let posts = MemorySink(), aggregates = MemorySink()
        let projection = try LGESProjection(settings: T.settings, sinks: [Self.posts: posts, Self.aggregates: aggregates])
        for index in 0..<3_000 {
            let record = Self.employee("\(index)", sex: index % 2 == 0 ? "F" : "M", fte: index % 3 == 0 ? 0.5 : 1, basic: 20_000 + Double(index))
            #expect(projection.scope(record) == .inScope)
            _ = projection.project(record)
            if index % 500 == 0 { #expect(posts.text.split(separator: "\n").count == index + 2) }
        }
        #expect(aggregates.text.isEmpty, "aggregates wait for the end")
        try projection.finish()
        // One area, one occupation, one spinal column point; 2 genders, 2 patterns, each with
        // its total: pay 1 x 1 x 3 x 3 region and type each with ALL (2 x 2 x 3 x 3 = 36),
        // scp 2 x 2 x 2 = 8, occupation 2 x 3 x 3 = 18, gaps 2 x 3 = 6.
        #expect(T.rows(aggregates.text).count == 1 + 36 + 8 + 18 + 6)
    }

    /// The example data as `wds project --to lges --year 2025 --organisations
    /// Examples/organisations.csv` projects it: the 2025/26 survey, taken on 1 April 2025.
    @Test func goldenFilesForTheExampleData() throws {
        let (outputs, _, _) = try LGESDisclosureTests.pipeline(try T.exampleCSV(), organisations: try LGESDisclosureTests.exampleOrganisations())
        try T.expectSnapshot(outputs[Self.posts]!, named: Self.posts)
        try T.expectSnapshot(outputs[Self.aggregates]!, named: Self.aggregates)
    }
}
