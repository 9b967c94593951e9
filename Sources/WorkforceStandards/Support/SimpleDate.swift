/// A calendar date without time or time zone, as the collections write them (`YYYY-MM-DD`).
///
/// Dates in workforce returns are civil dates; using `Date` would bring time zones into
/// census-day arithmetic for no gain.
public struct SimpleDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    // Stored in four bytes: a record holds seven dates, and a national run reads a million
    // records through the cache more than once.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    /// The year, 1 to 9999.
    public var year: Int { Int(storedYear) }
    /// The month, 1 to 12.
    public var month: Int { Int(storedMonth) }
    /// The day of the month, from 1.
    public var day: Int { Int(storedDay) }

    /// A valid calendar date, or nil (`2023-02-29` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        storedYear = Int16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        // Read in place (every date of every record comes through here); a text with no
        // contiguous UTF-8 is copied first.
        let parsed = LentBytes.withUTF8(of: text, Self.parse)
        guard let (year, month, day) = parsed else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    init?(utf8 bytes: LentBytes) {
        guard let (year, month, day) = Self.parse(bytes) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private static func parse(_ bytes: LentBytes) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        // Each digit's value, or 10 and more for any other byte (the subtraction wraps).
        @inline(__always) func digit(_ index: Int) -> Int { Int(bytes[index] &- UInt8(ascii: "0")) }
        let digits = (digit(0), digit(1), digit(2), digit(3), digit(5), digit(6), digit(8), digit(9))
        guard digits.0 < 10, digits.1 < 10, digits.2 < 10, digits.3 < 10, digits.4 < 10, digits.5 < 10, digits.6 < 10, digits.7 < 10 else { return nil }
        return (digits.0 * 1000 + digits.1 * 100 + digits.2 * 10 + digits.3, digits.4 * 10 + digits.5, digits.6 * 10 + digits.7)
    }

    /// Decodes the value from its Codable form.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = SimpleDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    /// Encodes the value in its Codable form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The date written `YYYY-MM-DD`.
    public var description: String {
        withText { $0.string }
    }

    /// Lends the date's text, `YYYY-MM-DD`, as UTF-8 bytes to `body`.
    ///
    /// Written digit by digit into ten bytes on the stack: dates are in every output row, and
    /// this is a tenth of the cost of building the text from pieces. (A year is 1 to 9999, so
    /// always four digits.)
    func withText<Result>(_ body: (LentBytes) -> Result) -> Result {
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value % 10) }
        let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), UInt8(ascii: "-"),
            digit(month / 10), digit(month), UInt8(ascii: "-"), digit(day / 10), digit(day))
        return LentBytes.withBytes(of: bytes, body)
    }

    /// Whether `lhs` is the earlier date.
    public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0000-03-01 (a proleptic Gregorian day number), for differences.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: SimpleDate) -> Int { other.dayNumber - dayNumber }

    /// Age in whole years on `date`.
    public func age(on date: SimpleDate) -> Int {
        var age = date.year - year
        if (date.month, date.day) < (month, day) { age -= 1 }
        return age
    }

    /// The date `days` later (or earlier when negative).
    public func adding(days: Int) -> SimpleDate {
        var number = dayNumber + days
        // Invert dayNumber (civil-from-days).
        let era = (number >= 0 ? number : number - 146096) / 146097
        let dayOfEra = number - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        number = 0
        return SimpleDate(year: y, month: m, day: d) ?? self
    }
}
