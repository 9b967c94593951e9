/// One record of a record file (`Standards/items/*.txt`, `role-profiles.txt`): its fields in
/// order, each with the line it starts on.
public struct TextRecord: Sendable, Equatable {
    /// A `key: value` field. Continuation lines are joined to `value` with a newline.
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int
    }
    public var fields: [Field]
    /// The line the record starts on.
    public var line: Int

    /// The value of the first field named `key`.
    public func value(_ key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// Every value of the fields named `key`, in order.
    public func values(_ key: String) -> [String] {
        fields.filter { $0.key == key }.map(\.value)
    }

    /// The line of the first field named `key`, else the record's line.
    public func line(of key: String) -> Int {
        fields.first { $0.key == key }?.line ?? line
    }
}

/// Reads the record-file syntax described in `Standards/README.md`.
///
/// Records are separated by blank lines; each line is `key: value`; a line starting with two
/// spaces continues the value above; `#` starts a comment line.
public enum RecordFileParser {
    /// A line that does not follow the syntax.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Parses `text` into records, collecting every syntax problem.
    public static func parse(_ text: String) -> (records: [TextRecord], problems: [Problem]) {
        var records: [TextRecord] = []
        var problems: [Problem] = []
        var current: [TextRecord.Field] = []
        var recordLine = 0

        func flush() {
            if !current.isEmpty { records.append(TextRecord(fields: current, line: recordLine)) }
            current = []
        }

        var lineNumber = 0
        // Split on the newline byte: splitting a Character view costs grapheme breaking.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { flush(); continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("  ") {
                guard !current.isEmpty else {
                    problems.append(Problem(line: lineNumber, message: "a continuation line (starting with two spaces) with no field above it"))
                    continue
                }
                current[current.count - 1].value += "\n" + line.dropFirst(2)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(Problem(line: lineNumber, message: "expected `key: value`, found \"\(line.prefix(60))\""))
                continue
            }
            let key = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            guard !key.isEmpty, key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
                problems.append(Problem(line: lineNumber, message: "a key must be lower-case letters, digits and hyphens, found \"\(key)\""))
                continue
            }
            if current.isEmpty { recordLine = lineNumber }
            current.append(TextRecord.Field(key: String(key), value: String(value), line: lineNumber))
        }
        flush()
        return (records, problems)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { String(Substring(self).trimmingSpaces()) }
}

extension String {
    /// The text without leading and trailing spaces and tabs, checking bytes first so that the
    /// common case (nothing to trim) costs two comparisons and no copy.
    func trimmedFast() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        return trimmingSpaces()
    }
}
