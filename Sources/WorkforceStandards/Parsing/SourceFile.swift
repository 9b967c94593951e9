import Foundation

/// One file of the standard's source: its path relative to the root (`CodeSets/swf/post.csv`)
/// and its text. The embedded standard is a list of these, so the library needs no files.
public struct SourceFile: Sendable, Equatable {
    /// The path relative to the standard's root (`CodeSets/swf/post.csv`).
    public var path: String
    /// The file's text.
    public var text: String

    /// The file at `path` holding `text`.
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
        // Metadata lines are found on bytes; the rest of the file is parsed where it lies.
        final class Sink { var records: [CSVRecord] = []; var problems: [CSVProblem] = [] }
        let sink = Sink()
        metadata = LentBytes.withUTF8(of: text) { bytes in
            let (entries, offset, line) = Self.metadataLines(bytes)
            var parser = CSVParser(startLine: line + 1, onRecord: { sink.records.append($0) }, onProblem: { sink.problems.append($0) })
            parser.feed(buffer: bytes.extracting(from: offset))
            parser.finish()
            return entries
        }
        problems = sink.problems
        guard let first = sink.records.first else { return }
        header = first.fields
        headerLine = first.line
        rows = Array(sink.records.dropFirst())
    }

    /// The metadata and header of a file whose rows are read later.
    init(metadata: [Entry], header: [String], headerLine: Int) {
        self.metadata = metadata
        self.header = header
        self.headerLine = headerLine
    }

    /// Only the metadata and the header of `text`, read without parsing the rows; nil when the
    /// header line is not plain (quotes, carriage returns, non-ASCII or empty), so that the
    /// whole file must be read to know it.
    static func head(of text: String) -> MetadataCSV? {
        return LentBytes.withUTF8(of: text) { bytes -> MetadataCSV? in
            let (metadata, offset, line) = metadataLines(bytes)
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A {
                let byte = bytes[end]
                guard byte != UInt8(ascii: "\""), byte != 0x0D, byte < 0x80, byte != 0 else { return nil }
                end += 1
            }
            guard end > offset else { return nil }
            let header = bytes.extracting(offset..<end).string
                .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return MetadataCSV(metadata: metadata, header: header, headerLine: line + 1)
        }
    }

    /// The `# key: value` lines at the top of a file: the entries, where the rest starts, and
    /// how many lines they took.
    private static func metadataLines(_ bytes: LentBytes) -> (entries: [Entry], offset: Int, lines: Int) {
        var entries: [Entry] = []
        var offset = 0
        var line = 0
        while offset < bytes.count, bytes[offset] == UInt8(ascii: "#") {
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            line += 1
            let body = bytes.extracting((offset + 1)..<end).string
            if let colon = body.firstIndex(of: ":") {
                entries.append(Entry(key: String(body[..<colon].trimmingSpaces()),
                                     value: String(body[body.index(after: colon)...].trimmingSpaces()), line: line))
            }
            offset = min(end + 1, bytes.count)
        }
        return (entries, offset, line)
    }

    func value(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
    func values(_ key: String) -> [String] { metadata.filter { $0.key == key }.map(\.value) }
}
