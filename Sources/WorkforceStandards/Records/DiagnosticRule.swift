/// The id of the rule a diagnostic reports (``RecordDiagnostic/rule``), to switch on:
///
/// ```swift
/// switch diagnostic.ruleID {
/// case .codeUnknown, .codeCollection: askForTheCode(diagnostic)
/// case .postDuplicate: mergePosts(diagnostic)
/// default: show(diagnostic)
/// }
/// ```
///
/// The standard's own rules, which keep a record out of every collection, are the constants
/// below and ``standard`` lists them. A collection's rules (`swf.*`, `ascwds.*`, `csww.*`,
/// `lges.*`) are the cases of its projection's rule enumeration (``SWFRule``, ``ASCWDSRule``,
/// ``LGESRule``, ``CSWWRule``), named after the field they concern (`swf.tenure.unmapped`), each
/// with its severity and what would be valid: ``ProjectionCatalogue/rules(for:)`` lists them as
/// ``Entry`` values, and ``collection`` says whose a rule is.
public struct DiagnosticRule: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule's id as diagnostics write it (`code.unknown`).
    public var rawValue: String
    /// The rule with id `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The rule with id `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The id.
    public var description: String { rawValue }

    /// The collection whose rule this is, or nil for the standard's own rules.
    public var collection: CollectionID? {
        guard let dot = rawValue.firstIndex(of: ".") else { return nil }
        return CollectionID(rawValue: String(rawValue[..<dot]))
    }

    // MARK: Values (ItemValueValidator): each value against its item's format and domain
    /// A text longer than the item's length.
    public static let formatLength = DiagnosticRule("format.length")
    /// A text holding a control character (other than tab).
    public static let formatControlCharacter = DiagnosticRule("format.control-character")
    /// A text that does not match the item's pattern (an NI number, a postcode ...).
    public static let formatPattern = DiagnosticRule("format.pattern")
    /// Not a whole number.
    public static let formatInteger = DiagnosticRule("format.integer")
    /// Not a plain decimal number.
    public static let formatDecimal = DiagnosticRule("format.decimal")
    /// Not a calendar date written YYYY-MM-DD.
    public static let formatDate = DiagnosticRule("format.date")
    /// Not yes or no.
    public static let formatBoolean = DiagnosticRule("format.boolean")
    /// A number below the item's minimum.
    public static let rangeMinimum = DiagnosticRule("range.minimum")
    /// A number above the item's maximum.
    public static let rangeMaximum = DiagnosticRule("range.maximum")
    /// Not a code of the item's harmonised domain.
    public static let codeUnknown = DiagnosticRule("code.unknown")
    /// A collection's own code where the harmonised code belongs (the message names the one to use).
    public static let codeCollection = DiagnosticRule("code.collection")
    /// The item's domain is not in the standard (a broken standard, not a broken record).
    public static let codeDomainMissing = DiagnosticRule("code.domain-missing")

    // MARK: Lists and groups
    /// A list value with more than ``PostRecordReader/maximumListEntries`` entries.
    public static let listTooLong = DiagnosticRule("list.too-long")
    /// A repeating group's columns with different numbers of entries.
    public static let groupLength = DiagnosticRule("group.length")

    // MARK: Records (RecordRules)
    /// No post identifier (J103).
    public static let postMissing = DiagnosticRule("post.missing")
    /// A post identifier used by an earlier record (compared without case, end spaces or invisible characters).
    public static let postDuplicate = DiagnosticRule("post.duplicate")
    /// A post identifier holding invisible characters or compatibility forms (a query).
    public static let postInvisibleCharacters = DiagnosticRule("post.invisible-characters")
    /// A vacancy record that also names a person.
    public static let vacancyWithPerson = DiagnosticRule("vacancy.with-person")
    /// No staff identifier (P103) for a person in post.
    public static let personMissingID = DiagnosticRule("person.missing-id")
    /// An NI number an earlier record gave another staff identifier (a query).
    public static let personNIShared = DiagnosticRule("person.ni-shared")
    /// No job role (J101).
    public static let roleMissing = DiagnosticRule("role.missing")
    /// A date of birth after the reference date.
    public static let birthFuture = DiagnosticRule("birth.future")
    /// A date of birth giving an age outside ``RecordRules/ages``.
    public static let birthAge = DiagnosticRule("birth.age")
    /// A contract end date before its start.
    public static let contractEndBeforeStart = DiagnosticRule("contract.end-before-start")
    /// A leaving date before the contract's start.
    public static let contractLeavingBeforeStart = DiagnosticRule("contract.leaving-before-start")
    /// A contract starting before the person's 14th birthday.
    public static let contractStartTooYoung = DiagnosticRule("contract.start-too-young")
    /// No contract start date (a query).
    public static let contractStartMissing = DiagnosticRule("contract.start-missing")
    /// Contracted hours over 1.5 times the full-time hours.
    public static let hoursOverFullTime = DiagnosticRule("hours.over-full-time")
    /// An FTE that does not equal contracted over full-time hours (a query).
    public static let fteInconsistent = DiagnosticRule("fte.inconsistent")
    /// An employee with neither annual basic pay nor an hourly rate (a query).
    public static let payMissing = DiagnosticRule("pay.missing")
    /// An absence whose last day is before its first.
    public static let absenceEndBeforeStart = DiagnosticRule("absence.end-before-start")

    // MARK: The file (exchange format and organisation file)
    /// The header lacks a column every file needs, or the file is empty.
    public static let headerMissing = DiagnosticRule("header.missing")
    /// A header column that is no exchange-format column.
    public static let headerUnknown = DiagnosticRule("header.unknown")
    /// A column named twice in the header.
    public static let headerDuplicate = DiagnosticRule("header.duplicate")
    /// A row with more fields than the header.
    public static let rowExtraFields = DiagnosticRule("row.extra-fields")
    /// A row with fewer fields than the header (a query).
    public static let rowShort = DiagnosticRule("row.short")
    /// A file read as Windows-1252 because it is not UTF-8 (a query).
    public static let fileEncoding = DiagnosticRule("file.encoding")
    /// A quoted field running over a line end.
    public static let csvLineBreakInField = DiagnosticRule("csv.line-break-in-field")
    /// The input ends mid-record, with no line break after the last one.
    public static let csvEndsMidRecord = DiagnosticRule("csv.ends-mid-record")
    /// A quoted field still open at the end of the input.
    public static let csvUnclosedQuote = DiagnosticRule("csv.unclosed-quote")
    /// A quote inside a field that did not start with one.
    public static let csvQuoteInUnquotedField = DiagnosticRule("csv.quote-in-unquoted-field")
    /// Text after a closing quote.
    public static let csvTextAfterClosingQuote = DiagnosticRule("csv.text-after-closing-quote")
    /// Bytes that are not UTF-8.
    public static let csvInvalidUTF8 = DiagnosticRule("csv.invalid-utf8")
    /// A NUL byte.
    public static let csvNulByte = DiagnosticRule("csv.nul-byte")
    /// More fields in a row than ``CSVParser/maximumFields``.
    public static let csvTooManyFields = DiagnosticRule("csv.too-many-fields")
    /// An organisation file with no header.
    public static let organisationsEmpty = DiagnosticRule("organisations.empty")
    /// An organisation file column that is no Organisation item.
    public static let organisationsUnknownColumn = DiagnosticRule("organisations.unknown-column")
    /// An organisation file with no local_authority_number column.
    public static let organisationsMissingColumn = DiagnosticRule("organisations.missing-column")
    /// An organisation record with no local authority number.
    public static let organisationsMissingLA = DiagnosticRule("organisations.missing-la")
    /// Two organisation records for one school or workplace.
    public static let organisationsDuplicate = DiagnosticRule("organisations.duplicate")

    /// Every rule of the standard itself (not a collection's): values, lists and groups,
    /// records, and files.
    public static let standard: [DiagnosticRule] = [
        .formatLength, .formatControlCharacter, .formatPattern, .formatInteger, .formatDecimal, .formatDate, .formatBoolean,
        .rangeMinimum, .rangeMaximum, .codeUnknown, .codeCollection, .codeDomainMissing,
        .listTooLong, .groupLength,
        .postMissing, .postDuplicate, .postInvisibleCharacters, .vacancyWithPerson, .personMissingID, .personNIShared, .roleMissing,
        .birthFuture, .birthAge, .contractEndBeforeStart, .contractLeavingBeforeStart, .contractStartTooYoung, .contractStartMissing,
        .hoursOverFullTime, .fteInconsistent, .payMissing, .absenceEndBeforeStart,
        .headerMissing, .headerUnknown, .headerDuplicate, .rowExtraFields, .rowShort, .fileEncoding,
        .csvLineBreakInField, .csvEndsMidRecord, .csvUnclosedQuote, .csvQuoteInUnquotedField, .csvTextAfterClosingQuote,
        .csvInvalidUTF8, .csvNulByte, .csvTooManyFields,
        .organisationsEmpty, .organisationsUnknownColumn, .organisationsMissingColumn, .organisationsMissingLA, .organisationsDuplicate,
    ]
}

extension DiagnosticRule {
    /// A collection's rule in the catalogue: its id, the highest severity it is raised with,
    /// and what would be valid (``ProjectionCatalogue/rules(for:)``).
    public struct Entry: Hashable, Sendable {
        /// The rule's id.
        public var rule: DiagnosticRule
        /// The highest severity the rule is raised with: an error stops the record, a query
        /// is reported and the record still goes in.
        public var severity: RecordDiagnostic.Severity
        /// What would be valid, in words (a diagnostic's `expected` may say it more exactly).
        public var valid: String

        /// The entry of `rule`.
        public init(rule: DiagnosticRule, severity: RecordDiagnostic.Severity, valid: String) {
            self.rule = rule
            self.severity = severity
            self.valid = valid
        }
    }
}

extension RecordDiagnostic {
    /// ``rule`` as a ``DiagnosticRule``, to switch on.
    public var ruleID: DiagnosticRule { DiagnosticRule(rawValue: rule) }
}
