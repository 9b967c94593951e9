/// What a harmonised data item describes.
public enum Entity: String, Sendable, Codable, CaseIterable {
    case person, organisation, location, post, contract
    case serviceAgreement = "service-agreement"
    case pay, hours, absence, qualification, registration, vacancy
}

/// The reach of an item across collections, as in the 2010 standard.
public enum ItemClass: String, Sendable, Codable, CaseIterable {
    /// Used by every collection.
    case universal
    /// Used by more than one collection.
    case common
    /// Used by one collection.
    case sectorSpecific = "sector-specific"
}

/// Where an item is in its life cycle.
public enum ItemStatus: String, Sendable, Codable, CaseIterable {
    case draft, proposed, approved, retired
}

/// Whether an item is recorded or derived.
public enum ItemKind: String, Sendable, Codable, CaseIterable {
    case dataItem = "data-item"
    /// A derived measure (headcount, FTE, turnover ...).
    case aggregation
}

/// The value type of an item.
public enum ValueType: String, Sendable, Codable, CaseIterable {
    case text, code, integer, decimal, date, boolean, identifier
}

/// The format rules of an item's values.
public struct ValueFormat: Sendable, Equatable, Codable {
    public var type: ValueType
    /// Maximum (or `min..max`) length, as written.
    public var length: String?
    /// A regular expression the value must match.
    public var pattern: String?
    /// Inclusive numeric bounds.
    public var minimum: Double?
    public var maximum: Double?
    public var unit: String?
    /// Whether the item holds several values (`;`-separated in the exchange format).
    public var isMultiple: Bool

    /// The format in one line: `decimal, 0..100 hours`.
    public var summary: String {
        var parts = [type.rawValue]
        if let length { parts.append("length \(length)") }
        if minimum != nil || maximum != nil {
            parts.append("\(minimum.map(Self.number) ?? "")..\(maximum.map(Self.number) ?? "")")
        }
        if let unit { parts.append(unit) }
        if let pattern { parts.append("pattern \(pattern)") }
        if isMultiple { parts.append("multiple") }
        return parts.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// One place a collection asks for what an item holds.
public struct ItemUsage: Sendable, Equatable, Codable {
    public var collection: CollectionID
    /// The collection's element, column or data item (`GENDER`, `OrgRole`).
    public var field: String
    /// The collection's own format.
    public var format: String?
    /// The collection's code set.
    public var codes: CodeSetID?
    /// The map from the item's domain to ``codes``.
    public var map: ConceptMapID?
    public var note: String?
    public var line: Int
}

/// A harmonised workforce data item.
public struct DataItem: Sendable, Codable {
    public var ref: ItemReference
    public var name: String
    public var entity: Entity
    public var kind: ItemKind
    public var itemClass: ItemClass
    public var status: ItemStatus
    public var supersededBy: ItemReference?
    public var version: Int
    public var definition: String
    public var description: String?
    public var format: ValueFormat
    /// The harmonised code set of a coded item.
    public var domain: CodeSetID?
    /// Every collection field the item answers.
    public var usages: [ItemUsage]
    public var sources: [String]
    public var file: String
    public var line: Int

    /// The collections the item is used in, in collection order.
    public var collections: [CollectionID] {
        Array(Set(usages.map(\.collection))).sorted()
    }
}

/// Whether a collection field is answered by an item.
public enum FieldScope: String, Sendable, Codable, CaseIterable {
    /// An item's `used-in` names the field.
    case inScope = "in-scope"
    /// The projection computes it from other items.
    case derived
    /// Deliberately not answered, with a reason.
    case outOfScope = "out-of-scope"
}

/// One field of a collection's return (element, column or data item).
public struct CollectionField: Sendable, Codable {
    public var collection: CollectionID
    public var field: String
    public var position: String
    public var name: String
    public var format: String?
    public var codes: CodeSetID?
    public var scope: FieldScope
    public var reason: String?
    public var line: Int
    /// The collection years the field is asked for (`2019-` from 2019 on, `2022-2023`), from
    /// the catalogue's optional `years` column; nil when the catalogue does not say.
    public var years: String? = nil
}

/// The standard as a whole: name, version, status and how it was made.
public struct StandardInfo: Sendable, Codable {
    public var name: String
    public var shortName: String
    /// Semantic version of the data; stamps generated output.
    public var version: String
    public var status: String
    public var publisher: String
    public var basedOn: [String]
    public var provenance: String
}

/// The profile of a harmonised job role (Role Guidance, Volume 1 of the 2010 standard).
public struct RoleProfile: Sendable, Codable {
    public var code: String
    public var definition: String
    public var tasks: [String]
    public var qualifications: [String]
    public var registration: String?
    public var exampleTitles: [String]
    public var socNote: String
    public var line: Int
}
