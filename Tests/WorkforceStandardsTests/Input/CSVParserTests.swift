import Testing
@testable import WorkforceStandards

@Suite("CSV reader")
struct CSVParserTests {
    @Test("line ends and quoting", arguments: [
        ("a,b\nc,d\n", [["a", "b"], ["c", "d"]]),
        ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        ("a,b\rc,d", [["a", "b"], ["c", "d"]]),
        ("\"a,1\",\"say \"\"hi\"\"\"\n", [["a,1", "say \"hi\""]]),
        ("\"two\nlines\",x\n", [["two\nlines", "x"]]),
        ("a,,\n", [["a", "", ""]]),
        ("\u{FEFF}code,label\n", [["code", "label"]]),
        ("a\n\n\nb\n", [["a"], ["b"]]),
        ("\"\"\n", [[""]]),
    ])
    func parses(text: String, expected: [[String]]) {
        let (records, problems) = CSVParser.records(in: text)
        #expect(records.map(\.fields) == expected)
        #expect(problems.isEmpty)
    }

    @Test func recordsCarryTheirStartingLine() {
        let (records, _) = CSVParser.records(in: "h\n\"x\ny\"\nz\n")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("malformed input is kept and reported", arguments: [
        ("\"open,field\n", CSVProblem.Kind.unclosedQuote, [["open,field\n"]]),
        ("ab\"c,d\n", .quoteInUnquotedField, [["ab\"c", "d"]]),
        ("\"ab\"c,d\n", .textAfterClosingQuote, [["abc", "d"]]),
        ("a\u{0}b\n", .nulByte, [["ab"]]),
    ])
    func reportsProblems(text: String, kind: CSVProblem.Kind, expected: [[String]]) {
        let (records, problems) = CSVParser.records(in: text)
        #expect(records.map(\.fields) == expected)
        #expect(problems.map(\.kind) == [kind])
    }

    @Test func invalidUTF8IsReplacedAndReported() {
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []
        var parser = CSVParser(onRecord: { records.append($0) }, onProblem: { problems.append($0) })
        parser.feed([0x61, 0xFF, 0x62, 0x0A])
        parser.finish()
        #expect(records.map(\.fields) == [["a\u{FFFD}b"]])
        #expect(problems.map(\.kind) == [.invalidUTF8])
    }

    @Test func chunkBoundariesDoNotMatter() {
        let text = Array("\u{FEFF}x,\"a\"\"b\"\r\n1,2\r\n".utf8)
        for split in 0...text.count {
            var records: [[String]] = []
            var parser = CSVParser(onRecord: { records.append($0.fields) })
            parser.feed(text[..<split])
            parser.feed(text[split...])
            parser.finish()
            #expect(records == [["x", "a\"b"], ["1", "2"]], "split at \(split)")
        }
    }

    /// The fast path reads whole fields in place from a buffer and copies them once per row.
    /// Whatever the text and wherever the buffers are cut, it must give the rows and problems
    /// that the byte-by-byte state machine gives, both as strings and as lent bytes.
    @Test func buffersGiveWhatByteByByteReadingGives() {
        var random = SeededGenerator(seed: 5)
        // Ordinary bytes, the bytes that mean something, a two-byte letter, bytes that are not
        // UTF-8 and a NUL, so every path through the parser is taken, the slow ones too.
        let pieces: [[UInt8]] = [[0x61], [0x62, 0x63], Array("R237".utf8), [0x2C], [0x2C], [0x22], [0x0A], [0x0D], [0x0D, 0x0A],
                                 [0x20], Array("é".utf8), [0xFF], [0xC3], [0x00], [0xEF, 0xBB, 0xBF]]
        for round in 0..<2_000 {
            var text: [UInt8] = round % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<random.int(0...60) { text += random.pick(pieces) }

            var expected: [CSVRecord] = []
            var expectedProblems: [CSVProblem] = []
            var byteByByte = CSVParser(onRecord: { expected.append($0) }, onProblem: { expectedProblems.append($0) })
            byteByByte.feed(text)
            byteByByte.finish()

            var records: [CSVRecord] = []
            var problems: [CSVProblem] = []
            var rows: [CSVRecord] = []
            var rowProblems: [CSVProblem] = []
            var buffered = CSVParser(onRecord: { records.append($0) }, onProblem: { problems.append($0) })
            var raw = CSVParser(onRawRow: { rows.append($0.record) }, onProblem: { rowProblems.append($0) })
            var start = 0
            while start < text.count {
                let end = min(text.count, start + random.int(1...24))
                text[start..<end].withUnsafeBufferPointer { chunk in
                    buffered.feed(buffer: chunk)
                    raw.feed(buffer: chunk)
                }
                start = end
            }
            buffered.finish()
            raw.finish()
            #expect(records == expected, "\(text)")
            #expect(problems == expectedProblems, "\(text)")
            #expect(rows == expected, "\(text)")
            #expect(rowProblems == expectedProblems, "\(text)")
        }
    }

    /// A row of many fields (more than the parser first makes room for) read from one buffer.
    @Test func wideRowsInOneBufferAsByteByByte() {
        let fields = (0..<1_500).map { index in index % 7 == 0 ? "" : index % 11 == 0 ? "é\(index)" : index % 13 == 0 ? "\"q,\(index)\"" : "f\(index)" }
        let text = Array((fields.joined(separator: ",") + "\n" + fields.reversed().joined(separator: ",")).utf8)
        var expected: [CSVRecord] = []
        var byteByByte = CSVParser(onRecord: { expected.append($0) })
        byteByByte.feed(text)
        byteByByte.finish()
        var rows: [CSVRecord] = []
        var raw = CSVParser(onRawRow: { rows.append($0.record) })
        text.withUnsafeBufferPointer { raw.feed(buffer: $0) }
        raw.finish()
        #expect(expected.count == 2 && expected[0].fields.count == 1_500)
        #expect(rows == expected)
    }

    @Test("writer quotes only when needed", arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"x\"", "\"say \"\"x\"\"\""), ("two\nlines", "\"two\nlines\""),
    ])
    func writerEscapes(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
        #expect(CSVParser.records(in: CSVWriter.line([field, "z"])).records.first?.fields == [field, "z"])
    }
}

@Suite("Natural order")
struct NaturalOrderTests {
    @Test func sortsNumbersByValue() {
        let codes = ["A1", "10A", "2", "10", "1", "01", "B", "1111", "111"]
        #expect(codes.sorted(by: NaturalOrder.areInIncreasingOrder) == ["1", "01", "2", "10", "10A", "111", "1111", "A1", "B"])
    }

    @Test func isATotalOrder() {
        // "numeric when both are numbers, else text" is not transitive: 2 < 10 < 1A < 2.
        let codes = ["2", "10", "1A", "A", "a", "9Z", "0", "00", "R101", "R99", "G1A", "G1"]
        for a in codes {
            #expect(NaturalOrder.compare(a, a) == 0)
            for b in codes {
                #expect(NaturalOrder.compare(a, b) == -NaturalOrder.compare(b, a))
                for c in codes where NaturalOrder.compare(a, b) < 0 && NaturalOrder.compare(b, c) < 0 {
                    #expect(NaturalOrder.compare(a, c) < 0, "\(a) < \(b) < \(c)")
                }
            }
        }
    }
}

@Suite("Record files")
struct RecordFileTests {
    @Test func parsesRecordsContinuationsAndComments() {
        let text = "# comment\nref: P1\nname: A\ndescription: one\n  two\n\n\nref: P2\nused-in: x\nused-in: y\n"
        let (records, problems) = RecordFileParser.parse(text)
        #expect(problems.isEmpty)
        #expect(records.count == 2)
        #expect(records[0].value("description") == "one\ntwo")
        #expect(records[0].line == 2)
        #expect(records[1].values("used-in") == ["x", "y"])
        #expect(records[1].line(of: "used-in") == 9)
    }

    @Test func reportsLinesThatAreNotFields() {
        let (_, problems) = RecordFileParser.parse("ref: P1\nno colon here\n  \n  orphan\nBad Key: x\n")
        #expect(problems.map(\.line) == [2, 4, 5])
    }
}
