/// The one builder of a record's diagnostics in every projection: collects the problems with
/// one record, each naming the harmonised item, its exchange column and the value as held, and
/// the collection's rule from its catalogue (``CollectionRule``).
struct RecordProblems {
    let labels: ItemLabels
    /// The record's post identifier and line, from which its id is worked out when a problem
    /// is added: most records have none, and the id costs a check of every character.
    let postID: String?
    let line: Int
    private(set) var list: [RecordDiagnostic] = []

    init(labels: ItemLabels, record: PostRecord) {
        self.labels = labels
        postID = record.postID
        line = record.line
    }

    /// Whether any problem stops the record.
    var hasErrors: Bool { list.contains { $0.severity == .error } }

    /// Adds a problem with item `ref` and its `value` (the item's exchange text, as held:
    /// `PostRecordBinding.text(ref, of: record)`).
    mutating func add(_ severity: RecordDiagnostic.Severity, _ rule: some CollectionRule, item ref: ItemReference, value: String,
                      message: String, expected: String) {
        let label = labels[ref]
        list.append(RecordDiagnostic(severity, record: PostRecord.displayID(postID: postID, line: line), line: line, itemRef: ref.rawValue,
                                     itemName: label?.name ?? "", column: label?.column ?? "",
                                     value: value, rule: rule.rawValue, message: message, expected: expected))
    }

    /// ``add(_:_:item:value:message:expected:)`` with the item first, as the CSV returns'
    /// mappers write it.
    mutating func add(_ severity: RecordDiagnostic.Severity, _ ref: ItemReference, _ value: String, rule: some CollectionRule,
                      _ message: String, expected: String) {
        add(severity, rule, item: ref, value: value, message: message, expected: expected)
    }

    /// The one problem with item `ref` of `record`.
    static func one(_ severity: RecordDiagnostic.Severity, labels: ItemLabels, record: PostRecord, _ ref: ItemReference, _ value: String,
                    rule: some CollectionRule, _ message: String, expected: String) -> RecordDiagnostic {
        var problems = RecordProblems(labels: labels, record: record)
        problems.add(severity, rule, item: ref, value: value, message: message, expected: expected)
        return problems.list[0]
    }
}
