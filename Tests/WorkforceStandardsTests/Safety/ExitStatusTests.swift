import Foundation
import Testing
@testable import WDSCommandLine
@testable import WorkforceStandards

/// The exit status of every command, as the README documents it: 0 ok (for a file: every
/// record accepted), 1 a data problem (a record rejected, a value or file that is not there),
/// 64 a usage error. Scripts rely on it, so each command has a case for each status it can give.
@Suite("exit status of every command", .serialized)
struct ExitStatusTests {
    /// Files the cases read, written once per run, in one folder that each run replaces
    /// (the cases share it, so no case can remove it when it ends).
    static let scratch: Scratch = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wds-exit-status-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let scratch = try! Scratch(at: folder)
        try! scratch.write("clean.csv", Hostile.file(HostileCorpus.clean, HostileCorpus.clean2))
        try! scratch.write("rejected.csv", Hostile.file(Hostile.line(Hostile.with(Hostile.careWorker, ["date_of_birth": "1980-13-45"]))))
        try! scratch.write("empty.csv", [])
        try! scratch.write("titles.csv", Array("job title\nSenior Social Worker\n".utf8))
        return scratch
    }()

    static func path(_ name: String) -> String { scratch.path(name) }

    /// Every command: (arguments, status, why). `{out}` is a fresh output folder.
    static let cases: [(arguments: [String], status: Int32, why: String)] = [
        (["item", "S510"], 0, "an item"), (["item", "Z999"], 1, "no such item"), (["item"], 64, "no reference"),
        (["items", "--collection", "swf"], 0, "items of a collection"), (["items", "--collection", "nope"], 64, "not a collection"),
        (["codes", "harmonised.sex"], 0, "a code set"), (["codes", "no.such-set"], 1, "no such set"), (["codes"], 64, "no set"),
        (["sets"], 0, "every set"), (["sets", "--family", "nope"], 64, "not a family"),
        (["soc", "2442"], 0, "a group"), (["soc", "9999"], 1, "not a group"), (["soc"], 64, "no code"),
        (["translate", "harmonised.sex", "F", "--to", "csww"], 0, "a translation"),
        (["translate", "harmonised.sex", "Q", "--to", "csww"], 1, "not a code"), (["translate", "harmonised.sex", "F"], 64, "no --to"),
        (["search", "social worker"], 0, "a search"), (["search"], 64, "no text"),
        (["role", "R238"], 0, "a role"), (["role", "R999"], 1, "no such role"), (["role"], 64, "no code"),
        (["roles"], 0, "every role"), (["roles", "--group", "nope"], 1, "no such group"), (["roles", "--bogus"], 64, "unknown option"),
        (["code-title", "Senior Social Worker"], 0, "a title"), (["code-title", "zzzz qqqq"], 1, "nothing recognised"), (["code-title"], 64, "no title"),
        (["code-title", "--column", "job title", "{titles.csv}"], 0, "a column of titles"),
        (["code-title", "--column", "title", "{titles.csv}"], 1, "no such column"),
        (["synth", "--count", "2"], 0, "two records"), (["synth"], 64, "no --count"),
        (["validate", "{clean.csv}"], 0, "every record accepted"), (["validate", "{rejected.csv}"], 1, "a record rejected"),
        (["validate", "{empty.csv}"], 1, "no records"), (["validate", "{missing.csv}"], 1, "no such file"),
        (["validate", "--for", "nope", "{clean.csv}"], 64, "not a collection"),
        (["validate", "--for", "ascwds", "--reference-date", "2025-11-06", "{clean.csv}"], 0, "what ASC-WDS needs is there"),
        (["validate", "--for", "swf", "--reference-date", "2025-11-06", "{rejected.csv}"], 1, "a record rejected"),
        (["project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", "{out}", "{clean.csv}"], 0, "every record accepted"),
        (["project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", "{out}", "{rejected.csv}"], 1, "a record rejected"),
        (["project", "--to", "ascwds", "--out-dir", "{out}", "{missing.csv}"], 1, "no such file"),
        (["project", "{clean.csv}"], 64, "no --to"),
        (["check-registry"], 0, "the built-in standard"), (["check-registry", "--root", "{missing.csv}"], 1, "no standard there"),
        (["check-registry", "extra"], 64, "an argument too many"),
        (["generate", "--root", "{missing.csv}", "--check"], 1, "no standard there"), (["generate", "--bogus"], 64, "unknown option"),
        (["docs", "--root", "{missing.csv}", "--check"], 1, "no standard there"), (["docs", "--bogus"], 64, "unknown option"),
        (["export", "sssom", "--out-dir", "{out}"], 0, "the SSSOM sets"), (["export", "nope", "--out-dir", "{out}"], 64, "not a format"),
        (["no-such-command"], 64, "no such command"), (["help"], 0, "the overview"),
    ]

    @Test("each command's exit status", arguments: cases.indices)
    func status(index: Int) {
        let item = Self.cases[index]
        let arguments = item.arguments.map { argument -> String in
            guard argument.hasPrefix("{") else { return argument }
            let name = String(argument.dropFirst().dropLast())
            return name == "out" ? Self.path("out-\(UUID().uuidString)") : Self.path(name)
        }
        let result = wds(arguments)
        #expect(result.status == item.status, "wds \(item.arguments.joined(separator: " ")) (\(item.why)): \(result.err.prefix(300))")
    }

    @Test func everyCommandHasACase() {
        let covered = Set(Self.cases.compactMap(\.arguments.first))
        for name in WDS.commandNames { #expect(covered.contains(name), "\(name) has no exit status case") }
        for name in WDS.commandNames {
            let statuses = Set(Self.cases.filter { $0.arguments.first == name }.map(\.status))
            #expect(statuses.contains(64), "\(name) has no usage case")
        }
    }

    /// Issue 19: the example data without the sex and date-of-birth columns passes the
    /// standard's own check of those columns (both are optional items), but SWF needs both:
    /// `--for swf` says so once per column, not once per record.
    @Test func validateForSWFGivesOneErrorPerMissingColumn() throws {
        let rows = csvRows(try String(contentsOf: Paths.repository.appendingPathComponent("Examples/posts.csv"), encoding: .utf8))
        let dropped = ["sex", "date_of_birth"]
        let keep = rows[0].indices.filter { !dropped.contains(rows[0][$0]) }
        let text = rows.map { row in keep.map { row[$0].contains(",") || row[$0].contains(";") ? "\"\(row[$0])\"" : row[$0] }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try Self.scratch.write("no-sex.csv", Array(text.utf8))
        let organisations = Paths.repository.appendingPathComponent("Examples/organisations.csv").path
        let result = wds("validate", "--for", "swf", "--year", "2025", "--organisations", organisations, "--format", "csv", Self.path("no-sex.csv"))
        #expect(result.status == 1)
        let diagnostics = csvRows(result.out).dropFirst()
        let forColumns = diagnostics.filter { $0[3] == "swf.column-missing" }
        #expect(forColumns.map { $0[6] }.sorted() == dropped.sorted(), "\(forColumns)")
        #expect(forColumns.allSatisfy { $0[0] == "header" && $0[2] == "error" })
        #expect(!diagnostics.contains { $0[3] == "swf.sex.missing" || $0[3] == "swf.birth-date.missing" }, "not one per record as well")
        // Without --for the file is checked against the standard only: no SWF rule.
        let plain = wds("validate", "--year", "2025", "--format", "csv", Self.path("no-sex.csv"))
        #expect(!csvRows(plain.out).contains { $0.count > 3 && $0[3].hasPrefix("swf.") })
    }
}

/// `wds search` finds what people type: roles by their titles, example job titles and the
/// words of their definitions, as well as items and codes (issue 19).
@Suite("wds search: roles and job titles")
struct SearchRolesTests {
    @Test func seniorSocialWorkerListsTheSocialWorkRolesASeniorOneFirst() throws {
        let result = wds("search", "senior social worker", "--format", "csv")
        #expect(result.status == 0)
        let rows = csvRows(result.out)
        let columns = try #require(rows.first)
        let hits = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
        let roles = hits.filter { $0["kind"] == "role" }
        let first = try #require(roles.first)
        let firstText = ((first["title"] ?? "") + " " + (first["matched"] ?? "")).lowercased()
        #expect(firstText.contains("senior"), "\(first)")
        // The roles whose parent is G2C (social work) in CodeSets/harmonised/role.csv.
        let socialWork: Set = ["R237", "R238", "R239", "R240", "R241", "R242", "R243", "R244", "R298"]
        #expect(socialWork.contains(first["code"] ?? ""), "a social work role (group G2C) first: \(first)")
        // The social workers of the role code set: children's, fostering, senior, principal, adults'.
        for code in ["R237", "R238", "R239", "R241", "R242"] {
            #expect(roles.contains { $0["code"] == code }, "\(code) is listed")
        }
    }

    @Test func aRoleIsFoundByItsExampleTitleAndAPhraseOfItsDefinition() throws {
        for (query, code) in [("Snr Practitioner - Children in Care", "R238"), ("children in need", "R237")] {
            let rows = csvRows(wds("search", query, "--format", "csv").out)
            #expect(rows.count > 1 && rows[1][2] == code, "\(query): \(rows.prefix(3))")
        }
        #expect(Registry.embedded.roleProfiles["R238"]?.exampleTitles.contains("Snr Practitioner - Children in Care") == true, "the example title is the profile's own")
    }
}

/// `report.html` beside the returns (issue 19): its figures are the run's, checked against the
/// summary and the returns written in the same run; Chromium opens it in scripts/check-docs-in-browser.sh.
@Suite("wds project: the run report", .serialized)
struct RunReportTests {
    @Test func theReportShowsTheRunsCountsAndCharts() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let examples = Paths.repository.appendingPathComponent("Examples")
        let result = wds("project", "--to", "all", "--year", "2025", "--organisations", examples.appendingPathComponent("organisations.csv").path,
                         "--out-dir", scratch.path("out"), examples.appendingPathComponent("posts.csv").path)
        let page = String(decoding: scratch.read("out/report.html") ?? Data(), as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>") && !page.contains("<script"), "one page, no script")
        #expect(!page.contains("src=") && !page.contains("<link") && !page.contains("url("), "nothing loaded from elsewhere")
        let read = try #require(result.err.split(separator: "\n").first { $0.hasPrefix("records read: ") }).dropFirst("records read: ".count)
        #expect(page.contains("id=\"records-read\">\(read)</td>"))
        for collection in CollectionID.allCases {
            let line = try #require(result.err.split(separator: "\n").first { $0.hasPrefix("\(collection.rawValue): projected ") })
            let projected = line.dropFirst("\(collection.rawValue): projected ".count).prefix { $0.isNumber }
            #expect(page.contains("data-label=\"\(collection.rawValue)\" data-value=\"\(projected)\""), "\(collection) bar")
            // A collection that rejected records says why in the summary.
            if let rejected = Int(line.components(separatedBy: "rejected ").last?.prefix { $0.isNumber } ?? ""), rejected > 0 {
                #expect(result.err.contains("\n    \(collection.rawValue): \(collection.rawValue)."), "\(collection) rejected \(rejected): why")
            }
        }
        for chart in ["chart-collections", "chart-role-groups", "chart-contract-types"] {
            let line = try #require(page.split(separator: "\n").first { $0.contains("id=\"\(chart)\"") })
            #expect(line.contains("<svg") && line.components(separatedBy: "<rect ").count > 2, "\(chart) has bars")
        }
        // The role-group bars count every record once (the example file has 250).
        let roleLine = try #require(page.split(separator: "\n").first { $0.contains("id=\"chart-role-groups\"") })
        let values = roleLine.components(separatedBy: "data-value=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(values.reduce(0, +) == Int(read))
        // LGES suppression, counted from the aggregates file of the same run.
        let aggregates = csvRows(String(decoding: scratch.read("out/lges-aggregates.csv") ?? Data(), as: UTF8.self))
        let suppressed = aggregates.filter { $0.first == "cell" && $0.contains("c") }.count
        #expect(page.contains("<span id=\"lges-suppressed\">\(suppressed)</span> of \(aggregates.filter { $0.first == "cell" }.count) cells"))
    }
}
