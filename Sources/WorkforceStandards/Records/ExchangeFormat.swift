import Foundation

/// The CSV exchange format every batch command reads: one column per harmonised data item.
///
/// The column name is the item's name in snake case (`P107 Date of Birth` is `date_of_birth`),
/// columns follow the entities (person, organisation, location, post, contract, hours, pay,
/// absence, qualification, registration, vacancy) and then the reference. Multi-valued items
/// and repeating groups (absences, pay items, qualifications, awards, training) hold `;`-separated lists;
/// in a group the n-th value of each column belongs to the n-th entry, so all lists of a group
/// have the same length (an entry may leave a value empty: `SICK;MAT` with `3;`).
public struct ExchangeFormat: Sendable {
    /// A repeating group of items.
    public enum Group: String, Sendable, CaseIterable {
        /// The repeating groups: absences, dated pay items, qualifications, awards and training.
        case absence, payItem = "pay-item", qualification, award, training

        /// The items of the group; the first is the one every entry must have.
        public var items: [ItemReference] {
            switch self {
            case .absence: return ["A101", "A102", "A103", "A104"]
            case .payItem: return ["S508", "S509", "S513", "S514"]
            case .qualification: return ["Q101", "Q102", "Q103"]
            case .award: return ["Q104", "Q105"]
            case .training: return ["Q114", "Q115", "Q116", "Q117", "Q118"]
            }
        }

        static func of(_ ref: ItemReference) -> Group? { allCases.first { $0.items.contains(ref) } }
    }

    /// One column: its name, the item it holds, and its group.
    public struct Column: Sendable {
        /// The column's name (`date_of_birth`).
        public var name: String
        /// The item the column holds.
        public var item: DataItem
        /// The repeating group the column belongs to, if any.
        public var group: Group?
        /// Whether the column holds a `;`-separated list.
        public var isList: Bool { group != nil || item.format.isMultiple }
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
        let items = registry.items.filter { $0.kind == .dataItem && PostRecordBinding.binds($0.ref) }.sorted { a, b in
            let ea = Self.entityOrder.firstIndex(of: a.entity) ?? 99, eb = Self.entityOrder.firstIndex(of: b.entity) ?? 99
            return ea != eb ? ea < eb : a.ref < b.ref
        }
        columns = items.map { Column(name: Self.columnName(for: $0), item: $0, group: Group.of($0.ref)) }
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

    /// `Annual Basic Pay (FTE)` -> `annual_basic_pay_fte`.
    public static func columnName(for item: DataItem) -> String {
        var out = ""
        var pendingUnderscore = false
        for character in item.name.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingUnderscore && !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.append(character)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }

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
