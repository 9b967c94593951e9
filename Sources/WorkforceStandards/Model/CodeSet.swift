import Synchronization

/// Where a code set or map comes from and under what licence.
public struct Provenance: Sendable, Equatable, Codable {
    /// The publisher, document, data item or repository@commit:path.
    public var source: String
    /// The licence of the source.
    public var licence: String
    /// Collection years the set is known for, as written (`2010-2026`).
    public var years: String?
    /// Version label of the source (`SOC2000`, `2022 schema`).
    public var version: String?
    /// Free-text notes, in file order.
    public var notes: [String]
}

/// A code's life cycle in its collection.
public enum CodeStatus: String, Sendable, Codable, CaseIterable {
    /// Valid in the latest collection year known.
    case current
    /// No longer valid; ``Code/validTo`` is the last collection year it was valid.
    case retired
}

/// One code of a code set.
public struct Code: Sendable, Equatable, Codable {
    /// The code exactly as the collection writes it.
    public var value: String
    /// The collection's own label.
    public var label: String
    /// Whether the code is current, retired or otherwise.
    public var status: CodeStatus
    /// First collection year the code is known valid.
    public var validFrom: Int?
    /// Last collection year the code is valid (set for retired codes).
    public var validTo: Int?
    /// The parent code in the same set, for hierarchies.
    public var parent: String?
    /// Set-specific extra columns (`soc2000` on a role, `level` on a SOC group ...), by column name.
    public var attributes: [String: String]
    /// The line of the code in its file.
    public var line: Int

    /// Whether the code was valid in a collection `year` (unknown bounds count as open).
    public func isValid(inYear year: Int) -> Bool {
        if let validFrom, year < validFrom { return false }
        if let validTo, year > validTo { return false }
        return true
    }

    /// The years the code is valid, for display: `2010-2012`, `2023-`, `-2022`, or empty.
    public var yearsValid: String {
        switch (validFrom, validTo) {
        case (nil, nil): return ""
        case let (from?, nil): return "\(from)-"
        case let (nil, to?): return "-\(to)"
        case let (from?, to?): return from == to ? "\(from)" : "\(from)-\(to)"
        }
    }
}

/// A list of codes with its provenance: a collection's code list, a harmonised domain or a
/// SOC classification.
///
/// Immutable. A class rather than a struct so that every look-up shares the one instance
/// instead of copying its arrays and indexes. The embedded standard's sets read their codes on
/// first use, so loading the registry does not parse every set.
public final class CodeSet: Sendable {
    /// The set's id (`harmonised.sex`, `swf.role-identifier`).
    public let id: CodeSetID
    /// The set's title.
    public let title: String
    /// The family it belongs to: harmonised, SOC, or a collection's.
    public let family: CodeSetFamily
    /// The collection element or column the set is used for, when there is one.
    public let element: String?
    /// Where the codes come from, under what licence.
    public let provenance: Provenance
    /// The codes in file order (natural order of code).
    public var codes: [Code] { contents.codes }
    /// Names of the set-specific extra columns, in file order.
    public let extraColumns: [String]
    /// The file the set was read from, relative to the root of the standard.
    public let file: String

    /// The codes with their indexes, made once.
    final class Contents: Sendable {
        let codes: [Code]
        /// Exact values: a table on the bytes, as every translation looks a code up here.
        let indexByCode: StringTable<Int>
        let indexByFoldedCode: [String: Int]
        let childIndexes: [String: [Int]]

        init(codes: [Code]) {
            self.codes = codes
            var byCode = StringTable<Int>(), byFolded: [String: Int] = [:], children: [String: [Int]] = [:]
            byFolded.reserveCapacity(codes.count)
            for (index, code) in codes.enumerated() {
                if byCode[code.value] == nil { byCode[code.value] = index }
                let folded = code.value.lowercased()
                if byFolded[folded] == nil { byFolded[folded] = index }
                if let parent = code.parent { children[parent, default: []].append(index) }
            }
            indexByCode = byCode
            indexByFoldedCode = byFolded
            childIndexes = children
        }
    }

    private let loaded = OnceReference<Contents>()
    /// Reads the codes on first use.
    private let readCodes: @Sendable () -> [Code]

    var contents: Contents {
        if let contents = loaded.load() { return contents }
        return loaded.storeIfNil(Contents(codes: readCodes()))
    }

    /// A set whose codes are read already.
    convenience init(id: CodeSetID, title: String, family: CodeSetFamily, element: String?, provenance: Provenance,
                     codes: [Code], extraColumns: [String], file: String) {
        self.init(id: id, title: title, family: family, element: element, provenance: provenance,
                  extraColumns: extraColumns, file: file, readCodes: { codes })
        _ = loaded.storeIfNil(Contents(codes: codes))
    }

    /// A set whose codes `readCodes` reads on first use.
    init(id: CodeSetID, title: String, family: CodeSetFamily, element: String?, provenance: Provenance,
         extraColumns: [String], file: String, readCodes: @escaping @Sendable () -> [Code]) {
        self.id = id
        self.title = title
        self.family = family
        self.element = element
        self.provenance = provenance
        self.extraColumns = extraColumns
        self.file = file
        self.readCodes = readCodes
    }

    /// The code with exactly this value, or nil.
    public func code(_ value: String) -> Code? {
        let contents = contents
        return contents.indexByCode[value].map { contents.codes[$0] }
    }

    /// Whether the set has exactly the code `value` and it is valid in `year`: ``code(_:)``
    /// and ``Code/isValid(inYear:)`` without copying the code out.
    func hasCode(_ value: String, validInYear year: Int) -> Bool {
        let contents = contents
        guard let index = contents.indexByCode[value] else { return false }
        return contents.codes.withLentBuffer { $0[index].isValid(inYear: year) }
    }

    /// The code whose value matches ignoring case and surrounding spaces, or nil.
    public func lookup(_ value: String) -> Code? {
        let contents = contents
        if let exact = contents.indexByCode[value] { return contents.codes[exact] }
        return contents.indexByFoldedCode[value.trimmingSpaces().lowercased()].map { contents.codes[$0] }
    }

    /// The codes whose parent is `value`, in file order.
    public func children(of value: String) -> [Code] {
        let contents = contents
        return (contents.childIndexes[value] ?? []).map { contents.codes[$0] }
    }

    /// The chain of parents of `value`, nearest first.
    public func ancestors(of value: String) -> [Code] {
        var chain: [Code] = []
        var seen: Set<String> = [value]
        var next = code(value)?.parent
        while let parentValue = next, !seen.contains(parentValue), let parent = code(parentValue) {
            chain.append(parent)
            seen.insert(parentValue)
            next = parent.parent
        }
        return chain
    }

    /// Codes that are nobody's parent: the ones a map must cover.
    public var leafCodes: [Code] {
        let contents = contents
        return contents.codes.filter { contents.childIndexes[$0.value] == nil }
    }

    /// Whether `value` is a leaf (has no children).
    public func isLeaf(_ value: String) -> Bool { contents.childIndexes[value] == nil }

    /// Codes valid in a collection `year`.
    public func codes(validInYear year: Int) -> [Code] {
        codes.filter { $0.isValid(inYear: year) }
    }
}
