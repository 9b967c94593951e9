import Foundation

/// Counts for one collection: every valid record is projected, out of scope or rejected.
public struct CollectionCounts: Sendable, Equatable, Codable {
    /// Records written to the collection's return.
    public var projected = 0
    /// Valid records the collection does not take (``outOfScopeReasons`` says why).
    public var outOfScope = 0
    /// Valid records the collection's own rules rejected.
    public var rejected = 0
    /// How many records were out of scope for each reason.
    public var outOfScopeReasons: [String: Int] = [:]
    /// All counts zero.
    public init() {}
}

/// The reconciliation of a run: what happened to every input record.
public struct ReconciliationReport: Sendable, Equatable, Codable {
    /// Data rows read (the header is not counted).
    public var input = 0
    /// Records with at least one error against the standard: projected nowhere.
    public var rejected = 0
    /// Records with no error (queries allowed), offered to every collection.
    public var valid = 0
    /// Problems with the file as a whole (header, malformed CSV).
    public var fileProblems = 0
    /// Diagnostics with severity error.
    public var errors = 0
    /// Diagnostics with severity query.
    public var queries = 0
    /// The counts of each collection of the run.
    public var collections: [CollectionID: CollectionCounts] = [:]
    /// Where every line of the input went.
    public var lines = LineCounts()
    /// Diagnostics left out because a record had too many of one rule (each kind of them
    /// still has one line saying how many: ``ProjectionPipeline/diagnosticsPerRule``).
    public var diagnosticsLeftOut = 0

    /// The input's lines: each is the header's, a record's (a record over several lines has
    /// them all), or blank. Counted apart: the lines by the parser, the others from the
    /// records the reconciliation lists, so a record lost on the way shows.
    public struct LineCounts: Sendable, Equatable, Codable {
        /// Every line of the input.
        public var total = 0
        /// The header's lines.
        public var header = 0
        /// Lines inside records (a record over several lines counts each).
        public var inRecords = 0
        /// Blank lines.
        public var blank = 0
        /// All counts zero.
        public init() {}
        /// Whether every line is the header's, a record's or blank.
        public var addsUp: Bool { total == header + inRecords + blank }
    }

    /// An empty report.
    public init() {}

    /// Whether every count adds up: every line is the header's, a record's or blank;
    /// input = rejected + valid; and for each collection valid = projected + out of scope + rejected.
    public var addsUp: Bool {
        lines.addsUp && input == rejected + valid && collections.values.allSatisfy { $0.projected + $0.outOfScope + $0.rejected == valid }
    }

    /// The report in words, for people.
    public var summary: String {
        var lines = ["lines read: \(self.lines.total) (header \(self.lines.header), in records \(self.lines.inRecords), blank \(self.lines.blank))",
                     "records read: \(input)", "  rejected (errors against the standard): \(rejected)", "  valid: \(valid)",
                     "diagnostics: \(errors) error(s), \(queries) quer(y/ies)" + (fileProblems > 0 ? ", \(fileProblems) about the file as a whole" : "")
                        + (diagnosticsLeftOut > 0 ? "; \(diagnosticsLeftOut) more of the same kinds left out (counted in \"and N more\" lines)" : "")]
        // By name, as the summary has always listed them.
        for name in collections.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let counts = collections[name]!
            lines.append("\(name): projected \(counts.projected), out of scope \(counts.outOfScope), rejected \(counts.rejected)"
                         + " (= \(counts.projected + counts.outOfScope + counts.rejected) of \(valid) valid)")
            for (reason, count) in counts.outOfScopeReasons.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(8) {
                lines.append("    out of scope \(count): \(reason)")
            }
        }
        lines.append(addsUp ? "reconciliation: every record is accounted for" : "reconciliation: COUNTS DO NOT ADD UP")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Reads exchange-format CSV and drives validation and every requested projection, a batch
/// of records at a time, so memory stays flat however long the input is.
///
/// Per record it writes one line to the reconciliation sink (projected / out of scope with the
/// reason / rejected) and every diagnostic to the diagnostics sink, so nothing is silently
/// dropped and the outputs can be audited record by record.
///
/// Work is spread over the processor's cores, and the outputs are the same byte for byte as
/// with one thread. Batches of rows flow through stages, each batch as soon as a core is free:
/// batches are read and checked against the items side by side (rows are independent); the
/// checks that look across records (duplicates) then take the batches in input order; each
/// projection takes the batches in order on a queue of its own, so one projection can work on
/// one batch while another works on the next; and diagnostics and reconciliation lines are
/// written in input order. No stage waits for the slowest part of another batch. So that
/// projections can run side by side, **each projection must write to its own sinks**
/// (``ProjectionCatalogue/make(_:settings:sink:)`` asks for one per output name); pass
/// `threads: 1` to run everything on the caller's thread.
public final class ProjectionPipeline {
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings
    var reader: PostRecordReader
    /// The header row, for readers made for further threads.
    private var header: CSVRecord?
    /// Readers not in use. Each batch being read takes one: a reader per thread, each with its
    /// own column bindings, because threads that share objects fight over their reference
    /// counts, which costs more than reading the header again. Guarded by `readersLock`.
    private var idleReaders: [PostRecordReader] = []
    private let readersLock = NSLock()
    private var rules: RecordRules
    let projections: [CollectionProjection]
    private let diagnosticsSink: TextSink?
    private let reconciliationSink: TextSink?
    /// Data rows read so far, for progress: counted as rows are parsed, so reading it never
    /// waits for the batches being processed (``report`` does).
    public private(set) var rowsRead = 0
    /// The reconciliation so far: waits for the batches already read to be processed.
    public var report: ReconciliationReport {
        guard threads > 1 else { return state }
        ordering.sync {}
        return writing.sync { state }
    }
    /// The counts, written with the outputs (on `writing` when there is more than one thread)
    /// and by file-level problems, which come before the first batch or after the last.
    private var state = ReconciliationReport()
    /// Where batches are read and checked against the items, several at once.
    let reading = DispatchQueue(label: "ProjectionPipeline.reading", attributes: .concurrent)
    /// Where the record rules take the read batches, in input order, and hand each batch on.
    let ordering = DispatchQueue(label: "ProjectionPipeline.rules")
    /// One queue per projection: each projection takes the batches in input order.
    let projectionQueues: [DispatchQueue]
    /// Where each batch's diagnostics and reconciliation lines are written, in input order.
    let writing = DispatchQueue(label: "ProjectionPipeline.outputs")
    /// Bounds the batches between parsing and writing, so memory stays flat.
    let inFlight: DispatchSemaphore
    var parser: CSVParser!
    /// CSV problems met since the last record, one entry per kind with how often it occurred:
    /// a field of a million stray quotes is one diagnostic, not a million.
    private var pendingProblems: [(problem: CSVProblem, count: Int)] = []
    /// Rows read but not yet processed, with the CSV problems met in each.
    private var batch = Rows()
    private let threads: Int

    /// Rows processed together. Large enough that starting threads costs little per row, small
    /// enough that a batch of records takes a few megabytes.
    static let batchSize = 512
    /// A batch is handed on early when its rows hold this many bytes (a few huge rows).
    static let batchBytes = 16 << 20
    /// The most diagnostics of one rule written for one record; the rest are counted in one
    /// line, "and N more", so that one record cannot make gigabytes of diagnostics.
    public static let diagnosticsPerRule = 20

    /// Columns of the diagnostics CSV.
    /// `collection` is the collection whose rule it is, or `all` for the standard's own rules
    /// (an error there keeps the record out of every collection).
    public static let diagnosticColumns = RecordDiagnostic.csvColumns

    /// Creates a pipeline. `diagnostics` and `reconciliation` receive CSV (header first).
    ///
    /// - Parameter settings: the run's census year, reference date and organisation data.
    /// - Parameter projections: the collections' projections (``ProjectionCatalogue/make(_:settings:sink:)``).
    /// - Parameter diagnostics: where `diagnostics.csv` is written (nothing when nil).
    /// - Parameter reconciliation: where `reconciliation.csv` is written (nothing when nil).
    /// - Parameter threads: 1 runs everything on the caller's thread, in order. More (the
    ///   processor count by default) lets the stages run on Dispatch's threads, with up to
    ///   `4 × threads + 2` batches under way; projections then run side by side and must not
    ///   share a sink.
    /// - Parameter separator: the input's field separator (``InputFormat`` detects it); the
    ///   input must be UTF-8 (``InputTranscoder`` makes it so).
    public init(settings: ProjectionSettings, projections: [CollectionProjection],
                diagnostics: TextSink? = nil, reconciliation: TextSink? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, separator: UInt8 = UInt8(ascii: ",")) {
        self.settings = settings
        self.projections = projections
        self.threads = max(1, threads)
        projectionQueues = projections.map { DispatchQueue(label: "ProjectionPipeline.projection.\($0.collection.rawValue)") }
        // Enough batches under way that every stage has work, few enough that memory stays flat
        // (batches of 512 rows: 4 per thread kept both cores busier than 2, for 10 MB more).
        inFlight = DispatchSemaphore(value: 4 * max(1, threads) + 2)
        reader = PostRecordReader(registry: settings.registry)
        rules = RecordRules(referenceDate: settings.referenceDate)
        diagnosticsSink = diagnostics
        reconciliationSink = reconciliation
        for projection in projections { state.collections[projection.collection] = CollectionCounts() }
        diagnostics?.write(SafeCSV.line(Self.diagnosticColumns) + "\n")
        reconciliation?.write(SafeCSV.line(["record", "line", "status"] + projections.map(\.collection.rawValue) + ["last_line"]) + "\n")
        parser = CSVParser(separator: separator, onRawRow: { [unowned self] row in self.accept(row) },
                           onProblem: { [unowned self] problem in self.note(problem) })
        // What was met on a line with no record (a NUL alone) is the file's, not the next record's.
        parser.onBlankLine = { [unowned self] _ in self.noteBlankLine() }
    }

    /// Reports problems with another input of the run as a whole (the organisation file):
    /// written to the diagnostics and counted as problems about a file. Call it before feeding.
    public func report(fileProblems diagnostics: [RecordDiagnostic]) {
        for diagnostic in diagnostics { emit(diagnostic, fileLevel: true) }
    }

    /// Feeds exchange-format CSV bytes (UTF-8; any chunk size: a chunk may end mid-row).
    public func feed(_ bytes: [UInt8]) {
        bytes.withLentBuffer { parser.feed(buffer: $0) }
    }

    /// Feeds exchange-format CSV text (any chunk size: a chunk may end mid-row).
    public func feed(_ text: String) {
        LentBytes.withUTF8(of: text) { parser.feed(buffer: $0) }
    }

    /// Feeds post records built in memory. Each gets exactly the checks and the projections a
    /// row of an exchange-format file gets, because it is handed to the pipeline as one (the
    /// header before the first record, then one line per record, as ``ExchangeWriter`` writes
    /// it): the outputs and diagnostics are those of that file, byte for byte. Diagnostics
    /// name a record by its post identifier, and give as its line its place in that file
    /// (the header is line 1, the first record line 2), whatever its ``PostRecord/line``.
    ///
    /// Call it any number of times, but do not mix it with feeding bytes in one run.
    public func feed(_ records: some Sequence<PostRecord>) {
        let writer = ExchangeWriter(format: reader.format)
        if !fedHeaderForRecords {
            fedHeaderForRecords = true
            feed(writer.headerLine)
        }
        for record in records { feed(writer.line(for: record)) }
    }

    /// Whether ``feed(_:)-(some Sequence<PostRecord>)`` has fed the header.
    private var fedHeaderForRecords = false

    /// Called with every diagnostic as it is written to the diagnostics sink: diagnostics as
    /// values, for a caller that wants more than the CSV. Calls come one at a time, in input
    /// order, on the pipeline's writing thread when it has more than one, and the last has
    /// returned when ``finish()`` returns. Set it before the first feed.
    public var diagnosticHandler: ((RecordDiagnostic) -> Void)?

    /// Ends the input, writes the end of every output, and returns the reconciliation.
    @discardableResult
    public func finish() throws -> ReconciliationReport {
        parser.finish()
        dispatchBatch()
        if threads > 1 {
            ordering.sync {}
            writing.sync {}
        }
        flushFileProblems(line: nil)
        state.lines.total = parser.linesRead
        state.lines.blank = parser.blankLines
        if !reader.hasHeader {
            emit(RecordDiagnostic(.error, record: "header", line: 1, rule: "header.missing",
                                  message: "the file is empty: there is no header row and no record",
                                  expected: "a header row naming exchange-format columns (ExchangeFormat.standard.header), then one row per post"),
                 fileLevel: true)
        }
        for projection in projections {
            for diagnostic in projection.runDiagnostics { emit(diagnostic, fileLevel: true) }
        }
        // Every record has been checked: the ids seen (tens of megabytes on a national run)
        // are let go before the returns are finished, which is when SWF assembles its messages.
        rules = RecordRules(referenceDate: settings.referenceDate)
        try finishProjections()
        diagnosticsSink?.close()
        reconciliationSink?.close()
        return state
    }

    /// Writes the end of every projection's outputs: side by side when the pipeline has more
    /// than one thread (each projection writes to its own sinks, and SWF assembles every
    /// school's message here), one after another otherwise. The first failure is thrown.
    private func finishProjections() throws {
        for case let parallel as any ParallelFinishing in projections { parallel.finishingThreads = threads }
        guard threads > 1, projections.count > 1 else {
            for projection in projections { try projection.finish() }
            return
        }
        // Each projection finishes on its own thread, writing only its own sinks.
        let errors: [Error?] = ParallelSlots.map(count: projections.count) { [projections] index in
            do { try projections[index].finish(); return nil } catch { return error }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
    }

    /// Called with every row as it is read, the header first, on the thread that feeds the
    /// pipeline and before any check (`wds project` counts records for its run report this
    /// way rather than reading the file twice). Set it before the first ``feed(_:)``.
    package var rowObserver: ((CSVRawRow) -> Void)?

    private func accept(_ row: CSVRawRow) {
        rowObserver?(row)
        guard reader.hasHeader else {
            let header = row.record
            flushFileProblems(line: header.line)
            for diagnostic in reader.readHeader(header) { emit(diagnostic, fileLevel: true) }
            self.header = header
            state.lines.header = row.lastLine - row.line + 1
            return
        }
        rowsRead += 1
        batch.csv.append(row)
        batch.problems.append(pendingProblems)
        // Nearly always empty: emptying an empty array still goes through `replaceSubrange`.
        if !pendingProblems.isEmpty { pendingProblems.removeAll() }
        if batch.count >= Self.batchSize || batch.csv.byteCount >= Self.batchBytes {
            let large = batch.csv.byteCount >= Self.batchBytes
            dispatchBatch()
            // Batches of huge rows are taken one at a time, so that the batches under way
            // hold at most a few of them whatever the rows are like.
            if large && threads > 1 {
                ordering.sync {}
                writing.sync {}
            }
        }
    }

    /// Rows as parsed (their bytes, not yet read into records), with the CSV problems met in each.
    struct Rows {
        var csv = CSVRowBatch(reservingRows: ProjectionPipeline.batchSize)
        var problems: [[(problem: CSVProblem, count: Int)]] = []
        /// Problems of lines with no record, each with the row it comes before.
        var fileDiagnostics: [(beforeRow: Int, diagnostic: RecordDiagnostic)] = []
        var count: Int { csv.count }

        /// Each row read into a record, with the CSV problems met in it and the record rules
        /// that need no other record: worked out here, on any thread, while the record just
        /// written is in the cache, so that the stage that takes the batches in order reads
        /// no record again.
        func read(with reader: PostRecordReader, referenceDate: SimpleDate) -> [ReadRow] {
            (0..<csv.count).map { index in
                var (record, diagnostics) = csv.withRow(index) { reader.read($0) }
                // Malformed CSV inside this record (a stray quote, bad UTF-8) belongs to the record.
                var unclosed = false
                for (problem, times) in problems[index] {
                    var diagnostic = RecordDiagnostic(.error, record: record.displayID, line: problem.line, rule: "csv.\(problem.kind)",
                                                      message: ProjectionPipeline.describe(problem, count: times), expected: "well-formed CSV (RFC 4180, UTF-8)")
                    // An unclosed quote is the cause of the lines its field took in: one
                    // diagnostic, naming the field, its value and those lines.
                    if problem.kind == .unclosedQuote, let swallowed = diagnostics.firstIndex(where: { $0.rule == "csv.line-break-in-field" }) {
                        let lines = diagnostics.remove(at: swallowed)
                        diagnostic.itemRef = lines.itemRef
                        diagnostic.itemName = lines.itemName
                        diagnostic.column = lines.column
                        diagnostic.value = lines.value
                        diagnostic.message += "; " + lines.message
                    }
                    if problem.kind == .unclosedQuote { unclosed = true }
                    diagnostics.append(diagnostic)
                }
                if index == csv.count - 1 && !csv.lastIsTerminated && !unclosed {
                    diagnostics.append(RecordDiagnostic(.error, record: record.displayID, line: csv.lastLine(index), rule: "csv.ends-mid-record",
                                                        message: "the input ends on this record with no line break after it, so the record may have been cut short (a copy or an export stopped part way)",
                                                        expected: "a line break after the last record; if the file is complete, add one and run again"))
                }
                let (rules, ruleDiagnostics) = RecordRules.prepare(record, referenceDate: referenceDate, reported: diagnostics)
                let rulesStart = diagnostics.count
                if !ruleDiagnostics.isEmpty { diagnostics += ruleDiagnostics }
                return ReadRow(record: record, diagnostics: diagnostics, rules: rules, rulesStart: rulesStart)
            }
        }
    }
    /// A row read into a record, with what reading found wrong and its record rules prepared.
    typealias ReadRow = (record: PostRecord, diagnostics: [RecordDiagnostic], rules: RecordRules.Prepared, rulesStart: Int)

    /// Hands the rows parsed so far on to be processed: through the stages when there are
    /// several threads, so that parsing the next batch overlaps processing this one.
    private func dispatchBatch() {
        guard !batch.csv.isEmpty else {
            // Only at the end: problems of blank lines after the last record.
            if !batch.fileDiagnostics.isEmpty {
                if threads > 1 { ordering.sync {}; writing.sync {} }
                for (_, diagnostic) in batch.fileDiagnostics { emit(diagnostic, fileLevel: true) }
                batch.fileDiagnostics = []
            }
            return
        }
        let rows = batch
        batch = Rows()
        guard threads > 1 else {
            // A constant: reading the property inside the loop would copy the reader per row.
            let reader = self.reader
            let checked = check(rows, read: rows.read(with: reader, referenceDate: settings.referenceDate))
            write(BatchOutput(checked, results: projections.map { results(of: $0, for: checked) }))
            return
        }
        dispatchOnThreads(rows)
    }

    /// A reader no other thread is using (made from the header when all are busy).
    func takeReader() -> PostRecordReader {
        readersLock.lock()
        defer { readersLock.unlock() }
        if let idle = idleReaders.popLast() { return idle }
        var another = PostRecordReader(registry: settings.registry)
        if let header { _ = another.readHeader(header) }
        return another
    }

    func giveBack(_ reader: PostRecordReader) {
        readersLock.lock()
        idleReaders.append(reader)
        readersLock.unlock()
    }

    /// The record rules that look across records, over one batch in input order.
    func check(_ rows: Rows, read: [ReadRow]) -> CheckedBatch {
        let count = rows.count
        var records: [PostRecord] = []
        var diagnosticsOfRow: [[RecordDiagnostic]] = []
        var validRows: [Int] = []
        var ids: [String] = []
        records.reserveCapacity(count)
        diagnosticsOfRow.reserveCapacity(count)
        ids.reserveCapacity(count)
        for (index, row) in read.enumerated() {
            var diagnostics = row.diagnostics
            ids.append(row.record.displayID)
            rules.finish(row.rules, of: row.record, into: &diagnostics, at: row.rulesStart)
            if !diagnostics.contains(where: { $0.severity == .error }) { validRows.append(index) }
            diagnosticsOfRow.append(diagnostics)
            records.append(row.record)
        }
        return CheckedBatch(lines: rows.csv.lines, lastLines: (0..<count).map(rows.csv.lastLine), ids: ids, records: records,
                            diagnostics: diagnosticsOfRow, validRows: validRows, fileDiagnostics: rows.fileDiagnostics)
    }

    /// A batch read and checked, ready to be projected.
    struct CheckedBatch {
        var lines: [Int]
        var lastLines: [Int]
        var ids: [String]
        var records: [PostRecord]
        var diagnostics: [[RecordDiagnostic]]
        var validRows: [Int]
        var fileDiagnostics: [(beforeRow: Int, diagnostic: RecordDiagnostic)]
    }

    /// What a ``PreparingProjection`` prepared of a batch's valid records, in order. A class,
    /// so that the projection's queue gets it back with a cast of one reference: casting an
    /// `Any` to an array casts (and copies) each element.
    final class PreparedValues<Prepared> {
        let values: [Prepared]
        init(_ values: [Prepared]) { self.values = values }
    }

    /// ``PreparingProjection/prepare(_:)`` of each valid record of `batch`, in order.
    static func prepare<P: PreparingProjection>(_ batch: CheckedBatch, with projection: P) -> [P.Prepared] {
        var prepared: [P.Prepared] = []
        prepared.reserveCapacity(batch.validRows.count)
        PostRecord.forEachLent(in: batch.records, at: batch.validRows) { record in prepared.append(projection.prepare(record)) }
        return prepared
    }

    /// What `projection` makes of a checked batch's valid records, in order: its outputs are
    /// written as it goes, and it returns the reconciliation cells, counts and problems.
    /// `prepared` is what a ``PreparingProjection`` prepared of the batch (prepared here when nil).
    func results(of projection: CollectionProjection, for batch: CheckedBatch, prepared: AnyObject? = nil) -> ProjectionResults {
        if let previewing = projection as? PreviewingProjection, previewing.wantsPreview {
            previewing.preview(batch.validRows.map { batch.records[$0] })
        }
        if let preparing = projection as? any PreparingProjection {
            return preparedResults(of: preparing, for: batch, prepared: prepared)
        }
        return results(for: batch, scope: { record, _ in projection.scope(record) }, project: { record, _ in projection.project(record) })
    }

    private func preparedResults<P: PreparingProjection>(of projection: P, for batch: CheckedBatch, prepared: AnyObject?) -> ProjectionResults {
        let values = (prepared as? PreparedValues<P.Prepared>)?.values ?? Self.prepare(batch, with: projection)
        // Read in place: an array's subscript hands out a copy, a retain and a release of each
        // of the prepared value's parts, twice a record.
        return values.withLentBuffer { values in
            results(for: batch, scope: { record, position in projection.scope(record, prepared: values[position]) },
                    project: { record, position in projection.project(record, prepared: values[position]) })
        }
    }

    /// The reconciliation of a batch's valid records, each scoped and, in scope, projected by
    /// the functions given (which take the record's position among the valid records).
    private func results(for batch: CheckedBatch, scope: (PostRecord, Int) -> ScopeDecision,
                         project: (PostRecord, Int) -> [RecordDiagnostic]) -> ProjectionResults {
        var result = ProjectionResults(expected: batch.validRows.count)
        // Per reason: its reconciliation cell and how many records it covered, so that each
        // out-of-scope record costs one look-up. A short list, the reason last met first:
        // a projection has a handful of reasons, most of them the same text object each
        // time (which `==` settles at once), while a dictionary would hash the whole text.
        var reasons: [(reason: String, cell: [UInt8], count: Int)] = []
        var position = -1
        PostRecord.forEachLent(in: batch.records, at: batch.validRows) { record in
            position += 1
            switch scope(record, position) {
            case .outOfScope(let reason):
                result.counts.outOfScope += 1
                result.problems.append([])
                if let known = reasons.firstIndex(where: { $0.reason == reason }) {
                    reasons[known].count += 1
                    result.cells.append(contentsOf: reasons[known].cell)
                    if known > 0 { reasons.swapAt(known, known - 1) }
                } else {
                    var cell: [UInt8] = []
                    CSVWriter.appendEscaped("out of scope: " + reason, neutralised: true, to: &cell)
                    reasons.append((reason, cell, 1))
                    result.cells.append(contentsOf: cell)
                }
            case .inScope:
                let problems = project(record, position)
                let errors = problems.filter { $0.severity == .error }
                if errors.isEmpty {
                    result.counts.projected += 1
                    result.cells.appendUTF8("projected")
                } else {
                    result.counts.rejected += 1
                    CSVWriter.appendEscaped("rejected: " + errors.map(\.rule).joined(separator: " "), neutralised: true, to: &result.cells)
                }
                result.problems.append(problems)
            }
            result.cellEnds.append(result.cells.count)
        }
        for entry in reasons { result.counts.outOfScopeReasons[entry.reason, default: 0] += entry.count }
        return result
    }

    /// What a processed batch has to write.
    struct BatchOutput: Sendable {
        var lines: [Int]
        var lastLines: [Int]
        var ids: [String]
        var diagnostics: [[RecordDiagnostic]]
        var validRows: [Int]
        var fileDiagnostics: [(beforeRow: Int, diagnostic: RecordDiagnostic)]
        var results: [ProjectionResults]

        init(_ batch: CheckedBatch, results: [ProjectionResults]) {
            lines = batch.lines
            lastLines = batch.lastLines
            ids = batch.ids
            diagnostics = batch.diagnostics
            validRows = batch.validRows
            fileDiagnostics = batch.fileDiagnostics
            self.results = results
        }
    }

    /// 4. Writes a batch's diagnostics and reconciliation lines, in input order (the lines in
    /// one write), and adds up its counts.
    func write(_ output: BatchOutput) {
        let resultsOf = output.results, validRows = output.validRows, count = output.lines.count
        for (projection, result) in zip(projections, resultsOf) {
            let name = projection.collection
            state.collections[name]!.projected += result.counts.projected
            state.collections[name]!.rejected += result.counts.rejected
            state.collections[name]!.outOfScope += result.counts.outOfScope
            state.collections[name]!.outOfScopeReasons.merge(result.counts.outOfScopeReasons, uniquingKeysWith: +)
        }

        state.input += count
        state.valid += validRows.count
        state.rejected += count - validRows.count
        // The parts of each projection's results, taken out once rather than per record.
        let cellsOf = resultsOf.map(\.cells), cellEndsOf = resultsOf.map(\.cellEnds), problemsOf = resultsOf.map(\.problems)
        var lines: [UInt8] = []
        // A line is about 250 bytes when most collections give a reason (out of scope: ...).
        lines.reserveCapacity(count * 320)
        var nextValid = 0
        var nextFileDiagnostic = 0
        for index in 0..<count {
            while nextFileDiagnostic < output.fileDiagnostics.count && output.fileDiagnostics[nextFileDiagnostic].beforeRow <= index {
                emit(output.fileDiagnostics[nextFileDiagnostic].diagnostic, fileLevel: true)
                nextFileDiagnostic += 1
            }
            state.lines.inRecords += output.lastLines[index] - output.lines[index] + 1
            var limiter = DiagnosticLimiter()
            for diagnostic in output.diagnostics[index] where limiter.admit(diagnostic) { emit(diagnostic, fileLevel: false) }
            CSVWriter.appendEscaped(output.ids[index], neutralised: true, to: &lines)
            lines.append(UInt8(ascii: ","))
            Self.appendDecimal(output.lines[index], to: &lines)
            guard nextValid < validRows.count, validRows[nextValid] == index else {
                lines.appendUTF8(",rejected")
                for _ in projections { lines.append(UInt8(ascii: ",")) }
                lines.append(UInt8(ascii: ","))
                Self.appendDecimal(output.lastLines[index], to: &lines)
                lines.append(UInt8(ascii: "\n"))
                for diagnostic in limiter.leftOut() { emit(diagnostic, fileLevel: false) }
                state.diagnosticsLeftOut += limiter.leftOutCount
                continue
            }
            lines.appendUTF8(",valid")
            for which in resultsOf.indices {
                for problem in problemsOf[which][nextValid] where limiter.admit(problem) { emit(problem, fileLevel: false) }
                lines.append(UInt8(ascii: ","))
                let start = nextValid == 0 ? 0 : cellEndsOf[which][nextValid - 1]
                cellsOf[which].withLentBuffer { cells in lines.append(contentsOf: cells.extracting(start..<cellEndsOf[which][nextValid])) }
            }
            lines.append(UInt8(ascii: ","))
            Self.appendDecimal(output.lastLines[index], to: &lines)
            lines.append(UInt8(ascii: "\n"))
            for diagnostic in limiter.leftOut() { emit(diagnostic, fileLevel: false) }
            state.diagnosticsLeftOut += limiter.leftOutCount
            nextValid += 1
        }
        for (_, diagnostic) in output.fileDiagnostics[nextFileDiagnostic...] { emit(diagnostic, fileLevel: true) }
        reconciliationSink?.write(utf8: lines)
    }

    /// What one projection made of a batch's valid records, in their order.
    struct ProjectionResults: Sendable {
        /// The problems each record met (errors when it was rejected, queries when written).
        var problems: [[RecordDiagnostic]] = []
        /// The reconciliation cells, CSV-escaped, one after another; the i-th ends at `cellEnds[i]`.
        var cells: [UInt8] = []
        var cellEnds: [Int] = []
        var counts = CollectionCounts()

        init(expected: Int) {
            problems.reserveCapacity(expected)
            cellEnds.reserveCapacity(expected)
            cells.reserveCapacity(expected * 64)
        }
    }

    /// Problems met on a line with no record become the file's, written where the line is
    /// among the records (before the batch's next row).
    private func noteBlankLine() {
        guard !pendingProblems.isEmpty else { return }
        guard reader.hasHeader else { return flushFileProblems(line: nil) }
        for (problem, count) in pendingProblems {
            batch.fileDiagnostics.append((batch.count, Self.fileDiagnostic(problem, count: count)))
        }
        pendingProblems.removeAll()
    }

    private static func fileDiagnostic(_ problem: CSVProblem, count: Int) -> RecordDiagnostic {
        RecordDiagnostic(.error, record: "file", line: problem.line, rule: "csv.\(problem.kind)", message: describe(problem, count: count),
                         expected: "well-formed CSV (RFC 4180, UTF-8)")
    }

    private func flushFileProblems(line: Int?) {
        for (problem, count) in pendingProblems { emit(Self.fileDiagnostic(problem, count: count), fileLevel: true) }
        pendingProblems.removeAll()
    }

    private func note(_ problem: CSVProblem) {
        if let index = pendingProblems.firstIndex(where: { $0.problem.kind == problem.kind }) {
            pendingProblems[index].count += 1
        } else {
            pendingProblems.append((problem, 1))
        }
    }

    private static func describe(_ problem: CSVProblem, count: Int) -> String {
        count == 1 ? problem.description : problem.description + " (\(count) times in this record; the first is shown)"
    }

    /// Lets through at most ``diagnosticsPerRule`` diagnostics of each rule of one record, and
    /// says how many of each were left out.
    private struct DiagnosticLimiter {
        /// Per rule met more than the limit allows: how many, and the first left out (for its record, item and severity).
        private var counts: [(rule: String, count: Int)] = []
        private var surplus: [(first: RecordDiagnostic, count: Int)] = []
        private(set) var leftOutCount = 0

        mutating func admit(_ diagnostic: RecordDiagnostic) -> Bool {
            // Most records have a handful of diagnostics: a short list beats a dictionary.
            if let index = counts.firstIndex(where: { $0.rule == diagnostic.rule }) {
                counts[index].count += 1
                guard counts[index].count > ProjectionPipeline.diagnosticsPerRule else { return true }
                leftOutCount += 1
                if let known = surplus.firstIndex(where: { $0.first.rule == diagnostic.rule }) {
                    surplus[known].count += 1
                } else {
                    surplus.append((diagnostic, 1))
                }
                return false
            }
            counts.append((diagnostic.rule, 1))
            return true
        }

        /// One diagnostic per rule that was cut: "and N more".
        func leftOut() -> [RecordDiagnostic] {
            surplus.map { first, count in
                RecordDiagnostic(first.severity, record: first.record, line: first.line, itemRef: first.itemRef, itemName: first.itemName,
                                 column: first.column, value: "", rule: first.rule,
                                 message: "and \(count) more of this rule in this record, left out (the first \(ProjectionPipeline.diagnosticsPerRule) are listed)",
                                 expected: first.expected)
            }
        }
    }

    private func emit(_ diagnostic: RecordDiagnostic, fileLevel: Bool) {
        if fileLevel { state.fileProblems += 1 }
        if diagnostic.severity == .error { state.errors += 1 } else { state.queries += 1 }
        diagnosticHandler?(diagnostic)
        diagnosticsSink?.write(SafeCSV.line(diagnostic.csvFields) + "\n")
    }
}

extension CSVProblem.Kind: CustomStringConvertible {
    /// The kind as its rule id writes it (`csv.unclosed-quote`): `unclosed-quote`.
    public var description: String {
        switch self {
        case .unclosedQuote: return "unclosed-quote"
        case .quoteInUnquotedField: return "quote-in-unquoted-field"
        case .textAfterClosingQuote: return "text-after-closing-quote"
        case .invalidUTF8: return "invalid-utf8"
        case .nulByte: return "nul-byte"
        case .tooManyFields: return "too-many-fields"
        }
    }
}
