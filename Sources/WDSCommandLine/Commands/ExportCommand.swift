import Foundation
import WorkforceStandards

/// `wds export fhir|sssom`: the standard in the formats terminology servers and mapping tools
/// load.
enum ExportCommand: Command {
    static let name = "export"
    static let summary = "the standard as HL7 FHIR R5 resources (fhir) or SSSOM mapping sets (sssom)"
    static let help = """
    Usage: wds export fhir|sssom --out-dir DIR [--base URL] [--root DIR]

    fhir   writes HL7 FHIR R5 JSON resources to DIR, one file each, and a Bundle holding them
           all: a CodeSystem for every code set (a collection's sets once per collection year,
           version = the year; the harmonised sets, the role code set and SOC2000, SOC2010 and
           SOC2020 with version = the standard's data version), each code's status and
           validity years as properties and hierarchies by the parent property; a ValueSet for
           the domain of every coded item; a ConceptMap for every map, with R5 relationships,
           ONS shares as properties and noMap for a source code with no counterpart.
    sssom  writes every map as an SSSOM TSV mapping set (<map id>.sssom.tsv) with its metadata
           block; predicates follow the relationship (skos:exactMatch, broadMatch, narrowMatch,
           relatedMatch; sssom:NoTermFound for a code with no counterpart) and an ONS share is
           the row's confidence.

    Canonical URLs are <base>/CodeSystem/<set id>, <base>/ValueSet/<item>, <base>/ConceptMap/<map id>;
    --base defaults to \(ExportSettings.defaultBaseURL) (a placeholder: give the URL you publish under).
    The standard is the one built into wds, or the one under --root. Files are the same bytes on
    every run; files already in DIR that are not generated are left alone.
    """
    static let options: Set<String> = ["--out-dir", "--base", "--root"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let format = try arguments.expectPositional("fhir|sssom")[0]
        guard format == "fhir" || format == "sssom" else {
            throw UsageError("\"\(format)\" is not an export format (valid: fhir, sssom)")
        }
        guard let outDir = arguments.option("--out-dir") else { throw UsageError("give --out-dir DIR") }
        let settings: ExportSettings
        do {
            settings = try ExportSettings(baseURL: arguments.option("--base") ?? ExportSettings.defaultBaseURL)
        } catch let error as ExportError {
            throw UsageError("--base: \(error)")
        }
        let registry = try loadRegistry(arguments)

        let files: [ExportFile]
        var summary: String
        do {
            if format == "fhir" {
                let export = FHIRExport(registry: registry, settings: settings)
                let resources = try export.resources()
                files = try export.files()
                let counts = ["CodeSystem", "ValueSet", "ConceptMap"].map { type in "\(resources.filter { $0.type == type }.count) \(type)" }
                summary = counts.joined(separator: ", ") + " and 1 Bundle (\(export.bundleFile))"
            } else {
                files = try SSSOMExport(registry: registry, settings: settings).files()
                summary = "\(files.count) mapping sets"
            }
        } catch let error as ExportError {
            throw DataProblem(error.description)
        }

        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        var bytes = 0
        for file in files {
            try DocsCommand.writeFile((outDir as NSString).appendingPathComponent(file.path), file.contents)
            bytes += file.contents.utf8.count
        }
        summary += ", \(files.count) files, \(bytes) bytes, standard data version \(registry.standard.version)"
        console.out("\(outDir): \(summary)\n")
        return 0
    }

    /// The standard under --root, else the one built into wds.
    private static func loadRegistry(_ arguments: Arguments) throws -> Registry {
        guard arguments.option("--root") != nil, let root = try standardRoot(arguments) else { return Registry.embedded }
        do {
            return try Registry.load(from: root)
        } catch RegistryError.invalid(let errors) {
            throw DataProblem("the standard under \(root.path) has \(errors.count) error(s); fix them first (wds check-registry)")
        }
    }
}
