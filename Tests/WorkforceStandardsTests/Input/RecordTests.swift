import Foundation
import Testing
@testable import WDSCommandLine
@testable import WorkforceStandards

/// Builds a one-record exchange file from column values, the rest empty.
func exchangeCSV(_ rows: [[String: String]]) -> String {
    let header = ExchangeFormat.standard.header
    var text = CSVWriter.line(header) + "\n"
    for row in rows { text += CSVWriter.line(header.map { row[$0] ?? "" }) + "\n" }
    return text
}

/// Runs the pipeline over text with the given projections; returns the report and diagnostics.
func runPipeline(_ text: String, date: String = "2025-11-06", collections: [CollectionID] = [],
                 sinks: inout [String: MemorySink]) throws -> (ReconciliationReport, [[String]]) {
    let settings = ProjectionSettings(referenceDate: SimpleDate(date)!)
    var made: [String: MemorySink] = [:]
    let projections = try ProjectionCatalogue.make(collections, settings: settings) { name in
        let sink = MemorySink()
        made[name] = sink
        return sink
    }
    let diagnostics = MemorySink()
    let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics)
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBufferPointer { pipeline.feed(UnsafeBufferPointer($0)) }
    let report = try pipeline.finish()
    sinks = made
    return (report, Array(CSVParser.records(in: diagnostics.text).records.map(\.fields).dropFirst()))
}

let validPerson: [String: String] = [
    "post_identifier": "P1", "staff_identifier": "S1", "job_role": "R418", "date_of_birth": "1980-05-17", "sex": "F",
    "contract_type": "PRM", "contract_start_date": "2020-01-06", "contracted_weekly_hours": "37", "full_time_weekly_hours": "37",
    "full_time_equivalent": "1", "annual_basic_pay_fte": "24500", "family_name": "Taylor", "given_names": "Ruby",
]

@Suite("Exchange format and post records")
struct RecordTests {
    @Test func everyDataItemHasAColumnAndEveryColumnAnItem() {
        let format = ExchangeFormat.standard
        let dataItems = Registry.embedded.items.filter { $0.kind == .dataItem && !PostRecordBinding.notPerPost.contains($0.ref) }
        #expect(format.columns.count == dataItems.count, "unbound: \(dataItems.filter { format.column(for: $0.ref) == nil }.map(\.ref.rawValue))")
        // The items of the organisation file are columns there instead.
        for ref in PostRecordBinding.notPerPost {
            #expect(OrganisationFile.items.contains(ref) && format.column(for: ref) == nil, "\(ref)")
        }
        #expect(Set(format.header).count == format.header.count, "column names are unique")
        #expect(format.column(named: "date_of_birth")?.item.ref == "P107")
        #expect(format.column(named: "annual_basic_pay_fte")?.item.ref == "S504")
    }

    @Test func synthesisedRecordsSurviveAWriteReadRoundTrip() {
        let synth = SyntheticWorkforce(seed: 7, referenceDate: SimpleDate("2025-11-06")!)
        let writer = ExchangeWriter()
        var reader = PostRecordReader()
        _ = reader.readHeader(CSVRecord(fields: ExchangeFormat.standard.header, line: 1))
        for index in 0..<300 {
            var (record, overrides) = synth.record(index)
            guard overrides.isEmpty else { continue }
            let line = writer.line(for: record)
            let parsed = CSVParser.records(in: line, startLine: index + 2).records[0]
            let (read, diagnostics) = reader.read(parsed)
            record.line = index + 2
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
            #expect(read == record, "record \(index) changed on the round trip")
        }
    }

    @Test func synthIsDeterministic() {
        let a = wds("synth", "--count", "50", "--seed", "3").out
        let b = wds("synth", "--count", "50", "--seed", "3").out
        let c = wds("synth", "--count", "50", "--seed", "4").out
        #expect(a == b)
        #expect(a != c)
        #expect(csvRows(a).count == 51)
    }

    @Test("value rules name the record, item, value and what is valid", arguments: [
        ("date_of_birth", "1980-02-30", "format.date", "P107"),
        ("sex", "Q", "code.unknown", "P108"),
        ("full_time_equivalent", "2.5", "range.maximum", "H104"),
        ("national_insurance_number", "QQ123456C", "format.pattern", "P102"),
        ("contracted_weekly_hours", "-4", "range.minimum", "H101"),
        ("contracted_weekly_hours", "lots", "format.decimal", "H101"),
        ("annual_basic_pay_fte", "9999999", "range.maximum", "S504"),
        ("job_role", "R999", "code.unknown", "J101"),
    ])
    func valueRules(column: String, value: String, rule: String, ref: String) throws {
        var row = validPerson
        row[column] = value
        var sinks: [String: MemorySink] = [:]
        let (report, diagnostics) = try runPipeline(exchangeCSV([row]), sinks: &sinks)
        let hit = try #require(diagnostics.first { $0[3] == rule }, "\(diagnostics)")
        #expect(hit[0] == "P1")
        #expect(hit[4] == ref)
        #expect(hit[6] == column)
        #expect(hit[7] == value)
        #expect(!hit[9].isEmpty, "says what would be valid")
        #expect(report.rejected == 1 && report.valid == 0)
    }

    @Test("record rules", arguments: [
        (["date_of_birth": "2030-01-01"], "birth.future"),
        (["date_of_birth": "2015-01-01"], "birth.age"),
        (["date_of_birth": "1920-01-01"], "birth.age"),
        (["contract_end_date": "2019-01-01"], "contract.end-before-start"),
        (["leaving_date": "2019-12-31"], "contract.leaving-before-start"),
        (["contracted_weekly_hours": "60"], "hours.over-full-time"),
        (["post_identifier": ""], "post.missing"),
        (["job_role": ""], "role.missing"),
        (["staff_identifier": ""], "person.missing-id"),
    ])
    func recordRules(change: [String: String], rule: String) throws {
        var row = validPerson
        for (key, value) in change { row[key] = value }
        var sinks: [String: MemorySink] = [:]
        let (_, diagnostics) = try runPipeline(exchangeCSV([row]), sinks: &sinks)
        #expect(diagnostics.contains { $0[3] == rule && $0[2] == "error" }, "\(diagnostics)")
    }

    @Test("queries do not reject", arguments: [
        (["full_time_equivalent": "0.5"], "fte.inconsistent"),
        (["annual_basic_pay_fte": ""], "pay.missing"),
        (["contract_start_date": ""], "contract.start-missing"),
    ])
    func queries(change: [String: String], rule: String) throws {
        var row = validPerson
        for (key, value) in change { row[key] = value }
        var sinks: [String: MemorySink] = [:]
        let (report, diagnostics) = try runPipeline(exchangeCSV([row]), sinks: &sinks)
        #expect(diagnostics.contains { $0[3] == rule && $0[2] == "query" }, "\(diagnostics)")
        #expect(report.valid == 1)
    }

    /// Ids are one post or person whatever their case, invisible format characters, spaces
    /// round them or compatibility forms (the rule in ``RecordRules/identityKey(_:)``); only
    /// more than case counts as changed. `@` and `[` sit either side of the capitals.
    @Test("identity keys", arguments: [
        ("P1", "p1", false), ("p1", "p1", false), ("ABC-12/z", "abc-12/z", false), ("@[Z]`{", "@[z]`{", false), ("", "", false),
        ("P1\u{00A0}", "p1", true), ("P\u{200B}1", "p1", true), ("\u{FF30}\u{FF11}", "p1", true), ("ÄB", "äb", false),
    ])
    func identityKeys(id: String, key: String, changed: Bool) {
        let result = RecordRules.identityKey(id)
        #expect(result.key == key && result.changed == changed, "\(id.debugDescription) -> \(result)")
    }

    @Test func duplicatePostIdsAndSharedNINumbersAreCaught() throws {
        var second = validPerson
        second["staff_identifier"] = "S2"
        var first = validPerson
        first["national_insurance_number"] = "AB123456C"
        second["national_insurance_number"] = "AB123456C"
        var sinks: [String: MemorySink] = [:]
        let (report, diagnostics) = try runPipeline(exchangeCSV([first, second]), sinks: &sinks)
        #expect(diagnostics.contains { $0[3] == "post.duplicate" })
        #expect(diagnostics.contains { $0[3] == "person.ni-shared" })
        #expect(report.input == 2 && report.rejected == 1)
    }

    /// The duplicate checks run in input order, after the rest of the record's rules ran where
    /// it was read; their diagnostics still sit where the rules put them: after the reader's
    /// and the CSV's, a duplicate post id first among the rules, a shared NI number between the
    /// rules before it and those after it. On one thread and on two, the same.
    @Test("cross-record diagnostics keep their place among a record's own", arguments: [1, 2])
    func crossRecordDiagnosticsKeepTheirPlace(threads: Int) throws {
        var first = validPerson
        first["national_insurance_number"] = "AB123456C"
        var second = first
        second["staff_identifier"] = "S2"
        second["sex"] = "Q"                               // reader: not a code
        second["date_of_birth"] = "2030-01-01"            // rules, before the NI check (no age is worked out from it)
        second["annual_basic_pay_fte"] = ""               // rules, after it
        let settings = ProjectionSettings(referenceDate: SimpleDate("2025-11-06")!)
        let diagnostics = MemorySink(), reconciliation = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [], diagnostics: diagnostics,
                                          reconciliation: reconciliation, threads: threads)
        Array(exchangeCSV([first, second, first]).utf8).withUnsafeBufferPointer { pipeline.feed($0) }
        _ = try pipeline.finish()
        let rows = csvRows(diagnostics.text).dropFirst().filter { $0[1] == "3" }.map { $0[3] }
        #expect(rows == ["code.unknown", "post.duplicate", "birth.future", "person.ni-shared", "pay.missing"], "\(rows)")
        // The third record repeats the first: the same post id, the same NI number and staff id.
        let third = csvRows(diagnostics.text).dropFirst().filter { $0[1] == "4" }.map { $0[3] }
        #expect(third == ["post.duplicate"], "\(third)")
        // The rules alone, in the same order, for a record checked on its own.
        var rules = RecordRules(referenceDate: settings.referenceDate)
        var reader = PostRecordReader()
        _ = reader.readHeader(CSVRecord(fields: ExchangeFormat.standard.header, line: 1))
        let records = CSVParser.records(in: exchangeCSV([first, second])).records.dropFirst().map { reader.read($0).record }
        _ = rules.check(records[0])
        #expect(rules.check(records[1]).map(\.rule) == ["post.duplicate", "birth.future", "person.ni-shared", "pay.missing"])
    }

    @Test func groupsMustLineUp() throws {
        var row = validPerson
        row["absence_category"] = "SIC;ANN"
        row["working_days_lost"] = "3"
        var sinks: [String: MemorySink] = [:]
        let (_, diagnostics) = try runPipeline(exchangeCSV([row]), sinks: &sinks)
        #expect(diagnostics.contains { $0[3] == "group.length" && $0[6] == "working_days_lost" && $0[8] == "has 1 entries but absence_category has 2" },
                "names both columns and both counts")
    }

    @Test func headerProblemsAreReported() throws {
        let text = "post_identifier,staff_identifer,post_identifier\nP1,S1,P1\n"
        var sinks: [String: MemorySink] = [:]
        let (report, diagnostics) = try runPipeline(text, sinks: &sinks)
        #expect(diagnostics.contains { $0[3] == "header.unknown" && $0[9].contains("staff_identifier") }, "suggests the right name")
        #expect(diagnostics.contains { $0[3] == "header.duplicate" })
        #expect(report.input == 1)
    }

    @Test func listValuesSplitAtEverySeparator() {
        #expect(PostRecordReader.listEntries("SIC; PRG ;;OTH") == ["SIC", "PRG", "", "OTH"])
        // A separator followed by a combining mark still separates (one Character, two scalars).
        #expect(PostRecordReader.listEntries("a ;\u{301}b") == ["a", "\u{301}b"])
        #expect(PostRecordReader.listEntries("") == [""])
        #expect(PostRecordReader.listEntries("Zoë;Ana") == ["Zoë", "Ana"])
    }

    @Test func dates() {
        #expect(SimpleDate("2024-02-29") != nil)
        #expect(SimpleDate("2023-02-29") == nil)
        #expect(SimpleDate("2024-13-01") == nil)
        #expect(SimpleDate("24-01-01") == nil)
        for text in ["2024-1a-01", "2024/01/01", "+024-01-01", " 2024-01-1", "2024-01-01 ", "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "２０２４-01-01"] {
            #expect(SimpleDate(text) == nil, "\(text)")
        }
        #expect(SimpleDate("9999-12-31") == SimpleDate(year: 9999, month: 12, day: 31))
        #expect(SimpleDate("0001-01-01") == SimpleDate(year: 1, month: 1, day: 1))
        let date = SimpleDate("2025-11-06")!
        #expect(date.adding(days: 30).description == "2025-12-06")
        #expect(date.adding(days: -365).description == "2024-11-06")
        #expect(SimpleDate("1980-11-07")!.age(on: date) == 44)
        #expect(SimpleDate("1980-11-06")!.age(on: date) == 45)
        for offset in stride(from: -800, through: 800, by: 37) {
            #expect(date.adding(days: offset).days(to: date) == -offset)
        }
        // Written as YYYY-MM-DD, zero-padded, and read back the same.
        for text in ["0987-01-09", "2025-11-06", "1999-12-31", "2000-02-29", "0001-10-01"] {
            #expect(SimpleDate(text)?.description == text)
        }
        #expect(SimpleDate(year: 5, month: 3, day: 4)?.description == "0005-03-04")
    }
}
