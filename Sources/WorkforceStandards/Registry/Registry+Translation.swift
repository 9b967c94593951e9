/// One target of a translation.
public struct TranslationMatch: Sendable, Equatable {
    /// The code in the target set.
    public var code: String
    /// Its label in the target set.
    public var label: String
    /// How the source code and this target correspond.
    public var relationship: MapRelationship
    /// Share of the source concept that falls in this target, when known.
    public var share: Double?
    /// Share of this target that comes from the source, when known.
    public var reverseShare: Double?
    /// Why the relationship is what it is.
    public var comment: String?
    /// Whether the target code is valid in the translation's year (true when no year was asked).
    public var isValidInYear: Bool
}

/// A code translated into another code set: every match with its relationship, or explicitly
/// none (`isUnmatched`, with the reason), always against a stated target version.
public struct Translation: Sendable {
    /// The set translated from.
    public var sourceSet: CodeSetID
    /// The code translated.
    public var sourceCode: String
    /// Its label in the source set.
    public var sourceLabel: String
    /// The set translated to.
    public var targetSet: CodeSetID
    /// The collection year or classification version of the target set the map is valid for.
    public var targetVersion: String
    /// The map used; for a reverse translation, the map read backwards.
    public var map: ConceptMapID
    /// Whether the map was read from target to source.
    public var isReverse: Bool
    /// Every match, best first. Empty when the code has no counterpart.
    public var matches: [TranslationMatch]
    /// Why there is no match, when there is none.
    public var unmatchedReason: String?

    /// True when the code has no counterpart in the target set.
    public var isUnmatched: Bool { matches.allSatisfy { !$0.relationship.isMatch } }
}

extension Registry {
    /// Translates `code` of set `source` into set `target`, reading the map between them in
    /// whichever direction it is written.
    ///
    /// - Returns: nil when `code` is not in `source` or no map joins the two sets.
    public func translate(_ code: String, from source: CodeSetID, to target: CodeSetID, year: Int? = nil) -> Translation? {
        guard let sourceSet = codeSet(source), let sourceCode = sourceSet.lookup(code), let targetSet = codeSet(target) else { return nil }
        if let forward = map(from: source, to: target) {
            return forwardTranslation(sourceCode, in: sourceSet, using: forward, targetSet: targetSet, year: year)
        }
        if let backward = map(from: target, to: source) {
            return reverseTranslation(sourceCode, in: sourceSet, using: backward, targetSet: targetSet, year: year)
        }
        return nil
    }

    /// Translates `code` of set `source` into every code set of a family (a collection, the
    /// harmonised sets or SOC) that a map joins it to, in either direction.
    ///
    /// With a `year`, target sets with no code valid in that year are left out (so SWF's
    /// Gender, retired in 2022, gives way to Sex), and matches say whether they are valid then.
    public func translate(_ code: String, from source: CodeSetID, to family: CodeSetFamily, year: Int? = nil) -> [Translation] {
        var targets = Set<CodeSetID>()
        for map in maps(from: source) where map.targetSet.family == family { targets.insert(map.targetSet) }
        for map in maps(to: source) where map.sourceSet.family == family { targets.insert(map.sourceSet) }
        return targets.sorted().compactMap { target in
            if let year, let set = codeSet(target), set.codes(validInYear: year).isEmpty { return nil }
            return translate(code, from: source, to: target, year: year)
        }
    }

    private func forwardTranslation(_ code: Code, in sourceSet: CodeSet, using map: ConceptMap, targetSet: CodeSet, year: Int?) -> Translation {
        // The rows are read in place rather than copied out first: translation is a hot path.
        let contents = map.contents
        let rows = contents.rows(forSource: code.value) ?? []
        var matches: [TranslationMatch] = []
        matches.reserveCapacity(rows.count)
        var reason: String?
        for row in rows {
            let element = contents.elements[row]
            guard let target = element.target else {
                reason = element.comment ?? "no counterpart in \(targetSet.id)"
                continue
            }
            let targetCode = targetSet.code(target)
            matches.append(TranslationMatch(code: target, label: targetCode?.label ?? "", relationship: element.relationship,
                                            share: element.share, reverseShare: element.reverseShare, comment: element.comment,
                                            isValidInYear: year.map { targetCode?.isValid(inYear: $0) ?? false } ?? true))
        }
        if rows.isEmpty {
            reason = sourceSet.isLeaf(code.value)
                ? "\(map.id) has no row for \(code.value)"
                : "\(code.value) is a group; maps cover leaf codes only (see its children)"
        }
        return Translation(sourceSet: sourceSet.id, sourceCode: code.value, sourceLabel: code.label, targetSet: targetSet.id,
                           targetVersion: map.targetVersion, map: map.id, isReverse: false, matches: matches, unmatchedReason: matches.isEmpty ? reason : nil)
    }

    private func reverseTranslation(_ code: Code, in sourceSet: CodeSet, using map: ConceptMap, targetSet: CodeSet, year: Int?) -> Translation {
        let elements = map.elements(forTarget: code.value)
        let matches = elements.map { element -> TranslationMatch in
            let targetCode = targetSet.code(element.source)
            return TranslationMatch(code: element.source, label: targetCode?.label ?? "", relationship: element.relationship.inverse,
                                    share: element.reverseShare, reverseShare: element.share, comment: element.comment,
                                    isValidInYear: year.map { targetCode?.isValid(inYear: $0) ?? false } ?? true)
        }.sorted { ($0.share ?? 0) > ($1.share ?? 0) || (($0.share ?? 0) == ($1.share ?? 0) && NaturalOrder.areInIncreasingOrder($0.code, $1.code)) }
        let version = map.provenance.version ?? map.sourceSet.rawValue
        return Translation(sourceSet: sourceSet.id, sourceCode: code.value, sourceLabel: code.label, targetSet: targetSet.id,
                           targetVersion: version, map: map.id, isReverse: true, matches: matches,
                           unmatchedReason: matches.isEmpty ? "no code of \(targetSet.id) maps to \(sourceSet.id) \(code.value)" : nil)
    }
}
