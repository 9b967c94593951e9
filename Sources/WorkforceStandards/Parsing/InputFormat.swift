/// How a CSV file is written: its character encoding and its field separator, as councils'
/// systems and Excel save them ("CSV UTF-8", "CSV (semicolon)", "Unicode text" (UTF-16 with
/// tabs), or plain "CSV" in Windows-1252).
///
/// ``detect(head:isWholeInput:encoding:separator:)`` decides from the start of a file; a
/// file that is not UTF-8 is then turned into UTF-8 by an ``InputTranscoder`` before it reaches
/// ``CSVParser``, and the parser is given the separator. A plain UTF-8 comma file goes to the
/// parser as it is: nothing is copied.
public struct InputFormat: Sendable, Equatable {
    /// A character encoding the readers accept.
    public enum Encoding: String, Sendable, CaseIterable {
        /// UTF-8, with or without a byte-order mark.
        case utf8 = "utf-8"
        /// UTF-16, little-endian (with a byte-order mark).
        case utf16LE = "utf-16le"
        /// UTF-16, big-endian (with a byte-order mark).
        case utf16BE = "utf-16be"
        /// Windows-1252, as Excel saves "CSV" on Windows.
        case windows1252 = "windows-1252"

        /// The encoding named on the command line (`utf-8`, `utf8`, `UTF-16LE`, `cp1252`, `latin1` ...).
        public init?(name: String) {
            let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
            switch key {
            case "utf-8", "utf8": self = .utf8
            case "utf-16le", "utf16le", "utf-16-le": self = .utf16LE
            case "utf-16be", "utf16be", "utf-16-be": self = .utf16BE
            case "windows-1252", "cp1252", "windows1252", "latin1", "latin-1", "iso-8859-1": self = .windows1252
            default: return nil
            }
        }

        /// The encoding in words, for the summary.
        public var title: String {
            switch self {
            case .utf8: return "UTF-8"
            case .utf16LE: return "UTF-16 little-endian"
            case .utf16BE: return "UTF-16 big-endian"
            case .windows1252: return "Windows-1252"
            }
        }
    }

    /// How a choice was made.
    public enum Source: String, Sendable {
        /// Given on the command line (`--encoding`, `--separator`).
        case given
        /// From a byte-order mark at the start of the file.
        case byteOrderMark = "byte-order mark"
        /// From the bytes: not valid UTF-8 (encoding), or the most common of `,` `;` and tab in the header (separator).
        case detected
        /// Nothing said otherwise.
        case assumed
    }

    /// The input's encoding.
    public var encoding: Encoding
    /// How the encoding was decided.
    public var encodingSource: Source
    /// The field separator: `,`, `;` or tab.
    public var separator: UInt8
    /// How the separator was decided.
    public var separatorSource: Source
    /// For Windows-1252 detected: the first byte that is not UTF-8, and the line it is on.
    public var firstInvalidByte: UInt8?
    /// The line of ``firstInvalidByte``.
    public var firstInvalidLine: Int?

    /// A format with what was decided and how.
    public init(encoding: Encoding = .utf8, encodingSource: Source = .assumed, separator: UInt8 = UInt8(ascii: ","), separatorSource: Source = .assumed) {
        self.encoding = encoding
        self.encodingSource = encodingSource
        self.separator = separator
        self.separatorSource = separatorSource
    }

    /// Whether the bytes go to the parser as they are (UTF-8): no transcoding.
    public var isUTF8: Bool { encoding == .utf8 }

    /// The separators accepted, by name.
    public static func separator(named name: String) -> UInt8? {
        switch name.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "\\t", "tab": return 0x09
        default: return nil
        }
    }

    /// The separator in words.
    public static func separatorName(_ separator: UInt8) -> String {
        switch separator {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        default: return "\"\(Character(Unicode.Scalar(separator)))\""
        }
    }

    /// What was read, in one line for the run's summary:
    /// `input: UTF-16 little-endian (byte-order mark), tab-separated (detected)`.
    public var summary: String {
        "input: \(encoding.title) (\(encodingSource.rawValue)), \(Self.separatorName(separator))-separated (\(separatorSource.rawValue))"
    }

    /// A file that cannot be read as CSV text, with why and what to do.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        /// Why, and what to do.
        public var reason: String
        /// What went wrong, in words.
        public var description: String { reason }
    }

    /// The query a run reports when it read the file as Windows-1252 because it was not
    /// UTF-8: accented letters and typographic quotes may need a look.
    public var encodingQuery: RecordDiagnostic? {
        guard encoding == .windows1252, encodingSource == .detected else { return nil }
        var found = ""
        if let byte = firstInvalidByte, let line = firstInvalidLine {
            let hex = String(byte, radix: 16, uppercase: true)
            found = " (byte 0x\(hex.count == 1 ? "0" + hex : hex) on line \(line))"
        }
        return RecordDiagnostic(.query, record: "file", line: firstInvalidLine ?? 1, rule: "file.encoding",
                                message: "the file is not UTF-8\(found); it was read as Windows-1252, as Excel saves \"CSV\" on Windows: check names with accents or apostrophes",
                                expected: "a file saved as \"CSV UTF-8\", or --encoding to say which encoding it is")
    }

    /// Decides the encoding and separator from the start of a file: ``detect(head:isWholeInput:encoding:separator:)``
    /// of bytes lent for the call.
    public static func detect(head: [UInt8], isWholeInput: Bool, encoding: Encoding? = nil, separator: UInt8? = nil) throws -> InputFormat {
        try head.withLentBuffer { try detect(head: $0, isWholeInput: isWholeInput, encoding: encoding, separator: separator) }
    }

    /// Decides the encoding and separator from the start of a file.
    ///
    /// - Parameters:
    ///   - head: the first bytes of the file (the first read; detection needs its first line).
    ///     Only these are checked for UTF-8: a file whose first byte that is not UTF-8 comes
    ///     later is read as UTF-8, and the reader reports those bytes (with the remedy).
    ///   - isWholeInput: whether `head` is the whole file (the last bytes may then not be cut
    ///     in the middle of a character).
    ///   - encoding, separator: what the user said, which wins over detection.
    /// - Throws: ``Unreadable`` for a file that is not CSV text in any encoding read here
    ///   (a spreadsheet workbook, UTF-32, UTF-16 without a byte-order mark, binary data).
    package static func detect(head: LentBytes, isWholeInput: Bool,
                              encoding: Encoding? = nil, separator: UInt8? = nil) throws -> InputFormat {
        var format = InputFormat()
        let bytes = head
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 } }
        if let encoding {
            format.encoding = encoding
            format.encodingSource = .given
        } else if starts([0xFF, 0xFE, 0, 0]) || starts([0, 0, 0xFE, 0xFF]) {
            throw Unreadable(reason: "the file is UTF-32, which is not read here: save it as \"CSV UTF-8\" (or UTF-16), or convert it with iconv -f UTF-32 -t UTF-8")
        } else if starts([0xFF, 0xFE]) {
            format.encoding = .utf16LE
            format.encodingSource = .byteOrderMark
        } else if starts([0xFE, 0xFF]) {
            format.encoding = .utf16BE
            format.encodingSource = .byteOrderMark
        } else if starts([0xEF, 0xBB, 0xBF]) {
            format.encodingSource = .byteOrderMark
        } else if starts([0x50, 0x4B, 0x03, 0x04]) {
            throw Unreadable(reason: "the file is a spreadsheet workbook (.xlsx or another zip file), not CSV text: in Excel use File > Save As > \"CSV UTF-8 (Comma delimited)\"")
        } else if starts([0xD0, 0xCF, 0x11, 0xE0]) {
            throw Unreadable(reason: "the file is an Excel 97-2003 workbook (.xls), not CSV text: in Excel use File > Save As > \"CSV UTF-8 (Comma delimited)\"")
        } else {
            if let guess = utf16WithoutMark(bytes) {
                throw Unreadable(reason: "the file looks like UTF-16 \(guess == .utf16LE ? "little" : "big")-endian without a byte-order mark (every other byte is NUL): give --encoding \(guess.rawValue), or save it as \"CSV UTF-8\"")
            }
            if let invalid = firstInvalidUTF8(bytes, isWholeInput: isWholeInput) {
                format.encoding = .windows1252
                format.encodingSource = .detected
                format.firstInvalidByte = invalid.byte
                format.firstInvalidLine = invalid.line
            }
        }
        if let separator {
            format.separator = separator
            format.separatorSource = .given
        } else {
            // The header line, as UTF-8, decides: the separator it holds most of.
            var transcoder = InputTranscoder(encoding: format.encoding)
            var text: [UInt8] = []
            transcoder.transcode(bytes.extracting(0..<min(bytes.count, 1 << 16)), into: &text)
            let chosen = headerSeparator(text)
            if let chosen {
                format.separator = chosen
                format.separatorSource = .detected
            }
        }
        return format
    }

    /// The most common of comma, semicolon and tab outside quotes on the first line; nil when none occurs.
    static func headerSeparator(_ text: [UInt8]) -> UInt8? {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        for byte in text {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        // Comma first when counts tie: it is the standard's separator.
        let order: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        var best: UInt8?
        var most = 0
        for separator in order where counts[separator]! > most {
            best = separator
            most = counts[separator]!
        }
        return best
    }

    /// UTF-16 without a byte-order mark: the NULs fall on one parity of the first line's bytes.
    static func utf16WithoutMark(_ bytes: LentBytes) -> Encoding? {
        let sample = bytes.prefix(200)
        guard sample.count >= 8 else { return nil }
        var evenNul = 0, oddNul = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenNul += 1 } else { oddNul += 1 }
        }
        let half = sample.count / 2
        if oddNul * 10 >= half * 8 && evenNul * 10 < half { return .utf16LE }
        if evenNul * 10 >= half * 8 && oddNul * 10 < half { return .utf16BE }
        return nil
    }

    /// The first byte that breaks UTF-8, and its line; nil when the bytes are UTF-8 (a
    /// character cut at the end of a partial head is not counted).
    static func firstInvalidUTF8(_ bytes: LentBytes, isWholeInput: Bool) -> (byte: UInt8, line: Int)? {
        var index = 0
        var line = 1
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (byte, line)
            }
            if index + length > count {
                // Cut at the end of the head: judge only what is there.
                if !isWholeInput {
                    for offset in 1..<(count - index) {
                        let next = bytes[index + offset]
                        if offset == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xBF) { return (byte, line) }
                    }
                    return nil
                }
                return (byte, line)
            }
            for offset in 1..<length {
                let next = bytes[index + offset]
                if offset == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xBF) { return (byte, line) }
            }
            index += length
        }
        return nil
    }
}

/// Turns UTF-16 or Windows-1252 bytes into UTF-8, a chunk at a time (a character cut between
/// chunks is kept for the next). A UTF-16 byte-order mark is dropped; a lone surrogate
/// becomes U+FFFD, which the reader reports as it does any character it cannot read.
public struct InputTranscoder: Sendable {
    /// The encoding read.
    public let encoding: InputFormat.Encoding
    private var carry: [UInt8] = []
    private var pendingHigh: UInt16?
    private var atStart = true

    /// A transcoder from `encoding` to UTF-8.
    public init(encoding: InputFormat.Encoding) { self.encoding = encoding }

    /// Windows-1252's characters for the bytes 0x80 to 0x9F (the five it leaves undefined are
    /// kept as the C1 controls of the same value, as web browsers do); the bytes from 0xA0 are
    /// Latin-1's, the code points of the same value.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 of `chunk` to `output`.
    public mutating func transcode(_ chunk: [UInt8], into output: inout [UInt8]) {
        chunk.withLentBuffer { transcode($0, into: &output) }
    }

    /// Appends the UTF-8 of `chunk`, lent for the call, to `output`.
    package mutating func transcode(_ chunk: LentBytes, into output: inout [UInt8]) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: chunk)
        case .windows1252:
            output.reserveCapacity(output.count + chunk.count + chunk.count / 8)
            for byte in chunk {
                if byte < 0x80 { output.append(byte) } else {
                    let scalar = byte < 0xA0 ? Self.windows1252High[Int(byte - 0x80)] : UInt32(byte)
                    Self.appendUTF8(scalar, to: &output)
                }
            }
        case .utf16LE, .utf16BE:
            output.reserveCapacity(output.count + chunk.count)
            var index = 0
            let count = chunk.count
            func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
                encoding == .utf16LE ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b)
            }
            if !carry.isEmpty, count > 0 {
                take(unit(carry[0], chunk[0]), into: &output)
                carry.removeAll()
                index = 1
            }
            while index + 1 < count {
                take(unit(chunk[index], chunk[index + 1]), into: &output)
                index += 2
            }
            if index < count { carry = [chunk[index]] }
        }
    }

    /// Ends the input: a character cut short at the end becomes U+FFFD.
    public mutating func finish(into output: inout [UInt8]) {
        if pendingHigh != nil || !carry.isEmpty {
            Self.appendUTF8(0xFFFD, to: &output)
            pendingHigh = nil
            carry.removeAll()
        }
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) {
        defer { atStart = false }
        if atStart && unit == 0xFEFF { return }
        if let high = pendingHigh {
            pendingHigh = nil
            if (0xDC00...0xDFFF).contains(unit) {
                Self.appendUTF8(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00), to: &output)
                return
            }
            Self.appendUTF8(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHigh = unit
        case 0xDC00...0xDFFF: Self.appendUTF8(0xFFFD, to: &output)
        default: Self.appendUTF8(UInt32(unit), to: &output)
        }
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6)); output.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12)); output.append(0x80 | UInt8((scalar >> 6) & 0x3F)); output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18)); output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F)); output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
