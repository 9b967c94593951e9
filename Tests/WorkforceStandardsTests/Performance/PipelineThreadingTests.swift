import Foundation
import Testing
@testable import WorkforceStandards

/// The pipeline spreads batches over threads; what it writes must not depend on that.
@Suite("Pipeline threads")
struct PipelineThreadingTests {
    /// Every output of a run over `text` with `threads` threads, by file name.
    static func outputs(_ text: String, threads: Int) throws -> (files: [String: String], report: ReconciliationReport) {
        let settings = ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 11, day: 6)!)
        var sinks: [String: MemorySink] = [:]
        let projections = try ProjectionCatalogue.make(CollectionID.allCases, settings: settings) { name in
            let sink = MemorySink()
            sinks[name] = sink
            return sink
        }
        let diagnostics = MemorySink(), reconciliation = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics,
                                          reconciliation: reconciliation, threads: threads)
        let bytes = Array(text.utf8)
        // Odd chunks, so that batches and chunks do not line up.
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 7_919)
            bytes[start..<end].withUnsafeBufferPointer { pipeline.feed($0) }
            start = end
        }
        let report = try pipeline.finish()
        var files = sinks.mapValues(\.text)
        files["diagnostics.csv"] = diagnostics.text
        files["reconciliation.csv"] = reconciliation.text
        return (files, report)
    }

    @Test func decimalsAreWrittenAsStringWritesThem() {
        var random = SeededGenerator(seed: 9)
        let numbers = [0, 1, 9, 10, 99, 100, 1_000_001, -1, -10, Int.max, Int.min] + (0..<200).map { _ in random.int(-5_000_000...5_000_000) }
        for number in numbers {
            var bytes: [UInt8] = [1]
            ProjectionPipeline.appendDecimal(number, to: &bytes)
            #expect(bytes == [1] + Array(String(number).utf8), "\(number)")
        }
    }

    @Test func outputsAreTheSameWhateverTheThreadCount() throws {
        // More records than one batch, so that several batches (and a short last one) run.
        let count = ProjectionPipeline.batchSize + 700
        let synth = SyntheticWorkforce(seed: 11, referenceDate: SimpleDate(year: 2025, month: 11, day: 6)!)
        let writer = ExchangeWriter()
        var text = writer.headerLine
        for index in 0..<count {
            let (record, overrides) = synth.record(index)
            text += writer.line(for: record, overrides: overrides)
        }
        let one = try Self.outputs(text, threads: 1)
        let four = try Self.outputs(text, threads: 4)
        #expect(one.report == four.report)
        #expect(one.report.input == count && one.report.addsUp)
        #expect(one.report.rejected > 0, "the synthetic data has some invalid records")
        #expect(one.files.keys.sorted() == four.files.keys.sorted())
        for (name, text) in one.files {
            #expect(text == four.files[name], "\(name) differs between 1 and 4 threads")
        }
        // Each reconciliation line is in input order.
        let lines = CSVParser.records(in: one.files["reconciliation.csv"]!).records.dropFirst().map { Int($0.fields[1]) ?? 0 }
        #expect(lines == lines.sorted() && lines.count == count)
        // Every out-of-scope cell says so once, and each collection names itself in its
        // role-scope reasons (map comments begin "out of scope: " too).
        let rows = CSVParser.records(in: one.files["reconciliation.csv"]!).records.dropFirst()
        let cells = rows.flatMap { $0.fields.dropFirst(3) }
        #expect(!cells.contains { $0.contains("out of scope: out of scope") })
        for collection in ["SWF", "ASC-WDS", "CSWW", "LGES"] {
            #expect(cells.contains { $0.hasPrefix("out of scope: role not in \(collection) scope: ") }, "\(collection)")
        }
    }
}
