import Foundation
import Testing
@testable import WorkforceStandards

/// The byte-level CSV scanner (``CSVParser``) against the plain version of what it does: RFC
/// 4180 read one Unicode scalar at a time into strings, written here. Seeded random files of
/// quoted and unquoted fields (separators, quotes, line breaks and non-ASCII text inside
/// quotes; LF and CRLF line ends), read whole and fed in random chunks.
@Suite("CSV parser against a plain reader")
struct CSVParserDifferentialTests {
    /// RFC 4180, plainly: each record's fields and the line it starts on.
    static func plainRecords(_ text: String) -> [(fields: [String], line: Int)] {
        var records: [(fields: [String], line: Int)] = []
        var fields: [String] = [], field = "", quoted = false, fieldStarted = false
        var line = 1, recordLine = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if quoted {
                if scalar == "\"" {
                    if next == "\"" { field.unicodeScalars.append("\""); index += 1 } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" && !fieldStarted {
                quoted = true
                fieldStarted = true
            } else if scalar == "," {
                fields.append(field)
                field = ""
                fieldStarted = false
            } else if scalar == "\r" || scalar == "\n" {
                if scalar == "\r" && next == "\n" { index += 1 }
                fields.append(field)
                records.append((fields, recordLine))
                fields = []
                field = ""
                fieldStarted = false
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
            index += 1
        }
        if fieldStarted || !fields.isEmpty { fields.append(field); records.append((fields, recordLine)) }
        return records
    }

    /// A well-formed file: fields needing quotes are quoted; no blank lines. `wide` rows have
    /// up to 90 fields, mostly plain (as an exchange file's are), read eight bytes at a time.
    static func randomFile(seed: UInt64, wide: Bool = false) -> String {
        var generator = SeededGenerator(seed: seed)
        let plain: [String] = ["a", "Z", "0", "7", " ", ".", "é", "€", "'", "=", "\t"]
        let special: [String] = [",", "\"", "\n", "\r\n"]
        var rows: [String] = []
        for _ in 0..<generator.int(1...30) {
            let count = generator.int(wide ? 1...90 : 1...6)
            var cells: [String] = []
            for _ in 0..<count {
                let length = generator.int(count == 1 ? 1...8 : 0...(wide ? 12 : 8))
                let needsQuotes = generator.int(0...(wide ? 19 : 3)) == 0
                let pieces = (0..<length).map { _ in needsQuotes && generator.int(0...3) == 0 ? special[generator.int(0...3)] : plain[generator.int(0...(plain.count - 1))] }
                let text = pieces.joined()
                cells.append(needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text)
            }
            rows.append(cells.joined(separator: ","))
        }
        let ending = generator.int(0...1) == 0 ? "\n" : "\r\n"
        return rows.joined(separator: ending) + (generator.int(0...1) == 0 ? ending : "")
    }

    static func parsed(_ text: String, chunks seed: UInt64?, longest: Int = 17) -> (records: [CSVRecord], problems: [CSVProblem]) {
        guard let seed else { return CSVParser.records(in: text) }
        final class Box: @unchecked Sendable { var records: [CSVRecord] = []; var problems: [CSVProblem] = [] }
        let box = Box()
        var parser = CSVParser(onRecord: { box.records.append($0) }, onProblem: { box.problems.append($0) })
        var generator = SeededGenerator(seed: seed)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + generator.int(1...longest))
            Array(bytes[start..<end]).withLentBuffer { parser.feed(buffer: $0) }
            start = end
        }
        parser.finish()
        return (box.records, box.problems)
    }

    @Test(arguments: 0..<200)
    func agreesWithThePlainReader(seed: Int) {
        let text = Self.randomFile(seed: UInt64(seed))
        let expected = Self.plainRecords(text)
        for chunks in [nil, UInt64(seed)] {
            let (records, problems) = Self.parsed(text, chunks: chunks)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
            #expect(records.map(\.fields) == expected.map(\.fields), "\(text.debugDescription)")
            #expect(records.map(\.line) == expected.map(\.line), "\(text.debugDescription)")
        }
    }

    /// Wide rows, whole and in chunks of up to 300 bytes: plain fields read a word at a time,
    /// with quotes, line ends, tabs and non-ASCII text at every place in a word.
    @Test(arguments: 0..<100)
    func agreesWithThePlainReaderOnWideRows(seed: Int) {
        let text = Self.randomFile(seed: UInt64(seed) &+ 10_000, wide: true)
        let expected = Self.plainRecords(text)
        for chunks in [nil, UInt64(seed)] {
            let (records, problems) = Self.parsed(text, chunks: chunks, longest: 300)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
            #expect(records.map(\.fields) == expected.map(\.fields), "\(text.debugDescription)")
            #expect(records.map(\.line) == expected.map(\.line), "\(text.debugDescription)")
        }
    }

    @Test func thePlainReaderReadsTheRFCsExample() {
        // RFC 4180, section 2, rules 6 and 7, by hand.
        let records = Self.plainRecords("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx\r\n\"a\"\"b\",,c")
        #expect(records.map(\.fields) == [["aaa", "b\r\nbb", "ccc"], ["zzz", "yyy", "xxx"], ["a\"b", "", "c"]])
        #expect(records.map(\.line) == [1, 3, 4])
    }
}
