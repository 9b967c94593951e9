/// Checks post records built in memory (by an HR or payroll system) with exactly the checks a
/// row of an exchange-format file gets: every value against its item's format and code set
/// (``ItemValueValidator``), the groups' alignment, then the record rules (``RecordRules``),
/// including those across records (a post identifier used twice, an NI number shared by two
/// staff identifiers).
///
/// There is one implementation of the rules: a record is handed to the same reader the CSV
/// pipeline uses, its values given as the exchange format writes them (codes as held, dates
/// `YYYY-MM-DD`, flags `Y`/`N`, lists `;`-joined), so a record and the same record read from
/// a file get the same diagnostics, and ``RecordValidation/record`` is what the file would
/// have given (codes in their code set's own case, spaces at the ends of values trimmed).
///
/// ```swift
/// var validator = RecordValidator(referenceDate: SimpleDate(year: 2025, month: 11, day: 6)!)
/// var record = PostRecord()
/// record.postID = "P1"
/// record.sex = "Female"            // not a code of harmonised.sex
/// for diagnostic in validator.validate(record).diagnostics { print(diagnostic) }
/// ```
///
/// A validator remembers the post identifiers and NI numbers it has seen: use one per batch
/// of records that belong together (one per run), as one file would be read.
public struct RecordValidator {
    /// The date ages and dates are checked against (a collection's reference date).
    public let referenceDate: SimpleDate
    private let format: ExchangeFormat
    private var reader: PostRecordReader
    private var rules: RecordRules

    /// A validator for records of `registry`'s exchange format, checked on `referenceDate`.
    public init(registry: Registry = .embedded, referenceDate: SimpleDate) {
        self.referenceDate = referenceDate
        reader = PostRecordReader(registry: registry)
        format = reader.format
        // Every column of the format, in order: never a header problem.
        _ = reader.readHeader(CSVRecord(fields: format.header, line: 1))
        rules = RecordRules(referenceDate: referenceDate)
    }

    /// A validator with the registry and reference date of a projection run.
    public init(settings: ProjectionSettings) {
        self.init(registry: settings.registry, referenceDate: settings.referenceDate)
    }

    /// Checks `record` and remembers its post identifier and NI number, so that a later record
    /// that repeats them is reported. Diagnostics name the record by its post identifier (or
    /// `line N`, its ``PostRecord/line``, when it has none) and are in the order a file's
    /// diagnostics are.
    public mutating func validate(_ record: PostRecord) -> RecordValidation {
        let row = CSVRecord(fields: format.columns.map { PostRecordBinding.text($0.item.ref, of: record) }, line: record.line)
        // What the pipeline does with each row: read it (value rules), prepare the record rules
        // that need no other record, then those across records, in input order.
        var (read, diagnostics) = reader.read(row)
        let (prepared, ruleDiagnostics) = RecordRules.prepare(read, referenceDate: referenceDate, reported: diagnostics)
        let rulesStart = diagnostics.count
        diagnostics += ruleDiagnostics
        rules.finish(prepared, of: read, into: &diagnostics, at: rulesStart)
        read.line = record.line
        return RecordValidation(record: read, diagnostics: diagnostics)
    }

    /// Checks each of `records` in order (as one file's rows) and calls `handler` with each
    /// diagnostic as it is found; returns the records with no error, as read.
    public mutating func validate(_ records: some Sequence<PostRecord>, handler: (RecordDiagnostic) -> Void) -> [PostRecord] {
        var valid: [PostRecord] = []
        for record in records {
            let result = validate(record)
            for diagnostic in result.diagnostics { handler(diagnostic) }
            if result.isValid { valid.append(result.record) }
        }
        return valid
    }
}

/// What ``RecordValidator`` found of one record.
public struct RecordValidation: Sendable, Equatable {
    /// The record as the exchange format reads it: codes in their code set's own case, text
    /// trimmed; a value that broke its item's rule is left out (nil), as reading a file leaves it.
    public var record: PostRecord
    /// Every problem, errors and queries, in the order the CSV pipeline reports them.
    public var diagnostics: [RecordDiagnostic]

    /// Whether the record has no error (queries allowed): a valid record is offered to every
    /// collection; one with an error is projected nowhere.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    /// The errors only.
    public var errors: [RecordDiagnostic] { diagnostics.filter { $0.severity == .error } }
}
