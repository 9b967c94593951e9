/// How a source concept relates to a target concept, as in HL7 FHIR ConceptMap R5, plus an
/// explicit `unmatched` for a source concept with no target.
public enum MapRelationship: String, Sendable, Codable, CaseIterable {
    /// The two concepts mean the same.
    case equivalent
    /// The source concept is narrower than the target (it falls within it).
    case sourceIsNarrowerThanTarget = "source-is-narrower-than-target"
    /// The source concept is broader than the target (only part of it falls in the target).
    case sourceIsBroaderThanTarget = "source-is-broader-than-target"
    /// The concepts overlap in some other way.
    case relatedTo = "related-to"
    /// The concepts do not correspond.
    case notRelatedTo = "not-related-to"
    /// The source concept has no counterpart in the target set.
    case unmatched

    /// The relationship seen from the target's side.
    public var inverse: MapRelationship {
        switch self {
        case .sourceIsNarrowerThanTarget: return .sourceIsBroaderThanTarget
        case .sourceIsBroaderThanTarget: return .sourceIsNarrowerThanTarget
        default: return self
        }
    }

    /// The relationship of a chain `self` then `next` (A->B then B->C gives A->C).
    public func then(_ next: MapRelationship) -> MapRelationship {
        switch (self, next) {
        case (.unmatched, _), (_, .unmatched): return .unmatched
        case (.notRelatedTo, _), (_, .notRelatedTo): return .notRelatedTo
        case (.equivalent, let other), (let other, .equivalent): return other
        case (.sourceIsNarrowerThanTarget, .sourceIsNarrowerThanTarget): return .sourceIsNarrowerThanTarget
        case (.sourceIsBroaderThanTarget, .sourceIsBroaderThanTarget): return .sourceIsBroaderThanTarget
        default: return .relatedTo
        }
    }

    /// Whether the relationship says the concepts correspond at all.
    public var isMatch: Bool { self != .unmatched && self != .notRelatedTo }
}

/// One row of a concept map.
public struct MapElement: Sendable, Equatable, Codable {
    /// The code in the source set.
    public var source: String
    /// How the source and target concepts correspond.
    public var relationship: MapRelationship
    /// Empty exactly when ``relationship`` is `unmatched`.
    public var target: String?
    /// The share of the source concept that falls in the target (0...1), when known.
    public var share: Double?
    /// The share of the target concept that comes from the source (0...1), when known.
    public var reverseShare: Double?
    /// Why, for anything not `equivalent`.
    public var comment: String?
    /// The line of the row in its file.
    public var line: Int
}

/// A typed map from the codes of one code set to the codes of another.
///
/// Immutable. A class rather than a struct so that every look-up shares the one instance
/// instead of copying its arrays and indexes. The embedded standard's maps read their rows on
/// first use, so loading the registry does not parse every map.
public final class ConceptMap: Sendable {
    /// The map's id: `<source set>--<target set>`.
    public let id: ConceptMapID
    /// The map's title.
    public let title: String
    /// The code set the map translates from.
    public let sourceSet: CodeSetID
    /// The code set the map translates to.
    public let targetSet: CodeSetID
    /// The collection year or classification version the map is valid for.
    public let targetVersion: String
    /// Where the map's rows come from, under what licence.
    public let provenance: Provenance
    /// The rows, in file order.
    public var elements: [MapElement] { contents.elements }
    /// The file the map was read from, relative to the standard's root.
    public let file: String

    /// The rows with their indexes, made once.
    final class Contents: Sendable {
        let elements: [MapElement]
        /// Every source code the rows name, once each, in file order.
        let sources: [String]
        // Where each code's rows are listed, in tables on the codes' bytes: translations look
        // a code up here every time.
        private let sourceIndex: StringTable<Int>
        private let sourceRows: [[Int]]
        private let targetIndex: StringTable<Int>
        private let targetRows: [[Int]]

        init(elements: [MapElement]) {
            self.elements = elements
            var sources: [String] = [], sourceIndex = StringTable<Int>(), sourceRows: [[Int]] = []
            var targetIndex = StringTable<Int>(), targetRows: [[Int]] = []
            for (index, element) in elements.enumerated() {
                if let slot = sourceIndex[element.source] {
                    sourceRows[slot].append(index)
                } else {
                    sourceIndex[element.source] = sourceRows.count
                    sourceRows.append([index])
                    sources.append(element.source)
                }
                guard let target = element.target else { continue }
                if let slot = targetIndex[target] {
                    targetRows[slot].append(index)
                } else {
                    targetIndex[target] = targetRows.count
                    targetRows.append([index])
                }
            }
            self.sources = sources
            self.sourceIndex = sourceIndex
            self.sourceRows = sourceRows
            self.targetIndex = targetIndex
            self.targetRows = targetRows
        }

        /// The indexes of the rows for a source code, in file order, or nil.
        func rows(forSource code: String) -> [Int]? { sourceIndex[code].map { sourceRows[$0] } }

        /// The indexes of the rows that name a target code, in file order, or nil.
        func rows(forTarget code: String) -> [Int]? { targetIndex[code].map { targetRows[$0] } }
    }

    private let loaded = OnceReference<Contents>()
    /// Reads the rows on first use.
    private let readElements: @Sendable () -> [MapElement]

    var contents: Contents {
        if let contents = loaded.load() { return contents }
        return loaded.storeIfNil(Contents(elements: readElements()))
    }

    /// A map whose rows are read already.
    convenience init(id: ConceptMapID, title: String, sourceSet: CodeSetID, targetSet: CodeSetID, targetVersion: String,
                     provenance: Provenance, elements: [MapElement], file: String) {
        self.init(id: id, title: title, sourceSet: sourceSet, targetSet: targetSet, targetVersion: targetVersion,
                  provenance: provenance, file: file, readElements: { elements })
        _ = loaded.storeIfNil(Contents(elements: elements))
    }

    /// A map whose rows `readElements` reads on first use.
    init(id: ConceptMapID, title: String, sourceSet: CodeSetID, targetSet: CodeSetID, targetVersion: String,
         provenance: Provenance, file: String, readElements: @escaping @Sendable () -> [MapElement]) {
        self.id = id
        self.title = title
        self.sourceSet = sourceSet
        self.targetSet = targetSet
        self.targetVersion = targetVersion
        self.provenance = provenance
        self.file = file
        self.readElements = readElements
    }

    /// The rows for a source code, in file order (share descending).
    public func elements(forSource code: String) -> [MapElement] {
        let contents = contents
        return (contents.rows(forSource: code) ?? []).map { contents.elements[$0] }
    }

    /// Calls `body` with each row for a source code, in file order, without copying the rows
    /// into an array; stops when `body` returns false.
    func forEachElement(forSource code: String, _ body: (MapElement) -> Bool) {
        let contents = contents
        guard let rows = contents.rows(forSource: code) else { return }
        contents.elements.withLentBuffer { elements in
            for row in rows where !body(elements[row]) { return }
        }
    }

    /// The rows that name a target code, in file order.
    public func elements(forTarget code: String) -> [MapElement] {
        let contents = contents
        return (contents.rows(forTarget: code) ?? []).map { contents.elements[$0] }
    }

    /// Every source code the map names.
    public var sourceCodes: Set<String> { Set(contents.sources) }

    /// Every source code the map names, once each, in file order.
    var orderedSourceCodes: [String] { contents.sources }
}
