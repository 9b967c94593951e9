import Foundation
import Testing
@testable import WorkforceStandards

/// The LGES as the LGA runs it: England and Wales, the financial-year survey period, the
/// tables by region and type of authority, and an attacker who tries to work out every hidden
/// cell from what `lges-aggregates.csv` shows.
///
/// Expectations come from the LGA's published description of the survey (LGEDS 2019/20:
/// "all local government employees (excluding teachers) in England and Wales", "relate to the
/// 2019/20 financial year", "collected between July 2019 and March 2020"; outputs "by region,
/// authority type, gender and full-time/part-time working" and a "spinal column point
/// distribution"), from ONS's GSS codes (E09 London boroughs, W06 Welsh unitary authorities,
/// E12 regions, W92000004 Wales), and, for the attack, from arithmetic alone: the attacker
/// below shares no code with the projection's disclosure control.
@Suite("LGES: England and Wales, survey year, and disclosure")
struct LGESDisclosureTests {
    typealias T = CSVReturnTesting
    static let aggregatesName = LGESProjection.outputNames[1]

    // MARK: - survey period

    @Test func collectionYear2025IsTheFinancialYear2025To26() {
        let period = CollectionCalendar.lgesSurveyPeriod(2025)
        #expect(period.name == "2025/26")
        #expect(period.start == SimpleDate(year: 2025, month: 4, day: 1)! && period.end == SimpleDate(year: 2026, month: 3, day: 31)!)
        #expect(CollectionCalendar.referenceDate(of: .lges, year: 2025) == SimpleDate(year: 2025, month: 4, day: 1)!)
        // The LGA's last edition: 2019/20.
        #expect(CollectionCalendar.lgesSurveyPeriod(2019).name == "2019/20")
        #expect(CollectionCalendar.lgesSurveyPeriod(2009).name == "2009/10")
        #expect(CollectionCalendar.periodDescription(of: .lges, year: 2025) == "financial year 2025/26, 2025-04-01 to 2026-03-31")
        // In December 2025 the 2025/26 survey is the one being collected (July to March).
        #expect(CollectionCalendar.latestYear(of: .lges, onOrBefore: SimpleDate(year: 2025, month: 12, day: 7)!) == 2025)
        #expect(CollectionCalendar.latestYear(of: .lges, onOrBefore: SimpleDate(year: 2026, month: 3, day: 31)!) == 2025)
    }

    // MARK: - England and Wales

    /// Runs the whole pipeline over `csv` for LGES 2025 (2025/26), with the organisation data.
    static func pipeline(_ csv: Data, organisations: OrganisationDirectory?) throws
        -> (outputs: [String: String], report: ReconciliationReport, diagnostics: String) {
        var settings = ProjectionSettings(collection: .lges, year: 2025)
        settings.organisations = organisations
        var sinks: [String: MemorySink] = [:]
        for name in LGESProjection.outputNames { sinks[name] = MemorySink() }
        let projection = try LGESProjection(settings: settings, sinks: sinks)
        let diagnostics = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection], diagnostics: diagnostics)
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        return (sinks.mapValues(\.text), report, diagnostics.text)
    }

    static func exampleOrganisations() throws -> OrganisationDirectory {
        let url = Paths.repository.appendingPathComponent("Examples/organisations.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (directory, problems) = OrganisationFile.read(text)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        return directory
    }

    /// The example data as a Welsh council holds it: the same posts under a W06 code.
    static func welshExample() throws -> Data {
        let text = String(decoding: try T.exampleCSV(), as: UTF8.self)
        #expect(text.contains(",E10000999,"))
        return Data(text.replacingOccurrences(of: ",E10000999,", with: ",W06000999,").utf8)
    }

    /// The cells of `table` in `aggregates` by the values of its dimensions.
    static func rows(_ aggregates: String, table: String) -> [[String: String]] {
        let rows = T.rows(aggregates)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }.filter { $0["table"] == table }
    }

    @Test func theExampleDataProjectsAsAnEnglishAndAsAWelshCouncil() throws {
        let organisations = try Self.exampleOrganisations()
        let english = try Self.pipeline(try T.exampleCSV(), organisations: organisations)
        let welsh = try Self.pipeline(try Self.welshExample(), organisations: organisations)
        for run in [english, welsh] {
            let lges = try #require(run.report.collections[.lges])
            #expect(lges.projected > 100 && lges.rejected == 0, "\(lges)")
            #expect(run.report.addsUp)
            #expect(!run.diagnostics.contains("O103"), "the GSS code is accepted: \(run.diagnostics.split(separator: "\n").filter { $0.contains("O103") }.prefix(3))")
        }
        #expect(english.report.collections[.lges]?.projected == welsh.report.collections[.lges]?.projected)
        // Every row of the tables names the survey year: 2025 is 2025/26.
        let aggregateRows = T.rows(english.outputs[Self.aggregatesName]!)
        #expect(aggregateRows.first?.last == "survey_year" && aggregateRows.dropFirst().allSatisfy { $0.last == "2025/26" })
        // The post file keeps each council's code.
        let welshPosts = T.rows(welsh.outputs[LGESProjection.outputNames[0]]!)
        #expect(welshPosts.dropFirst().allSatisfy { $0[0] == "W06000999" })
        // The aggregates: England's county in the North West (from the organisation data), the
        // Welsh council in Wales as a Welsh unitary authority (from its code alone).
        for (run, region, type) in [(english, "E12000002", "CTY"), (welsh, "W92000004", "WU")] {
            let pay = Self.rows(run.outputs[Self.aggregatesName]!, table: "pay")
            let area = try #require(pay.first { $0["region"] == region && $0["authority_type"] == type && $0["gender"] == "ALL" && $0["working_pattern"] == "ALL" })
            #expect(area["status"] == "shown" && Double(area["basic_paybill"] ?? "") ?? 0 > 1_000_000, "\(area)")
            #expect(area["gross_paybill"]! >= area["basic_paybill"]! || Double(area["gross_paybill"]!)! >= Double(area["basic_paybill"]!)!)
            let byRegion = try #require(pay.first { $0["region"] == region && $0["authority_type"] == "ALL" && $0["gender"] == "ALL" && $0["working_pattern"] == "ALL" })
            #expect(byRegion["basic_paybill"] == area["basic_paybill"], "one council: its region's paybill is its own")
            let scp = Self.rows(run.outputs[Self.aggregatesName]!, table: "scp")
            let points = scp.filter { $0["region"] == region && $0["authority_type"] == type && $0["spinal_column_point"] != "ALL" }
            #expect(points.count > 10, "a spinal column point distribution for the area")
            let shownPosts = points.compactMap { Int($0["posts"]!) }.reduce(0, +)
            #expect(shownPosts > 50 && shownPosts < Int(area["posts"]!)!)
        }
    }

    @Test func anEnglishCouncilWithoutItsRegionIsCountedUnderNKWithAQuery() throws {
        // Organisation data that gives the council's row without its region.
        let organisations = try Self.exampleOrganisations()
        let withoutRegion = OrganisationDirectory(organisations.records.map { record in
            var record = record
            record.values["O150"] = nil
            return record
        })
        let run = try Self.pipeline(try T.exampleCSV(), organisations: withoutRegion)
        #expect(run.diagnostics.contains("lges.region.missing"))
        #expect(run.diagnostics.split(separator: "\n").filter { $0.contains("lges.region.missing") }.count == 1, "once per authority")
        let pay = Self.rows(run.outputs[Self.aggregatesName]!, table: "pay")
        #expect(pay.contains { $0["region"] == "NK" && $0["authority_type"] == "CTY" })
        // A Welsh council needs no region in its organisation data.
        let welsh = try Self.pipeline(try Self.welshExample(), organisations: withoutRegion)
        #expect(!welsh.diagnostics.contains("lges.region"))
        // Without organisation data at all, NK and no query (the README says so).
        let bare = try Self.pipeline(try T.exampleCSV(), organisations: nil)
        #expect(!bare.diagnostics.contains("lges.region"))
        #expect(Self.rows(bare.outputs[Self.aggregatesName]!, table: "pay").contains { $0["region"] == "NK" })
    }

    @Test(arguments: [("E09000033", "E12000007", "LB"), ("W06000015", "W92000004", "WU"), ("E06000001", "NK", "UA"),
                      ("E07000008", "NK", "SD"), ("E08000003", "NK", "MD"), ("E10000002", "NK", "CTY")])
    func regionAndTypeFromTheGSSCode(gss: String, region: String, type: String) throws {
        var resolver = LGESAreaResolver(settings: ProjectionSettings(collection: .lges, year: 2025))
        #expect(resolver.area(gss: gss, la: nil) == LGESArea(region: region, authorityType: type))
    }

    @Test func theGSSCodeOfAWelshCouncilIsValid() throws {
        let item = try #require(Registry.embedded.item("O103"))
        let validator = ItemValueValidator(item: item, registry: .embedded)
        for code in ["W06000015", "E09000033", "E10000002"] {
            guard case .success = validator.check(code) else { Issue.record("\(code) rejected"); continue }
        }
        for code in ["W05000015", "S12000033", "N09000001", "W0600001"] {
            if case .success = validator.check(code) { Issue.record("\(code) accepted") }
        }
    }

    // MARK: - the attack

    /// Councils of four types in three regions and a fourth unknown: a London borough, a county
    /// and a district in the North West (region from the organisation data), a Welsh council.
    static let councils: [(gss: String, la: String)] = [("E09000001", "201"), ("E10000017", "888"), ("E07000117", "889"), ("W06000001", "660")]

    static func organisations() -> OrganisationDirectory {
        OrganisationDirectory([
            OrganisationRecord(line: 2, laNumber: "888", establishmentNumber: nil, values: ["O103": "E10000017", "O150": "E12000002"]),
            OrganisationRecord(line: 3, laNumber: "889", establishmentNumber: nil, values: ["O103": "E07000117", "O150": "E12000002"]),
        ])
    }

    /// A workforce with many small cells: `count` posts, some people holding two posts in
    /// different cells (a full-time and a part-time post, or posts on two spine points).
    static func workforce(count: Int, seed: UInt64) -> [PostRecord] {
        var generator = SeededGenerator(seed: seed)
        var records: [PostRecord] = []
        for index in 0..<count {
            let council = councils[[0, 1, 1, 1, 2, 2, 3, 3][Int.random(in: 0..<8, using: &generator)]]
            let sex = ["F", "F", "F", "M", "M", "U"][Int.random(in: 0..<6, using: &generator)]
            let role = Int.random(in: 0..<3, using: &generator) == 0 ? "R419" : "R301"
            let fte = Int.random(in: 0..<3, using: &generator) == 0 ? 0.5 : 1
            let basic = Double(Int.random(in: 18_000...60_000, using: &generator))
            // A person with a second post: the one before, under a new post id.
            let second = index > 0 && Int.random(in: 0..<8, using: &generator) == 0
            var record = LGESProjectionTests.employee(second ? "\(index - 1)-2" : "\(index)", sex: sex, role: role, fte: fte, basic: basic,
                                                      person: second ? records[index - 1].staffID : nil)
            if second {
                record.niNumber = records[index - 1].niNumber
                record.sex = records[index - 1].sex
                record.laGSSCode = records[index - 1].laGSSCode
                record.laNumber = records[index - 1].laNumber
            } else {
                record.laGSSCode = council.gss
                record.laNumber = council.la
            }
            record.spinePoint = ["SCP5", "SCP12", nil][Int.random(in: 0..<3, using: &generator)]
            if Int.random(in: 0..<10, using: &generator) == 0 { record.payItems = [PayItem(type: "OVT", amount: 1_234.56)] }
            records.append(record)
        }
        return records
    }

    /// One published cell as the attacker reads it: its table, its coordinates (a value or
    /// ALL), and its posts when shown.
    struct Published: Hashable {
        var table: String
        var key: [String]
        var posts: Double?
    }

    static let dimensions: [String: [String]] = [
        "pay": ["region", "authority_type", "gender", "working_pattern"],
        "scp": ["region", "authority_type", "spinal_column_point"],
        "occupation_extension": ["occupation", "gender", "working_pattern"],
    ]

    static func published(_ aggregates: String) -> [Published] {
        let rows = T.rows(aggregates)
        return rows.dropFirst().compactMap { cells in
            let row = Dictionary(uniqueKeysWithValues: zip(rows[0], cells))
            guard let table = row["table"], let names = dimensions[table] else { return nil }
            return Published(table: table, key: names.map { row[$0]! }, posts: row["status"] == "shown" ? Double(row["posts"]!) : nil)
        }
    }

    /// Attack 1, by subtraction, as a person with the tables and a calculator would: in every
    /// line of a table (a total and its parts along one dimension) with one unknown, work the
    /// unknown out; cells two tables both publish (an area's total in pay and scp, a gender and
    /// pattern total in pay and the occupation extension) carry over. Repeats until nothing
    /// more follows. Returns what it worked out, by cell.
    static func subtract(_ cells: [Published]) -> [Published: Double] {
        var known: [String: Double] = [:]
        func name(_ table: String, _ key: [String]) -> String { table + "|" + key.joined(separator: "|") }
        for cell in cells { if let posts = cell.posts { known[name(cell.table, cell.key)] = posts } }
        let all = Set(cells.map { name($0.table, $0.key) })
        var solved: [Published: Double] = [:]
        var progress = true
        while progress {
            progress = false
            // Shared cells.
            for cell in cells {
                var twins: [String] = []
                if cell.table == "pay" && cell.key[2] == "ALL" && cell.key[3] == "ALL" { twins.append(name("scp", [cell.key[0], cell.key[1], "ALL"])) }
                if cell.table == "scp" && cell.key[2] == "ALL" { twins.append(name("pay", [cell.key[0], cell.key[1], "ALL", "ALL"])) }
                if cell.table == "pay" && cell.key[0] == "ALL" && cell.key[1] == "ALL" { twins.append(name("occupation_extension", ["ALL", cell.key[2], cell.key[3]])) }
                if cell.table == "occupation_extension" && cell.key[0] == "ALL" { twins.append(name("pay", ["ALL", "ALL", cell.key[1], cell.key[2]])) }
                let own = name(cell.table, cell.key)
                for twin in twins where all.contains(twin) {
                    if known[own] == nil, let value = known[twin] { known[own] = value; solved[cell] = value; progress = true }
                }
            }
            // Lines.
            for total in cells where total.key.contains("ALL") {
                for dimension in total.key.indices where total.key[dimension] == "ALL" {
                    let parts = cells.filter { part in
                        part.table == total.table && part.key[dimension] != "ALL"
                            && part.key.indices.allSatisfy { $0 == dimension || part.key[$0] == total.key[$0] }
                    }
                    guard !parts.isEmpty else { continue }
                    let unknown = parts.filter { known[name($0.table, $0.key)] == nil }
                    let knownSum = parts.compactMap { known[name($0.table, $0.key)] }.reduce(0, +)
                    if let totalValue = known[name(total.table, total.key)], unknown.count == 1 {
                        known[name(unknown[0].table, unknown[0].key)] = totalValue - knownSum
                        solved[unknown[0]] = totalValue - knownSum
                        progress = true
                    } else if known[name(total.table, total.key)] == nil, unknown.isEmpty {
                        known[name(total.table, total.key)] = knownSum
                        solved[total] = knownSum
                        progress = true
                    }
                }
            }
        }
        return solved.filter { $0.key.posts == nil }
    }

    /// Attack 2, by linear algebra over every table at once: the unknowns are the posts of each
    /// combination of region, type, occupation, gender, working pattern and spinal column point
    /// (the attacker is even told which combinations hold posts); every shown cell of every
    /// table is an equation. A hidden cell is worked out when its row lies in the span of the
    /// shown cells' rows (Gaussian elimination in doubles; the matrices hold 0 and 1).
    static func recoverableByAlgebra(_ cells: [Published], combinations: [[String: String]]) -> [Published] {
        func vector(_ cell: Published) -> [Double] {
            let names = dimensions[cell.table]!
            return combinations.map { combination in
                zip(names, cell.key).allSatisfy { $1 == "ALL" || combination[$0] == $1 } ? 1 : 0
            }
        }
        var basis: [[Double]] = []
        func reduce(_ row: [Double]) -> [Double] {
            var row = row
            for pivotRow in basis {
                let lead = pivotRow.firstIndex { abs($0) > 1e-9 }!
                let factor = row[lead] / pivotRow[lead]
                if abs(factor) > 1e-12 { for index in row.indices { row[index] -= factor * pivotRow[index] } }
            }
            return row
        }
        for cell in cells where cell.posts != nil {
            let row = reduce(vector(cell))
            if row.contains(where: { abs($0) > 1e-9 }) {
                // Keep the basis in echelon form: insert by the position of the leading entry.
                let lead = row.firstIndex { abs($0) > 1e-9 }!
                let at = basis.firstIndex { $0.firstIndex(where: { abs($0) > 1e-9 })! > lead } ?? basis.count
                basis.insert(row, at: at)
                // Clear the new pivot's column from the rows after it.
                for later in (at + 1)..<basis.count {
                    let factor = basis[later][lead] / row[lead]
                    if abs(factor) > 1e-12 { for index in row.indices { basis[later][index] -= factor * row[index] } }
                }
                basis = basis.filter { $0.contains(where: { abs($0) > 1e-9 }) }
                basis.sort { $0.firstIndex(where: { abs($0) > 1e-9 })! < $1.firstIndex(where: { abs($0) > 1e-9 })! }
            }
        }
        return cells.filter { $0.posts == nil && !reduce(vector($0)).contains(where: { abs($0) > 1e-6 }) }
    }

    /// The combinations that hold posts, worked out by the test from the records themselves.
    static func combinations(_ records: [PostRecord], settings: ProjectionSettings) -> [[String: String]] {
        let regions = ["E09000001": "E12000007", "E10000017": "E12000002", "E07000117": "E12000002", "W06000001": "W92000004"]
        let types = ["E09": "LB", "E10": "CTY", "E07": "SD", "W06": "WU"]
        var seen = Set<[String]>()
        for record in records {
            let scope = try? LGESProjection(settings: settings, sinks: [LGESProjection.outputNames[0]: MemorySink(), aggregatesName: MemorySink()])
            guard scope?.scope(record) == .inScope else { continue }
            let gss = record.laGSSCode!
            let gender = record.sex == "F" ? "F" : record.sex == "M" ? "M" : "X"
            let pattern = (record.fte ?? 1) >= 1 ? "FT" : "PT"
            let occupation = record.role == "R419" ? "14" : "11"
            let point = record.spinePoint.map { String($0.dropFirst(3)) } ?? "none"
            seen.insert([regions[gss]!, types[String(gss.prefix(3))]!, occupation, gender, pattern, point])
        }
        return seen.sorted { $0.lexicographicallyPrecedes($1) }.map {
            ["region": $0[0], "authority_type": $0[1], "occupation": $0[2], "gender": $0[3], "working_pattern": $0[4], "spinal_column_point": $0[5]]
        }
    }

    static func run(_ records: [PostRecord]) throws -> (aggregates: String, settings: ProjectionSettings) {
        var settings = ProjectionSettings(collection: .lges, year: 2025)
        settings.organisations = organisations()
        let (outputs, outcomes) = try T.run(LGESProjection.self, records, settings: settings)
        #expect(outcomes.allSatisfy { $0.errors.isEmpty })
        return (outputs[aggregatesName]!, settings)
    }

    @Test(arguments: [(UInt64(1), 120), (2, 300), (3, 60), (4, 500)])
    func noHiddenCellCanBeWorkedOutFromTheShownCells(seed: UInt64, count: Int) throws {
        let records = Self.workforce(count: count, seed: seed)
        let (aggregates, settings) = try Self.run(records)
        let cells = Self.published(aggregates)
        let hidden = cells.filter { $0.posts == nil }
        #expect(!hidden.isEmpty && hidden.count < cells.count, "the workforce has cells on both sides: \(hidden.count) of \(cells.count) hidden")
        // The LGA's tables are there, by region and type of authority.
        #expect(cells.contains { $0.table == "pay" && $0.key == ["E12000007", "LB", "ALL", "ALL"] })
        #expect(cells.contains { $0.table == "scp" && $0.key[0] == "W92000004" && $0.key[1] == "WU" && $0.key[2] == "5" })

        // Disclosure control hides what it must, not everything: most of the LGA's pay table
        // stays shown for a few hundred posts.
        if count >= 300 {
            let pay = cells.filter { $0.table == "pay" }
            #expect(pay.filter { $0.posts != nil }.count * 2 > pay.count, "\(pay.filter { $0.posts != nil }.count) of \(pay.count) pay cells shown")
        }
        let bySubtraction = Self.subtract(cells)
        #expect(bySubtraction.isEmpty, "worked out by subtraction: \(bySubtraction.keys.map { "\($0.table) \($0.key)" })")
        let byAlgebra = Self.recoverableByAlgebra(cells, combinations: Self.combinations(records, settings: settings))
        #expect(byAlgebra.isEmpty, "worked out by linear algebra: \(byAlgebra.map { "\($0.table) \($0.key)" })")
    }

    /// The attackers are not toothless: given the same tables with only the primary
    /// suppression (cells under five people hidden, nothing else), they work cells out.
    @Test func theAttackersWorkOutCellsThatOnlyPrimarySuppressionHides() throws {
        let records = Self.workforce(count: 300, seed: 2)
        let (aggregates, settings) = try Self.run(records)
        let rows = T.rows(aggregates)
        // Reveal every cell the projection hid for any reason but too few people. The posts of
        // such a cell are not in the output, so the test counts them from the records.
        let combinations = Self.combinations(records, settings: settings)
        var postsOf: [[String: String]: Double] = [:]
        for record in records {
            guard let projection = try? LGESProjection(settings: settings, sinks: [LGESProjection.outputNames[0]: MemorySink(), Self.aggregatesName: MemorySink()]),
                  projection.scope(record) == .inScope else { continue }
            let gss = record.laGSSCode!
            let combination = combinations.first { c in
                c["gender"] == (record.sex == "F" ? "F" : record.sex == "M" ? "M" : "X") && c["working_pattern"] == ((record.fte ?? 1) >= 1 ? "FT" : "PT")
                    && c["occupation"] == (record.role == "R419" ? "14" : "11") && c["spinal_column_point"] == (record.spinePoint.map { String($0.dropFirst(3)) } ?? "none")
                    && c["authority_type"] == ["E09": "LB", "E10": "CTY", "E07": "SD", "W06": "WU"][String(gss.prefix(3))]
                    && c["region"] == ["E09000001": "E12000007", "E10000017": "E12000002", "E07000117": "E12000002", "W06000001": "W92000004"][gss]
            }!
            postsOf[combination, default: 0] += 1
        }
        var naive: [Published] = []
        for cells in rows.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(rows[0], cells))
            guard let table = row["table"], let names = Self.dimensions[table] else { continue }
            let key = names.map { row[$0]! }
            let primary = row["reason"]?.hasPrefix("primary") == true
            let posts = combinations.filter { c in zip(names, key).allSatisfy { $1 == "ALL" || c[$0] == $1 } }.reduce(0.0) { $0 + postsOf[$1, default: 0] }
            naive.append(Published(table: table, key: key, posts: primary ? nil : posts))
        }
        let bySubtraction = Self.subtract(naive)
        #expect(!bySubtraction.isEmpty, "primary suppression alone gives cells away")
        // What the attacker worked out is right.
        for (cell, value) in bySubtraction {
            let names = Self.dimensions[cell.table]!
            let truth = combinations.filter { c in zip(names, cell.key).allSatisfy { $1 == "ALL" || c[$0] == $1 } }.reduce(0.0) { $0 + postsOf[$1, default: 0] }
            #expect(abs(truth - value) < 1e-9, "\(cell.table) \(cell.key): \(value), in truth \(truth)")
        }
        #expect(!Self.recoverableByAlgebra(naive, combinations: combinations).isEmpty)
    }
    /// The aggregates number each dimension's values, short ones looked up by their packed
    /// bytes: that may neither merge two values nor split one that `String` calls equal.
    @Test func valueIdsAreOnePerDistinctValue() {
        let values = ["F", "M", "11", "SCP4", "1234567", "12345678", "123456", "1234567 ", "é", "e", "é ", "a\u{0}", "a",
                      "a much longer occupation value", "F", "12345678", "é", "a\u{0}", "1234567",
                      // Equal as Swift strings (the Kelvin sign is canonically K), so one value.
                      "\u{212A}", "K", "K"]
        var index = LGESAggregateTable.ValueIndex()
        var firstID: [String: Int32] = [:]
        for value in values {
            let id = index.id(value)
            if let known = firstID[value] { #expect(id == known, "\(value.debugDescription) changed id") } else { firstID[value] = id }
        }
        #expect(Set(firstID.values).count == firstID.count, "two values share an id")
        var firstSeen: [String] = []
        for value in values where !firstSeen.contains(value) { firstSeen.append(value) }
        #expect(index.values == firstSeen)
    }
}
