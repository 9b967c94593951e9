import Foundation

/// The harmonised workforce data standards: data items, code sets, maps, collection field
/// catalogues and role profiles, read and checked once and then immutable.
///
/// Use ``embedded`` (no files needed: the data is compiled into the library) or
/// ``load(from:)`` for a standard kept elsewhere, such as a local extension.
///
/// ```swift
/// let registry = Registry.embedded
/// let name = registry.item("S510")?.name                             // "Salary Scheme"
/// let gender = registry.translate("F", from: "harmonised.sex", to: .csww)   // csww.gender's match for F
/// ```
public struct Registry: Sendable {
    /// The standard's name, version and provenance.
    public let standard: StandardInfo
    /// Every data item, sorted by reference.
    public let items: [DataItem]
    /// The groups of items a post record holds together (`Standards/groups.txt`), in file order.
    package let groups: [RecordGroup]
    /// Every code set, sorted by id.
    public let codeSets: [CodeSet]
    /// Every concept map, sorted by id.
    public let maps: [ConceptMap]
    /// Every collection field, by collection, in catalogue order.
    public let fields: [CollectionID: [CollectionField]]
    /// Role profiles by role code.
    public var roleProfiles: [String: RoleProfile] { lazyParts.profiles.value }
    /// Job-title index files (the ONS coding index), unparsed until the title coder needs them.
    public let titleIndexFiles: [SourceFile]

    private let itemIndex: [ItemReference: Int]
    private let itemNameIndex: [String: Int]
    // Sets and maps are found by id for every translation: tables on the ids' bytes, which
    // cost a fraction of hashing a `String` (the ids are long, `harmonised.sex--csww.gender`).
    private let setIndex: StringTable<Int>
    private let mapIndex: StringTable<Int>
    let mapsFromSet: StringTable<[Int]>
    let mapsToSet: StringTable<[Int]>
    /// For each collection set roles map to, the roles that map to it (a projection's scope test).
    var rolesMappedTo: [CodeSetID: Set<String>] {
        if let mapped = lazyParts.rolesMappedTo.load() { return mapped.value }
        var mapped: [CodeSetID: Set<String>] = [:]
        for map in maps where map.sourceSet == "harmonised.role" {
            mapped[map.targetSet] = Set(map.elements.filter { $0.relationship.isMatch }.map(\.source))
        }
        return lazyParts.rolesMappedTo.storeIfNil(Shared(mapped)).value
    }
    /// The roles, built once on first use (a class, so copying the registry does not copy them).
    var roleTable: RoleTable {
        if let table = lazyParts.roleTable.load() { return table }
        return lazyParts.roleTable.storeIfNil(Registry.makeRoleTable(self))
    }
    /// What is worked out from the code sets, maps and profiles on first use, shared by copies.
    private let lazyParts: LazyParts

    /// The standard compiled into the library, parsed on first use.
    ///
    /// The cross-file checks are skipped here: the test suite runs them on the same files, so
    /// first use costs only the parse.
    public static let embedded: Registry = build(from: EmbeddedStandard.files, checking: false).registry

    /// Reads the standard under `root` (which holds `Standards/` and `CodeSets/`).
    ///
    /// - Throws: ``RegistryError/invalid(_:)`` with every error found, or the file system's error.
    public static func load(from root: URL) throws -> Registry {
        let (registry, diagnostics) = build(from: try SourceFile.readAll(under: root))
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw RegistryError.invalid(errors) }
        return registry
    }

    /// Checks the standard under `root` and returns every problem found (errors and warnings).
    public static func check(root: URL) throws -> [Diagnostic] {
        build(from: try SourceFile.readAll(under: root)).diagnostics
    }

    /// Builds a registry from source files, returning it with every problem found. Rows with
    /// errors are left out; everything else is kept.
    public static func build(from files: [SourceFile]) -> (registry: Registry, diagnostics: [Diagnostic]) {
        build(from: files, checking: true)
    }

    static func build(from files: [SourceFile], checking: Bool) -> (registry: Registry, diagnostics: [Diagnostic]) {
        var loader = RegistryLoader()
        loader.checksOrder = checking
        loader.readsLazily = !checking
        for file in files { loader.read(file) }
        if checking { loader.checkAcrossFiles() }
        let registry = Registry(loader)
        return (registry, loader.log.diagnostics)
    }

    private init(_ loader: RegistryLoader) {
        standard = loader.standard ?? StandardInfo(name: "", shortName: "", version: "0.0.0", status: "", publisher: "", basedOn: [], provenance: "")
        items = loader.items.sorted { $0.ref < $1.ref }
        groups = loader.groups
        codeSets = loader.codeSets.sorted { $0.id < $1.id }
        maps = loader.maps.sorted { $0.id < $1.id }
        fields = Dictionary(grouping: loader.fields, by: \.collection)
        titleIndexFiles = loader.indexFiles
        if loader.unreadProfileFiles.isEmpty {
            lazyParts = LazyParts(profiles: Registry.profileTable(loader.profiles))
        } else {
            let files = loader.unreadProfileFiles
            lazyParts = LazyParts(readProfiles: {
                var reader = RegistryLoader()
                for file in files { reader.readProfiles(file) }
                return Registry.profileTable(reader.profiles)
            })
        }
        itemIndex = Dictionary(items.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { first, _ in first })
        itemNameIndex = Dictionary(items.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        setIndex = StringTable(codeSets.enumerated().map { ($1.id.rawValue, $0) })
        mapIndex = StringTable(maps.enumerated().map { ($1.id.rawValue, $0) })
        var from: [CodeSetID: [Int]] = [:], to: [CodeSetID: [Int]] = [:]
        for (index, map) in maps.enumerated() {
            from[map.sourceSet, default: []].append(index)
            to[map.targetSet, default: []].append(index)
        }
        mapsFromSet = StringTable(from.map { ($0.key.rawValue, $0.value) })
        mapsToSet = StringTable(to.map { ($0.key.rawValue, $0.value) })
    }

    private static func profileTable(_ profiles: [RoleProfile]) -> [String: RoleProfile] {
        Dictionary(profiles.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - exact look-ups

    /// The item with this reference, or nil.
    public func item(_ ref: ItemReference) -> DataItem? {
        itemIndex[ref].map { items[$0] }
    }

    /// The code set with this id, or nil.
    public func codeSet(_ id: CodeSetID) -> CodeSet? {
        setIndex[id.rawValue].map { codeSets[$0] }
    }

    /// The code `value` of set `id`, or nil.
    public func code(_ value: String, in id: CodeSetID) -> Code? {
        codeSet(id)?.code(value)
    }

    /// The map with this id, or nil.
    public func map(_ id: ConceptMapID) -> ConceptMap? {
        mapIndex[id.rawValue].map { maps[$0] }
    }

    /// The map from one set to another, or nil.
    public func map(from source: CodeSetID, to target: CodeSetID) -> ConceptMap? {
        // Among the few maps from `source`, rather than building the map's id (a new string)
        // to look it up: translations call this on every code.
        for index in mapsFromSet[source.rawValue] ?? [] where maps[index].targetSet == target {
            return maps[index]
        }
        return nil
    }

    /// A collection's field, or nil.
    public func field(_ name: String, in collection: CollectionID) -> CollectionField? {
        fields[collection]?.first { $0.field == name }
    }

    // MARK: - forgiving look-ups

    /// The item whose reference or name matches `text`, ignoring case and surrounding spaces.
    public func lookupItem(_ text: String) -> DataItem? {
        let folded = text.trimmingSpaces()
        if let exact = item(ItemReference(folded.uppercased())) { return exact }
        return itemNameIndex[folded.lowercased()].map { items[$0] }
    }

    /// The code set whose id matches `text` ignoring case (`SWF.Post`), or nil.
    public func lookupCodeSet(_ text: String) -> CodeSet? {
        let folded = text.trimmingSpaces().lowercased()
        return codeSet(CodeSetID(folded)) ?? codeSets.first { $0.id.rawValue.lowercased() == folded }
    }

    // MARK: - listing

    /// Items about an entity and/or used in a collection, sorted by reference.
    public func items(entity: Entity? = nil, collection: CollectionID? = nil) -> [DataItem] {
        items.filter { item in
            (entity == nil || item.entity == entity) && (collection == nil || item.usages.contains { $0.collection == collection })
        }
    }

    /// The item whose used-in names a collection field, if any.
    public func item(answering field: String, in collection: CollectionID) -> DataItem? {
        items.first { $0.usages.contains { $0.collection == collection && $0.field == field } }
    }

    /// Maps whose source is `set`.
    public func maps(from set: CodeSetID) -> [ConceptMap] { (mapsFromSet[set.rawValue] ?? []).map { maps[$0] } }

    /// Maps whose target is `set`.
    public func maps(to set: CodeSetID) -> [ConceptMap] { (mapsToSet[set.rawValue] ?? []).map { maps[$0] } }
}

/// An immutable value shared through an atomic reference.
final class Shared<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The parts of a registry made on first use: the role profiles (of the embedded standard, read
/// then), the roles and which roles map to each collection set.
final class LazyParts: Sendable {
    let roleTable = OnceReference<RoleTable>()
    let rolesMappedTo = OnceReference<Shared<[CodeSetID: Set<String>]>>()
    private let loadedProfiles = OnceReference<Shared<[String: RoleProfile]>>()
    private let readProfiles: (@Sendable () -> [String: RoleProfile])?

    init(profiles: [String: RoleProfile]) {
        readProfiles = nil
        _ = loadedProfiles.storeIfNil(Shared(profiles))
    }

    init(readProfiles: @escaping @Sendable () -> [String: RoleProfile]) {
        self.readProfiles = readProfiles
    }

    var profiles: Shared<[String: RoleProfile]> {
        if let profiles = loadedProfiles.load() { return profiles }
        return loadedProfiles.storeIfNil(Shared(readProfiles?() ?? [:]))
    }
}

/// Why a standard could not be loaded.
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    /// The files hold these errors.
    case invalid([Diagnostic])

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            return "the standard has \(diagnostics.count) error(s):\n" + diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}

extension Registry {
    /// Every problem in the standard compiled into the library (empty when it is sound).
    public static func checkEmbedded() -> [Diagnostic] {
        build(from: EmbeddedStandard.files).diagnostics
    }

    /// The files compiled into the library.
    public static var embeddedFiles: [SourceFile] { EmbeddedStandard.files }
}
