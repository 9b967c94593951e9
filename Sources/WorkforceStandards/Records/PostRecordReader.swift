/// Reads exchange-format rows into ``PostRecord``s, checking every value against its item.
///
/// Feed it the header once, then each row. Every problem is a ``RecordDiagnostic`` naming the
/// record, the item and the value; a bad value is left out of the record but never stops the
/// other values, so one pass shows everything wrong with a row.
public struct PostRecordReader {
    /// The exchange format the reader reads.
    public let format: ExchangeFormat
    private let registry: Registry
    /// What the reader needs to know about one input column, built once from the header. A
    /// class, so that walking the columns of every row copies no item definitions.
    private final class Binding {
        let ref: ItemReference
        let itemName: String
        let columnName: String
        let isList: Bool
        let group: ExchangeFormat.Group?
        /// The group's position in `Group.allCases`.
        let groupSlot: Int?
        let validator: ItemValueValidator
        let setter: PostRecordBinding.Setter
        /// For a single-valued item, its setter of one value (no array made per value);
        /// otherwise the list setter, given the value as a list of one. Not optional, so that
        /// calling it copies no closure (a retain and a release per value).
        let singleSetter: PostRecordBinding.SingleSetter

        init(_ column: ExchangeFormat.Column, validator: ItemValueValidator) {
            ref = column.item.ref
            itemName = column.item.name
            columnName = column.name
            isList = column.isList
            group = column.group
            groupSlot = column.group.flatMap { ExchangeFormat.Group.allCases.firstIndex(of: $0) }
            self.validator = validator
            // The setters are unwrapped with `if let`, not `??`: passing a closure through the
            // generic `??` leaves it wrapped in conversion thunks, called for every value.
            // Every exchange column is a bound item (ExchangeFormat keeps only those).
            let setter: PostRecordBinding.Setter
            if let bound = PostRecordBinding.setter(for: column.item.ref) { setter = bound } else { setter = { _, _ in } }
            self.setter = setter
            if !column.isList, let single = PostRecordBinding.singleSetter(for: column.item.ref) {
                singleSetter = single
            } else {
                singleSetter = { fields, value in setter(&fields, [value]) }
            }
        }
    }

    /// For each input column its binding, or nil when the column is unknown or repeated; lent
    /// without a reference count in the loop over every field of every row, where taking a
    /// binding out of an array would retain and release it.
    private var bindings = UnretainedReferences<Binding>()
    private var headerCount = 0
    /// The header's column names, for problems with columns that have no item.
    private var columnNames: [String] = []
    /// The column of J103 Post Identifier, found once from the header.
    private var postIDColumn: Int?
    /// Whether the header has been read.
    public private(set) var hasHeader = false

    /// A reader for `registry`'s exchange format (or `format`).
    public init(registry: Registry = .embedded, format: ExchangeFormat? = nil) {
        self.registry = registry
        self.format = format ?? (registry.standard.version == Registry.embedded.standard.version ? .standard : ExchangeFormat(registry: registry))
    }

    /// Reads the header row; returns problems with it (unknown, duplicate or missing columns).
    public mutating func readHeader(_ record: CSVRecord) -> [RecordDiagnostic] {
        hasHeader = true
        headerCount = record.fields.count
        columnNames = record.fields.map { $0.trimmingSpaces() }
        var diagnostics: [RecordDiagnostic] = []
        var seen: [String: Int] = [:]
        var unknownColumns = 0
        bindings = UnretainedReferences(record.fields.enumerated().map { index, raw -> Binding? in
            let name = raw.trimmingSpaces()
            if let first = seen[name] {
                diagnostics.append(RecordDiagnostic(.error, record: "header", line: record.line, column: name, value: name, rule: "header.duplicate",
                                                    message: "column \(index + 1) repeats column \(first + 1); its values are ignored",
                                                    expected: "each column once"))
                return nil
            }
            seen[name] = index
            guard let column = format.column(named: name) else {
                // Hints for the first unknown columns only: a file with thousands of them
                // (a wrong file altogether) must not cost thousands of edit distances.
                unknownColumns += 1
                let near = unknownColumns <= 20 ? format.suggestions(for: name) : []
                diagnostics.append(RecordDiagnostic(.error, record: "header", line: record.line, column: name, value: name, rule: "header.unknown",
                                                    message: "column \(index + 1) is not an exchange-format column; its values are ignored",
                                                    expected: near.isEmpty ? "a column named after a harmonised item (wds items; see GUIDE.md, 'Exchange format')" : "one of \(near.joined(separator: ", "))"))
                return nil
            }
            return Binding(column, validator: ItemValueValidator(item: column.item, registry: registry))
        })
        postIDColumn = bindings.objects.firstIndex { $0?.ref == "J103" }
        if seen["post_identifier"] == nil {
            diagnostics.append(RecordDiagnostic(.error, record: "header", line: record.line, column: "post_identifier", rule: "header.missing",
                                                message: "there is no post_identifier column, so records are known by line number only",
                                                expected: "a post_identifier column (J103 Post Identifier)"))
        }
        return diagnostics
    }

    /// The `;`-separated entries of a list value, each trimmed; empty entries are kept, so
    /// that the entries of a group stay aligned.
    static func listEntries(_ text: String) -> [String] {
        LentBytes.withUTF8(of: text) { bytes in
            var entries: [String] = []
            forEachListEntry(bytes) { entries.append($0.string) }
            return entries
        }
    }

    /// The list separator's byte, worked out once (not per list value).
    private static let listSeparator = ExchangeFormat.listSeparator.asciiValue!

    /// Calls `body` with each `;`-separated entry of a list value, trimmed, empty ones too.
    ///
    /// Split at the separator's byte: a `;` followed by a combining mark is one Character, and
    /// splitting by Character would not see the separator there. Cut at an ASCII byte, each
    /// piece is as valid UTF-8 as the whole.
    static func forEachListEntry(_ bytes: LentBytes, _ body: (LentBytes) -> Void) {
        let separator = listSeparator
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
            body(trimmed(bytes.extracting(start..<index)))
            start = index + 1
        }
    }

    /// `bytes` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: LentBytes) -> LentBytes {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return start == 0 && end == bytes.count ? bytes : bytes.extracting(start..<end)
    }

    /// The most entries a list value may have. A list this long is a broken file, not a
    /// person's absences: reading it entry by entry would take memory and diagnostics in
    /// proportion (15 million entries were 11 GB), so it is one error instead.
    public static let maximumListEntries = 10_000

    /// The most extra fields of a long row quoted in its diagnostic.
    static let extraFieldsQuoted = 20

    /// The value of a diagnostic about `bytes`: the text itself, or for a long value its
    /// start and its size (``RecordDiagnostic/shortenedValue(_:)``), made without first making
    /// a `String` of the whole value (which may be 40 MB).
    static func diagnosticValue(_ bytes: LentBytes) -> String {
        let limit = RecordDiagnostic.longestValue
        // 4 bytes a scalar at most: a value this short is never cut.
        guard bytes.count > limit else { return bytes.string }
        var end = min(bytes.count, 4 * limit + 4)
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let start = bytes.extracting(0..<end).string
        return RecordDiagnostic.shortenedValue(start, totalBytes: bytes.count)
    }

    /// Reads one data row.
    public func read(_ row: CSVRecord) -> (record: PostRecord, diagnostics: [RecordDiagnostic]) {
        CSVRawRow.withRow(of: row) { read($0) }
    }

    /// Reads one data row from its bytes (``CSVParser/init(separator:startLine:onRawRow:onProblem:)``):
    /// the same record and diagnostics as reading it as text, with a `String` made only for
    /// values that are text.
    package func read(_ row: CSVRawRow) -> (record: PostRecord, diagnostics: [RecordDiagnostic]) {
        // The fields are filled in place, here, and handed over to the record as they are:
        // setting each through the record would make a new record object per value. Filled
        // by another function: a variable the loop's closure captures could not be handed
        // over, only copied (a retain of every string and array, then their releases).
        var fields = PostRecordFields()
        let diagnostics = fill(&fields, from: row)
        return (PostRecord(fields: consume fields), diagnostics)
    }

    /// Fills `fields` with the values of `row`; returns the row's diagnostics.
    private func fill(_ fields: inout PostRecordFields, from row: CSVRawRow) -> [RecordDiagnostic] {
        fields.line = row.line
        var diagnostics: [RecordDiagnostic] = []
        // The id first, so every later diagnostic can name the record.
        if let index = postIDColumn, index < row.count {
            let id = Self.trimmed(row.lentField(index))
            if !id.isEmpty { fields.postID = id.string }
        }
        let id = PostRecord.displayID(postID: fields.postID, line: row.line)
        // A record over several lines: a quoted field holds a line break. No item allows one,
        // and a quote opened and closed lines later swallows every record between into one
        // field; so such fields are not read, and one error names the lines inside them.
        var fieldsWithLineBreaks: [Int] = []
        if row.lastLine > row.line {
            for index in 0..<row.count where row.lentField(index).contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                fieldsWithLineBreaks.append(index)
            }
            if let first = fieldsWithLineBreaks.first {
                let names = fieldsWithLineBreaks.prefix(5).map { $0 < columnNames.count && !columnNames[$0].isEmpty ? columnNames[$0] : "column \($0 + 1)" }
                let more = fieldsWithLineBreaks.count > 5 ? " and \(fieldsWithLineBreaks.count - 5) more" : ""
                let inside = row.lastLine - row.line == 1 ? "line \(row.lastLine) is" : "lines \(row.line + 1)-\(row.lastLine) are"
                let binding = first < bindings.count ? bindings.objects[first] : nil
                diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: binding?.ref.rawValue ?? "", itemName: binding?.itemName ?? "",
                                                    column: names[0], value: Self.diagnosticValue(row.lentField(first)),
                                                    rule: "csv.line-break-in-field",
                                                    message: "a quoted field runs over a line end, so the record runs from line \(row.line) to \(row.lastLine): \(inside) inside \(names.joined(separator: ", "))\(more) and read as no record of their own",
                                                    expected: "one line per record, no line break inside a value (look for a quote opened on line \(row.line) and closed on line \(row.lastLine))"))
            }
        }
        if row.count > headerCount {
            var extra: [String] = []
            var nonEmpty = 0
            for index in headerCount..<row.count where !row.lentField(index).isEmpty {
                nonEmpty += 1
                if extra.count < Self.extraFieldsQuoted { extra.append(Self.diagnosticValue(row.lentField(index))) }
            }
            if nonEmpty > 0 {
                let value = extra.joined(separator: ",") + (nonEmpty > extra.count ? ",... (\(nonEmpty - extra.count) more)" : "")
                diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, value: value, rule: "row.extra-fields",
                                                    message: "the row has \(row.count) fields but the header has \(headerCount); the extra ones are ignored",
                                                    expected: "\(headerCount) fields (quote values that contain commas)"))
            }
        } else if row.count < headerCount {
            diagnostics.append(RecordDiagnostic(.query, record: id, line: row.line, rule: "row.short",
                                                message: "the row has \(row.count) fields but the header has \(headerCount); the missing ones are taken as empty",
                                                expected: "\(headerCount) fields"))
        }
        // Entries per group so far, and the column that set the count (-1: none yet), by the
        // group's position in `Group.allCases`: kept in registers, not in an array made per
        // row (or a dictionary keyed by the group, which would hash its name per list value).
        // The vector is as wide as the standard's groups need (generated).
        var groupCounts = ExchangeFormat.GroupLanes(repeating: -1)
        var groupColumns = ExchangeFormat.GroupLanes(repeating: -1)
        // One array for the entries of every list value: setters copy what they keep, so a
        // row with lists costs one allocation here, and a row without none.
        var entries: [ItemValueValidator.Value?] = []
        for index in 0..<min(bindings.count, row.count) {
            // Empty fields (most of a row) first, before the column's binding is touched.
            let raw = row.lentField(index)
            guard !raw.isEmpty, let lent = bindings.lent(index) else { continue }
            if !fieldsWithLineBreaks.isEmpty && fieldsWithLineBreaks.contains(index) { continue }
            // Lent, not retained: the binding lives as long as the reader.
            lent.withObject { binding in
                let trimmed = Self.trimmed(raw)
                guard !trimmed.isEmpty else { return }
                func report(_ failure: ItemValueValidator.Failure, _ value: LentBytes) {
                    diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: binding.ref.rawValue, itemName: binding.itemName,
                                                        column: binding.columnName, value: Self.diagnosticValue(value), rule: failure.rule,
                                                        message: failure.message, expected: failure.expected))
                }
                if binding.isList {
                    // Emptied one by one: `removeAll(keepingCapacity:)` goes through the generic
                    // `replaceSubrange`, several times the cost for a list of one or two.
                    while !entries.isEmpty { entries.removeLast() }
                    // The entries as `forEachListEntry` cuts them, in a loop here: appended to
                    // from inside a closure, `entries` would be checked for exclusive access
                    // at run time on every list value.
                    let separator = Self.listSeparator
                    var separators = 0
                    for byte in trimmed where byte == separator { separators += 1 }
                    guard separators < Self.maximumListEntries else {
                        diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: binding.ref.rawValue, itemName: binding.itemName,
                                                            column: binding.columnName, value: Self.diagnosticValue(trimmed), rule: "list.too-long",
                                                            message: "has \(separators + 1) entries; its entries are not read",
                                                            expected: "at most \(Self.maximumListEntries) `;`-separated entries"))
                        return
                    }
                    var start = 0
                    for end in 0...trimmed.count where end == trimmed.count || trimmed[end] == separator {
                        let part = Self.trimmed(trimmed.extracting(start..<end))
                        start = end + 1
                        if part.isEmpty { entries.append(nil); continue }
                        switch binding.validator.check(utf8: part) {
                        case .value(let value): entries.append(value)
                        case .failure(let failure): report(failure, part); entries.append(nil)
                        }
                    }
                    if let group = binding.group, let slot = binding.groupSlot {
                        if groupCounts[slot] < 0 {
                            groupCounts[slot] = entries.count
                            groupColumns[slot] = index
                        } else if groupCounts[slot] != entries.count {
                            let earlierColumn = bindings.objects[groupColumns[slot]]?.columnName ?? ""
                            diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: binding.ref.rawValue, itemName: binding.itemName,
                                                                column: binding.columnName, value: Self.diagnosticValue(trimmed), rule: "group.length",
                                                                message: "has \(entries.count) entries but \(earlierColumn) has \(groupCounts[slot])",
                                                                expected: "the same number of `;`-separated entries in every \(group.rawValue) column"))
                        }
                    }
                    binding.setter(&fields, entries)
                } else {
                    let outcome = binding.validator.check(utf8: trimmed)
                    switch consume outcome {
                    case .value(let value):
                        // The value is handed over, not copied: the setter keeps it.
                        binding.singleSetter(&fields, value)
                    case .failure(let failure): report(failure, raw)
                    }
                }
            }
        }
        return diagnostics
    }
}
