import Foundation
import Testing
@testable import WorkforceStandards

/// The byte-level writers the projections write their lines with (``CSVLine``, ``ByteBuffer``,
/// the digit formatters, ``XMLWriter``'s typed elements) checked against the plain, string-built
/// forms they replace: `SafeCSV.line`, `String(n)`, `String(format:)`.
@Suite("Output writers")
struct OutputWriterTests {
    /// Cells drawn from the characters that matter to CSV and to spreadsheets.
    static func randomCells(_ count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let alphabet: [String] = ["a", "Z", "0", "7", ".", ",", "\"", "\n", "\r", "=", "+", "-", "@", "\t", " ", "'", "é", "€", ";", "/"]
        return (0..<count).map { _ in
            let length = Int.random(in: 0...9, using: &generator)
            return (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }.joined()
        }
    }

    static func line(_ write: (inout CSVLine) -> Void) -> String {
        var line = CSVLine(capacity: 4)
        write(&line)
        line.endLine()
        return line.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a CSV line written cell by cell is SafeCSV's line of the same cells")
    func csvLineMatchesSafeCSV() {
        let fixed = ["", "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "=SUM(A1)", "+44", "-3.5", "-x", "@home", "\tlead", "'quoted", "12", "é€"]
        var rows = [fixed]
        for seed in 0..<300 { rows.append(Self.randomCells(1 + Int(seed % 12), seed: UInt64(seed))) }
        var line = CSVLine(capacity: 8)
        for cells in rows {
            line.removeAll()
            for cell in cells { line.text(cell) }
            line.endLine()
            let written = line.withBytes { String(decoding: $0, as: UTF8.self) }
            #expect(written == SafeCSV.line(cells) + "\n", "cells \(cells)")
        }
        // nil is an empty cell.
        #expect(Self.line { $0.text(nil); $0.text("x"); $0.text(nil) } == ",x,\n")
    }

    @Test("numbers are written as String(n) and as fixed decimals")
    func digits() {
        var generator = SeededGenerator(seed: 3)
        var integers: [Int] = [0, 1, -1, 9, 10, -10, 999, Int.max, Int.min, Int(Int64.max), 1_000_000]
        for _ in 0..<2_000 { integers.append(Int.random(in: -10_000_000...10_000_000, using: &generator)) }
        for value in integers {
            #expect(Self.line { $0.integer(value) } == String(value) + "\n")
        }
        #expect(Self.line { $0.integer(nil) } == "\n")
        // Fixed decimals against Foundation's decimal arithmetic (exact for these magnitudes).
        func expected(_ scaled: Int64, _ places: Int) -> String {
            var value = Decimal(scaled)
            var result = Decimal()
            _ = NSDecimalMultiplyByPowerOf10(&result, &value, Int16(-places), .plain)
            var text = NSDecimalNumber(decimal: result).stringValue
            // NSDecimalNumber drops trailing zeros and a leading zero's point: write exactly `places` decimals.
            let negative = text.hasPrefix("-")
            if negative { text.removeFirst() }
            var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1 { parts.append("") }
            if places == 0 { return (negative ? "-" : "") + parts[0] }
            return (negative ? "-" : "") + parts[0] + "." + parts[1] + String(repeating: "0", count: places - parts[1].count)
        }
        var scaledValues: [Int64] = [0, 1, -1, 5, -5, 99, 100, -100, 1250, Int64.max, Int64.min + 1]
        for _ in 0..<2_000 { scaledValues.append(Int64.random(in: -100_000_000...100_000_000, using: &generator)) }
        for scaled in scaledValues {
            for places in 0...6 {
                #expect(Self.line { $0.fixed(scaled, places: places) } == expected(scaled, places) + "\n", "\(scaled) at \(places)")
                #expect(LGESNumber.fixed(scaled, places: places) == expected(scaled, places))
            }
        }
        // Beyond the stack buffer the text is joined instead; the same digits.
        #expect(DecimalDigits.withFixed(-5, places: 30) { String(decoding: $0, as: UTF8.self) } == "-0." + String(repeating: "0", count: 29) + "5")
        #expect(DecimalDigits.withFixed(Int64.min, places: 0) { String(decoding: $0, as: UTF8.self) } == String(Int64.min))
        for places in [25, 30, 40] {
            for scaled in scaledValues.prefix(200) {
                #expect(DecimalDigits.withFixed(scaled, places: places) { String(decoding: $0, as: UTF8.self) } == expected(scaled, places))
            }
        }
    }

    @Test("dates are written DD/MM/YYYY and YYYY-MM-DD")
    func dates() {
        var generator = SeededGenerator(seed: 5)
        var dates = [SimpleDate(year: 1, month: 1, day: 1)!, SimpleDate(year: 9999, month: 12, day: 31)!, SimpleDate(year: 2024, month: 2, day: 29)!]
        for _ in 0..<2_000 {
            if let date = SimpleDate(year: Int.random(in: 1...9999, using: &generator), month: Int.random(in: 1...12, using: &generator),
                                     day: Int.random(in: 1...31, using: &generator)) { dates.append(date) }
        }
        for date in dates {
            let iso = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            #expect(date.description == iso)
            #expect(SimpleDate(iso) == date)
            #expect(Self.line { $0.dayMonthYear(date) } == String(format: "%02d/%02d/%04d", date.day, date.month, date.year) + "\n")
            #expect(ASCWDSWorkerRow.date(date) == String(format: "%02d/%02d/%04d", date.day, date.month, date.year))
        }
    }

    @Test("a byte buffer is a value: a copy keeps its bytes when the original writes on")
    func byteBufferIsAValue() {
        func append(_ text: String, to buffer: inout ByteBuffer) {
            let bytes = Array(text.utf8)
            buffer.write(bytes.count) { target in for (index, byte) in bytes.enumerated() { target[index] = byte } }
        }
        func text(_ buffer: ByteBuffer) -> String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }
        var original = ByteBuffer(capacity: 1)
        append("hello", to: &original)
        var copy = original
        append(", world", to: &original)
        append("!", to: &copy)
        #expect(text(original) == "hello, world")
        #expect(text(copy) == "hello!")
        // Growth keeps what was written, across many doublings.
        var long = ByteBuffer(capacity: 16)
        var expected = ""
        for index in 0..<2_000 {
            append(String(index) + ";", to: &long)
            expected += String(index) + ";"
        }
        #expect(text(long) == expected && long.count == expected.utf8.count)
        #expect(long.withBytes(from: 4) { String(decoding: $0, as: UTF8.self) } == String(expected.dropFirst(4)))
        long.removeAll()
        append("again", to: &long)
        #expect(text(long) == "again" && long.array == Array("again".utf8))
    }

    @Test("short copies copy every byte, at every length")
    func shortCopies() {
        let source = (0..<64).map { UInt8($0 * 3 + 1) }
        for count in 0...40 {
            var target = [UInt8](repeating: 0, count: 48)
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in (to.baseAddress! + 2).updateShort(from: from.baseAddress! + 5, count: count) }
            }
            #expect(Array(target[2..<(2 + count)]) == Array(source[5..<(5 + count)]), "count \(count)")
            #expect(target[0..<2].allSatisfy { $0 == 0 } && target[(2 + count)...].allSatisfy { $0 == 0 }, "count \(count) wrote outside")
        }
    }

    @Test("typed XML elements write what the text forms write")
    func typedXMLElements() {
        let date = SimpleDate(year: 2025, month: 3, day: 7)!
        var typed = XMLWriter(declaration: false)
        var plain = XMLWriter(declaration: false)
        typed.open("Member")
        plain.open("Member")
        typed.element("Start", date: date)
        plain.element("Start", date.description)
        typed.element("End", date: nil)
        plain.element("End", nil)
        for value in [37.5, 0.125, -0.004, 2.675, 1e10 + 0.5] {
            typed.element("Hours", value, decimals: 2)
            plain.element("Hours", DfENumber.fixed(value, decimals: 2))
        }
        typed.element("Hours", nil, decimals: 2)
        "a & <b>".utf8CString.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: UInt8.self) { typed.element("Name", utf8: UnsafeBufferPointer(rebasing: $0.dropLast())) }
        }
        plain.element("Name", "a & <b>")
        typed.close()
        plain.close()
        #expect(typed.text == plain.text)
        #expect(typed.text.contains("<Name>a &amp; &lt;b&gt;</Name>"))
    }

    @Test("compact XML tokens expand to the text the plain writer writes, at any depth")
    func compactXMLExpandsToText() throws {
        // The same calls through both writers: nesting, attributes, escaping, forbidden
        // characters, empty and long values (a length over 127 takes two bytes), a long name.
        let longValue = String(repeating: "x", count: 300)
        let longName = String(repeating: "N", count: 40)
        func calls(_ writer: inout XMLWriter) {
            writer.open("Member")
            writer.element("Start", date: SimpleDate(year: 2025, month: 3, day: 7))
            writer.element("Empty", "")
            writer.element("Name", "O'Brien & <Sons> \u{1}")
            writer.open("Group", attributes: [("kind", "a\"b"), ("n", "1")])
            writer.element(longName, longValue)
            writer.element("Hours", 37.5, decimals: 2)
            writer.open("Inner")
            writer.element("Café", "naïve")
            writer.close()
            writer.close()
            writer.close()
        }
        for depth in [0, 1, 4] {
            let path = Array(repeating: "Outer", count: depth)
            let plain = XMLFragment.renderUTF8(inside: path, calls)
            // Tokens carry no indentation: the depth is given when they are expanded.
            var recorder = XMLWriter.compactRecorder()
            calls(&recorder)
            let tokens = recorder.bytes
            var expanded = ByteBuffer(capacity: 16)
            let wellFormed = tokens.withUnsafeBufferPointer { CompactXML.expand($0, depth: depth, into: &expanded) }
            #expect(wellFormed)
            #expect(expanded.array == plain, "depth \(depth)")
            #expect(tokens.count < plain.count, "tokens are smaller than the text")
        }
        // The expected text, written out, for the one case that matters most.
        let text = String(decoding: XMLFragment.renderUTF8(inside: []) { $0.open("A"); $0.element("B", "1 < 2"); $0.close() }, as: UTF8.self)
        #expect(text == "<A>\n  <B>1 &lt; 2</B>\n</A>\n")
    }

    /// Expansion writes into room it reserves once for the most text the tokens can make: the
    /// worst cases for that bound (closes of the longest names, nested as deep as allowed,
    /// empty values) come out as the plain writer writes them.
    @Test("compact XML at its deepest and longest expands as the plain writer writes")
    func compactXMLWorstCasesExpand() {
        let long = String(repeating: "n", count: 255)
        let cases: [(inout XMLWriter) -> Void] = [
            { xml in for _ in 0..<CompactXML.maximumDepth { xml.open(long) }; for _ in 0..<CompactXML.maximumDepth { xml.close() } },
            { xml in for _ in 0..<CompactXML.maximumDepth { xml.open("A") }; xml.element(long, ""); for _ in 0..<CompactXML.maximumDepth { xml.close() } },
            { xml in xml.open("A", attributes: [("k", "v & w")]); for _ in 0..<50 { xml.element("B", "") }; xml.close() },
        ]
        for (index, calls) in cases.enumerated() {
            for depth in [0, 7] {
                let plain = XMLFragment.renderUTF8(inside: Array(repeating: "P", count: depth), calls)
                var recorder = XMLWriter.compactRecorder()
                calls(&recorder)
                var expanded = ByteBuffer(capacity: 16)
                #expect(recorder.bytes.withUnsafeBufferPointer { CompactXML.expand($0, depth: depth, into: &expanded) })
                #expect(expanded.array == plain, "case \(index), depth \(depth)")
            }
        }
    }

    @Test("malformed compact XML is refused, not expanded")
    func compactXMLRefusesMalformedTokens() {
        var recorder = XMLWriter.compactRecorder()
        recorder.open("A")
        recorder.element("B", "value")
        recorder.close()
        let tokens = recorder.bytes
        // `<A>` is 3 bytes (1, 1, "A"), `<B>value</B>` 9 (3, 1, "B", 5, "value"), the close 1.
        #expect(tokens == [1, 1, 65, 3, 1, 66, 5] + Array("value".utf8) + [2])
        for cut in 1..<tokens.count {
            var out = ByteBuffer(capacity: 16)
            let expanded = Array(tokens[..<cut]).withUnsafeBufferPointer { CompactXML.expand($0, depth: 0, into: &out) }
            // Only a cut between tokens leaves tokens that are whole.
            #expect(expanded == (cut == 3 || cut == 12), "cut at \(cut)")
        }
        // An unknown token, a close with nothing open, elements nested deeper than allowed.
        let tooDeep: [UInt8] = Array(repeating: [UInt8(1), 1, 65], count: CompactXML.maximumDepth + 1).flatMap { $0 }
        let malformed: [[UInt8]] = [[9], [2], tooDeep]
        for bad in malformed {
            var out = ByteBuffer(capacity: 16)
            #expect(!bad.withUnsafeBufferPointer { CompactXML.expand($0, depth: 0, into: &out) }, "\(bad.prefix(4))")
        }
    }

    @Test("ASC-WDS and LGES lines are SafeCSV's lines of the rows' cells")
    func projectionLinesMatchCells() throws {
        let settings = ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 11, day: 6)!)
        let synth = SyntheticWorkforce(seed: 21, referenceDate: settings.referenceDate)
        let ascwds = ASCWDSMapper(settings: settings), lges = LGESMapper(settings: settings)
        var ascRows = 0, lgesRows = 0
        for index in 0..<2_000 {
            let record = synth.record(index).record
            if var row = ascwds.build(record).row {
                ascRows += 1
                // Values the builder never makes, for the writer's slower paths.
                if index % 7 == 0 {
                    row.localEstablishmentID = "=HYPERLINK(\"x\")"
                    row.hourlyRatePence = -5
                    row.daysSick = .value(-1.5)
                    row.qualifications = [.init(code: "a,b", year: 2020)]
                }
                let line = Self.line { row.write(to: &$0) }
                #expect(line == SafeCSV.line(row.cells) + "\n")
                let cells = row.cells
                #expect(cells.count == ASCWDSWorkerRow.header.count)
                // The numbers and dates written as digits, against the text forms.
                let column = { (name: String) in cells[ASCWDSWorkerRow.header.firstIndex(of: name)!] }
                #expect(column("DOB") == (row.dateOfBirth.map(ASCWDSWorkerRow.date) ?? ""))
                #expect(column("YEAROFENTRY") == (row.yearOfEntry.map { String($0) } ?? ""))
                #expect(column("STARTINSECT") == String(row.yearStartedInSector ?? 999))
                #expect(column("DAYSSICK") == (row.daysSick.map(ASCWDSWorkerRow.amount) ?? ""))
                #expect(column("CONTHOURS") == (row.contractedHours.map(ASCWDSWorkerRow.amount) ?? ""))
                #expect(column("AVGHOURS") == (row.averageHours.map(ASCWDSWorkerRow.amount) ?? ""))
                #expect(column("SALARY") == (row.salary.map { String($0) } ?? ""))
                #expect(column("HOURLYRATE") == (row.hourlyRatePence.map(ASCWDSWorkerRow.pounds) ?? ""))
            }
            if var row = lges.build(record).row {
                lgesRows += 1
                if index % 5 == 0 { row.postID = "-1,\"2\""; row.basicPayPence = -123 }
                let line = Self.line { row.write(to: &$0) }
                #expect(line == SafeCSV.line(row.cells) + "\n")
                let cells = row.cells
                #expect(cells.count == LGESPostRow.header.count)
                #expect(cells[8] == String(format: "%.4f", (row.fte * 10_000).rounded() / 10_000))
                #expect(cells[9] == (row.basicPayPence.map { ($0 < 0 ? "-" : "") + String(format: "%d.%02d", abs($0) / 100, abs($0) % 100) } ?? ""))
            }
        }
        #expect(ascRows > 100 && lgesRows > 500, "rows built: \(ascRows) ASC-WDS, \(lgesRows) LGES")
    }
}
