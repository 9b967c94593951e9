/// A version of the ONS Standard Occupational Classification.
public enum SOCVersion: String, CaseIterable, Sendable, Codable, Comparable {
    /// SOC2000, SOC2010 and SOC2020.
    case soc2000, soc2010, soc2020

    /// The code set holding the classification.
    public var codeSetID: CodeSetID { CodeSetID("soc.\(rawValue)") }
    /// `SOC2000`.
    public var title: String { rawValue.uppercased() }

    /// By version: SOC2000 first.
    public static func < (lhs: SOCVersion, rhs: SOCVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A group of a SOC classification with its place in the hierarchy.
public struct SOCGroup: Sendable {
    /// The classification.
    public var version: SOCVersion
    /// The group's code.
    public var code: String
    /// The group's title.
    public var title: String
    /// `major`, `sub_major`, `minor` or `unit`.
    public var level: String
    /// Parents, nearest first (minor, sub-major, major for a unit group).
    public var ancestors: [Code]
    /// The groups one level down.
    public var children: [Code]
}

/// A link from a SOC group to a group of another SOC version.
public struct SOCLink: Sendable, Equatable {
    /// The other classification.
    public var version: SOCVersion
    /// The group's code in it.
    public var code: String
    /// The group's title.
    public var title: String
    /// How the two groups correspond.
    public var relationship: MapRelationship
    /// Share of the source group that falls in this group (ONS dual-coded estimates).
    public var share: Double?
    /// Share of this group that comes from the source group.
    public var reverseShare: Double?
    /// The intermediate codes of a chained link (SOC2000 -> SOC2010 -> SOC2020), else empty.
    public var via: [String]
}

extension Registry {
    /// The SOC group `code` of a version, with parents and children, or nil.
    public func socGroup(_ code: SOCCode, version: SOCVersion = .soc2000) -> SOCGroup? {
        let code = code.rawValue
        guard let set = codeSet(version.codeSetID), let group = set.lookup(code) else { return nil }
        return SOCGroup(version: version, code: group.value, title: group.label, level: group.attributes["level"] ?? "",
                        ancestors: set.ancestors(of: group.value), children: set.children(of: group.value))
    }

    /// Where a SOC unit group goes in another SOC version, with the ONS shares, in either
    /// direction; SOC2000 <-> SOC2020 chains through SOC2010 and multiplies the shares.
    public func socLinks(_ code: SOCCode, from source: SOCVersion, to target: SOCVersion) -> [SOCLink] {
        let code = code.rawValue
        guard source != target else { return [] }
        let ordered = SOCVersion.allCases
        let step = ordered.firstIndex(of: target)! > ordered.firstIndex(of: source)! ? 1 : -1
        var current: [String: SOCLink] = [code: SOCLink(version: source, code: code, title: "", relationship: .equivalent,
                                                       share: 1, reverseShare: 1, via: [])]
        var index = ordered.firstIndex(of: source)!
        while index != ordered.firstIndex(of: target)! {
            let from = ordered[index], to = ordered[index + step]
            var next: [String: SOCLink] = [:]
            for link in current.values.sorted(by: { NaturalOrder.areInIncreasingOrder($0.code, $1.code) }) {
                guard let translation = translate(link.code, from: from.codeSetID, to: to.codeSetID) else { continue }
                for match in translation.matches where match.relationship.isMatch {
                    let via = link.version == source ? link.via : link.via + [link.code]
                    let share = product(link.share, match.share), reverse = product(link.reverseShare, match.reverseShare)
                    if var existing = next[match.code] {
                        existing.share = sum(existing.share, share)
                        existing.reverseShare = sum(existing.reverseShare, reverse)
                        existing.relationship = existing.relationship == link.relationship.then(match.relationship) ? existing.relationship : .relatedTo
                        next[match.code] = existing
                    } else {
                        next[match.code] = SOCLink(version: to, code: match.code, title: match.label,
                                                   relationship: link.relationship.then(match.relationship),
                                                   share: share, reverseShare: reverse, via: via)
                    }
                }
            }
            current = next
            index += step
        }
        return current.values.sorted {
            ($0.share ?? 0) > ($1.share ?? 0) || (($0.share ?? 0) == ($1.share ?? 0) && NaturalOrder.areInIncreasingOrder($0.code, $1.code))
        }
    }

    private func product(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a * b
    }

    private func sum(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return a ?? b }
        return a + b
    }
}
