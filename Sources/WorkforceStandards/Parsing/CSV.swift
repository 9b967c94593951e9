import Foundation

/// A record read from CSV text: its fields and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The fields, decoded as UTF-8 (invalid bytes become U+FFFD and are reported).
    public var fields: [String]
    /// The 1-based line number where the record starts.
    public var line: Int
}

/// A problem met while reading CSV text. Reading goes on past every one of them.
public struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// A quoted field is still open at the end of the input.
        case unclosedQuote
        /// A `"` inside a field that did not start with one; it is kept as text.
        case quoteInUnquotedField
        /// Characters after a closing quote and before the next separator; they are kept.
        case textAfterClosingQuote
        /// Bytes that are not UTF-8; they were replaced by U+FFFD.
        case invalidUTF8
        /// A NUL byte; it was removed.
        case nulByte
        /// A row with more than ``CSVParser/maximumFields`` fields; the fields after them are left out.
        case tooManyFields
    }
    /// What went wrong.
    public var kind: Kind
    /// The 1-based line the problem is on.
    public var line: Int

    /// What went wrong, in words.
    public var description: String {
        switch kind {
        case .unclosedQuote: return "line \(line): a quoted field is not closed before the end of the file"
        case .quoteInUnquotedField: return "line \(line): a double quote inside an unquoted field (quote the whole field and double the quote)"
        case .textAfterClosingQuote: return "line \(line): text after a closing quote (quote the whole field and double any quote inside it)"
        case .invalidUTF8: return "line \(line): bytes that are not UTF-8 were replaced by U+FFFD (save the file as \"CSV UTF-8\"; a file saved as plain \"CSV\" on Windows is read whole with --encoding windows-1252)"
        case .nulByte: return "line \(line): a NUL byte was removed"
        case .tooManyFields: return "line \(line): the row has more than \(CSVParser.maximumFields) fields; the fields after them are left out"
        }
    }
}

/// Writes RFC 4180 CSV: the one place output fields are quoted.
public enum CSVWriter {
    /// Quotes `field` when it holds a separator, quote or line break.
    public static func escape(_ field: String) -> String {
        var needsQuotes = false
        for byte in field.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return field }
        // Doubled byte by byte: a quote followed by a combining mark is one Character, so a
        // Character-level replace would miss it and break the row.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One CSV line (without its line break).
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.count * 12)
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendEscaped(field, neutralised: false, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
