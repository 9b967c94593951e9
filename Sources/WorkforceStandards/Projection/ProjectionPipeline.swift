/// Counts for one collection: every valid record is projected, out of scope or rejected.
public struct CollectionCounts: Sendable, Equatable, Codable {
    public var projected = 0
    public var outOfScope = 0
    public var rejected = 0
    /// How many records were out of scope for each reason.
    public var outOfScopeReasons: [String: Int] = [:]
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
    public var errors = 0
    public var queries = 0
    public var collections: [String: CollectionCounts] = [:]

    public init() {}

    /// Whether every count adds up: input = rejected + valid, and for each collection
    /// valid = projected + out of scope + rejected.
    public var addsUp: Bool {
        input == rejected + valid && collections.values.allSatisfy { $0.projected + $0.outOfScope + $0.rejected == valid }
    }

    /// The report in words, for people.
    public var summary: String {
        var lines = ["records read: \(input)", "  rejected (errors against the standard): \(rejected)", "  valid: \(valid)",
                     "diagnostics: \(errors) error(s), \(queries) quer(y/ies)" + (fileProblems > 0 ? ", \(fileProblems) about the file as a whole" : "")]
        for name in collections.keys.sorted() {
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

/// Reads exchange-format CSV and drives validation and every requested projection, one
/// record at a time, so memory stays flat however long the input is.
///
/// Per record it writes one line to the reconciliation sink (projected / out of scope with the
/// reason / rejected) and every diagnostic to the diagnostics sink, so nothing is silently
/// dropped and the outputs can be audited record by record.
public final class ProjectionPipeline {
    public let settings: ProjectionSettings
    private var reader: PostRecordReader
    private var rules: RecordRules
    private let projections: [CollectionProjection]
    private let diagnosticsSink: TextSink?
    private let reconciliationSink: TextSink?
    public private(set) var report = ReconciliationReport()
    private var parser: CSVParser!
    /// CSV problems met since the last record, one entry per kind with how often it occurred:
    /// a field of a million stray quotes is one diagnostic, not a million.
    private var pendingProblems: [(problem: CSVProblem, count: Int)] = []

    /// Columns of the diagnostics CSV.
    public static let diagnosticColumns = ["record", "line", "severity", "rule", "item", "item_name", "column", "value", "message", "expected"]

    /// Creates a pipeline. `diagnostics` and `reconciliation` receive CSV (header first).
    public init(settings: ProjectionSettings, projections: [CollectionProjection],
                diagnostics: TextSink? = nil, reconciliation: TextSink? = nil) {
        self.settings = settings
        self.projections = projections
        reader = PostRecordReader(registry: settings.registry)
        rules = RecordRules(referenceDate: settings.referenceDate)
        diagnosticsSink = diagnostics
        reconciliationSink = reconciliation
        for projection in projections { report.collections[projection.collection.rawValue] = CollectionCounts() }
        diagnostics?.write(SafeCSV.line(Self.diagnosticColumns) + "\n")
        reconciliation?.write(SafeCSV.line(["record", "line", "status"] + projections.map(\.collection.rawValue)) + "\n")
        parser = CSVParser(onRecord: { [unowned self] record in self.accept(record) },
                           onProblem: { [unowned self] problem in self.note(problem) })
    }

    /// Feeds raw CSV bytes (any chunk size).
    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        parser.feed(buffer: bytes)
    }

    /// Ends the input, writes the end of every output, and returns the reconciliation.
    @discardableResult
    public func finish() throws -> ReconciliationReport {
        parser.finish()
        flushFileProblems(line: nil)
        if !reader.hasHeader {
            emit(RecordDiagnostic(.error, record: "header", line: 1, rule: "header.missing",
                                  message: "the file is empty: there is no header row and no record",
                                  expected: "a header row naming exchange-format columns (ExchangeFormat.standard.header), then one row per post"),
                 fileLevel: true)
        }
        for projection in projections { try projection.finish() }
        diagnosticsSink?.close()
        reconciliationSink?.close()
        return report
    }

    private func accept(_ csv: CSVRecord) {
        guard reader.hasHeader else {
            flushFileProblems(line: csv.line)
            for diagnostic in reader.readHeader(csv) { emit(diagnostic, fileLevel: true) }
            return
        }
        report.input += 1
        var (record, diagnostics) = reader.read(csv)
        // Malformed CSV inside this record (a stray quote, bad UTF-8) belongs to the record.
        for (problem, count) in pendingProblems {
            diagnostics.append(RecordDiagnostic(.error, record: record.displayID, line: problem.line, rule: "csv.\(problem.kind)",
                                                message: Self.describe(problem, count: count), expected: "well-formed CSV (RFC 4180, UTF-8)"))
        }
        pendingProblems.removeAll()
        diagnostics += rules.check(record)
        for diagnostic in diagnostics { emit(diagnostic, fileLevel: false) }
        let id = record.displayID
        if diagnostics.contains(where: { $0.severity == .error }) {
            report.rejected += 1
            reconciliationSink?.write(SafeCSV.line([id, String(csv.line), "rejected"] + projections.map { _ in "" }) + "\n")
            return
        }
        report.valid += 1
        var outcomes: [String] = []
        for projection in projections {
            let name = projection.collection.rawValue
            switch projection.scope(record) {
            case .outOfScope(let reason):
                report.collections[name]!.outOfScope += 1
                report.collections[name]!.outOfScopeReasons[reason, default: 0] += 1
                outcomes.append("out of scope: \(reason)")
            case .inScope:
                let problems = projection.project(record)
                for problem in problems { emit(problem, fileLevel: false) }
                if problems.contains(where: { $0.severity == .error }) {
                    report.collections[name]!.rejected += 1
                    outcomes.append("rejected: " + problems.filter { $0.severity == .error }.map(\.rule).joined(separator: " "))
                } else {
                    report.collections[name]!.projected += 1
                    outcomes.append("projected")
                }
            }
        }
        reconciliationSink?.write(SafeCSV.line([id, String(csv.line), "valid"] + outcomes) + "\n")
    }

    private func flushFileProblems(line: Int?) {
        for (problem, count) in pendingProblems {
            emit(RecordDiagnostic(.error, record: "file", line: problem.line, rule: "csv.\(problem.kind)", message: Self.describe(problem, count: count),
                                  expected: "well-formed CSV (RFC 4180, UTF-8)"), fileLevel: true)
        }
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

    /// The longest value written to diagnostics.csv, in characters. Longer values are cut and
    /// their full size stated, so that one hostile 10 MB field cannot flood the diagnostics.
    static let longestDiagnosticValue = 200

    private static func shortened(_ value: String) -> String {
        guard value.utf8.count > longestDiagnosticValue else { return value }
        let scalars = value.unicodeScalars
        guard scalars.count > longestDiagnosticValue else { return value }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars.prefix(longestDiagnosticValue))
        return String(cut) + "... (cut; \(value.utf8.count) bytes in all)"
    }

    private func emit(_ diagnostic: RecordDiagnostic, fileLevel: Bool) {
        if fileLevel { report.fileProblems += 1 }
        if diagnostic.severity == .error { report.errors += 1 } else { report.queries += 1 }
        diagnosticsSink?.write(SafeCSV.line([diagnostic.record, String(diagnostic.line), diagnostic.severity.rawValue, diagnostic.rule,
                                             diagnostic.itemRef, diagnostic.itemName, Self.shortened(diagnostic.column), Self.shortened(diagnostic.value),
                                             diagnostic.message, diagnostic.expected]) + "\n")
    }
}

extension CSVProblem.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unclosedQuote: return "unclosed-quote"
        case .quoteInUnquotedField: return "quote-in-unquoted-field"
        case .textAfterClosingQuote: return "text-after-closing-quote"
        case .invalidUTF8: return "invalid-utf8"
        case .nulByte: return "nul-byte"
        }
    }
}
