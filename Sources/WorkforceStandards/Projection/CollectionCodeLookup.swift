import Synchronization

/// Harmonised codes looked up in the maps that a collection's fields name: each field's map is
/// the one given by the `used-in` line of the item that answers it (`wds items --collection X`).
///
/// A code is returned only when its target is valid in the collection year, so a retired
/// collection code never reaches an output. The one translator of harmonised codes for every
/// projection: ASC-WDS and LGES look codes up (``lookup(_:field:)-(_,Field)``), SWF and CSWW
/// translate them with the item's own wording of what went wrong (``translate(_:field:)-(_,Field)``).
struct CollectionCodeLookup: Sendable {
    /// A harmonised code looked up in a field's map.
    enum Result: Equatable, Sendable {
        case absent
        case code(String)
        /// The map says the code has no counterpart, and why.
        case unmatched(String?)
        /// No usable row: the code is not in the map, or its target is not valid in the year.
        case unknown(String)

        var code: String? { if case .code(let value) = self { return value } else { return nil } }

        /// Why there is no code, when the map or the look-up says.
        var reason: String? {
            switch self {
            case .unmatched(let why): return why
            case .unknown(let why): return why
            case .absent, .code: return nil
            }
        }
    }

    let registry: Registry
    let collection: CollectionID
    let year: Int
    /// The usage of each field of the collection, by field (`Sex`, `QualificationSubject@400336`):
    /// the first item's that names it.
    private let usages: [String: ItemUsage]
    /// For each field of the collection, the map its item's `used-in` names.
    let maps: [String: ConceptMapID]
    /// Every map the collection uses, resolved for the year.
    let compiled: [ConceptMapID: CompiledMap]
    /// Each field's map, compiled: the look-up made for every record.
    private let compiledByField: StringTable<CompiledMap>
    /// Maps looked up by id that no field names (ASC-WDS's qualification levels), compiled on
    /// first use and kept: compiling a map costs far more than looking a code up in it.
    private let extra = ExtraMaps()
    private final class ExtraMaps: Sendable { let maps = Mutex<[ConceptMapID: CompiledMap]>([:]) }
    /// Every item's name and exchange-format column, for diagnostics.
    let labels: ItemLabels

    init(registry: Registry, collection: CollectionID, year: Int) {
        self.registry = registry
        self.collection = collection
        self.year = year
        var maps: [String: ConceptMapID] = [:]
        var usages: [String: ItemUsage] = [:]
        for item in registry.items {
            for usage in item.usages where usage.collection == collection {
                if let map = usage.map, maps[usage.field] == nil { maps[usage.field] = map }
                if usages[usage.field] == nil { usages[usage.field] = usage }
            }
        }
        self.maps = maps
        self.usages = usages
        labels = ItemLabels(registry: registry)
        var compiled: [ConceptMapID: CompiledMap] = [:]
        for id in Set(maps.values) { if let map = registry.map(id) { compiled[id] = CompiledMap(map, year: year, registry: registry) } }
        self.compiled = compiled
        compiledByField = StringTable(maps.compactMap { field, id in compiled[id].map { (field, $0) } })
        hints = Dictionary(uniqueKeysWithValues: usages.keys.compactMap { field in
            Self.validCodes(field, usages: usages, registry: registry, year: year).map { (field, $0) }
        })
    }

    // MARK: Translating (SWF, CSWW)

    /// The usage for `field`, or nil when the standard does not answer it.
    func usage(_ field: String) -> ItemUsage? { usages[field] }

    /// Of several fields that answer the same item in different years (SWF `GenderCurrent`
    /// to 2022, `Sex` from 2023), the one whose code set has codes valid in the run's year.
    func field(validInYearAmong fields: [String]) -> String {
        fields.first { field in
            guard let set = usages[field]?.codes.flatMap(registry.codeSet) else { return false }
            return !set.codes(validInYear: year).isEmpty
        } ?? fields[0]
    }

    /// Translates `code` for `field` through the field's map.
    func translate(_ code: String, field: String) -> Result {
        translate(code, field: self.field(field))
    }

    /// ``translate(_:field:)-(_,String)`` through a field found once: the code, the map's
    /// reason when it has no counterpart (or that it has none), or ``Result/unknown(_:)`` when
    /// the map has no row valid in the year or the standard no map.
    func translate(_ code: String, field: Field) -> Result {
        guard let map = field.map else {
            return .unknown("the standard has no map for \(collection.rawValue) \(field.name)")
        }
        switch map.outcome(for: code) {
        case .code(let target)?: return .code(target)
        case .unmatched(let why)?: return .unmatched(why ?? "\(code) has no counterpart in \(map.id)")
        case .notValidInYear?, nil: return .unknown("\(map.id) has no row for \(code) valid in \(year)")
        }
    }

    /// The codes of the field's collection code set valid in the run's year, for "expected" hints.
    func validCodes(_ field: String) -> String {
        hints[field] ?? "a code of the \(field) list"
    }

    /// The hint of ``validCodes(_:)`` for each field, worded once: it is given with every code
    /// that has no counterpart, thousands of times in a national run.
    private let hints: [String: String]

    /// `value` looked up in the map of `field`.
    func lookup(_ value: String?, field: String) -> Result {
        guard let value else { return .absent }
        if let map = compiledByField[field] { return Self.result(of: value, in: map) }
        guard let id = maps[field] else { return .unknown("no map is named for \(field)") }
        return lookup(value, map: id)
    }

    /// A field with its map, found once by a mapper that looks a code up in it for every
    /// record (finding the map by the field's name costs about as much as the look-up).
    struct Field {
        let name: String
        let map: CompiledMap?
    }

    /// `name` with its compiled map.
    func field(_ name: String) -> Field { Field(name: name, map: compiledByField[name]) }

    /// `value` looked up in the map of `field`: what ``lookup(_:field:)-(_,String)`` gives.
    func lookup(_ value: String?, field: Field) -> Result {
        guard let value else { return .absent }
        if let map = field.map { return Self.result(of: value, in: map) }
        return lookup(value, field: field.name)
    }

    /// The compiled map of `field`, for a caller that looks codes up in it for every record
    /// (finding the map by the field's name each time costs as much as the look-up).
    func compiledMap(field: String) -> CompiledMap? { compiledByField[field] }

    /// `value` looked up in a map from ``compiledMap(field:)``.
    func lookup(_ value: String, in map: CompiledMap) -> Result { Self.result(of: value, in: map) }

    /// `value` looked up in the map `id`.
    func lookup(_ value: String, map id: ConceptMapID) -> Result {
        guard let map = compiledMap(id: id) else { return .unknown("the map \(id) is missing") }
        return Self.result(of: value, in: map)
    }

    /// The map `id` compiled for the year, or nil when the standard has no such map. A caller
    /// that asks about every record finds it once (finding it by id hashes the id each time).
    func compiledMap(id: ConceptMapID) -> CompiledMap? {
        if let cached = compiled[id] ?? extra.maps.withLock({ $0[id] }) { return cached }
        guard let raw = registry.map(id) else { return nil }
        let map = CompiledMap(raw, year: year, registry: registry)
        extra.maps.withLock { $0[id] = map }
        return map
    }

    private static func validCodes(_ field: String, usages: [String: ItemUsage], registry: Registry, year: Int) -> String? {
        guard let set = usages[field]?.codes.flatMap(registry.codeSet) else { return nil }
        // Only as many codes as are shown are read: a set can have thousands.
        var shown: [String] = []
        var more = false
        for code in set.codes where code.isValid(inYear: year) {
            if shown.count == 12 {
                more = true
                break
            }
            shown.append(code.value)
        }
        return "a code that maps to \(set.id) (\(shown.joined(separator: ", "))\(more ? ", ..." : ""))"
    }

    private static func result(of value: String, in map: CompiledMap) -> Result {
        switch map.outcome(for: value) {
        case nil: return .unknown("\(map.id) has no row for \(value)")
        case .code(let code)?: return .code(code)
        case .unmatched(let why)?: return .unmatched(why)
        case .notValidInYear(let why)?: return .unknown(why)
        }
    }

    /// The target code set of a field's map.
    func targetSet(of field: String) -> CodeSet? {
        maps[field].flatMap { registry.map($0) }.flatMap { registry.codeSet($0.targetSet) }
    }

    /// The problems of `record`, empty so far.
    func problems(for record: PostRecord) -> RecordProblems { RecordProblems(labels: labels, record: record) }
}

/// Every item's name and exchange-format column, for the diagnostics of the projections: built
/// once per projection and shared by its problem lists, which would otherwise each hold a copy
/// of the registry (a retain of each of its parts, on objects every thread shares).
final class ItemLabels: Sendable {
    private let labels: [ItemReference: (name: String, column: String)]

    init(registry: Registry) {
        var labels: [ItemReference: (name: String, column: String)] = [:]
        for item in registry.items { labels[item.ref] = (item.name, ExchangeFormat.columnName(for: item)) }
        self.labels = labels
    }

    /// The name and column of item `ref`, or nil when the standard has no such item.
    subscript(ref: ItemReference) -> (name: String, column: String)? { labels[ref] }
}
