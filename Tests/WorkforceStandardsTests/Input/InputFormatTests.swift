import Foundation
import Testing
@testable import WDSCommandLine
@testable import WorkforceStandards

/// Files as councils have them: Excel's "CSV (semicolon)", "Unicode text" (UTF-16 with tabs),
/// plain "CSV" in Windows-1252. Each variant of the bundled example file is written here byte by
/// byte, independently of the reader, and must give the same returns as the UTF-8 comma file.
@Suite("input files: separators and encodings", .serialized)
struct InputFormatTests {
    /// The example data with a typographic apostrophe (U+2019, Windows-1252 0x92) in O’Brien.
    static let reference: String = {
        let text = try! String(contentsOf: Paths.repository.appendingPathComponent("Examples/posts.csv"), encoding: .utf8)
        return text.replacingOccurrences(of: "O'Brien", with: "O\u{2019}Brien")
    }()

    /// The reference's rows written with `separator`, quoting a field that holds it (RFC 4180).
    static func separated(by separator: Character) -> String {
        let rows = csvRows(reference)
        return rows.map { row in
            row.map { field in field.contains(separator) || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field }
                .joined(separator: String(separator))
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// UTF-16 code units of `text`, with a byte-order mark, in either byte order.
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in [UInt16(0xFEFF)] + Array(text.utf16) {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bigEndian ? pair.reversed() : pair
        }
        return bytes
    }

    /// The reference in Windows-1252: it is ASCII but for the apostrophe, 0x92 there.
    static var windows1252: [UInt8] {
        var bytes: [UInt8] = []
        for scalar in reference.unicodeScalars {
            if scalar.value == 0x2019 { bytes.append(0x92) } else {
                precondition(scalar.isASCII)
                bytes.append(UInt8(scalar.value))
            }
        }
        return bytes
    }

    /// Runs `wds project --to all` on `bytes`; returns the status, standard error and every output file.
    static func project(_ bytes: [UInt8], extra: [String] = []) throws -> (status: Int32, err: String, files: [String: Data]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wds-input-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("posts.csv")
        try Data(bytes).write(to: input)
        let out = directory.appendingPathComponent("out")
        let result = wds(["project", "--to", "all", "--year", "2025", "--organisations",
                          Paths.repository.appendingPathComponent("Examples/organisations.csv").path, "--out-dir", out.path, "--threads", "1"] + extra + [input.path])
        var files: [String: Data] = [:]
        if let walker = FileManager.default.enumerator(atPath: out.path) {
            for case let name as String in walker {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path, isDirectory: &isFolder)
                if !isFolder.boolValue { files[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
            }
        }
        return (result.status, result.err, files)
    }

    static let variants: [(name: String, bytes: [UInt8], summary: String)] = [
        ("semicolon", Array(separated(by: ";").utf8), "input: UTF-8 (assumed), semicolon-separated (detected)"),
        ("tab", Array(separated(by: "\t").utf8), "input: UTF-8 (assumed), tab-separated (detected)"),
        ("UTF-16 LE with BOM", utf16(reference, bigEndian: false), "input: UTF-16 little-endian (byte-order mark), comma-separated (detected)"),
        ("UTF-16 BE with BOM, tabs", utf16(separated(by: "\t"), bigEndian: true), "input: UTF-16 big-endian (byte-order mark), tab-separated (detected)"),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(reference.utf8), "input: UTF-8 (byte-order mark), comma-separated (detected)"),
        ("Windows-1252", windows1252, "input: Windows-1252 (detected), comma-separated (detected)"),
    ]

    @Test("each variant gives the returns of the UTF-8 comma file", arguments: variants.indices)
    func sameReturns(index: Int) throws {
        let variant = Self.variants[index]
        let expected = try Self.project(Array(Self.reference.utf8))
        #expect(expected.err.contains("input: UTF-8 (assumed), comma-separated (detected)"))
        let swf = try #require(expected.files.first { $0.key.hasPrefix("swf/") && $0.key.hasSuffix(".xml") && String(decoding: $0.value, as: UTF8.self).contains("O\u{2019}Brien") },
                               "the name reaches an SWF message")
        let actual = try Self.project(variant.bytes)
        #expect(actual.err.contains(variant.summary), "\(variant.name): \(actual.err.prefix(300))")
        #expect(actual.status == expected.status, "\(variant.name)")
        #expect(Set(actual.files.keys) == Set(expected.files.keys), "\(variant.name)")
        for (name, data) in expected.files where name != "reconciliation-summary.txt" && name != "diagnostics.csv" && name != "report.html" {
            #expect(actual.files[name] == data, "\(variant.name): \(name) differs")
        }
        #expect(actual.files[swf.key] == swf.value)
        // The diagnostics are the same, but for Windows-1252's query about the encoding.
        var diagnostics = csvRows(String(decoding: actual.files["diagnostics.csv"] ?? Data(), as: UTF8.self))
        if variant.name == "Windows-1252" {
            let query = try #require(diagnostics.first { $0.contains("file.encoding") })
            #expect(query.contains("query") && query.joined().contains("0x92"), "\(query)")
            diagnostics.removeAll { $0.contains("file.encoding") }
        }
        #expect(diagnostics == csvRows(String(decoding: expected.files["diagnostics.csv"] ?? Data(), as: UTF8.self)), "\(variant.name)")
    }

    @Test func theOverridesWin() throws {
        // A semicolon file whose header happens to hold more commas is read as the user says.
        let text = "a,b,c;d\n1,2,3;4\n"
        let detected = try Array(text.utf8).withUnsafeBufferPointer { try InputFormat.detect(head: $0, isWholeInput: true) }
        #expect(detected.separator == UInt8(ascii: ",") && detected.separatorSource == .detected)
        let given = try Array(text.utf8).withUnsafeBufferPointer { try InputFormat.detect(head: $0, isWholeInput: true, separator: UInt8(ascii: ";")) }
        #expect(given.separator == UInt8(ascii: ";") && given.separatorSource == .given)
        let semicolon = try Self.project(Array(Self.separated(by: ";").utf8), extra: ["--separator", "semicolon", "--encoding", "utf-8"])
        #expect(semicolon.err.contains("input: UTF-8 (given), semicolon-separated (given)"))
        // Windows-1252 bytes read as UTF-8 because the user says so: the reader's own report.
        let forced = try Self.project(Self.windows1252, extra: ["--encoding", "utf-8"])
        #expect(forced.status == 1)
        #expect(String(decoding: forced.files["diagnostics.csv"] ?? Data(), as: UTF8.self).contains("not UTF-8"))
        #expect(wds("validate", "--encoding", "ebcdic", "-").status == 64)
        #expect(wds("validate", "--separator", "pipe", "-").status == 64)
    }

    @Test("a file that cannot be read gets one clear error", arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "spreadsheet workbook"),
        ([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00], "UTF-32"),
        (Array("record_id,family_name\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "--encoding utf-16le"),
    ] as [([UInt8], String)])
    func unreadable(bytes: [UInt8], reason: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wds-unreadable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("in.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for arguments in [["validate", path], ["project", "--to", "lges", "--out-dir", directory.appendingPathComponent("out").path, path]] {
            let result = wds(arguments)
            #expect(result.status == 1)
            let lines = result.err.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(reason), "\(result.err)")
        }
    }

    /// wds code-title --column reads a council's title list as Excel saved it on Windows.
    @Test func codeTitleReadsAWindowsSemicolonFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wds-titles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("titles.csv").path
        // "Children's" with Windows-1252's right single quotation mark, 0x92.
        try Data(Array("id;job title\r\n1;Children".utf8) + [0x92] + Array("s Social Worker\r\n".utf8)).write(to: URL(fileURLWithPath: path))
        let result = wds("code-title", "--column", "job title", path)
        #expect(result.status == 0, "\(result.err)")
        let rows = csvRows(result.out)
        #expect(rows.count == 2 && rows[1][1] == "Children\u{2019}s Social Worker", "\(rows)")
        #expect(result.err.contains("Windows-1252 (detected), semicolon-separated (detected)"))
    }

    @Test func utf16CutBetweenChunksIsReadWhole() {
        // A surrogate pair and a code unit split over reads.
        let text = "a,\u{1F600}é\n"
        let bytes = Self.utf16(text, bigEndian: false)
        for cut in 1..<bytes.count {
            var transcoder = InputTranscoder(encoding: .utf16LE)
            var output: [UInt8] = []
            bytes[..<cut].withUnsafeBufferPointer { transcoder.transcode($0, into: &output) }
            bytes[cut...].withUnsafeBufferPointer { transcoder.transcode($0, into: &output) }
            transcoder.finish(into: &output)
            #expect(output == Array(text.utf8), "cut at \(cut)")
        }
    }
}
