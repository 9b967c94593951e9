import Foundation

/// Which ``PostRecord`` property holds which harmonised item, in both directions: reading
/// validated exchange values into a record, and writing a record back as exchange text.
///
/// The per-item switches are generated from the items' `swift:` names (`wds generate`); a
/// test checks every data item is bound, or listed as not per post.
enum PostRecordBinding {
    typealias Value = ItemValueValidator.Value

    // The items that are not about one post (`notPerPost`), held once per organisation in the
    // organisation file (``OrganisationFile``), are generated: Generated/OrganisationRecordFields.swift.

    /// Whether `ref` is bound to a property.
    static func binds(_ ref: ItemReference) -> Bool { setter(for: ref) != nil }

    /// A value setter: stores the values of one item (a list for multi-valued items and
    /// groups; entries may be nil inside a group).
    typealias Setter = (inout PostRecordFields, [Value?]) -> Void

    /// A setter of one value (nil when the item is absent), for items that hold one. Readers
    /// call it for every single value: no array is made to pass the value in.
    typealias SingleSetter = (inout PostRecordFields, consuming Value?) -> Void

    // `singleSetter(for:)`, `listSetter(for:)` and `text(_:of:)`, one case per item, are
    // generated from the standard's items: Generated/PostRecordFields.swift.

    /// The setter of item `ref`, or nil when the item is not bound. Readers look it up once per
    /// column, so that storing a value is a direct call rather than a search by reference.
    static func setter(for ref: ItemReference) -> Setter? {
        if let single = singleSetter(for: ref) { return { r, values in single(&r, values.first ?? nil) } }
        return listSetter(for: ref)
    }

    /// Stores the values of one item. Returns false when the item is not bound.
    @discardableResult
    static func set(_ ref: ItemReference, _ values: [Value?], on r: inout PostRecord) -> Bool {
        guard let setter = setter(for: ref) else { return false }
        r.withFields { setter(&$0, values) }
        return true
    }

    // The exchange text of the generated `text(_:of:)`.
    static func dateText(_ date: SimpleDate?) -> String { date?.description ?? "" }
    static func numberText(_ value: Double?) -> String { value.map(formatNumber) ?? "" }
    static func integerText(_ value: Int?) -> String { value.map(String.init) ?? "" }
    static func booleanText(_ value: Bool?) -> String { value.map { $0 ? "Y" : "N" } ?? "" }
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }

    /// A repeating group's entries for the values of its first item, each made by `make`
    /// from its index (keeping what other columns of the group already set).
    static func entries<T>(_ values: [Value?], _ make: (Int) -> T) -> [T] {
        (0..<values.count).map(make)
    }

    /// Sets one member of each entry already made from the values of another of the group's columns.
    static func fill<T>(_ list: inout [T], _ values: [Value?], _ update: (inout T, Value?) -> Void) {
        for index in values.indices where index < list.count { update(&list[index], values[index]) }
    }
}
/// Numbers as the exchange format and the returns write them: no exponent, no trailing zeros
/// beyond what is needed, at most 4 decimal places (deterministic across platforms).
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

extension ItemValueValidator.Value {
    var text: String? {
        switch self {
        case .text(let value), .code(let value): return value
        default: return nil
        }
    }
    var date: SimpleDate? { if case .date(let value) = self { return value } else { return nil } }
    var integer: Int? {
        switch self {
        case .integer(let value): return value
        case .decimal(let value): return Int(exactly: value)
        default: return nil
        }
    }
    var number: Double? {
        switch self {
        case .decimal(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }
    var boolean: Bool? { if case .boolean(let value) = self { return value } else { return nil } }
}
