import Foundation
import Testing
import WorkforceStandards   // not @testable: the README's example uses the public API only

/// The README's library example is a complete program that compiles and runs (issue 20,
/// item 7 and acceptance 1). Its statements are copied below, line for line, into
/// ``ReadmeExample/run()``, which the test target compiles; the test checks that the copy is
/// the README's code block exactly (so the README cannot change without the copy, nor the
/// copy without the README), runs it, and checks what it prints against the standard's rules.
@Suite("README library example")
struct ReadmeExampleTests {
    /// The README's first Swift block under "## The library", without its `import` line.
    static func readmeBlock() throws -> [String] {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## The library"), "README has a library section")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```swift\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        let lines = rest[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "import WorkforceStandards")
        return Array(lines.dropFirst())
    }

    /// The lines between the markers in this file's ``ReadmeExample/run()``, indentation removed.
    static func compiledCopy() throws -> [String] {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let begin = try #require(lines.firstIndex { $0.hasSuffix("// BEGIN README") })
        let end = try #require(lines.firstIndex { $0.hasSuffix("// END README") })
        return lines[(begin + 1)..<end].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
    }

    @Test("the README's code block is the compiled copy")
    func sameCode() throws {
        #expect(try Self.readmeBlock() == Self.compiledCopy())
    }

    @Test("the example prints each diagnostic and the ASC-WDS staff file")
    func runs() throws {
        let example = ReadmeExample()
        try example.run()
        let lines = example.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The invalid record: two diagnostics, each on two lines, both unknown codes (the sex
        // code set has F, M ...; there is no role R999), naming item, column and value.
        #expect(lines.count >= 5)
        #expect(lines[0] == "error code.unknown P108 sex \"Female\"")
        #expect(lines[1].hasPrefix("    is not a code of harmonised.sex - expected one of F (Female)"))
        #expect(lines[2] == "error code.unknown J101 job_role \"R999\"")
        #expect(lines[3].hasPrefix("    is not a code of harmonised.role - expected one of R101"))
        // The valid record: the ASC-WDS staff file, its header and one line for the worker at
        // workplace ELMHOUSE with staff id S1 (ASC-WDS bulk upload columns LOCALESTID, UNIQUEWORKERID).
        let file = lines[4...].joined(separator: "\n")
        let rows = CSVParser.records(in: file).records.map(\.fields)
        #expect(rows.count == 2, "the header and one worker")
        let header = try #require(rows.first)
        #expect(header.starts(with: ["LOCALESTID", "UNIQUEWORKERID"]))
        let worker = Dictionary(uniqueKeysWithValues: zip(header, rows.last ?? []))
        #expect(worker["LOCALESTID"] == "ELMHOUSE")
        #expect(worker["UNIQUEWORKERID"] == "S1")
    }
}

/// The README's example, compiled: `print` here collects what the program prints.
final class ReadmeExample {
    private(set) var output = ""

    func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
        output += items.map { "\($0)" }.joined(separator: separator) + terminator
    }

    func run() throws {
        // BEGIN README

        // ASC-WDS's return for 2025: its reference date and code lists.
        let settings = ProjectionSettings(collection: .ascwds, year: 2025)

        // A care worker as an HR system holds one, with an invalid sex code and an unknown role.
        var record = PostRecord()
        record.postID = "P1"
        record.staffID = "S1"
        record.niNumber = "AB123456C"
        record.dateOfBirth = SimpleDate(year: 1980, month: 5, day: 17)
        record.sex = "Female"                      // harmonised.sex codes are F, M ...
        record.role = "R999"                       // no such role
        record.workplaceID = "ELMHOUSE"
        record.contractType = "PRM"
        record.contractStart = SimpleDate(year: 2020, month: 1, day: 6)
        record.contractedWeeklyHours = 37
        record.fullTimeWeeklyHours = 37
        record.annualBasicPayFTE = 24500

        var validator = RecordValidator(settings: settings)
        for diagnostic in validator.validate(record).diagnostics {
            print(diagnostic.severity, diagnostic.ruleID, diagnostic.itemRef, diagnostic.column, "\"\(diagnostic.value)\"")
            print("   ", diagnostic.message, "- expected", diagnostic.expected)
        }

        // The same worker with valid codes, projected onto the ASC-WDS staff file.
        record.sex = "F"
        record.role = "R418"                       // care worker
        let run = try ProjectionPipeline.project([record], to: [.ascwds], settings: settings)
        print(run.outputs["ascwds-workers.csv"] ?? "")
        // END README
    }
}

/// The example in ``Registry``'s doc comment compiles: its lines are copied into
/// ``registryDocExample()`` and checked to be the doc comment's block exactly.
@Suite("Registry doc example")
struct RegistryDocExampleTests {
    @Test("the doc comment's code block is the compiled copy, and it answers as its comments say")
    func sameCode() throws {
        let source = try String(contentsOf: Paths.repository.appendingPathComponent("Sources/WorkforceStandards/Registry/Registry.swift"), encoding: .utf8)
        let lines: [String] = source.split(separator: "\n").map(String.init)
        let head: [String] = Array(lines.prefix { !$0.hasPrefix("public struct Registry") })
        let comment: [String] = head.filter { $0.hasPrefix("///") }.map { (line: String) -> String in
            line.hasPrefix("/// ") ? String(line.dropFirst(4)) : String(line.dropFirst(3))
        }
        let open = try #require(comment.firstIndex(of: "```swift"))
        let close = try #require(comment[(open + 1)...].firstIndex(of: "```"))
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let begin = try #require(test.firstIndex { $0.hasSuffix("// BEGIN Registry") })
        let end = try #require(test.firstIndex { $0.hasSuffix("// END Registry") })
        let block: [String] = Array(comment[(open + 1)..<close])
        let copy: [String] = test[(begin + 1)..<end].map { (line: String) -> String in String(line.dropFirst(4)) }
        #expect(block == copy)
        let (name, gender) = registryDocExample()
        #expect(name == "Salary Scheme")
        // harmonised.sex F translates to a CSWW code (csww.gender).
        let targets: [CodeSetID] = gender.filter { !$0.matches.isEmpty }.map(\.targetSet)
        #expect(targets.contains { $0.rawValue.hasPrefix("csww.") })
    }
}

func registryDocExample() -> (String?, [Translation]) {
    // BEGIN Registry
    let registry = Registry.embedded
    let name = registry.item("S510")?.name                             // "Salary Scheme"
    let gender = registry.translate("F", from: "harmonised.sex", to: .csww)   // csww.gender's match for F
    // END Registry
    return (name, gender)
}
