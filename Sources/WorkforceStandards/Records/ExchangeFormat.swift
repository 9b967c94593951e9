import Foundation

/// The CSV exchange format every batch command reads: one column per harmonised data item.
///
/// Each item file names the item's column (`column: date_of_birth` for P107 Date of Birth);
/// columns follow the entities (person, organisation, location, post, contract, hours, pay,
/// absence, qualification, registration, vacancy) and then the reference. Multi-valued items
/// and repeating groups (absences, pay items, qualifications, awards, training) hold `;`-separated lists;
/// in a group the n-th value of each column belongs to the n-th entry, so all lists of a group
/// have the same length (an entry may leave a value empty: `SICK;MAT` with `3;`).
public struct ExchangeFormat: Sendable {
    // `Group`, the repeating groups, is generated from Standards/groups.txt:
    // Generated/PostRecordFields.swift.

    /// One column: its name, the item it holds, and its group.
    public struct Column: Sendable {
        /// The column's name (`date_of_birth`).
        public var name: String
        /// The item the column holds.
        public var item: DataItem
        /// The repeating group the column belongs to, if any.
        public var group: Group?
        /// Whether the column holds a `;`-separated list: a multi-valued item, or a column of a
        /// repeating group (one the library was generated with, or one `registry` declares).
        public private(set) var isList: Bool

        init(name: String, item: DataItem, group: Group?, isInRepeatingGroup: Bool) {
            self.name = name; self.item = item; self.group = group
            isList = group != nil || isInRepeatingGroup || item.format.isMultiple
        }
    }

    /// Every column, in the format's order.
    public let columns: [Column]
    private let byName: [String: Int]
    private let byRef: [ItemReference: Int]

    /// The separator of list values.
    public static let listSeparator: Character = ";"

    static let entityOrder: [Entity] = [.person, .organisation, .location, .post, .contract, .serviceAgreement, .hours, .pay,
                                         .absence, .qualification, .registration, .vacancy]

    /// The format for a registry's data items (aggregations are derived, so they have no column).
    public init(registry: Registry) {
        // The items held per post: those with a Swift name (the record's property).
        let items = registry.items.filter { $0.kind == .dataItem && $0.swiftName != nil && $0.column != nil }.sorted { a, b in
            let ea = Self.entityOrder.firstIndex(of: a.entity) ?? 99, eb = Self.entityOrder.firstIndex(of: b.entity) ?? 99
            return ea != eb ? ea < eb : a.ref < b.ref
        }
        let repeating = Set(registry.groups.filter { $0.kind == .repeating }.map(\.id))
        columns = items.map { item in
            Column(name: Self.columnName(for: item), item: item, group: item.group.flatMap(Group.init(rawValue:)),
                   isInRepeatingGroup: item.group.map(repeating.contains) ?? false)
        }
        byName = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        byRef = Dictionary(columns.enumerated().map { ($1.item.ref, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The exchange format of the embedded standard.
    public static let standard = ExchangeFormat(registry: .embedded)

    /// The column called `name`, or nil.
    public func column(named name: String) -> Column? { byName[name].map { columns[$0] } }

    /// The column holding item `ref`, or nil.
    public func column(for ref: ItemReference) -> Column? { byRef[ref].map { columns[$0] } }

    /// The header line's fields.
    public var header: [String] { columns.map(\.name) }

    /// The item's column name (`date_of_birth`), as its item file names it (`column:`); empty
    /// for an aggregation, which has no column.
    public static func columnName(for item: DataItem) -> String { item.column ?? "" }

    /// The closest column names to a misspelt one, for hints.
    public func suggestions(for name: String) -> [String] {
        // A hostile header can hold huge names: no column is that long, so do not compare.
        guard name.utf8.count <= 64 else { return [] }
        let folded = name.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if byName[folded] != nil { return [folded] }
        return columns.map(\.name).filter { $0.contains(folded) || folded.contains($0) || editDistance($0, folded) <= 2 }.prefix(3).map { $0 }
    }
}

/// Levenshtein distance, for "did you mean" hints on short strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
