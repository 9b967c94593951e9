// The fast version of a plain RFC 4180 reader that walks the text character by character (the
// tests hold one: Tests/WorkforceStandardsTests/Performance/CSVParserDifferentialTests.swift):
// the byte-level CSV scanner, which copies runs of plain bytes in bulk and lends each row's
// bytes in place; and the byte-level cell writer behind `CSVWriter.line(_:)`.
import Foundation

/// One CSV record as UTF-8 bytes, lent to a callback and valid only during the call: its
/// fields are ranges of one buffer, so reading a record makes no `String` for a field that is
/// never needed as text. Every field is valid UTF-8 (invalid bytes were replaced by U+FFFD
/// and reported, as for ``CSVRecord``). `package`: its fields are lent pointers, for the
/// pipeline and the tools of this package; callers outside read ``CSVRecord``s.
package struct CSVRawRow {
    /// The 1-based line number where the record starts.
    package let line: Int
    /// The 1-based line number where the record ends: later than ``line`` when a quoted
    /// field holds line breaks (or a quote was opened and closed lines later).
    package var lastLine: Int { line + lineSpan }
    /// How many line breaks lie inside the record.
    let lineSpan: Int
    /// Whether a line break ended the record. False only for the last record of an input
    /// that does not end with a line break: the record may have been cut short.
    package let isTerminated: Bool
    /// The record's bytes: every field, perhaps with bytes between them (separators).
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where each field starts and ends in `bytes`, two numbers a field.
    let bounds: UnsafeBufferPointer<Int>

    /// How many fields the record has.
    package var count: Int { bounds.count / 2 }

    /// The UTF-8 bytes of field `index` (valid only during the callback, like the row).
    @inline(__always)
    package func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[bounds[2 * index]..<bounds[2 * index + 1]])
    }

    /// The UTF-8 bytes of field `index` as a lent view (valid only during the callback).
    @inline(__always)
    package func lentField(_ index: Int) -> LentBytes { LentBytes(field(index)) }

    /// Field `index` as text.
    package func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    init(line: Int, lastLine: Int? = nil, isTerminated: Bool = true, bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>) {
        self.line = line
        lineSpan = max(0, (lastLine ?? line) - line)
        self.isTerminated = isTerminated
        self.bytes = bytes
        self.bounds = bounds
    }

    /// The record with its fields as text.
    package var record: CSVRecord { CSVRecord(fields: (0..<count).map(string), line: line) }

    /// Lends `record`'s fields as a raw row to `body`.
    package static func withRow<Result>(of record: CSVRecord, _ body: (CSVRawRow) -> Result) -> Result {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        bounds.reserveCapacity(2 * record.fields.count)
        for field in record.fields {
            bounds.append(bytes.count)
            bytes.append(contentsOf: field.utf8)
            bounds.append(bytes.count)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in body(CSVRawRow(line: record.line, bytes: bytes, bounds: bounds)) }
        }
    }
}

/// An incremental RFC 4180 CSV parser over bytes.
///
/// Feed it chunks of any size with ``feed(_:)`` and call ``finish()`` at the end; it calls
/// `onRecord` once per record (or `onRawRow`, with the record's bytes lent rather than made
/// into strings). It accepts LF, CRLF and lone CR line ends, skips a UTF-8 byte-order mark at
/// the very start, and never throws: anything malformed is kept as well as it can be and
/// reported through `onProblem`, so no record is ever lost.
public struct CSVParser {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }

    private var state: State = .fieldStart
    /// The bytes of the record so far. Fields read byte by byte go straight here; fields read
    /// whole from a buffer stay there, separators and all, until the record or the buffer ends
    /// or a field needs the slow path, and are then copied here in one piece (`pendingRun`).
    private var rowBytes: [UInt8] = []
    /// Where each complete field of the record starts and ends in `rowBytes`: the first
    /// `boundsCount` numbers; the rest is room, so that the fast path writes in place.
    private var rowBounds = [Int](repeating: 0, count: 256)
    private var boundsCount = 0
    /// Where in `rowBytes` the field being read starts, or -1 before its first byte.
    private var fieldStart = -1
    private var line = 1
    private var recordLine = 1
    private var atStart = true
    private var bomCheck: [UInt8] = []
    private var fieldHasContent = false
    /// Whether the field being read is known to be ASCII so far (the fast path checks as it
    /// scans; the byte-by-byte path leaves the check to the field's end).
    private var fieldIsASCII = true
    /// Whether the last byte inside a quoted field was CR, so that CRLF counts as one line.
    private var quotedCR = false
    /// Whether any byte was read, and whether the last one ended a line: with `line`, how
    /// many lines the input has (``linesRead``).
    private var sawBytes = false
    private var lastByteEndedLine = false
    /// Lines that held no record (empty, or only bytes that were removed such as NULs).
    public private(set) var blankLines = 0
    /// Whether the fields of the record being read were capped (``maximumFields``).
    private var fieldsCapped = false
    /// Called with the line number of each line that holds no record, after the problems met
    /// on it: a NUL alone on a line is the file's problem, not the next record's.
    public var onBlankLine: ((Int) -> Void)?

    /// The most fields a record keeps: the rest of a longer row (a line of a million commas)
    /// is left out, with a problem, so that one row cannot take gigabytes of field bounds.
    public static let maximumFields = 1 << 16

    /// How many lines the input read so far has: line breaks (CRLF counts once, as do the
    /// CR and LF inside a quoted field), and the last line when it does not end with one.
    public var linesRead: Int { line - startLine + (sawBytes && !lastByteEndedLine ? 1 : 0) }
    private let startLine: Int
    private let separator: UInt8
    private let onRecord: ((CSVRecord) -> Void)?
    private let onRawRow: ((CSVRawRow) -> Void)?
    private let onProblem: (CSVProblem) -> Void

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - separator: the field separator, `,` by default.
    ///   - startLine: the line number of the first byte fed (1 for a whole file).
    ///   - onRecord: called with each complete record, in order.
    ///   - onProblem: called with each problem, in order of the input.
    public init(separator: UInt8 = UInt8(ascii: ","), startLine: Int = 1,
                onRecord: @escaping (CSVRecord) -> Void,
                onProblem: @escaping (CSVProblem) -> Void = { _ in }) {
        self.init(separator: separator, startLine: startLine, onRecord: onRecord, onRawRow: nil, onProblem: onProblem)
    }

    /// Creates a parser that lends each record's bytes to `onRawRow` rather than making a
    /// `String` of every field: the fast way to read a large file.
    package init(separator: UInt8 = UInt8(ascii: ","), startLine: Int = 1,
                onRawRow: @escaping (CSVRawRow) -> Void,
                onProblem: @escaping (CSVProblem) -> Void = { _ in }) {
        self.init(separator: separator, startLine: startLine, onRecord: nil, onRawRow: onRawRow, onProblem: onProblem)
    }

    private init(separator: UInt8, startLine: Int, onRecord: ((CSVRecord) -> Void)?, onRawRow: ((CSVRawRow) -> Void)?,
                 onProblem: @escaping (CSVProblem) -> Void) {
        self.separator = separator
        self.startLine = startLine
        line = startLine
        recordLine = startLine
        self.onRecord = onRecord
        self.onRawRow = onRawRow
        self.onProblem = onProblem
        rowBytes.reserveCapacity(1024)
    }

    /// Parses the next chunk of bytes.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            consume(byte)
            sawBytes = true
            lastByteEndedLine = byte == 0x0A || byte == 0x0D
        }
    }

    /// Parses bytes lent for the call (see ``feed(buffer:)-UnsafeBufferPointer``).
    package mutating func feed(buffer: LentBytes) { feed(buffer: buffer.buffer) }

    /// Parses a whole buffer at once (fast path for in-memory text).
    ///
    /// Inside a field, runs of ordinary bytes are copied in bulk; only the bytes that mean
    /// something (separator, quote, line ends, NUL) go through the state machine one by one.
    package mutating func feed(buffer: UnsafeBufferPointer<UInt8>) {
        let count = buffer.count
        if let last = buffer.last {
            sawBytes = true
            lastByteEndedLine = last == 0x0A || last == 0x0D
        }
        let separator = self.separator
        let wordScan = WordScan.canScan(separator: separator) ? WordScan(separator: separator) : nil
        // Where the bytes not yet copied to `rowBytes` start in `buffer` (-1: none): the
        // fields read whole since then, which `rowBounds` places as if they had been copied.
        var pendingRun = -1
        @inline(__always)
        func copyPendingRun(upTo end: Int) {
            guard pendingRun >= 0 else { return }
            rowBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[pendingRun..<end]))
            pendingRun = -1
        }
        /// Where the unquoted field starting at `start` ends (at a byte that means something,
        /// or the buffer's end), and every byte of it or'ed together: below 0x80, the field is
        /// ASCII and needs no UTF-8 check of its own.
        @inline(__always)
        func scanUnquoted(from start: Int) -> (end: Int, bits: UInt8) {
            var end = start
            var bits: UInt8 = 0
            while end < count {
                let byte = buffer[end]
                // Letters and digits (most bytes) are above every byte that ends a run but
                // the separator, so one comparison and one test settle them.
                if byte > 0x22 {
                    if byte == separator { break }
                } else if byte == separator || byte == 0x0A || byte == 0x0D || byte == 0x22 || byte == 0 {
                    break
                }
                bits |= byte
                end += 1
            }
            return (end, bits)
        }
        var index = 0
        while index < count {
            if !atStart && state == .fieldStart {
                // Whole unquoted ASCII fields that end with a separator inside this buffer
                // (most fields, and every empty one) are read in place, as many in a row as
                // there are, their bounds written straight into the room of `rowBounds`.
                makeRoomForBounds()
                let copied = rowBytes.count
                var used = boundsCount
                var runStart = pendingRun
                var next = index
                rowBounds.withUnsafeMutableBufferPointer { bounds in
                    // Eight bytes at a time while whole words are left: every separator before
                    // the first byte that stops a plain field ends a field read in place.
                    // A word holds at most eight separators: with room for eight more fields'
                    // bounds, a word's fields are placed with no check of their own.
                    if let wordScan, let base = buffer.baseAddress, used + 16 <= bounds.count {
                        // Where a byte of `buffer` lands in `rowBytes`, once the run is copied.
                        let offset = copied - (runStart < 0 ? next : runStart)
                        var fieldStart = next, position = next
                        while position + 8 <= count && used + 16 <= bounds.count {
                            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                            let stops = WordScan.stops(word)
                            var ends = WordScan.bytes(wordScan.separators(word), before: stops)
                            while ends != 0 {
                                let end = position + WordScan.firstByte(ends)
                                bounds[used] = offset + fieldStart
                                bounds[used + 1] = offset + end
                                used += 2
                                fieldStart = end + 1
                                ends &= ends &- 1
                            }
                            if stops != 0 { break }
                            position += 8
                        }
                        if runStart < 0 && fieldStart != next { runStart = next }
                        next = fieldStart
                    }
                    // The rest of the buffer's fields one by one, up to the first that is not plain.
                    while used + 2 <= bounds.count {
                        let (end, bits) = scanUnquoted(from: next)
                        guard end < count, buffer[end] == separator, bits < 0x80 else { break }
                        if runStart < 0 { runStart = next }
                        bounds[used] = copied - runStart + next
                        bounds[used + 1] = copied - runStart + end
                        used += 2
                        next = end + 1
                    }
                }
                boundsCount = used
                pendingRun = runStart
                if next != index {
                    index = next
                    continue
                }
                let (end, _) = scanUnquoted(from: index)
                if end < count && buffer[end] == separator {
                    // Not ASCII: copied and checked as UTF-8 by the slow path's end of field.
                    copyPendingRun(upTo: index)
                    appendToField(UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    endField()
                    index = end + 1
                    continue
                }
            }
            copyPendingRun(upTo: index)
            if !atStart && (state == .unquoted || state == .quoted) {
                var end = index
                if state == .unquoted {
                    while end < count {
                        let byte = buffer[end]
                        if byte == separator || byte == 0x0A || byte == 0x0D || byte == 0x22 || byte == 0 { break }
                        end += 1
                    }
                } else {
                    while end < count {
                        let byte = buffer[end]
                        if byte == 0x22 || byte == 0x0A || byte == 0x0D || byte == 0 { break }
                        end += 1
                    }
                }
                if end > index {
                    appendToField(UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    // As `consume` would: a CR, then text, then LF inside quotes is two line
                    // breaks, not one CRLF.
                    quotedCR = false
                    index = end
                    continue
                }
            }
            consume(buffer[index])
            index += 1
        }
        copyPendingRun(upTo: count)
    }

    /// Ends the input: flushes the last record (if the text did not end with a line break).
    public mutating func finish() {
        if atStart && !bomCheck.isEmpty {
            let pending = bomCheck
            bomCheck = []
            atStart = false
            for byte in pending { consume(byte) }
        }
        switch state {
        case .quoted:
            onProblem(CSVProblem(kind: .unclosedQuote, line: line))
            endRecord()
        case .fieldStart:
            if boundsCount > 0 || !rowBytes.isEmpty || fieldHasContent {
                endRecord()
            } else if sawBytes && !lastByteEndedLine {
                // A last line with no record on it (only NULs, or a byte-order mark).
                blankLines += 1
                onBlankLine?(line)
            }
        case .unquoted, .quoteInQuoted:
            endRecord()
        case .afterCR:
            break
        }
        state = .fieldStart
    }

    private mutating func consume(_ byte: UInt8) {
        if atStart {
            // A UTF-8 byte-order mark (EF BB BF) at the very start is dropped.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if byte == bom[bomCheck.count] {
                bomCheck.append(byte)
                if bomCheck.count == 3 { bomCheck = []; atStart = false }
                return
            }
            atStart = false
            let pending = bomCheck
            bomCheck = []
            for earlier in pending { consume(earlier) }
        }
        if byte == 0 {
            onProblem(CSVProblem(kind: .nulByte, line: line))
            return
        }
        switch state {
        case .afterCR:
            state = .fieldStart
            if byte == UInt8(ascii: "\n") { return }
            consume(byte)
        case .fieldStart:
            if byte == UInt8(ascii: "\"") {
                state = .quoted
                fieldHasContent = true
            } else if byte == separator {
                endField()
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                endRecord(lineBreak: byte)
            } else {
                appendToField(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == separator {
                endField()
                state = .fieldStart
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                endRecord(lineBreak: byte)
            } else {
                if byte == UInt8(ascii: "\"") { onProblem(CSVProblem(kind: .quoteInUnquotedField, line: line)) }
                appendToField(byte)
            }
        case .quoted:
            if byte == UInt8(ascii: "\"") {
                state = .quoteInQuoted
            } else {
                if byte == UInt8(ascii: "\n") { if !quotedCR { line += 1 } }
                else if byte == UInt8(ascii: "\r") { line += 1 }
                appendToField(byte)
            }
            quotedCR = byte == UInt8(ascii: "\r")
        case .quoteInQuoted:
            if byte == UInt8(ascii: "\"") {
                appendToField(byte)
                state = .quoted
            } else if byte == separator {
                endField()
                state = .fieldStart
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                endRecord(lineBreak: byte)
            } else {
                onProblem(CSVProblem(kind: .textAfterClosingQuote, line: line))
                appendToField(byte)
                state = .unquoted
            }
        }
    }

    @inline(__always)
    private mutating func appendToField(_ byte: UInt8) {
        if fieldStart < 0 { fieldStart = rowBytes.count }
        rowBytes.append(byte)
        if byte >= 0x80 { fieldIsASCII = false }
    }

    @inline(__always)
    private mutating func appendToField(_ bytes: UnsafeBufferPointer<UInt8>) {
        if fieldStart < 0 { fieldStart = rowBytes.count }
        rowBytes.append(contentsOf: bytes)
        // Checked at the field's end: a field of several pieces is checked whole there.
        fieldIsASCII = false
    }

    /// Makes sure `rowBounds` has room for one more field's bounds (up to ``maximumFields``).
    @inline(__always)
    private mutating func makeRoomForBounds() {
        if boundsCount + 2 > rowBounds.count && rowBounds.count < 2 * Self.maximumFields {
            rowBounds += repeatElement(0, count: rowBounds.count)
        }
    }

    /// Marks the end of the field being read, first replacing bytes that are not UTF-8.
    private mutating func endField() {
        let start = fieldStart < 0 ? rowBytes.count : fieldStart
        if !fieldIsASCII && rowBytes.count > start {
            let valid = rowBytes.withUnsafeBufferPointer { bytes in
                let field = UnsafeBufferPointer(rebasing: bytes[start...])
                // ASCII (nearly every field) needs no validation. (`String(validating:)` would
                // check in one pass, but it is not specialised and looks up type metadata on
                // every call.)
                return field.allSatisfy { $0 < 0x80 } || String(validating: field, as: UTF8.self) != nil
            }
            if !valid {
                onProblem(CSVProblem(kind: .invalidUTF8, line: line))
                let repaired = rowBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
                rowBytes.removeSubrange(start...)
                rowBytes.append(contentsOf: repaired.utf8)
            }
        }
        makeRoomForBounds()
        if boundsCount + 2 > rowBounds.count {
            // Too many fields: the rest of the row is left out (the record is rejected for
            // it), its bytes given back as they come, so the row's memory stays bounded.
            fieldsCapped = true
            if start < rowBytes.count { rowBytes.removeSubrange(start...) }
        } else {
            rowBounds[boundsCount] = start
            rowBounds[boundsCount + 1] = rowBytes.count
            boundsCount += 2
        }
        fieldStart = -1
        fieldIsASCII = true
        fieldHasContent = false
    }

    private mutating func endRecord(lineBreak: UInt8? = nil) {
        // A blank line is not a record.
        if !(boundsCount == 0 && rowBytes.isEmpty && !fieldHasContent) {
            endField()
            if fieldsCapped { onProblem(CSVProblem(kind: .tooManyFields, line: recordLine)) }
            rowBytes.withUnsafeBufferPointer { bytes in
                rowBounds.withUnsafeBufferPointer { bounds in
                    // At the end of the input, a line break that was the last byte (inside an
                    // unclosed quote) starts no line of its own.
                    let lastLine = lineBreak == nil && lastByteEndedLine && line > recordLine ? line - 1 : line
                    let row = CSVRawRow(line: recordLine, lastLine: lastLine, isTerminated: lineBreak != nil, bytes: bytes,
                                        bounds: UnsafeBufferPointer(rebasing: bounds[..<boundsCount]))
                    if let onRawRow { onRawRow(row) } else { onRecord?(row.record) }
                }
            }
            // A huge row's room is given back rather than kept for the rows after it.
            if rowBytes.capacity > 1 << 22 { rowBytes = [] } else { rowBytes.removeAll(keepingCapacity: true) }
            if rowBounds.count > 1 << 12 { rowBounds = [Int](repeating: 0, count: 256) }
            boundsCount = 0
            fieldsCapped = false
        } else if lineBreak != nil {
            blankLines += 1
            onBlankLine?(line)
        }
        if let lineBreak {
            line += 1
            state = lineBreak == UInt8(ascii: "\r") ? .afterCR : .fieldStart
        } else {
            state = .fieldStart
        }
        recordLine = line
    }
}

/// Rows lent by ``CSVParser`` kept for later: many rows' bytes in one buffer, so a batch of
/// rows costs a few allocations however many fields it has.
struct CSVRowBatch {
    private var bytes: [UInt8] = []
    /// Each field's start and end, counted from the start of its row's bytes.
    private var bounds: [Int] = []
    /// Where each row starts in `bytes`, then where the next would.
    private var rowByteStarts: [Int] = [0]
    /// Where each row's fields start in `bounds`, then where the next row's would.
    private var rowBoundStarts: [Int] = [0]
    /// The line each row starts on.
    private(set) var lines: [Int] = []
    /// How many line breaks each row holds (nearly always none) and, for the last row of an
    /// input only, whether it was ended by one.
    private(set) var lineSpans: [Int] = []
    private(set) var lastIsTerminated = true

    /// The line row `index` ends on.
    func lastLine(_ index: Int) -> Int { lines[index] + lineSpans[index] }
    /// The bytes the batch holds, for bounding the memory of the rows under way.
    var byteCount: Int { bytes.count }

    /// How many rows the batch holds.
    var count: Int { lines.count }
    var isEmpty: Bool { lines.isEmpty }

    init(reservingRows rows: Int = 0) {
        lines.reserveCapacity(rows)
        lineSpans.reserveCapacity(rows)
        rowByteStarts.reserveCapacity(rows + 1)
        rowBoundStarts.reserveCapacity(rows + 1)
    }

    /// Keeps a copy of `row`.
    mutating func append(_ row: CSVRawRow) {
        if bounds.isEmpty {
            // Room for rows like the first (with some to spare) in one allocation each, not
            // a dozen doublings and copies per batch; but never more than a few megabytes on
            // the strength of one row: a first row of 40 MB (or of a million commas) must not
            // ask for 512 times that.
            let rows = max(lines.capacity, 1)
            bytes.reserveCapacity(min(rows * (row.bytes.count + row.bytes.count / 2 + 16), Self.largestReservation))
            bounds.reserveCapacity(min(rows * row.bounds.count + 64, Self.largestReservation / MemoryLayout<Int>.stride))
        }
        bytes.append(contentsOf: row.bytes)
        bounds.append(contentsOf: row.bounds)
        rowByteStarts.append(bytes.count)
        rowBoundStarts.append(bounds.count)
        lines.append(row.line)
        lineSpans.append(row.lineSpan)
        lastIsTerminated = row.isTerminated
    }

    /// The most bytes reserved ahead for a batch, whatever its first row looks like.
    static let largestReservation = 8 << 20

    /// Lends row `index` to `body`.
    func withRow<Result>(_ index: Int, _ body: (CSVRawRow) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in
                body(CSVRawRow(line: lines[index], lastLine: lastLine(index), isTerminated: index < lines.count - 1 || lastIsTerminated,
                               bytes: UnsafeBufferPointer(rebasing: bytes[rowByteStarts[index]..<rowByteStarts[index + 1]]),
                               bounds: UnsafeBufferPointer(rebasing: bounds[rowBoundStarts[index]..<rowBoundStarts[index + 1]])))
            }
        }
    }
}

extension CSVParser {
    /// Reads a whole text into records, returning them with any problems met.
    public static func records(in text: String, startLine: Int = 1, separator: UInt8 = UInt8(ascii: ",")) -> (records: [CSVRecord], problems: [CSVProblem]) {
        final class Sink { var records: [CSVRecord] = []; var problems: [CSVProblem] = [] }
        let sink = Sink()
        var parser = CSVParser(separator: separator, onRecord: { sink.records.append($0) }, onProblem: { sink.problems.append($0) })
        parser.line = startLine
        parser.recordLine = startLine
        var text = text
        text.withUTF8 { parser.feed(buffer: $0) }
        parser.finish()
        return (sink.records, sink.problems)
    }
}

extension CSVWriter {
    /// One CSV line (without its line break) of a row as the parser lent it: the fields'
    /// bytes are quoted as needed and copied, with no `String` made for any of them.
    package static func appendLine(_ row: CSVRawRow, to bytes: inout [UInt8]) {
        for index in 0..<row.count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendEscaped(utf8: row.field(index), neutralised: false, to: &bytes)
        }
    }

    /// Appends one cell as ``escape(_:)`` writes it, after ``SafeCSV/neutralise(_:)`` when
    /// `neutralised`: the byte-level form of both, for writers that build whole lines.
    static func appendEscaped(_ field: String, neutralised: Bool, to bytes: inout [UInt8]) {
        field.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0, neutralised: neutralised, to: &bytes) }
            ?? Array(field.utf8).withUnsafeBufferPointer { appendEscaped(utf8: $0, neutralised: neutralised, to: &bytes) }
    }

    /// ``appendEscaped(_:neutralised:to:)`` of the cell whose UTF-8 bytes are `field`.
    static func appendEscaped(utf8 field: UnsafeBufferPointer<UInt8>, neutralised: Bool, to bytes: inout [UInt8]) {
        let escaping = Escaping(of: field, neutralised: neutralised)
        // Most cells need neither quotes nor a guard: one copy.
        if !escaping.changesField {
            bytes.append(contentsOf: field)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: escaping.size(of: field)))
        bytes.withUnsafeMutableBufferPointer { escaping.write(field, to: $0.baseAddress! + start) }
    }

    /// How one cell is written: quoted when it holds a comma, a quote or a line break (its
    /// quotes doubled, byte by byte: see ``escape(_:)``), and after a `'` when it would start a
    /// formula (``SafeCSV/neutralise(_:)``). The one decision every CSV writer of the project
    /// makes for a cell, worked out in one pass over its bytes.
    struct Escaping {
        private var needsQuotes = false
        private var quotes = 0
        private var prefix = false

        init(of field: UnsafeBufferPointer<UInt8>, neutralised: Bool) {
            for byte in field where byte <= UInt8(ascii: ",") {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
                case UInt8(ascii: "\""): needsQuotes = true; quotes += 1
                default: break
                }
            }
            if neutralised, let first = field.first { prefix = SafeCSV.needsNeutralising(utf8: LentBytes(field), first: first) }
        }

        /// Whether the cell is written other than as its bytes.
        var changesField: Bool { needsQuotes || prefix }

        /// How many bytes `field` takes as written.
        func size(of field: UnsafeBufferPointer<UInt8>) -> Int {
            field.count + quotes + (needsQuotes ? 2 : 0) + (prefix ? 1 : 0)
        }

        /// Writes `field` at `out`, which has room for ``size(of:)`` bytes.
        @inline(__always)
        func write(_ field: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) {
            var end = 0
            if needsQuotes { out[end] = UInt8(ascii: "\""); end += 1 }
            if prefix { out[end] = UInt8(ascii: "'"); end += 1 }
            if quotes == 0 {
                if let base = field.baseAddress, !field.isEmpty { (out + end).updateShort(from: base, count: field.count) }
                end += field.count
            } else {
                for byte in field {
                    out[end] = byte
                    end += 1
                    if byte == UInt8(ascii: "\"") { out[end] = byte; end += 1 }
                }
            }
            if needsQuotes { out[end] = UInt8(ascii: "\"") }
        }
    }
}
