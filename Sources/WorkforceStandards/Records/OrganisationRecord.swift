import Foundation

/// One school or other organisation unit, in harmonised Organisation items: the facts a return
/// needs that no post record holds (whether the authority returns a school's SWF, its name).
public struct OrganisationRecord: Sendable, Equatable {
    /// The 1-based line of the record in its input (0 when built in code).
    public var line: Int
    /// O101 Local Authority Number.
    public var laNumber: String
    /// O102 Establishment Number; nil for the authority itself.
    public var establishmentNumber: String?
    /// O105 Organisation Name.
    public var name: String?
    /// O106 SWF Returned by the Authority.
    public var swfReturnedByAuthority: Bool?
    /// L101 Workplace Identifier, white space removed as ASC-WDS keys it (LOCALESTID): the
    /// record is then a workplace of the authority (the ASC-WDS workplace file's facts, O120-O149).
    public var workplaceID: String? { values["L101"].map { $0.removingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } }
    /// Every item held, as exchange text (codes of the item's harmonised domain): the answers
    /// a return reads by item, such as the authority's CSWW pay and allowance answers (O107-O115).
    public var values: [ItemReference: String]

    /// A record of authority `laNumber` (and school `establishmentNumber`, nil for the authority itself), with further items in `values`.
    public init(line: Int = 0, laNumber: String, establishmentNumber: String?, name: String? = nil, swfReturnedByAuthority: Bool? = nil,
                values: [ItemReference: String] = [:]) {
        self.line = line
        self.laNumber = laNumber
        self.establishmentNumber = establishmentNumber
        self.name = name
        self.swfReturnedByAuthority = swfReturnedByAuthority
        self.values = values
    }
}

/// The organisation records of a run, found by authority and establishment number.
public struct OrganisationDirectory: Sendable, Equatable {
    /// The records, in file order.
    public let records: [OrganisationRecord]
    private let byKey: [String: Int]
    private let byWorkplace: [String: Int]

    /// The directory of `records`; a later record for the same organisation is ignored (the
    /// reader reports it).
    public init(_ records: [OrganisationRecord]) {
        self.records = records
        var byKey: [String: Int] = [:]
        var byWorkplace: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            if let workplace = record.workplaceID {
                if byWorkplace[workplace] == nil { byWorkplace[workplace] = index }
            } else if byKey[Self.key(record.laNumber, record.establishmentNumber)] == nil {
                byKey[Self.key(record.laNumber, record.establishmentNumber)] = index
            }
        }
        self.byKey = byKey
        self.byWorkplace = byWorkplace
    }

    /// The record of the workplace whose L101 Workplace Identifier is `id` (white space ignored).
    public func organisation(workplace id: String) -> OrganisationRecord? {
        (byWorkplace[id] ?? byWorkplace[id.removingWhitespace()]).map { records[$0] }
    }

    /// The workplace records (those with L101), in file order.
    public var workplaces: [OrganisationRecord] { records.filter { $0.workplaceID != nil } }

    /// The record of the school `estab` of authority `lea` (the authority's own when `estab` is nil).
    public func organisation(lea: String, estab: String?) -> OrganisationRecord? {
        byKey[Self.key(lea, estab)].map { records[$0] }
    }

    private static func key(_ lea: String, _ estab: String?) -> String { lea + "|" + (estab ?? "") }
}

/// The organisation exchange file: CSV with one column per harmonised Organisation item, named
/// as in the post format (`local_authority_number`, `establishment_number`, `organisation_name`,
/// `swf_returned_by_the_authority`), checked with the same value rules and diagnostics.
public enum OrganisationFile {
    // The items a column may hold (`items`) are generated from the standard's items marked
    // `record: organisation`: Generated/OrganisationRecordFields.swift.

    /// The items of `registry` a column may hold, in column order: those with
    /// `record: organisation`, by entity, then by reference (for the embedded standard, ``items``).
    static func columnItems(in registry: Registry) -> [DataItem] {
        registry.items.filter { $0.kind == .dataItem && $0.isInOrganisationRecord && $0.column != nil }.sorted { a, b in
            let ea = ExchangeFormat.entityOrder.firstIndex(of: a.entity) ?? 99, eb = ExchangeFormat.entityOrder.firstIndex(of: b.entity) ?? 99
            return ea != eb ? ea < eb : a.ref < b.ref
        }
    }

    /// The column names of the format.
    public static func header(registry: Registry = .embedded) -> [String] {
        columnItems(in: registry).map(ExchangeFormat.columnName(for:))
    }

    /// Checks organisation records built in memory with exactly the checks a row of the
    /// organisation file gets: each is handed to ``read(_:separator:registry:)`` as the row the
    /// file would hold (``OrganisationRecord/values`` with the identity, name and SWF flag
    /// written over them), so the diagnostics and the directory are that file's. A record's
    /// diagnostics name it `organisation line N`, its place in that file (the header is
    /// line 1, the first record line 2).
    public static func validate(_ records: some Sequence<OrganisationRecord>, registry: Registry = .embedded) -> (directory: OrganisationDirectory, diagnostics: [RecordDiagnostic]) {
        var text = CSVWriter.line(header(registry: registry)) + "\n"
        let refs = columnItems(in: registry).map(\.ref)
        for record in records {
            var values = record.values
            values["O101"] = record.laNumber
            values["O102"] = record.establishmentNumber
            values["O105"] = record.name
            values["O106"] = record.swfReturnedByAuthority.map { $0 ? "Y" : "N" }
            text += CSVWriter.line(refs.map { values[$0] ?? "" }) + "\n"
        }
        return read(text, registry: registry)
    }

    /// Reads the records of `text`; every problem is a diagnostic naming the line, the item,
    /// the column and the value. A record with an error is left out of the directory.
    /// `separator` is the file's field separator (``InputFormat`` detects it).
    public static func read(_ text: String, separator: UInt8 = UInt8(ascii: ","), registry: Registry = .embedded) -> (directory: OrganisationDirectory, diagnostics: [RecordDiagnostic]) {
        var diagnostics: [RecordDiagnostic] = []
        let parsed = CSVParser.records(in: text, separator: separator)
        for problem in parsed.problems {
            diagnostics.append(RecordDiagnostic(.error, record: "organisations", line: problem.line, rule: "csv.\(problem.kind)",
                                                message: "the organisation file is not well-formed CSV: \(problem.description)",
                                                expected: "RFC 4180 CSV"))
        }
        guard let header = parsed.records.first else {
            diagnostics.append(RecordDiagnostic(.error, record: "organisations", line: 1, rule: "organisations.empty",
                                                message: "the organisation file has no header", expected: SafeCSV.line(Self.header(registry: registry))))
            return (OrganisationDirectory([]), diagnostics)
        }
        var columns: [(index: Int, item: DataItem, validator: ItemValueValidator)] = []
        let columnItems = Self.columnItems(in: registry)
        for (index, name) in header.fields.enumerated() {
            guard let item = columnItems.first(where: { ExchangeFormat.columnName(for: $0) == name }) else {
                diagnostics.append(RecordDiagnostic(.error, record: "organisations", line: header.line, column: name, value: name, rule: "organisations.unknown-column",
                                                    message: "the organisation file has a column \(name) that is no Organisation item; it is ignored",
                                                    expected: "columns of \(Self.header(registry: registry).joined(separator: ", "))"))
                continue
            }
            columns.append((index, item, ItemValueValidator(item: item, registry: registry)))
        }
        if !columns.contains(where: { $0.item.ref == "O101" }) {
            diagnostics.append(RecordDiagnostic(.error, record: "organisations", line: header.line, rule: "organisations.missing-column",
                                                message: "the organisation file has no local_authority_number column, so no record can be read",
                                                expected: "a local_authority_number column (O101)"))
            return (OrganisationDirectory([]), diagnostics)
        }
        var records: [OrganisationRecord] = []
        var seen: [String: Int] = [:]
        for row in parsed.records.dropFirst() {
            let id = "organisation line \(row.line)"
            var values: [ItemReference: ItemValueValidator.Value] = [:]
            var texts: [ItemReference: String] = [:]
            var failed = false
            for column in columns where column.index < row.fields.count {
                let raw = row.fields[column.index].trimmingCharacters(in: .whitespaces)
                guard !raw.isEmpty else { continue }
                switch column.validator.check(raw) {
                case .success(let value):
                    values[column.item.ref] = value
                    texts[column.item.ref] = value.text ?? raw
                case .failure(let failure):
                    failed = true
                    diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: column.item.ref.rawValue, itemName: column.item.name,
                                                        column: ExchangeFormat.columnName(for: column.item), value: raw, rule: failure.rule,
                                                        message: failure.message, expected: failure.expected))
                }
            }
            guard !failed else { continue }
            guard let lea = values["O101"]?.text else {
                diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: "O101", itemName: registry.item("O101")?.name ?? "",
                                                    column: "local_authority_number", rule: "organisations.missing-la",
                                                    message: "the organisation record has no local authority number", expected: "the authority's three-digit DfE number"))
                continue
            }
            let record = OrganisationRecord(line: row.line, laNumber: lea, establishmentNumber: values["O102"]?.text, name: values["O105"]?.text,
                                            swfReturnedByAuthority: values["O106"]?.boolean, values: texts)
            let key = record.workplaceID.map { "workplace|" + $0 } ?? lea + "|" + (record.establishmentNumber ?? "")
            if let first = seen[key] {
                let byWorkplace = record.workplaceID != nil
                diagnostics.append(RecordDiagnostic(.error, record: id, line: row.line, itemRef: byWorkplace ? "L101" : "O102",
                                                    itemName: registry.item(byWorkplace ? "L101" : "O102")?.name ?? "",
                                                    column: byWorkplace ? "workplace_identifier" : "establishment_number",
                                                    value: byWorkplace ? record.workplaceID! : record.establishmentNumber ?? "", rule: "organisations.duplicate",
                                                    message: "the organisation on line \(first) has the same " + (byWorkplace ? "workplace identifier" : "authority and establishment number") + "; this record is ignored",
                                                    expected: "one record per organisation"))
                continue
            }
            seen[key] = row.line
            records.append(record)
        }
        return (OrganisationDirectory(records), diagnostics)
    }
}
