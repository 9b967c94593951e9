/// The rules one collection's projection raises, as one enumeration per collection
/// (``SWFRule``, ``ASCWDSRule``, ``LGESRule``, ``CSWWRule``): every rule id a projection can
/// write is a case, so the catalogue is complete by construction and a caller can switch on it.
///
/// A projection names the rule of each diagnostic it raises by its case, never by a string,
/// and lists its rules as ``CollectionProjection/rules``; ``ProjectionCatalogue/rules(for:)``
/// gives them by collection.
public protocol CollectionRule: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String, AllCases == [Self] {
    /// The highest severity the rule is raised with (an error stops the record; a query is
    /// reported and the record still goes in).
    var severity: RecordDiagnostic.Severity { get }
    /// What would be valid, in words (the diagnostic's own `expected` may say it more exactly).
    var valid: String { get }
    /// The rule `wds validate --for` raises, once for the file, when the file has no column for
    /// an item the collection needs.
    static var columnMissing: Self { get }
}

extension CollectionRule {
    /// The rule as diagnostics carry it (``RecordDiagnostic/ruleID``).
    public var rule: DiagnosticRule { DiagnosticRule(rawValue: rawValue) }
    /// The rule's catalogue entry.
    public var entry: DiagnosticRule.Entry { DiagnosticRule.Entry(rule: rule, severity: severity, valid: valid) }
    /// Every rule of the collection, as catalogue entries.
    public static var entries: [DiagnosticRule.Entry] { allCases.map(\.entry) }
}
