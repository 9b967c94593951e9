import Foundation
import Testing
@testable import WorkforceStandards

/// Helpers for the SWF and CSWW tests: running a projection, xmllint, golden files.
enum XMLReturnTesting {
    static let xmllint = "/usr/bin/xmllint"
    /// The CSWW schema of `schema`'s years, from the fixtures: for 2022 and 2023 the DfE schema
    /// of those years as Social Finance later transcribed it (`csww_2023.xsd`: SWE numbers of one
    /// to ten digits), not their first transcription (`csww_2022.xsd`: exactly ten digits).
    static func schema(_ schema: CSWWSchema) -> URL {
        Paths.fixtures.appendingPathComponent(schema == .y2022 ? "csww_2023.xsd" : "csww_\(schema.rawValue).xsd")
    }
    static let snapshots = Paths.fixtures.deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let examplePosts = Paths.repository.appendingPathComponent("Examples/posts.csv")

    /// What one record came to in a run.
    struct Outcome {
        var decision: ScopeDecision
        var problems: [RecordDiagnostic]
        var errors: [String] { problems.filter { $0.severity == .error }.map(\.rule) }
        var queries: [String] { problems.filter { $0.severity == .query }.map(\.rule) }
    }

    /// Runs `type` over `records` as the pipeline would (scope, then project when in scope)
    /// and returns the single output's text and each record's outcome.
    static func run<P: CollectionProjection>(_ type: P.Type, _ records: [PostRecord], settings: ProjectionSettings) throws
        -> (text: String, outcomes: [Outcome], projection: P) {
        let sink = MemorySink()
        let projection = try P(settings: settings, sinks: [P.outputNames[0]: sink])
        var outcomes: [Outcome] = []
        for record in records {
            let decision = projection.scope(record)
            outcomes.append(Outcome(decision: decision, problems: decision == .inScope ? projection.project(record) : []))
        }
        try projection.finish()
        return (sink.text, outcomes, projection)
    }

    /// Runs the whole pipeline (reading, validation, projection) over exchange-format CSV, as
    /// `wds project` does, and returns the output and the reconciliation.
    static func pipeline(_ type: CollectionProjection.Type, csv: Data, referenceDate: SimpleDate) throws -> (text: String, report: ReconciliationReport) {
        let settings = ProjectionSettings(referenceDate: referenceDate)
        let sink = MemorySink()
        let projection = try type.init(settings: settings, sinks: [type.outputNames[0]: sink])
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection])
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        return (sink.text, report)
    }

    /// Runs xmllint with `arguments` on `xml`; nil (with a recorded failure) when it is not
    /// installed, so a missing tool fails the test instead of skipping it.
    static func xmllint(_ arguments: [String], _ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: xmllint) else {
            Issue.record("xmllint is not installed at \(xmllint): install it with `apt-get install -y libxml2-utils` (.ci/run does)",
                         sourceLocation: sourceLocation)
            return nil
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wds-xml-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = arguments + [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).replacingOccurrences(of: file.path, with: "FILE"))
    }

    /// Expects `xml` to be well-formed XML.
    static func expectWellFormed(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let result = try xmllint(["--noout"], xml, sourceLocation: sourceLocation) else { return }
        #expect(result.status == 0, "xmllint: \(result.output)", sourceLocation: sourceLocation)
    }

    /// Expects `xml` to be valid against the CSWW schema of `version` (2022-2023 by default).
    static func expectValidCSWW(_ xml: String, schema version: CSWWSchema = .y2022, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let result = try xmllint(["--noout", "--schema", schema(version).path], xml, sourceLocation: sourceLocation) else { return }
        #expect(result.status == 0 && result.output.contains("validates"), "xmllint: \(result.output)", sourceLocation: sourceLocation)
    }

    /// Compares `text` with the golden file `name`; with RECORD_SNAPSHOTS=1 writes it instead
    /// and fails, so that a baseline is never recorded by accident.
    static func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("recorded \(url.path); run again without RECORD_SNAPSHOTS to compare", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(url.path): run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1):
              expected: \(line < want.count ? String(want[line]) : "(end of file)")
              got:      \(line < got.count ? String(got[line]) : "(end of file)")
            (RECORD_SNAPSHOTS=1 re-records it when the change is intended)
            """, sourceLocation: sourceLocation)
    }

    /// The golden input: Examples/posts.csv.
    static func exampleCSV() throws -> Data {
        try #require(FileManager.default.contents(atPath: examplePosts.path), "Examples/posts.csv is missing")
    }
}

/// Text that has broken XML writers: markup, entities, a CDATA end, quotes, controls
/// (forbidden in XML 1.0), a lone escape, emoji with modifiers and joiners, RTL text.
let hostileTexts = [
    "<b>O'Brien & \"Sons\"</b>", "]]>", "a]]>b<![CDATA[c", "&amp;&lt;&#0;", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{7F}",
    "tab\there\nnew line\r\ncarriage", "👩🏽‍🏫🏳️‍🌈", "\u{FFFE}\u{FFFF}", "שלום عربي", "<?xml version=\"1.0\"?>", "<!-- -->",
]
