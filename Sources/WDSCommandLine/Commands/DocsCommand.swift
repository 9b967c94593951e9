import Foundation
import WorkforceStandards

/// `wds docs`: writes `Docs/` (Markdown and the offline HTML site) from the standard's files,
/// or with `--check` says whether the committed `Docs/` is current.
enum DocsCommand: Command {
    static let name = "docs"
    static let summary = "regenerate Docs/ (Markdown and an offline HTML site with search); --check for drift"
    static let help = """
    Usage: wds docs [--root DIR] [--out DIR] [--check]

    Reads Standards/ and CodeSets/ under DIR (default: the current directory) and writes the
    published definitions to --out (default: DIR/Docs): Markdown pages (README.md, items/,
    code-sets/, maps/, roles/, soc2000/ ...) and the same pages as a static HTML site in
    site/ with an offline search (open site/index.html in a browser). Files are stamped with
    the data version and are identical on every run; files under --out that carry the stamp
    but are no longer generated are removed, other files are left alone.

    With --check, writes nothing: exits 1 and prints a diff of the first stale files when the
    output is not what the standard generates. Exit status 1 also when the standard has errors.
    """
    static let options: Set<String> = ["--root", "--out"]
    static let flags: Set<String> = ["--check"]

    /// How many stale files `--check` shows a diff of; the rest are only named.
    static let diffsShown = 3
    /// How many stale, missing or no longer generated files `--check` names of each kind.
    static let listed = 20

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        guard let root = try standardRoot(arguments) else {
            throw DataProblem("run it in the repository (the folder with Standards/ and CodeSets/) or give --root")
        }
        let registry: Registry
        do {
            registry = try Registry.load(from: root)
        } catch RegistryError.invalid(let errors) {
            for diagnostic in errors { console.err(diagnostic.description + "\n") }
            throw DataProblem("the standard has \(errors.count) error(s); fix them first (wds check-registry)")
        }
        let output = arguments.option("--out").map { URL(fileURLWithPath: $0) }
            ?? root.appendingPathComponent(DocumentationGenerator.outputFolder)
        let files = DocumentationGenerator.files(for: registry)
        let plan = try DocsPlan(files: files, output: output)
        let shown = output.path

        if arguments.flag("--check") {
            for (index, path) in plan.changed.enumerated() {
                if index < diffsShown {
                    console.err(GeneratedDiff.describe(path: path, old: plan.existing[path] ?? "", new: files[path] ?? ""))
                } else if index < listed {
                    console.err("stale: \(path)\n")
                }
            }
            // A missing Docs/ would otherwise list a thousand files.
            for path in plan.added.prefix(listed) { console.err("missing: \(path)\n") }
            if plan.added.count > listed { console.err("missing: \(plan.added.count - listed) more\n") }
            for path in plan.removed.prefix(listed) { console.err("no longer generated: \(path)\n") }
            if plan.removed.count > listed { console.err("no longer generated: \(plan.removed.count - listed) more\n") }
            if plan.changed.count > listed { console.err("stale: \(plan.changed.count - listed) more\n") }
            let stale = plan.changed.count + plan.added.count + plan.removed.count
            if stale == 0 {
                console.out("\(shown) is up to date (\(files.count) files, standard data version \(registry.standard.version))\n")
                return 0
            }
            console.out("\(shown) is stale: \(plan.changed.count) changed, \(plan.added.count) missing, \(plan.removed.count) no longer generated; run `swift run wds docs`\n")
            return 1
        }

        let manager = FileManager.default
        let writes = plan.added + plan.changed
        // One createDirectory per folder, not per file: a first run writes a thousand files.
        for folder in Set(writes.map { ($0 as NSString).deletingLastPathComponent }).sorted() {
            try manager.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for path in writes {
            try writeFile(output.appendingPathComponent(path).path, files[path]!)
        }
        for path in plan.removed {
            try manager.removeItem(at: output.appendingPathComponent(path))
        }
        try removeEmptyFolders(in: output)
        console.out("\(shown): \(plan.added.count) written, \(plan.changed.count) updated, \(plan.removed.count) removed, \(files.count - plan.added.count - plan.changed.count) unchanged (standard data version \(registry.standard.version))\n")
        return 0
    }

    /// Removes folders left empty by removed pages, deepest first.
    private static func removeEmptyFolders(in folder: URL) throws {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        var folders: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            folders.append(url)
        }
        for url in folders.sorted(by: { $0.path.count > $1.path.count }) {
            if (try? manager.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try manager.removeItem(at: url) }
        }
    }
}

/// What writing the documentation would change: files to add, to update and to remove.
struct DocsPlan {
    /// Paths (relative to the output folder) generated but not there yet, sorted.
    var added: [String] = []
    /// Paths there whose contents differ, sorted.
    var changed: [String] = []
    /// Paths there that carry the stamp but are no longer generated, sorted.
    var removed: [String] = []
    /// The current text of changed files.
    var existing: [String: String] = [:]

    init(files: [String: String], output: URL) throws {
        let onDisk = try Self.filesOnDisk(in: output)
        for path in files.keys.sorted() {
            guard let data = onDisk[path] else {
                added.append(path)
                continue
            }
            // Compare bytes: decoding megabytes of unchanged pages would be the slowest step.
            if data != Data(files[path]!.utf8) {
                changed.append(path)
                existing[path] = String(decoding: data, as: UTF8.self)
            }
        }
        let marker = Data(DocumentationGenerator.marker.utf8)
        let exports = DocumentationGenerator.exportsFolder + "/"
        for (path, data) in onDisk where files[path] == nil && (data.range(of: marker) != nil || path.hasPrefix(exports)) {
            removed.append(path)
        }
        removed.sort()
    }

    /// Every regular file under `folder` by relative path (empty when the folder is absent).
    private static func filesOnDisk(in folder: URL) throws -> [String: Data] {
        let manager = FileManager.default
        var files: [String: Data] = [:]
        guard manager.fileExists(atPath: folder.path),
              let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}
