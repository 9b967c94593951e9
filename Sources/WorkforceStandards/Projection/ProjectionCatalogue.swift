/// The projection of each collection.
public enum ProjectionCatalogue {
    /// The projection type that writes `collection`'s return.
    public static func type(for collection: CollectionID) -> CollectionProjection.Type {
        switch collection {
        case .swf: return SWFProjection.self
        case .ascwds: return ASCWDSProjection.self
        case .lges: return LGESProjection.self
        case .csww: return CSWWProjection.self
        }
    }

    /// Every rule the projection of `collection` can raise, with its severity and what would be valid.
    public static func rules(for collection: CollectionID) -> [DiagnosticRule.Entry] { type(for: collection).rules }

    /// The rule for a file that has no column for an item `collection` needs (one diagnostic for
    /// the file, raised by `wds validate --for`).
    public static func columnMissingRule(for collection: CollectionID) -> DiagnosticRule {
        switch collection {
        case .swf: return SWFRule.columnMissing.rule
        case .ascwds: return ASCWDSRule.columnMissing.rule
        case .lges: return LGESRule.columnMissing.rule
        case .csww: return CSWWRule.columnMissing.rule
        }
    }

    /// Every collection's rules, collection by collection (in the order of `CollectionID.allCases`).
    public static var allRules: [DiagnosticRule.Entry] { CollectionID.allCases.flatMap { rules(for: $0) } }

    /// Creates the projections for `collections`, each writing to sinks made by `sink(name)`
    /// (names may hold a folder: `swf/999-4017.xml`).
    public static func make(_ collections: [CollectionID], settings: ProjectionSettings,
                            sink: @escaping SinkFactory) throws -> [CollectionProjection] {
        try collections.map { collection in
            let type = type(for: collection)
            var sinks: [String: TextSink] = [:]
            for name in type.outputNames { sinks[name] = try sink(name) }
            if let openEnded = type as? OpenEndedProjection.Type {
                return try openEnded.init(settings: settings, sinks: sinks, makeSink: sink)
            }
            return try type.init(settings: settings, sinks: sinks)
        }
    }
}
