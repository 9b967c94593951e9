import Foundation

/// The standard as HL7 FHIR R5 JSON resources, for terminology servers (HAPI FHIR, Ontoserver,
/// Snowstorm):
///
/// - a `CodeSystem` for every code set: harmonised domains, the role code set and the SOC
///   classifications once each (version = the standard's data version), and a collection's
///   sets once per collection year (version = the year), each code with its status and
///   validity years as properties and hierarchies by the `parent` property;
/// - a `ValueSet` for the domain of every coded item;
/// - a `ConceptMap` for every map, with R5 relationships, ONS shares as properties and an
///   explicit `noMap` for every source code with no counterpart;
/// - one `Bundle` (type `collection`) holding them all.
///
/// Canonical URLs are `<base>/<type>/<id>`; the output is deterministic (no dates, fixed key
/// order, resources sorted by type and id).
///
/// ```swift
/// let export = try FHIRExport(registry: .embedded, settings: ExportSettings())
/// for file in try export.files() { print(file.path) }   // CodeSystem-harmonised.sex.json ...
/// ```
public struct FHIRExport: Sendable {
    /// The standard exported.
    public let registry: Registry
    /// The base URL, dates and other settings of the export.
    public let settings: ExportSettings

    /// An export of `registry` with `settings`.
    public init(registry: Registry, settings: ExportSettings) {
        self.registry = registry
        self.settings = settings
    }

    /// One generated resource.
    public struct Resource: Sendable {
        /// `CodeSystem`, `ValueSet`, `ConceptMap` or `Bundle`.
        public var type: String
        /// The resource id (`harmonised.sex`, `swf.sex-2024`).
        public var id: String
        /// The canonical URL (shared by every version of a code system).
        public var url: String
        /// The resource's version (a code set's year, or the standard's version).
        public var version: String
        /// The file it is written to (`CodeSystem-harmonised.sex.json`).
        public var file: String { Self.file(type: type, id: id) }
        /// The resource as JSON.
        var json: JSONValue

        static func file(type: String, id: String) -> String { "\(type)-\(id).json" }
    }

    /// The file of the code system of `set` (its latest collection year for a collection's set).
    public func codeSystemFile(for set: CodeSet) -> String {
        let years = Self.collectionYears(of: set)
        return Resource.file(type: "CodeSystem", id: years.last.map { Self.versionedID(set.id.rawValue, year: $0) } ?? set.id.rawValue)
    }

    /// The file of the concept map of `map`.
    public func conceptMapFile(for map: ConceptMap) -> String { Resource.file(type: "ConceptMap", id: map.id.rawValue) }

    /// The file of the bundle.
    public var bundleFile: String { Resource.file(type: "Bundle", id: bundleID) }

    private var bundleID: String { registry.standard.shortName.isEmpty ? "standard" : registry.standard.shortName.lowercased() }

    /// Every resource but the bundle, sorted by type (CodeSystem, ValueSet, ConceptMap) then id.
    public func resources() throws -> [Resource] {
        var codeSystems: [Resource] = []
        for set in registry.codeSets {
            let years = Self.collectionYears(of: set)
            if years.isEmpty {
                codeSystems.append(try codeSystem(set, year: nil))
            } else {
                for year in years { codeSystems.append(try codeSystem(set, year: year)) }
            }
        }
        let valueSets = try registry.items.filter { $0.domain != nil }.map(valueSet)
        let conceptMaps = try registry.maps.map(conceptMap)
        return codeSystems.sorted { $0.id < $1.id } + valueSets.sorted { $0.id < $1.id } + conceptMaps.sorted { $0.id < $1.id }
    }

    /// Every file: one per resource, then the bundle holding them all, sorted by path.
    public func files() throws -> [ExportFile] {
        let resources = try resources()
        var files = resources.map { ExportFile(path: $0.file, contents: $0.json.rendered()) }
        files.append(ExportFile(path: bundleFile, contents: bundle(resources).rendered()))
        return files.sorted { $0.path < $1.path }
    }

    // MARK: - code systems

    /// The collection years a collection's set is versioned by: every year of its `years`
    /// (`2010-2026`). Empty for harmonised and SOC sets, and for sets without years, which
    /// get one version: the standard's data version.
    static func collectionYears(of set: CodeSet) -> [Int] {
        guard set.family.collection != nil, let text = set.provenance.years else { return [] }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces()) }
        switch parts.count {
        case 1: return parts[0].map { [$0] } ?? []
        case 2:
            guard let first = parts[0], let last = parts[1], first <= last else { return [] }
            return Array(first...last)
        default: return []
        }
    }

    static func versionedID(_ id: String, year: Int) -> String { "\(id)-\(year)" }

    private func codeSystem(_ set: CodeSet, year: Int?) throws -> Resource {
        let id = try Self.checkedID(year.map { Self.versionedID(set.id.rawValue, year: $0) } ?? set.id.rawValue)
        let url = settings.canonical("CodeSystem", set.id.rawValue)
        let version = year.map(String.init) ?? registry.standard.version
        // A year's version lists the codes known by then; codes retired before it stay in the
        // list as retired, as code systems do, so a recorded value can still be looked up.
        let codes = year.map { year in set.codes.filter { ($0.validFrom ?? year) <= year } } ?? set.codes
        let isRoleSet = set.id == RoleCodeSet.id
        let hasHierarchy = set.codes.contains { $0.parent != nil }

        var properties: [JSONValue] = [
            Self.propertyDefinition("status", uri: "http://hl7.org/fhir/concept-properties#status", type: "code",
                                    description: "active, or retired after the last collection year it was valid"),
            Self.propertyDefinition("validFrom", type: "integer", description: "first collection year the code is known valid"),
            Self.propertyDefinition("validTo", type: "integer", description: "last collection year the code is valid"),
        ]
        if hasHierarchy {
            properties.append(Self.propertyDefinition("parent", uri: "http://hl7.org/fhir/concept-properties#parent", type: "code",
                                                      description: "the group one level up"))
        }
        for column in set.extraColumns {
            let (type, description) = isRoleSet ? Self.roleColumn(column) : ("string", "the code's \(column) in \(set.file)")
            properties.append(Self.propertyDefinition(Self.propertyCode(column), type: type, description: description))
        }
        if isRoleSet {
            properties.append(Self.propertyDefinition("registration", type: "string",
                                                      description: "the professional registration the role requires (role profile)"))
        }

        let concepts: [JSONValue] = codes.map { code in
            var concept = JSONObject()
            concept.add("code", code.value)
            concept.add("display", code.label.trimmingSpaces())
            let profile = isRoleSet ? registry.roleProfiles[code.value] : nil
            concept.add("definition", profile?.definition.trimmingSpaces())
            var values: [JSONValue] = []
            let retired = year.map { year in code.validTo.map { $0 < year } ?? false } ?? (code.status == .retired)
            values.append(Self.propertyValue("status", "valueCode", .string(retired ? "retired" : "active")))
            if let from = code.validFrom { values.append(Self.propertyValue("validFrom", "valueInteger", .integer(from))) }
            if let to = code.validTo { values.append(Self.propertyValue("validTo", "valueInteger", .integer(to))) }
            if let parent = code.parent { values.append(Self.propertyValue("parent", "valueCode", .string(parent))) }
            for column in set.extraColumns {
                guard let text = code.attributes[column]?.trimmingSpaces(), !text.isEmpty else { continue }
                values.append(isRoleSet ? roleValue(column, text) : Self.propertyValue(Self.propertyCode(column), "valueString", .string(text)))
            }
            if let registration = profile?.registration?.trimmingSpaces(), !registration.isEmpty {
                values.append(Self.propertyValue("registration", "valueString", .string(registration)))
            }
            concept.add("property", .array(values))
            return concept.value
        }

        var resource = JSONObject()
        resource.add("resourceType", "CodeSystem")
        resource.add("id", id)
        resource.add("url", url)
        resource.add("version", version)
        resource.add("name", Self.computableName(set.id.rawValue))
        resource.add("title", year.map { "\(set.title) (\($0))" } ?? set.title)
        resource.add("status", publicationStatus)
        resource.add("experimental", .bool(false))
        resource.add("publisher", registry.standard.publisher)
        resource.add("description", description(title: set.title, element: set.element, provenance: set.provenance, file: set.file,
                                                extra: year.map { "The codes of collection year \($0): every code known by then, those retired before it with status retired." }))
        resource.add("copyright", set.provenance.licence)
        resource.add("caseSensitive", .bool(true))
        // SOC and the role groups classify each code under exactly one parent.
        if hasHierarchy { resource.add("hierarchyMeaning", "classified-with") }
        resource.add("content", "complete")
        resource.add("count", .integer(concepts.count))
        resource.add("property", .array(properties))
        resource.add("concept", .array(concepts))
        return Resource(type: "CodeSystem", id: id, url: url, version: version, json: resource.value)
    }

    /// The type and meaning of a column of the role code set.
    private static func roleColumn(_ column: String) -> (String, String) {
        switch column {
        case "soc2000": return ("Coding", "the role's SOC2000 unit group")
        case "soc2010": return ("Coding", "the SOC2010 unit group chosen for the role")
        case "soc2020": return ("Coding", "the SOC2020 unit group chosen for the role")
        case "soc2010_share": return ("decimal", "the ONS share of the SOC2000 unit that goes to the chosen SOC2010 unit")
        case "soc2020_share": return ("decimal", "the ONS share of the SOC2010 unit that goes to the chosen SOC2020 unit")
        default: return ("string", "the role's \(column)")
        }
    }

    private func roleValue(_ column: String, _ text: String) -> JSONValue {
        let code = Self.propertyCode(column)
        switch Self.roleColumn(column).0 {
        case "Coding":
            var coding = JSONObject()
            coding.add("system", settings.canonical("CodeSystem", "soc.\(column)"))
            coding.add("code", text)
            coding.add("display", registry.code(text, in: CodeSetID("soc.\(column)"))?.label.trimmingSpaces())
            return Self.propertyValue(code, "valueCoding", coding.value)
        case "decimal" where Double(text) != nil:
            return Self.propertyValue(code, "valueDecimal", .decimal(Double(text)!))
        default:
            return Self.propertyValue(code, "valueString", .string(text))
        }
    }

    private static func propertyDefinition(_ code: String, uri: String? = nil, type: String, description: String) -> JSONValue {
        var property = JSONObject()
        property.add("code", code)
        property.add("uri", uri)
        property.add("description", description)
        property.add("type", type)
        return property.value
    }

    private static func propertyValue(_ code: String, _ key: String, _ value: JSONValue) -> JSONValue {
        .object([("code", .string(code)), (key, value)])
    }

    /// `soc2010_share` -> `soc2010Share`: FHIR property codes in the style of the core ones.
    static func propertyCode(_ column: String) -> String {
        let parts = column.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    // MARK: - value sets

    private func valueSet(_ item: DataItem) throws -> Resource {
        let domain = item.domain!
        let id = try Self.checkedID(item.ref.rawValue)
        let url = settings.canonical("ValueSet", item.ref.rawValue)
        var include = JSONObject()
        include.add("system", settings.canonical("CodeSystem", domain.rawValue))
        include.add("version", registry.standard.version)
        var resource = JSONObject()
        resource.add("resourceType", "ValueSet")
        resource.add("id", id)
        resource.add("url", url)
        resource.add("version", registry.standard.version)
        resource.add("name", Self.computableName("\(item.ref.rawValue) \(item.name)"))
        resource.add("title", "\(item.ref.rawValue) \(item.name)")
        resource.add("status", publicationStatus)
        resource.add("experimental", .bool(false))
        resource.add("publisher", registry.standard.publisher)
        resource.add("description", "The codes of data item \(item.ref.rawValue) \(item.name): every code of the harmonised code set \(domain.rawValue).\n\n\(item.definition.trimmingSpaces())")
        resource.add("compose", .object([("include", .array([include.value]))]))
        return Resource(type: "ValueSet", id: id, url: url, version: registry.standard.version, json: resource.value)
    }

    // MARK: - concept maps

    private func conceptMap(_ map: ConceptMap) throws -> Resource {
        let id = try Self.checkedID(map.id.rawValue)
        let url = settings.canonical("ConceptMap", map.id.rawValue)
        let source = registry.codeSet(map.sourceSet), target = registry.codeSet(map.targetSet)
        let hasShares = map.elements.contains { $0.share != nil || $0.reverseShare != nil }

        // One element per source code, in file order, with its rows as targets; a code whose
        // only row is `unmatched` is stated as noMap, with the reason in an extension since R5
        // gives an element no comment of its own.
        var elements: [JSONValue] = []
        for code in map.orderedSourceCodes {
            let rows = map.elements(forSource: code)
            let matches = rows.filter { $0.relationship != .unmatched }
            var element = JSONObject()
            if matches.isEmpty {
                let reasons = rows.compactMap { $0.comment?.trimmingSpaces() }.filter { !$0.isEmpty }
                if !reasons.isEmpty {
                    element.add("extension", .array([.object([("url", .string(unmatchedReasonExtension)),
                                                              ("valueString", .string(reasons.joined(separator: "; ")))])]))
                }
            }
            element.add("code", code)
            element.add("display", source?.code(code)?.label.trimmingSpaces())
            if matches.isEmpty {
                element.add("noMap", .bool(true))
            } else {
                element.add("target", .array(matches.map { row in
                    var targetElement = JSONObject()
                    targetElement.add("code", row.target)
                    targetElement.add("display", row.target.flatMap { target?.code($0)?.label.trimmingSpaces() })
                    targetElement.add("relationship", row.relationship.rawValue)
                    targetElement.add("comment", row.comment?.trimmingSpaces())
                    var values: [JSONValue] = []
                    if let share = row.share { values.append(Self.propertyValue("share", "valueDecimal", .decimal(share))) }
                    if let reverse = row.reverseShare { values.append(Self.propertyValue("reverseShare", "valueDecimal", .decimal(reverse))) }
                    targetElement.add("property", .array(values))
                    return targetElement.value
                }))
            }
            elements.append(element.value)
        }

        var group = JSONObject()
        group.add("source", settings.canonical("CodeSystem", map.sourceSet.rawValue))
        group.add("target", settings.canonical("CodeSystem", map.targetSet.rawValue))
        group.add("element", .array(elements))

        var resource = JSONObject()
        resource.add("resourceType", "ConceptMap")
        resource.add("id", id)
        resource.add("url", url)
        resource.add("version", registry.standard.version)
        resource.add("name", Self.computableName(map.id.rawValue.replacingOccurrences(of: "--", with: " to ")))
        resource.add("title", map.title)
        resource.add("status", publicationStatus)
        resource.add("experimental", .bool(false))
        resource.add("publisher", registry.standard.publisher)
        resource.add("description", description(title: map.title, element: nil, provenance: map.provenance, file: map.file,
                                                extra: "From \(map.sourceSet.rawValue) to \(map.targetSet.rawValue), valid for \(map.targetVersion). A source code with no counterpart is stated with noMap and the reason."))
        resource.add("copyright", map.provenance.licence)
        if hasShares {
            resource.add("property", .array([
                Self.conceptMapProperty("share", "the share of the source concept that falls in the target (0..1; ONS estimates)"),
                Self.conceptMapProperty("reverseShare", "the share of the target concept that comes from the source (0..1; ONS estimates)"),
            ]))
        }
        resource.add("group", .array([group.value]))
        return Resource(type: "ConceptMap", id: id, url: url, version: registry.standard.version, json: resource.value)
    }

    /// The extension that carries why a source code has no counterpart.
    var unmatchedReasonExtension: String { settings.canonical("StructureDefinition", "unmatched-reason") }

    private static func conceptMapProperty(_ code: String, _ description: String) -> JSONValue {
        var property = JSONObject()
        property.add("code", code)
        property.add("description", description)
        property.add("type", "decimal")
        return property.value
    }

    // MARK: - the bundle

    private func bundle(_ resources: [Resource]) -> JSONValue {
        var bundle = JSONObject()
        bundle.add("resourceType", "Bundle")
        bundle.add("id", bundleID)
        bundle.add("identifier", .object([("system", .string(settings.baseURL)), ("value", .string("\(bundleID)-\(registry.standard.version)"))]))
        bundle.add("type", "collection")
        bundle.add("entry", .array(resources.map { resource in
            .object([("fullUrl", .string(settings.canonical(resource.type, resource.id))), ("resource", resource.json)])
        }))
        return bundle.value
    }

    // MARK: - shared parts

    /// FHIR's publication status of the standard's own status (`draft`, `approved` ...).
    private var publicationStatus: String {
        switch registry.standard.status.lowercased() {
        case "draft", "proposed": return "draft"
        case "approved", "active", "published": return "active"
        case "retired": return "retired"
        default: return "unknown"
        }
    }

    private func description(title: String, element: String?, provenance: Provenance, file: String, extra: String?) -> String {
        var parts = [title.trimmingSpaces() + "."]
        if let extra { parts.append(extra) }
        if let element { parts.append("Element: \(element.trimmingSpaces()).") }
        parts.append("Source: \(provenance.source.trimmingSpaces()).")
        parts.append("File: \(file) of \(registry.standard.shortName) \(registry.standard.version).")
        var text = parts.joined(separator: " ")
        if !provenance.notes.isEmpty {
            text += "\n\n" + provenance.notes.map { "- " + $0.trimmingSpaces() }.joined(separator: "\n")
        }
        return text
    }

    /// A FHIR `name` (`[A-Z][A-Za-z0-9_]*`) made of the words of `text`:
    /// `harmonised.sex` -> `HarmonisedSex`.
    static func computableName(_ text: String) -> String {
        let words = text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        var name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if name.first.map({ !$0.isLetter }) ?? true { name = "C" + name }
        return String(name.prefix(255))
    }

    /// `id` if it is a valid FHIR resource id.
    static func checkedID(_ id: String) throws -> String {
        guard !id.isEmpty, id.utf8.count <= 64 else {
            throw ExportError.invalidResourceID(id, reason: "it has \(id.utf8.count) characters")
        }
        let allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".unicodeScalars
        if let bad = id.unicodeScalars.first(where: { !allowed.contains($0) }) {
            throw ExportError.invalidResourceID(id, reason: "it holds \"\(bad.escaped(asASCII: true))\"")
        }
        return id
    }
}
