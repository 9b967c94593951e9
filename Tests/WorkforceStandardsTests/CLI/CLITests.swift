import Foundation
import Testing
@testable import WDSCommandLine
@testable import WorkforceStandards

@Suite("wds command line")
struct CLITests {
    @Test func socShowsSocialWorkersWithHierarchyAndCrosswalks() {
        let result = wds("soc", "2442", "--format", "csv")
        #expect(result.status == 0)
        let rows = csvRows(result.out)
        #expect(rows.first == ["relation", "version", "code", "title", "level or relationship", "share", "reverse share"])
        #expect(rows.contains { $0[0] == "group" && $0[2] == "2442" && $0[3] == "Social workers" })
        #expect(rows.filter { $0[0] == "parent" }.map { $0[2] } == ["244", "24", "2"])
        let soc2010 = rows.filter { $0[1] == "SOC2010" }
        #expect(soc2010.first?[2] == "2442")
        #expect(soc2010.first?[5] == "89.6%", "ONS: 89.6% of SOC2000 2442 is SOC2010 2442")
        #expect(rows.contains { $0[1] == "SOC2020" && $0[2] == "2461" })
    }

    @Test func socShowsBothTargetsOfEducationalAssistants() {
        let rows = csvRows(wds("soc", "6124", "--format", "csv").out)
        let soc2010 = Dictionary(rows.filter { $0[1] == "SOC2010" }.map { ($0[2], $0[5]) }, uniquingKeysWith: { a, _ in a })
        #expect(soc2010["6125"] == "53.2%")
        #expect(soc2010["6126"] == "46%")
    }

    @Test func socRejectsWhatIsNotAGroup() {
        #expect(wds("soc", "9999").status == 1)
        #expect(wds("soc").status == 64)
        #expect(wds("soc", "2442", "--version", "soc1990").status == 64)
    }

    @Test("translate sex to each collection", arguments: ["csww", "ascwds", "swf"])
    func translateSex(collection: String) throws {
        let sex = try #require(Registry.embedded.codeSet("harmonised.sex"))
        for code in sex.leafCodes {
            let result = wds("translate", "harmonised.sex", code.value, "--to", collection, "--format", "csv")
            #expect(result.status == 0, "\(code.value): \(result.err)")
            let rows = csvRows(result.out).dropFirst()
            #expect(!rows.isEmpty)
            for row in rows {
                #expect(row[2].hasPrefix(collection + "."))
                #expect(MapRelationship(rawValue: row[6]) != nil, "relationship \(row[6])")
                #expect(!row[3].isEmpty, "target version stated")
                if row[6] == "unmatched" { #expect(row[4].isEmpty && !row[8].isEmpty, "unmatched says why") }
            }
        }
    }

    @Test func translateWorksBackwardsToTheHarmonisedSet() {
        let result = wds("translate", "csww.gender", "2", "--to", "harmonised", "--format", "csv")
        #expect(result.status == 0, "\(result.err)")
        #expect(csvRows(result.out).dropFirst().contains { $0[2] == "harmonised.sex" })
    }

    @Test func translateReportsBadInput() {
        #expect(wds("translate", "harmonised.sex", "Q", "--to", "csww").status == 1)
        #expect(wds("translate", "no.such-set", "1", "--to", "csww").status == 1)
        #expect(wds("translate", "harmonised.sex", "F").status == 64)
    }

    @Test func checkRegistryPassesOnTheRealData() {
        let result = wds("check-registry", "--root", Paths.repository.path)
        #expect(result.status == 0, "\(result.err)")
    }

    /// A copy of the real `Standards/` and `CodeSets/` in a scratch folder, for a test to break.
    private func copyOfTheRealStandard() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wds-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["CodeSets", "Standards"] {
            try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        return root
    }

    @Test func checkRegistryReportsADuplicatedCodeInACopy() throws {
        let root = try copyOfTheRealStandard()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("CodeSets/csww/gender.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let firstCode = lines.firstIndex { !$0.hasPrefix("#") }! + 1
        var copy = lines
        copy.insert(lines[firstCode], at: firstCode + 1)
        try Data(copy.joined(separator: "\n").utf8).write(to: file)
        let result = wds("check-registry", "--root", root.path)
        #expect(result.status == 1)
        let code = lines[firstCode].split(separator: ",").first.map(String.init) ?? ""
        #expect(result.err.contains("CodeSets/csww/gender.csv:\(firstCode + 2): error: duplicate code \"\(code)\" (first defined on line \(firstCode + 1))"),
                "\(result.err)")
    }

    /// A title the coder reads the same way in two roles is a tie it cannot break: the check names
    /// both lines. "Chief Exec (0.5 FTE)" reads as "Chief Executive" once the abbreviation is
    /// expanded and the hours dropped, so the clash is found through the coder's normalisation.
    @Test func checkRegistryReportsAnExampleTitleInTwoRoles() throws {
        let root = try copyOfTheRealStandard()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = "CodeSets/harmonised/role-profiles.txt"
        let file = root.appendingPathComponent(path)
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let chiefExecutive = try #require(lines.firstIndex(of: "example-title: Chief Executive"))
        let strategicDirector = try #require(lines.firstIndex(of: "code: R102"))
        lines.insert("example-title: Chief Exec (0.5 FTE)", at: strategicDirector + 1)
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let result = wds("check-registry", "--root", root.path)
        #expect(result.status == 1)
        #expect(result.err.contains("\(path):\(strategicDirector + 2): error: example title \"Chief Exec (0.5 FTE)\" of role R102 reads the same as \"Chief Executive\" of role R101 (line \(chiefExecutive + 1))"),
                "\(result.err)")
        #expect(result.err.components(separatedBy: "error:").count == 2, "one cause, one diagnostic: \(result.err)")
    }

    @Test func usageErrorsExit64WithHelp() {
        let result = wds("items", "--entity", "spaceship")
        #expect(result.status == 64)
        #expect(result.err.contains("Usage: wds items"))
        #expect(wds("no-such-command").status == 64)
        #expect(wds("items", "--bogus").status == 64)
        #expect(wds("help").status == 0)
        #expect(wds("help", "translate").out.contains("Usage: wds translate"))
    }

    @Test("every command has help", arguments: WDS.commandNames)
    func help(command: String) {
        let result = wds(command, "--help")
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("Usage: wds \(command)"))
    }

    @Test("formats", arguments: ["table", "csv", "json"])
    func itemsInEachFormat(format: String) throws {
        let result = wds("items", "--collection", "csww", "--format", format)
        #expect(result.status == 0)
        switch format {
        case "csv": #expect(csvRows(result.out).first?.first == "ref")
        case "json":
            let parsed = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: String]]
            #expect(parsed?.isEmpty == false)
            #expect(parsed?.allSatisfy { $0["collections"]?.contains("csww") == true } == true)
        default: #expect(result.out.contains("ref"))
        }
    }

    @Test func itemShowsWhereUsed() throws {
        // P102 in Standards/items/person.txt: `used-in: swf NINumber` and `used-in: ascwds NINUMBER`.
        let result = wds("item", "P102", "--format", "json")
        #expect(result.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(parsed["ref"] as? String == "P102")
        #expect(parsed["name"] as? String == "National Insurance Number")
        let usedIn = try #require(parsed["used_in"] as? [[String: String]])
        #expect(usedIn.map { [$0["collection"] ?? "", $0["field"] ?? ""] } == [["swf", "NINumber"], ["ascwds", "NINUMBER"]])
        // Its two `source:` lines are one member, a list (JSONSerialization keeps only the last
        // of a repeated member name, so a repeat would show as one source here).
        #expect(parsed["source"] as? [String] == [
            "DfE Common Basic Data Set (CBDS) 2012, item 400013 National Insurance Number",
            "ASC-WDS worker bulk-upload file, column NINUMBER (Skills for Care)",
        ])
        #expect(!result.out.contains(#""source":"DfE"#))
        #expect(wds("item", "Z999").status == 1)
    }
}

@Suite("wds project: the census year and the SWF folder")
struct ProjectYearTests {
    /// `--year` names the census: SWF takes DfE's census day of that year, and the summary
    /// says which year and day each collection used; a folder's earlier SWF messages are
    /// replaced, not left beside the new ones.
    @Test func theYearSetsEachCollectionsDayAndTheFolderIsTheRunsOwn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wds-year-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let swf = directory.appendingPathComponent("swf")
        try FileManager.default.createDirectory(at: swf, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: swf.appendingPathComponent("999-9999.xml"))
        let examples = Paths.repository.appendingPathComponent("Examples")
        let result = wds("project", "--to", "swf,csww", "--year", "2024", "--organisations", examples.appendingPathComponent("organisations.csv").path,
                         "--out-dir", directory.path, examples.appendingPathComponent("posts.csv").path)
        #expect(result.err.contains("collection years: swf 2024 (reference date 2024-11-07), csww 2024 (reference date 2024-09-30)"), "\(result.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: swf.path)
        #expect(!files.contains("999-9999.xml"), "an earlier run's message is removed")
        #expect(files.contains("index.csv") && files.contains("999-LA.xml") && files.contains("999-2000-northtown-primary-school.xml"))
        let message = try String(contentsOf: swf.appendingPathComponent("999-LA.xml"), encoding: .utf8)
        #expect(message.contains("<Year>2024</Year>") && message.contains("<ReferenceDate>2024-11-07</ReferenceDate>"))
    }

    @Test func aYearOutsideTheSupportedRangeIsAUsageError() {
        #expect(wds("project", "--to", "swf", "--year", "1999", "-").status == 64)
        #expect(wds("project", "--to", "swf", "--year", "twenty", "-").status == 64)
        #expect(wds("project", "--to", "swf", "--reference-date", "0001-11-06", "-").status == 64)
        #expect(wds("project", "--to", "swf", "-o", "x.xml", "-").status == 64, "SWF writes a folder of messages, not one file")
    }
}
