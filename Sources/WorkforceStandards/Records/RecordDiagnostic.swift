/// A problem with one input record: which record, which item, what value, which rule, and
/// what would be valid. Severity follows DfE's collection rules: an `error` stops the record
/// from being projected; a `query` is reported but the record goes on.
public struct RecordDiagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is: an error keeps the record out of every collection (or, for a collection's rule, out of that collection); a query is reported only.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Reported (query) or rejecting (error).
        case query, error
        /// A query comes before an error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .query && rhs == .error }
    }

    /// Error or query.
    public var severity: Severity
    /// The record's id (`record_id`), or `line N` when it has none.
    public var record: String
    /// The 1-based line of the record in its file.
    public var line: Int
    /// The item's reference and name (empty for problems with the row as a whole).
    public var itemRef: String
    /// The item's name.
    public var itemName: String
    /// The exchange-format column.
    public var column: String
    /// The value as given.
    public var value: String
    /// The rule broken, as a short identifier (`format.date`, `code.unknown`, `age.range` ...).
    public var rule: String
    /// What is wrong, in words.
    public var message: String
    /// What would be valid.
    public var expected: String

    /// The collection whose rule this is (`swf`, `ascwds`, `csww`, `lges`: the rule's prefix),
    /// or `all` for the standard's own rules, which keep a record out of every collection.
    public var collection: String {
        guard let dot = rule.firstIndex(of: ".") else { return "all" }
        let prefix = rule[..<dot]
        return CollectionID(rawValue: String(prefix)) != nil ? String(prefix) : "all"
    }

    /// ``collection`` as a ``CollectionID``: nil for the standard's own rules.
    public var collectionID: CollectionID? { CollectionID(rawValue: collection) }

    /// A diagnostic of `severity` about `record` on `line`.
    public init(_ severity: Severity, record: String, line: Int, itemRef: String = "", itemName: String = "", column: String = "",
                value: String = "", rule: String, message: String, expected: String) {
        self.severity = severity
        self.record = record
        self.line = line
        self.itemRef = itemRef
        self.itemName = itemName
        self.column = column
        self.value = value
        self.rule = rule
        self.message = message
        self.expected = expected
    }

    /// The longest value a diagnostic shows, in Unicode scalars: a longer one is cut, with its
    /// full size stated, so that one hostile 10 MB field cannot flood the diagnostics.
    public static let longestValue = 200

    /// `value`, or when it is longer than ``longestValue`` scalars its start and its size:
    /// "xxx... (cut; 10485760 bytes in all)". A value already cut is left as it is.
    public static func shortenedValue(_ value: String, totalBytes: Int? = nil) -> String {
        guard value.utf8.count > longestValue else { return value }
        let scalars = value.unicodeScalars
        var index = scalars.startIndex
        var count = 0
        while index < scalars.endIndex && count < longestValue {
            index = scalars.index(after: index)
            count += 1
        }
        guard index < scalars.endIndex else { return value }
        let rest = value.unicodeScalars[index...]
        if totalBytes == nil, rest.starts(with: "... (cut; ".unicodeScalars), String(rest).hasSuffix(" bytes in all)") { return value }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars[..<index])
        return String(cut) + "... (cut; \(totalBytes ?? value.utf8.count) bytes in all)"
    }

    /// The diagnostic in one line, for people: record, line, severity, rule, item, value, message and what would be valid.
    public var description: String {
        let item = itemRef.isEmpty ? (column.isEmpty ? "" : " \(column)") : " \(itemRef) \(itemName) (\(column))"
        let shown = value.isEmpty ? "" : " \"\(Self.printable(value))\""
        return "record \(record) (line \(line)): \(severity.rawValue) [\(rule)]\(item)\(shown): \(message); expected \(expected)"
    }

    /// The columns of the diagnostics CSV (`diagnostics.csv`, `wds validate --format csv`):
    /// one renderer of diagnostics among others (``description`` for people, `Codable` for JSON).
    public static let csvColumns = ["record", "line", "severity", "rule", "item", "item_name", "column", "value", "message", "expected", "collection"]

    /// The diagnostic's fields in ``csvColumns`` order, as the diagnostics CSV writes them
    /// (long columns and values cut as ``shortenedValue(_:totalBytes:)`` says).
    public var csvFields: [String] {
        [record, String(line), severity.rawValue, rule, itemRef, itemName, Self.shortenedValue(column), Self.shortenedValue(value),
         message, expected, collection]
    }

    /// `diagnostics` as the diagnostics CSV: the header, then one line each, spreadsheet-safe
    /// (``SafeCSV``), each line ending in a line break.
    public static func csv(_ diagnostics: some Sequence<RecordDiagnostic>) -> String {
        var text = SafeCSV.line(csvColumns) + "\n"
        for diagnostic in diagnostics { text += SafeCSV.line(diagnostic.csvFields) + "\n" }
        return text
    }

    /// The value with control characters made visible and cut to a readable length.
    static func printable(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return value.unicodeScalars.count > 80 ? out + "... (\(value.utf8.count) bytes)" : out
    }
}
