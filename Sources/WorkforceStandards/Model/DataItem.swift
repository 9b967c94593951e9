/// What a harmonised data item describes.
public enum Entity: String, Sendable, Codable, CaseIterable {
    /// The entities items describe: the person, the organisation and location, the post and its contract, service agreements, pay, hours, absence, qualifications, registrations and vacancies.
    case person, organisation, location, post, contract
    /// An agreement for services rather than a contract of employment.
    case serviceAgreement = "service-agreement"
    /// Pay, hours, absences, qualifications, professional registrations and vacancies.
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
    /// Draft, proposed, approved or retired.
    case draft, proposed, approved, retired
}

/// Whether an item is recorded or derived.
public enum ItemKind: String, Sendable, Codable, CaseIterable {
    /// A value recorded against the post or person.
    case dataItem = "data-item"
    /// A derived measure (headcount, FTE, turnover ...).
    case aggregation
}

/// The value type of an item.
public enum ValueType: String, Sendable, Codable, CaseIterable {
    /// Free text, a code of the item's domain, a whole number, a decimal, a date (`YYYY-MM-DD`), yes or no, or an identifier.
    case text, code, integer, decimal, date, boolean, identifier
}

/// The format rules of an item's values.
public struct ValueFormat: Sendable, Equatable, Codable {
    /// The value type.
    public var type: ValueType
    /// Maximum (or `min..max`) length, as written.
    public var length: String?
    /// A regular expression the value must match.
    public var pattern: String?
    /// Inclusive numeric bounds.
    public var minimum: Double?
    /// The largest value allowed (inclusive).
    public var maximum: Double?
    /// The unit of a number (`hours`, `days`, `pounds`).
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
    /// The collection.
    public var collection: CollectionID
    /// The collection's element, column or data item (`GENDER`, `OrgRole`).
    public var field: String
    /// The collection's own format.
    public var format: String?
    /// The collection's code set.
    public var codes: CodeSetID?
    /// The map from the item's domain to ``codes``.
    public var map: ConceptMapID?
    /// How the collection's rules differ from the item's, in words.
    public var note: String?
    /// The line of the usage in its item file.
    public var line: Int
}

/// A harmonised workforce data item.
public struct DataItem: Sendable, Codable {
    /// The item's reference (`P108`).
    public var ref: ItemReference
    /// The item's name (`Sex`).
    public var name: String
    /// What the item describes.
    public var entity: Entity
    /// Whether it is recorded or derived.
    public var kind: ItemKind
    /// Its reach across collections.
    public var itemClass: ItemClass
    /// Where it is in its life cycle.
    public var status: ItemStatus
    /// The item that replaces it, when retired.
    public var supersededBy: ItemReference?
    /// The item's version.
    public var version: Int
    /// What the item holds.
    public var definition: String
    /// How to record it, and what the collections do with it.
    public var description: String?
    /// The format rules of its values.
    public var format: ValueFormat
    /// The harmonised code set of a coded item.
    public var domain: CodeSetID?
    /// Every collection field the item answers.
    public var usages: [ItemUsage]
    /// Where the item's definition comes from.
    public var sources: [String]
    /// The item file it was read from, relative to the standard's root.
    public var file: String
    /// Its line in that file.
    public var line: Int
    /// The item's column in the exchange format (or, for an organisation fact, in the
    /// organisation file): `date_of_birth`. Nil for aggregations, which have no column.
    public var column: String?
    /// The name of the item's ``PostRecord`` property (or, in a group, of its entry's
    /// property); nil when the item is not held per post.
    package var swiftName: String?
    /// The ``RecordGroup`` the item belongs to, by id (`absence`).
    package var group: String?
    /// Whether the field is stored with the few every projection reads first (`storage: first`).
    package var isStoredFirst = false
    /// Whether the ``OrganisationRecord`` holds the item (`record: organisation`): a column of
    /// the organisation file.
    package var isInOrganisationRecord = false

    /// The collections the item is used in, in collection order.
    public var collections: [CollectionID] {
        Array(Set(usages.map(\.collection))).sorted()
    }
}

/// Items held together in a post record (`Standards/groups.txt`): a repeating group (absences,
/// pay items ...: a list of entries) or an optional one (the vacancy: one entry or none).
package struct RecordGroup: Sendable, Codable, Equatable {
    /// Whether a record holds a list of entries or at most one.
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case repeating, optional
    }
    /// The group's id (`pay-item`), named by its items' `group:`.
    package var id: String
    package var kind: Kind
    /// The ``PostRecord`` property holding the group (`payItems`).
    package var swiftName: String
    /// The Swift type of one entry (`PayItem`).
    package var typeName: String
    /// What an entry is, for the type's doc comment.
    package var definition: String
    /// Whether the group is stored with the fields every projection reads first.
    package var isStoredFirst: Bool
    package var file: String
    package var line: Int
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
    /// The collection whose field it is.
    public var collection: CollectionID
    /// The field's name in the return (element, column or data item).
    public var field: String
    /// Where the field sits in the return (an XML path or column number).
    public var position: String
    /// The field's description in the collector's guide.
    public var name: String
    /// The collection's own format for the field.
    public var format: String?
    /// The collection's code set for the field.
    public var codes: CodeSetID?
    /// Whether an item answers the field, the projection derives it, or it is left out.
    public var scope: FieldScope
    /// Why the field is derived or left out.
    public var reason: String?
    /// The line of the field in its catalogue.
    public var line: Int
    /// The collection years the field is in: the catalogue's `years` column when the field was
    /// added or removed within the years catalogued, else the catalogue's `# years:` (nil when
    /// neither is given).
    public var years: ClosedRange<Int>? = nil
    /// Whether ``years`` is the field's own (its `years` column), not the whole catalogue's.
    public var hasOwnYears = false

    /// Whether the field is in the collection's return of `year` (true when its years are not known).
    public func isIn(year: Int) -> Bool { years?.contains(year) ?? true }
}

/// The standard as a whole: name, version, status and how it was made.
public struct StandardInfo: Sendable, Codable {
    /// The standard's full name.
    public var name: String
    /// Its short name (`WDS`).
    public var shortName: String
    /// Semantic version of the data; stamps generated output.
    public var version: String
    /// Its status (draft, approved ...).
    public var status: String
    /// Who publishes it.
    public var publisher: String
    /// The standards and collections it is based on.
    public var basedOn: [String]
    /// How the standard was made, and what is reconstructed.
    public var provenance: String
}

/// The profile of a harmonised job role (Role Guidance, Volume 1 of the 2010 standard).
public struct RoleProfile: Sendable, Codable {
    /// The role code (`R244`).
    public var code: String
    /// What the role is.
    public var definition: String
    /// The role's main tasks.
    public var tasks: [String]
    /// The qualifications the role asks for.
    public var qualifications: [String]
    /// The professional registration the role needs, if any.
    public var registration: String?
    /// Job titles councils use for the role.
    public var exampleTitles: [String]
    /// How the role relates to SOC, in words.
    public var socNote: String
    /// The line of the profile in `role-profiles.txt`.
    public var line: Int
}
