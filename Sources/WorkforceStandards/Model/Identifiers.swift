/// One of the four national collections the standard answers.
public enum CollectionID: String, CaseIterable, Sendable, Codable, Comparable {
    /// School Workforce Census (Department for Education).
    case swf
    /// Adult Social Care Workforce Data Set, formerly NMDS-SC (Skills for Care).
    case ascwds
    /// Children's Social Work Workforce census (Department for Education).
    case csww
    /// Local Government Earnings Survey (Local Government Association).
    case lges

    /// The collection's full name.
    public var title: String {
        switch self {
        case .swf: return "School Workforce Census"
        case .ascwds: return "Adult Social Care Workforce Data Set (ASC-WDS, formerly NMDS-SC)"
        case .csww: return "Children's Social Work Workforce census"
        case .lges: return "Local Government Earnings Survey"
        }
    }

    /// Who runs it.
    public var collector: String {
        switch self {
        case .swf, .csww: return "Department for Education"
        case .ascwds: return "Skills for Care"
        case .lges: return "Local Government Association"
        }
    }

    /// In `allCases` order: SWF, ASC-WDS, CSWW, LGES.
    public static func < (lhs: CollectionID, rhs: CollectionID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Keys of a JSON object when a dictionary is keyed by collection (``ReconciliationReport/collections``).
extension CollectionID: CodingKeyRepresentable {}

/// Who defines a code set: the harmonised standard, the ONS classifications, or a collection.
public enum CodeSetFamily: String, CaseIterable, Sendable, Codable {
    /// The harmonised sets, the SOC classifications, and each collection's own.
    case harmonised, soc, swf, ascwds, csww, lges

    /// The collection, when the family is one.
    public var collection: CollectionID? { CollectionID(rawValue: rawValue) }
}

/// An identifier written as text (a code set, a map, an item, a role, a SOC code): made from a
/// string or a string literal, shown as written, and ordered as text unless the type says
/// otherwise (``ItemReference`` orders naturally, `P9` before `P10`).
public protocol TextIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String {
    /// The identifier `rawValue`, as written.
    init(rawValue: String)
}

extension TextIdentifier {
    /// The identifier `rawValue`, as written.
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    /// The identifier written as a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    /// The identifier as written.
    public var description: String { rawValue }
    /// By identifier, as text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The identifier of a code set: `<family>.<name>`, e.g. `swf.role-identifier`.
public struct CodeSetID: TextIdentifier {
    /// The identifier as written.
    public let rawValue: String
    /// The identifier `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The family part before the first dot.
    public var family: CodeSetFamily? {
        guard let dot = rawValue.firstIndex(of: ".") else { return nil }
        return CodeSetFamily(rawValue: String(rawValue[..<dot]))
    }
}

/// A code of the harmonised role code set (`R237`): what an HR system holds against a post.
public struct RoleCode: TextIdentifier {
    /// The identifier as written.
    public let rawValue: String
    /// The identifier `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A code of a Standard Occupational Classification (`6124` in SOC2000); which version it
/// belongs to is said beside it (``SOCVersion``).
public struct SOCCode: TextIdentifier {
    /// The identifier as written.
    public let rawValue: String
    /// The identifier `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The identifier of a concept map: `<source set>--<target set>`.
public struct ConceptMapID: TextIdentifier {
    /// The identifier as written.
    public let rawValue: String
    /// The identifier `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The id of the map from `source` to `target`.
    public init(source: CodeSetID, target: CodeSetID) { rawValue = "\(source.rawValue)--\(target.rawValue)" }
}

/// The stable reference of a harmonised data item: an entity letter and three digits (`S510`).
public struct ItemReference: TextIdentifier {
    /// The identifier as written.
    public let rawValue: String
    /// The identifier `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// In natural order: `P9` before `P10`.
    public static func < (lhs: ItemReference, rhs: ItemReference) -> Bool { NaturalOrder.areInIncreasingOrder(lhs.rawValue, rhs.rawValue) }

    /// Whether the text has the form of a reference: one capital letter and three digits.
    public var isWellFormed: Bool {
        let bytes = Array(rawValue.utf8)
        return bytes.count == 4 && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[0])
            && bytes[1...].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
