/// A harmonised job role: one code held against a post that answers every collection.
public struct Role: Sendable {
    /// The role code (`R244`).
    public var code: String
    /// The role's title.
    public var title: String
    /// Whether the role is current or retired.
    public var status: CodeStatus
    /// The major group (`G2`) and sub-group (`G2C`) codes and titles.
    public var majorGroup: Code
    /// The sub-group.
    public var subGroup: Code
    /// The SOC2000 unit group the role belongs to.
    public var soc2000: String
    /// The SOC2010 and SOC2020 unit groups chosen for the role, with the ONS share of the
    /// earlier unit that goes to them.
    public var soc2010: String?
    /// The ONS share of the SOC2000 unit that goes to ``soc2010``.
    public var soc2010Share: Double?
    /// The SOC2020 unit group chosen for the role.
    public var soc2020: String?
    /// The ONS share of the SOC2010 unit that goes to ``soc2020``.
    public var soc2020Share: Double?
    /// The role's profile (definition, tasks, qualifications, example titles), when written.
    public var profile: RoleProfile?
}

/// The code set of roles and the maps from it.
public enum RoleCodeSet {
    /// The harmonised role code set.
    public static let id: CodeSetID = "harmonised.role"

    /// The collection code sets a role maps to, in display order.
    public static let collectionSets: [CodeSetID] = [
        "swf.role-identifier", "swf.post", "ascwds.job-role", "csww.org-role", "lges.occupation-group",
    ]
}

/// A role that a collection code maps back to, with the map row that says so.
public struct RoleMatch: Sendable {
    /// The role.
    public var role: Role
    /// How the collection code and the role correspond.
    public var relationship: MapRelationship
    /// Why, when the map row says.
    public var comment: String?
}

extension Registry {
    /// Every leaf role, in code order.
    public var roles: [Role] { roleTable.roles }

    /// The role with this code (case-insensitive), or nil.
    public func role(_ code: RoleCode) -> Role? {
        let code = code.rawValue
        let table = roleTable
        if let index = table.index[code] { return table.roles[index] }
        guard let set = codeSet(RoleCodeSet.id), let entry = set.lookup(code) else { return nil }
        return table.index[entry.value].map { table.roles[$0] }
    }

    /// Builds every role once, on first use.
    static func makeRoleTable(_ registry: Registry) -> RoleTable {
        guard let set = registry.codeSet(RoleCodeSet.id) else { return RoleTable(roles: [], index: [:]) }
        let roles = set.leafCodes.compactMap { registry.makeRole($0, in: set) }
        return RoleTable(roles: roles, index: Dictionary(roles.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The roles under a major group (`G2`) or sub-group (`G2C`), in code order.
    public func roles(inGroup group: String) -> [Role] {
        guard let set = codeSet(RoleCodeSet.id), let entry = set.lookup(group) else { return [] }
        return roles.filter { $0.majorGroup.value == entry.value || $0.subGroup.value == entry.value }
    }

    /// The role groups: the six major groups and their sub-groups, in code order.
    public var roleGroups: [Code] {
        guard let set = codeSet(RoleCodeSet.id) else { return [] }
        return set.codes.filter { !set.isLeaf($0.value) }
    }

    /// Every role that maps to `code` of a collection set (reverse look-up), in role order.
    public func roles(mappingTo code: String, in set: CodeSetID) -> [RoleMatch] {
        guard let map = map(from: RoleCodeSet.id, to: set), let target = codeSet(set)?.lookup(code) else { return [] }
        return map.elements(forTarget: target.value).compactMap { element in
            role(RoleCode(element.source)).map { RoleMatch(role: $0, relationship: element.relationship, comment: element.comment) }
        }
    }

    /// A role's code in every collection set it is mapped to: one translation per set, each
    /// with its matches or an explicit unmatched (with the reason, e.g. out of scope).
    public func collectionCodes(forRole code: RoleCode) -> [Translation] {
        RoleCodeSet.collectionSets.compactMap { translate(code.rawValue, from: RoleCodeSet.id, to: $0) }
    }

    func makeRole(_ entry: Code, in set: CodeSet) -> Role? {
        guard let subGroupCode = entry.parent, let subGroup = set.code(subGroupCode) else { return nil }
        let major = subGroup.parent.flatMap { set.code($0) } ?? subGroup
        return Role(code: entry.value, title: entry.label, status: entry.status, majorGroup: major, subGroup: subGroup,
                    soc2000: entry.attributes["soc2000"] ?? "", soc2010: entry.attributes["soc2010"],
                    soc2010Share: entry.attributes["soc2010_share"].flatMap(Double.init),
                    soc2020: entry.attributes["soc2020"], soc2020Share: entry.attributes["soc2020_share"].flatMap(Double.init),
                    profile: roleProfiles[entry.value])
    }
}

/// The roles of a registry, built once, with an index by code.
final class RoleTable: Sendable {
    let roles: [Role]
    let index: [String: Int]
    init(roles: [Role], index: [String: Int]) { self.roles = roles; self.index = index }
}
