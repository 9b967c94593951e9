import Foundation
import Testing
@testable import WorkforceStandards

/// One cause, one diagnostic (issue 19): a value that fails its format is not reported again
/// as missing, derived checks run only on sound inputs, a collection's own code gets a hint
/// naming its set and the harmonised code to use, and lists of valid codes are whole or say how
/// many more there are. Each case changes one value of a care worker who otherwise gives no
/// diagnostic at all (``Hostile/careWorker``).
@Suite("one cause, one diagnostic")
struct OneCauseTests {
    struct Case: Sendable, CustomStringConvertible {
        var column: String
        var value: String
        var rule: String
        /// Words the message must hold (the hint), and words the expected text must hold.
        var message: [String] = []
        var expected: [String] = []
        var description: String { "\(column)=\(value)" }
    }

    static let cases: [Case] = [
        // Not a date: not also "the record has no contract start date".
        Case(column: "contract_start_date", value: "06/11/2025", rule: "format.date"),
        // An unknown role: not also "the record has no job role"; 251 roles are not listed whole.
        Case(column: "job_role", value: "R999", rule: "code.unknown", expected: ["R101 (", "more: `wds codes harmonised.role`"]),
        // A birth date after the reference date: not also "the person was -6" at the contract start.
        Case(column: "date_of_birth", value: "2031-05-01", rule: "birth.future"),
        // A birth date that makes a child of the worker: the start date is not checked against it too.
        Case(column: "date_of_birth", value: "2019-05-01", rule: "birth.age"),
        // DfE's code for White British (CBDS ethnicity, and CSWW's) where the harmonised W1 is wanted.
        Case(column: "ethnicity", value: "WBRI", rule: "code.collection", message: ["swf.ethnicity WBRI", "use W1"]),
        // ASC-WDS's gender code 2, Female (Skills for Care's worker file: 1 male, 2 female), where F is wanted.
        Case(column: "sex", value: "2", rule: "code.collection", message: ["ascwds.gender 2", "use F"]),
        // A code of no set: the four harmonised sex codes, listed whole.
        Case(column: "sex", value: "Q", rule: "code.unknown", expected: ["F (Female)", "M (Male)", "O (Other", "U (Not known"]),
    ]

    @Test("each cause gives exactly one diagnostic", arguments: cases)
    func oneDiagnostic(_ item: Case) throws {
        let sink = MemorySink()
        let settings = ProjectionSettings(collection: .swf, year: 2025)
        let pipeline = ProjectionPipeline(settings: settings, projections: [], diagnostics: sink, threads: 1)
        let bytes = Hostile.file(Hostile.line(Hostile.careWorker.merging([item.column: item.value]) { $1 }))
        bytes.withUnsafeBufferPointer { pipeline.feed($0) }
        let report = try pipeline.finish()
        let rows = csvRows(sink.text)
        let columns = try #require(rows.first)
        let diagnostics = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
        #expect(diagnostics.count == 1, "\(diagnostics.map { $0["rule"] ?? "" })")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic["rule"] == item.rule)
        #expect(diagnostic["column"] == item.column && diagnostic["value"] == item.value)
        #expect(diagnostic["collection"] == "all", "the standard's own rule: the record is kept out of every collection")
        for words in item.message { #expect(diagnostic["message"]?.contains(words) == true, "\(diagnostic["message"] ?? "") lacks \(words)") }
        for words in item.expected { #expect(diagnostic["expected"]?.contains(words) == true, "\(diagnostic["expected"] ?? "") lacks \(words)") }
        #expect(diagnostic["expected"]?.hasSuffix(", ...") == false && diagnostic["expected"]?.contains("...") == false, "no list cut off mid-way")
        #expect(report.rejected == 1)
    }

    @Test func theUntouchedWorkerHasNoDiagnostic() throws {
        let sink = MemorySink()
        let pipeline = ProjectionPipeline(settings: ProjectionSettings(collection: .swf, year: 2025), projections: [], diagnostics: sink, threads: 1)
        Hostile.file(Hostile.line(Hostile.careWorker)).withUnsafeBufferPointer { pipeline.feed($0) }
        _ = try pipeline.finish()
        #expect(csvRows(sink.text).count == 1)
    }
}
