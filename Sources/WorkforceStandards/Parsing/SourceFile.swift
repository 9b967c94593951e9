import Foundation

/// One file of the standard's source: its path relative to the root (`CodeSets/swf/post.csv`)
/// and its text. The embedded standard is a list of these, so the library needs no files.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The folders whose files make up the standard.
    public static let sourceFolders = ["Standards", "CodeSets"]

    /// Reads every source file under `root` (`Standards/**` and `CodeSets/**`, except README
    /// files), sorted by path so the result never depends on the file system's order.
    public static func readAll(under root: URL) throws -> [SourceFile] {
        var files: [SourceFile] = []
        let manager = FileManager.default
        for folder in sourceFolders {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in enumerator {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let name = url.lastPathComponent
                guard !name.hasPrefix("."), name != "README.md", name.hasSuffix(".csv") || name.hasSuffix(".txt") else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count))
                    .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                let data = try Data(contentsOf: url)
                files.append(SourceFile(path: relative, text: String(decoding: data, as: UTF8.self)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// A CSV file whose first lines are `# key: value` metadata, as code sets, maps and
/// collection catalogues are.
struct MetadataCSV {
    struct Entry { var key: String; var value: String; var line: Int }
    var metadata: [Entry] = []
    var header: [String] = []
    var headerLine = 0
    var rows: [CSVRecord] = []
    var problems: [CSVProblem] = []

    init(text: String) {
        var offset = text.startIndex
        var line = 0
        while offset < text.endIndex {
            let end = text[offset...].firstIndex(of: "\n") ?? text.endIndex
            let content = text[offset..<end]
            guard content.hasPrefix("#") else { break }
            line += 1
            let body = content.dropFirst().trimmingSpaces()
            if let colon = body.firstIndex(of: ":") {
                metadata.append(Entry(key: String(body[..<colon].trimmingSpaces()),
                                      value: String(body[body.index(after: colon)...].trimmingSpaces()), line: line))
            }
            offset = end < text.endIndex ? text.index(after: end) : end
        }
        let parsed = CSVParser.records(in: String(text[offset...]), startLine: line + 1)
        problems = parsed.problems
        guard let first = parsed.records.first else { return }
        header = first.fields
        headerLine = first.line
        rows = Array(parsed.records.dropFirst())
    }

    func value(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
    func values(_ key: String) -> [String] { metadata.filter { $0.key == key }.map(\.value) }
}
