// The fast version of `SafeCSV.line(_:)` / `CSVWriter.line(_:)` over `[String]` cells: a CSV
// line written cell by cell as bytes, numbers and dates formatted on the stack.

/// Where a row's cells go, one by one, in column order: the CSV line being written
/// (``CSVLine``) or a list of strings (``CellList``, for the rows' public `cells`).
///
/// A row writes each cell once, through these methods, so the line in the file and the row's
/// `cells` cannot disagree; numbers and dates are formatted here, as bytes, once for both.
protocol CellWriter {
    /// Adds a cell holding the UTF-8 text `bytes`.
    mutating func cell(utf8 bytes: UnsafeBufferPointer<UInt8>)
}

extension CellWriter {
    /// Adds a cell holding `text`; an empty cell when it is nil.
    mutating func text(_ text: String?) {
        guard let text else { return cell(utf8: UnsafeBufferPointer(start: nil, count: 0)) }
        // Read in place (`withUTF8` would need a copy of the string: a retain and a release).
        if text.utf8.withContiguousStorageIfAvailable({ cell(utf8: $0) }) == nil {
            var copy = text
            copy.makeContiguousUTF8()
            self.text(copy)
        }
    }

    /// Adds `value` in decimal digits, as `String(value)` writes it; an empty cell when it is nil.
    mutating func integer(_ value: Int?) {
        guard let value else { return text(nil) }
        DecimalDigits.withFixed(Int64(value), places: 0) { cell(utf8: $0) }
    }

    /// Adds `scaled` units of 10^-`places` with `places` decimals (`1250`, 2 is `12.50`).
    mutating func fixed(_ scaled: Int64, places: Int) {
        DecimalDigits.withFixed(scaled, places: places) { cell(utf8: $0) }
    }

    /// Adds `date` written DD/MM/YYYY.
    mutating func dayMonthYear(_ date: SimpleDate) {
        DecimalDigits.withDayMonthYear(date) { cell(utf8: $0) }
    }
}

/// Numbers and dates written as ASCII digits into a small buffer on the stack, lent to the
/// caller: every amount and date of every output row is formatted, and making a `String` of
/// each (or joining pieces of text) allocates each time.
enum DecimalDigits {
    /// `scaled` units of 10^-`places`, with `places` decimals and a `-` when negative.
    static func withFixed<Result>(_ scaled: Int64, places: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // 19 digits, the point, the sign and up to 24 leading zeros of the fraction fit in 48.
        let capacity = 48
        guard places >= 0, places <= 24 else {
            var text = slowFixed(scaled, places: places)
            return text.withUTF8(body)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var position = capacity
            var rest = scaled.magnitude
            @inline(__always) func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            if places > 0 {
                for _ in 0..<places {
                    put(UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[position..<capacity]))
        }
    }

    /// ``withFixed(_:places:_:)`` by joining text, for more places than the buffer holds.
    static func slowFixed(_ scaled: Int64, places: Int) -> String {
        let digits = String(scaled.magnitude)
        let sign = scaled < 0 ? "-" : ""
        guard places > 0 else { return sign + digits }
        // At least one digit before the point: pad with zeros on the left, then split.
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        return sign + padded.dropLast(places) + "." + padded.suffix(places)
    }

    /// `date` as DD/MM/YYYY (a ``SimpleDate`` year is 1 to 9999, so always four digits).
    static func withDayMonthYear<Result>(_ date: SimpleDate, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value % 10) }
        let (day, month, year) = (date.day, date.month, date.year)
        let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            digit(day / 10), digit(day), UInt8(ascii: "/"), digit(month / 10), digit(month), UInt8(ascii: "/"),
            digit(year / 1000), digit(year / 100), digit(year / 10), digit(year))
        return withUnsafeBytes(of: bytes) { body($0.assumingMemoryBound(to: UInt8.self)) }
    }
}

/// One line of a CSV file people open in spreadsheets, written cell by cell straight into
/// UTF-8 bytes with ``SafeCSV``'s rules: RFC 4180 quoting, and a `'` before a cell a
/// spreadsheet would run as a formula.
///
/// A projection keeps one and reuses its buffer from row to row, so writing a row allocates
/// nothing and makes no `String` for a number or a date.
struct CSVLine: CellWriter {
    private var buffer: ByteBuffer
    private var cellCount = 0

    /// A line with room for `capacity` bytes before it grows.
    init(capacity: Int = 1_024) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Starts a new line, keeping the buffer.
    mutating func removeAll() {
        buffer.removeAll()
        cellCount = 0
    }

    /// Ends the line with a line break.
    mutating func endLine() {
        buffer.write(1) { $0.pointee = UInt8(ascii: "\n") }
    }

    /// Lends the line's bytes to `body`.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        buffer.withBytes(body)
    }

    /// Adds the cell `field` as ``SafeCSV/line(_:)`` writes it (``CSVWriter/Escaping``), comma
    /// before it included.
    mutating func cell(utf8 field: UnsafeBufferPointer<UInt8>) {
        let separator = cellCount > 0 ? 1 : 0
        cellCount += 1
        let escaping = CSVWriter.Escaping(of: field, neutralised: true)
        buffer.write(separator + escaping.size(of: field)) { out in
            if separator == 1 { out[0] = UInt8(ascii: ",") }
            escaping.write(field, to: out + separator)
        }
    }
}

/// The cells of a row as strings, as given (not made safe for spreadsheets).
struct CellList: CellWriter {
    var cells: [String] = []

    /// The cells `write` writes (a row's `write(to:)`), as strings; room for `count` of them.
    static func cells(reserving count: Int, _ write: (inout CellList) -> Void) -> [String] {
        var list = CellList()
        list.cells.reserveCapacity(count)
        write(&list)
        return list.cells
    }

    mutating func cell(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        cells.append(String(decoding: bytes, as: UTF8.self))
    }
}
