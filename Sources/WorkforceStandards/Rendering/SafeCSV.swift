/// CSV for files people open in spreadsheets: RFC 4180 quoting plus neutralisation of formula
/// injection. A text cell that begins with `=`, `+`, `-`, `@`, tab or carriage return would be
/// run as a formula by Excel or LibreOffice; such a cell is prefixed with `'` (the OWASP
/// advice), unless it is a plain number like `-3.5`, which spreadsheets read as a number anyway.
public enum SafeCSV {
    /// The characters that make a spreadsheet treat a cell as a formula.
    public static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell made safe to open in a spreadsheet.
    public static func neutralise(_ field: String) -> String {
        // Checked on the first byte: every formula starter is ASCII.
        guard let first = field.utf8.first,
              first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
                || first == 0x09 || first == 0x0D else { return field }
        if isPlainNumber(field) { return field }
        return "'" + field
    }

    /// `-3`, `+4.5`, `-0.25`: a sign, digits and at most one decimal point. Not `Double()`,
    /// which also reads `-inf` and `-nan(...)` and would let those through un-neutralised.
    static func isPlainNumber(_ field: String) -> Bool {
        LentBytes.withUTF8(of: field, isPlainNumber(utf8:))
    }

    /// ``isPlainNumber(_:)`` of the text whose UTF-8 bytes are `field`.
    static func isPlainNumber(utf8 field: LentBytes) -> Bool {
        var digits = 0, points = 0
        for (index, byte) in field.enumerated() {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if index != 0 { return false }
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }

    /// One CSV line (no line break) with every cell neutralised and quoted as needed.
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        appendLine(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``line(_:)`` as UTF-8 bytes, appended to `bytes` (no line break).
    static func appendLine(_ fields: [String], to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + fields.count * 24 + 64)
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            CSVWriter.appendEscaped(field, neutralised: true, to: &bytes)
        }
    }

    /// Whether a cell starting with `first` needs a `'` in front (see ``neutralise(_:)``).
    @inline(__always)
    static func needsNeutralising(utf8 field: LentBytes, first: UInt8) -> Bool {
        (first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == 0x09 || first == 0x0D) && !isPlainNumber(utf8: field)
    }
}
