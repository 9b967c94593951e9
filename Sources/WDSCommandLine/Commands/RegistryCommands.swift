import Foundation
import WorkforceStandards

/// The folder holding `Standards/` and `CodeSets/`: `--root`, else the current directory.
func standardRoot(_ arguments: Arguments) throws -> URL? {
    if let root = arguments.option("--root") {
        let url = URL(fileURLWithPath: root)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("Standards").path)
            || FileManager.default.fileExists(atPath: url.appendingPathComponent("CodeSets").path) else {
            throw DataProblem("\(root) holds neither Standards/ nor CodeSets/")
        }
        return url
    }
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return FileManager.default.fileExists(atPath: here.appendingPathComponent("Standards").path) ? here : nil
}

/// `wds check-registry`: validates the standard's files.
enum CheckRegistryCommand: Command {
    static let name = "check-registry"
    static let summary = "check Standards/ and CodeSets/: every problem as file:line: error: ... with a hint"
    static let help = """
    Usage: wds check-registry [--root DIR]

    Reads Standards/ and CodeSets/ under DIR (default: the current directory, or the copy
    built into wds when there is none there) and reports every problem, one per line on
    standard error, as `file:line: error: message (hint)`. Exit status 1 when there are errors.
    """
    static let options: Set<String> = ["--root"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        let diagnostics: [Diagnostic]
        let what: String
        if let root = try standardRoot(arguments) {
            diagnostics = try Registry.check(root: root)
            what = root.path
        } else {
            diagnostics = Registry.checkEmbedded()
            what = "the standard built into wds"
        }
        for diagnostic in diagnostics { console.err(diagnostic.description + "\n") }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let registry = errors == 0 ? (try? standardRoot(arguments)).flatMap { $0 }.flatMap { try? Registry.load(from: $0) } ?? Registry.embedded : nil
        var summary = "\(what): \(errors) error(s), \(warnings) warning(s)"
        if let registry {
            summary += "; \(registry.items.count) items, \(registry.codeSets.count) code sets, \(registry.maps.count) maps, \(registry.roleProfiles.count) role profiles"
        }
        console.out(summary + "\n")
        return errors == 0 ? 0 : 1
    }
}

/// `wds generate`: regenerates everything derived from the standard's files.
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "regenerate the embedded standard (and Docs/) from Standards/ and CodeSets/"
    static let help = """
    Usage: wds generate [--root DIR] [--check]

    Writes Sources/WorkforceStandards/Generated/EmbeddedStandard.swift from Standards/ and
    CodeSets/ under DIR (default: the current directory), and the post record model
    (Generated/PostRecordFields.swift: stored fields, properties, groups, exchange bindings)
    from the items' `column:`, `swift:` and `group:` names and Standards/groups.txt, and the
    organisation file's items (Generated/OrganisationRecordFields.swift) from their `record:`.
    Refuses when the standard has errors.
    With --check, writes nothing and exits 1 with a diff summary when the generated files are stale.
    """
    static let options: Set<String> = ["--root"]
    static let flags: Set<String> = ["--check"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        guard let root = try standardRoot(arguments) else {
            throw DataProblem("run it in the repository (the folder with Standards/ and CodeSets/) or give --root")
        }
        let files = try SourceFile.readAll(under: root)
        let (registry, diagnostics) = Registry.build(from: files)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for diagnostic in errors { console.err(diagnostic.description + "\n") }
            throw DataProblem("the standard has \(errors.count) error(s); fix them first (wds check-registry)")
        }
        let outputs = [(EmbeddedStandardGenerator.outputPath,
                        EmbeddedStandardGenerator.swiftSource(for: files, dataVersion: registry.standard.version))]
            + RecordModelGenerator.outputs(for: registry).map { ($0.path, $0.text) }
        var stale = 0
        for (path, text) in outputs {
            let url = root.appendingPathComponent(path)
            let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            guard existing != text else { continue }
            stale += 1
            if arguments.flag("--check") {
                console.err(GeneratedDiff.describe(path: path, old: existing, new: text))
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                console.out("wrote \(path)\n")
            }
        }
        if arguments.flag("--check") {
            console.out(stale == 0 ? "generated files are up to date\n" : "\(stale) generated file(s) are stale: run `swift run wds generate`\n")
            return stale == 0 ? 0 : 1
        }
        if stale == 0 { console.out("generated files were already up to date\n") }
        return 0
    }
}
