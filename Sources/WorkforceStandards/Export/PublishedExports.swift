/// The export files published with the documentation site (`Docs/site/exports/`), and which
/// page links which file.
///
/// The site carries what a reader opens from a page: each code set's CodeSystem (for a
/// collection's set, its latest collection year), every ValueSet and ConceptMap, and every
/// SSSOM mapping set, all with the default base URL and the same bytes as `wds export`. The
/// earlier collection years and the Bundle that holds everything (about 17 MB) are left to
/// `wds export fhir`, to keep the committed site small.
struct PublishedExports: Sendable {
    /// The folder inside the HTML site.
    static let folder = "exports"

    /// Files by path relative to the site's root (`exports/fhir/CodeSystem-harmonised.sex.json`).
    private(set) var files: [String: String] = [:]
    /// The FHIR CodeSystem file of each code set, relative to the site's root.
    private(set) var codeSystems: [CodeSetID: String] = [:]
    /// The FHIR ConceptMap file of each map, relative to the site's root.
    private(set) var conceptMaps: [ConceptMapID: String] = [:]
    /// The SSSOM file of each map, relative to the site's root.
    private(set) var mappingSets: [ConceptMapID: String] = [:]

    /// Nothing published.
    static let none = PublishedExports()

    private init() {}

    /// The exports of `registry`. An export that cannot be made (a map whose licence has no
    /// known URL, an id FHIR cannot take) is left out and so not linked; `wds export` reports
    /// the reason.
    init(registry: Registry) {
        let settings = try! ExportSettings()   // the default base is a valid URL
        let fhir = FHIRExport(registry: registry, settings: settings)
        if let resources = try? fhir.resources() {
            let published = Set(registry.codeSets.map(fhir.codeSystemFile) + resources.filter { $0.type != "CodeSystem" }.map(\.file))
            for resource in resources where published.contains(resource.file) {
                files["\(Self.folder)/fhir/\(resource.file)"] = resource.json.rendered()
            }
            for set in registry.codeSets { codeSystems[set.id] = "\(Self.folder)/fhir/\(fhir.codeSystemFile(for: set))" }
            for map in registry.maps { conceptMaps[map.id] = "\(Self.folder)/fhir/\(fhir.conceptMapFile(for: map))" }
        }
        let sssom = SSSOMExport(registry: registry, settings: settings)
        for map in registry.maps {
            guard let text = try? sssom.mappingSet(map) else { continue }
            let path = "\(Self.folder)/sssom/\(sssom.file(for: map))"
            files[path] = text
            mappingSets[map.id] = path
        }
    }
}
