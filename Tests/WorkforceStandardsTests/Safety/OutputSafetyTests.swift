import Foundation
import Testing
@testable import WorkforceStandards

/// A hostile copy of Examples/posts.csv: every name, identifier, job title and institution
/// carries a spreadsheet formula or XML-breaking text, so that hostile text reaches every
/// output of `wds project --to all`; a few records also carry tab- and CR-led formulas in
/// values that are rejected, so that they reach diagnostics.csv.
enum HostileExample {
    /// Formula starters and XML-hostile text, used in turn.
    static let prefixes = ["=", "+", "-", "@", "<b>&amp;", "]]>"]

    /// Names get this marker, so that a test can find a name in any output.
    static let nameMarker = "Zqname"

    struct File {
        var csv: String
        /// The input's National Insurance numbers, dates of birth and staff identifiers.
        var niNumbers: [String]
        var birthDates: [String]
        var staffIDs: [String]
    }

    static func make() throws -> File {
        let text = String(decoding: try CSVReturnTesting.exampleCSV(), as: UTF8.self)
        let rows = CSVParser.records(in: text).records.map(\.fields)
        let header = rows[0]
        var out = [Hostile.csvLine(header)]
        var file = File(csv: "", niNumbers: [], birthDates: [], staffIDs: [])
        func prefix(_ text: String) -> String { prefixes[Int(RecordRules.hash(text) % UInt64(prefixes.count))] }
        for (index, fields) in rows.dropFirst().enumerated() {
            var row = Dictionary(uniqueKeysWithValues: zip(header, fields))
            func change(_ column: String, _ transform: (String) -> String) {
                if let value = row[column], !value.isEmpty { row[column] = transform(value) }
            }
            let starter = prefixes[index % prefixes.count]
            change("family_name") { starter + nameMarker + "F" + $0 }
            change("given_names") { $0.split(separator: ";").map { "\(starter)\(nameMarker)G\($0)]]>" }.joined(separator: ";") }
            change("job_title") { starter + "1+2 " + $0 + " <i>&</i>" }
            // Every fifth post identifier is one Double() reads as a number (-nan(...), -inf
            // style); every seventh hides a cell break behind a quote and a combining mark.
            change("post_identifier") { index % 7 == 3 ? $0 + "\"\u{301},=1+2" : index % 5 == 4 ? "-nan(\($0))" : starter + $0 }
            // Same staff identifier or workplace, same prefix: people and workplaces stay one.
            change("staff_identifier") { prefix($0) + $0 }
            change("workplace_identifier") { prefix($0) + $0 }
            change("qualifying_institution") { "=HYPERLINK(\"http://x.test\") <Univ> & ]]> " + $0 }
            if index % 50 == 10 { row["home_postcode"] = "\r=1+2" }
            if index % 50 == 20 { row["sex"] = "\t-2+3" }
            if index % 50 == 30 { row["ethnicity"] = "@SUM(A1)" }
            file.niNumbers += [row["national_insurance_number"] ?? ""].filter { !$0.isEmpty }
            file.birthDates += [row["date_of_birth"] ?? ""].filter { !$0.isEmpty }
            file.staffIDs += [row["staff_identifier"] ?? ""].filter { !$0.isEmpty }
            out.append(Hostile.csvLine(header.map { row[$0] ?? "" }))
        }
        file.csv = out.joined(separator: "\n") + "\n"
        return file
    }

    /// The outputs of one run, shared by the tests.
    static let run = Result { try project() }

    /// Runs `wds project --to all` over the hostile file; returns every output by name.
    static func project() throws -> (file: File, outputs: [String: String], status: Int32, err: String) {
        let file = try make()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wds-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("hostile.csv")
        try Data(file.csv.utf8).write(to: input)
        let out = directory.appendingPathComponent("out")
        // Collection year 2024 on the example's dates: CSWW's 2024 schema still carries QualInst,
        // free text that hostile text must get through (2025 dropped it).
        let result = wds("project", "--to", "all", "--year", "2024", "--reference-date", "2025-11-06", "--out-dir", out.path, input.path)
        var outputs: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: out.path) where !name.hasSuffix("swf") {
            outputs[name] = String(decoding: try Data(contentsOf: out.appendingPathComponent(name)), as: UTF8.self)
        }
        return (file, outputs, result.status, result.err)
    }
}

@Suite("Output safety: CSV cells never run as formulas, XML stays well-formed, nothing is said that was not asked for")
struct OutputSafetyTests {
    @Test func everyOutputOfAHostileRunIsSafe() throws {
        let (file, outputs, status, err) = try HostileExample.run.get()
        // 1: the hostile file has records with errors (the counts still add up, below).
        #expect(status == 1, "\(err)")
        #expect(err.contains("reconciliation: every record is accounted for"), "\(err)")
        let expected = ["swf/index.csv", "swf/about.txt", "ascwds-workers.csv", "ascwds-workplaces.csv", "ascwds-training.csv", "lges-posts.csv", "lges-aggregates.csv", "csww.xml", "diagnostics.csv",
                        "reconciliation.csv", "reconciliation-summary.txt", "report.html"]
        #expect(Set(outputs.keys.filter { !$0.hasSuffix(".xml") || $0 == "csww.xml" }) == Set(expected))
        let messages = outputs.filter { $0.key.hasPrefix("swf/") && $0.key.hasSuffix(".xml") }
        #expect(messages.count > 1, "one SWF message per school and one for the authority")
        // The run report shows values from the file (examples of diagnostics): as text, never markup.
        let report = outputs["report.html"] ?? ""
        #expect(report.contains("<h1>Run report</h1>") && !report.contains("<script") && !report.contains("<b>&amp;") && !report.contains("<Univ>"))
        let swfText = messages.sorted { $0.key < $1.key }.map(\.value).joined()

        // The hostile text got through to every output, so the checks below check something.
        let reconciliation = Hostile.rows(outputs["reconciliation.csv"] ?? "").dropFirst()
        #expect(reconciliation.count == 250, "one line per record")
        for collection in CollectionID.allCases {
            let column = try #require(Hostile.rows(outputs["reconciliation.csv"] ?? "").first?.firstIndex(of: collection.rawValue))
            #expect(reconciliation.contains { $0[column] == "projected" }, "\(collection) projected something")
        }
        #expect(swfText.contains("&lt;b&gt;&amp;amp;\(HostileExample.nameMarker)"))
        #expect(outputs["csww.xml"]?.contains("&lt;Univ&gt; &amp; ]]&gt;") == true)
        #expect(outputs["lges-posts.csv"]?.contains("'=P1") == true)
        #expect(outputs["diagnostics.csv"]?.contains("'\r=1+2") == true)
        #expect(outputs["diagnostics.csv"]?.contains("'\t-2+3") == true)

        // 1. No text cell of any CSV output begins with = + - @ tab or CR unless neutralised
        //    (a leading ') or a plain number.
        for name in Hostile.csvOutputs {
            let cells = OutputChecks.formulaCells(outputs[name] ?? "")
            #expect(cells.isEmpty, "\(name): \(cells.count) cells a spreadsheet runs, e.g. \(cells.prefix(5))")
        }
        // 2. The XML returns are well-formed.
        for (name, xml) in outputs where name.hasSuffix(".xml") {
            #expect(OutputChecks.xmlProblem(xml) == nil, "\(name): \(OutputChecks.xmlProblem(xml) ?? "")")
            try XMLReturnTesting.expectWellFormed(xml)
        }
        // 3. No National Insurance number, date of birth, staff identifier or name in LGES.
        for name in ["lges-posts.csv", "lges-aggregates.csv"] {
            let text = try #require(outputs[name])
            let cells = Set(Hostile.rows(text).flatMap { $0 })
            #expect(file.niNumbers.filter { text.contains($0) }.isEmpty, "\(name) holds a National Insurance number")
            #expect(file.birthDates.filter { cells.contains($0) }.isEmpty, "\(name) holds a date of birth")
            #expect(file.staffIDs.filter { cells.contains($0) || cells.contains("'" + $0) }.isEmpty, "\(name) holds a staff identifier")
            #expect(!text.contains(HostileExample.nameMarker), "\(name) holds a name")
        }
        // 4. ASC-WDS and CSWW hold no names (ASC-WDS shows the staff identifier instead).
        for name in ["ascwds-workers.csv", "ascwds-workplaces.csv", "ascwds-training.csv", "csww.xml"] {
            #expect(outputs[name]?.contains(HostileExample.nameMarker) == false, "\(name) holds a name")
        }
    }

    @Test("each projection writes only its collection's fields", arguments: [
        ("ascwds-workers.csv", CollectionID.ascwds, ASCWDSWorkerRow.header),
        ("lges-posts.csv", CollectionID.lges, LGESPostRow.header),
    ])
    func onlyTheFieldsAskedFor(name: String, collection: CollectionID, header: [String]) throws {
        let (_, outputs, _, _) = try HostileExample.run.get()
        let rows = Hostile.rows(try #require(outputs[name]))
        #expect(rows.first == header)
        let fields = Registry.embedded.fields[collection] ?? []
        let known = Set(fields.map(\.field))
        #expect(header.filter { !known.contains($0) }.isEmpty, "columns that are not fields of the collection: \(header.filter { !known.contains($0) })")
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count }, "every line has the header's cells")
        #expect(rows.count > 1)
        // A column the catalogue leaves out of scope (ASC-WDS's free-text notes) is in the fixed
        // header but never filled.
        let notAnswered = Set(fields.filter { $0.scope == .outOfScope }.map(\.field))
        for (index, column) in header.enumerated() where notAnswered.contains(column) {
            #expect(rows.dropFirst().allSatisfy { $0[index].isEmpty }, "\(column) is out of scope but written")
        }
    }

    /// Disclosure control, checked against the post file of the example data: a cell of the
    /// occupation extension is shown only when it has at least 5 people, which needs at least
    /// 5 posts, and a hidden cell shows no figure.
    @Test func aggregatesNeverShowACellUnderFivePeople() throws {
        let outputs = try Hostile.run(Array(try CSVReturnTesting.exampleCSV())).outputs
        let aggregates = Hostile.rows(try #require(outputs["lges-aggregates.csv"]))
        #expect(aggregates.first == LGESAggregateTable.header)
        let posts = Hostile.rows(try #require(outputs["lges-posts.csv"]))
        let column = { (name: String) in posts[0].firstIndex(of: name)! }
        var postsPerCell: [String: Int] = [:]
        for post in posts.dropFirst() {
            postsPerCell[[post[column("occupation")], post[column("gender")], post[column("working_pattern")]].joined(separator: "|"), default: 0] += 1
        }
        var shown = 0, suppressed = 0
        for row in aggregates.dropFirst() where row[0] != "occupation_pay_gap_extension" {
            if row[18] == "hidden" {
                suppressed += 1
                #expect(row[7...9].allSatisfy { $0 == LGESAggregateTable.suppressedMark }, "every figure of a hidden cell is hidden: \(row)")
                #expect(!row[19].isEmpty, "a hidden cell says why: \(row)")
            } else {
                shown += 1
                let people = try #require(Int(row[7]), "\(row)")
                #expect(people >= LGESAggregateTable.minimumPeople, "\(row)")
            }
            guard row[0] == "occupation_extension", !row[3...5].contains("ALL") else { continue }
            let key = [row[3], row[4], row[5]].joined(separator: "|")
            if let people = Int(row[7]) { #expect(postsPerCell[key, default: 0] >= people, "\(row)") }
            if postsPerCell[key, default: 0] < LGESAggregateTable.minimumPeople {
                #expect(row[7] == LGESAggregateTable.suppressedMark, "a cell of fewer than 5 posts is hidden: \(row)")
            }
        }
        #expect(shown > 0 && suppressed > 0, "the example has cells on both sides of the threshold")
    }

    /// People, not posts, are counted: five posts held by four people is a cell of four.
    @Test("five posts of four people are suppressed; five people are shown", arguments: [(4, true), (5, false)])
    func suppressionCountsPeople(people: Int, suppressed: Bool) throws {
        var lines: [String] = []
        for index in 0..<5 {
            let person = index % people
            lines.append(Hostile.line(Hostile.with(Hostile.careWorker, [
                "post_identifier": "P\(index)", "staff_identifier": "S\(person)", "national_insurance_number": "",
                "workplace_identifier": "HOME\(index)",
            ])))
        }
        let run = try Hostile.run(Array((Hostile.headerLine() + "\n" + lines.joined(separator: "\n") + "\n").utf8))
        #expect(run.report.collections[.lges]?.projected == 5)
        let cells = Hostile.rows(run.outputs["lges-aggregates.csv"] ?? "").dropFirst()
            .filter { $0[0] == "occupation_extension" && !$0[3...5].contains("ALL") }
        #expect(cells.count == 1)
        #expect((cells.first?[7] == LGESAggregateTable.suppressedMark) == suppressed, "\(cells)")
        if !suppressed { #expect(cells.first?[7] == "5") }
    }
}
