import Foundation
import Testing
@testable import WorkforceStandards

/// The byte-level CSV writers (``CSVLine``, and `CSVWriter.line` / `SafeCSV.line`, which share
/// its cell writer) against the plain version of what they do: a cell quoted and neutralised
/// with string operations, written here from RFC 4180 and the OWASP advice.
@Suite("CSV line against plain quoting")
struct CSVLineDifferentialTests {
    /// `-3`, `+4.5`: a sign first, digits, at most one point.
    static func isPlainNumber(_ cell: String) -> Bool {
        let scalars = Array(cell.unicodeScalars)
        var digits = 0, points = 0
        for (index, scalar) in scalars.enumerated() {
            if (scalar == "-" || scalar == "+") && index == 0 { continue }
            if ("0"..."9").contains(scalar) { digits += 1 } else if scalar == "." { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }

    static func plainCell(_ cell: String, neutralised: Bool) -> String {
        var text = cell
        if neutralised, let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isPlainNumber(text) {
            text = "'" + text
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        return "\"" + String(quoted) + "\""
    }

    @Test(arguments: 0..<50)
    func agreesWithPlainQuoting(seed: Int) {
        // Including a quote followed by a combining mark, one Character that a replace of
        // Characters would miss.
        let fixed = ["", "=1+1", "-3.5", "+", "-", "\"\u{301}x", "a\r\nb", "@", "\t1", "1.2.3", "--1"]
        let cells = OutputWriterTests.randomCells(1 + seed % 12, seed: UInt64(1_000 + seed)) + (seed == 0 ? fixed : [])
        var line = CSVLine(capacity: 8)
        for cell in cells { line.text(cell) }
        line.endLine()
        let plainSafe = cells.map { Self.plainCell($0, neutralised: true) }.joined(separator: ",")
        #expect(line.withBytes { String(decoding: $0, as: UTF8.self) } == plainSafe + "\n", "\(cells)")
        #expect(SafeCSV.line(cells) == plainSafe, "\(cells)")
        #expect(CSVWriter.line(cells) == cells.map { Self.plainCell($0, neutralised: false) }.joined(separator: ","), "\(cells)")
        for cell in cells { #expect(CSVWriter.escape(cell) == Self.plainCell(cell, neutralised: false)) }
    }
}
