/// One record of a record file (`Standards/items/*.txt`, `role-profiles.txt`): its fields in
/// order, each with the line it starts on.
package struct TextRecord: Sendable, Equatable {
    /// A `key: value` field. Continuation lines are joined to `value` with a newline.
    package struct Field: Sendable, Equatable {
        package var key: String
        package var value: String
        package var line: Int
    }
    package var fields: [Field]
    /// The line the record starts on.
    package var line: Int

    /// The value of the first field named `key`.
    package func value(_ key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// Every value of the fields named `key`, in order.
    package func values(_ key: String) -> [String] {
        fields.filter { $0.key == key }.map(\.value)
    }

    /// The line of the first field named `key`, else the record's line.
    package func line(of key: String) -> Int {
        fields.first { $0.key == key }?.line ?? line
    }
}

/// Reads the record-file syntax described in `Standards/README.md`.
///
/// Records are separated by blank lines; each line is `key: value`; a line starting with two
/// spaces continues the value above; `#` starts a comment line.
package enum RecordFileParser {
    /// A line that does not follow the syntax.
    package struct Problem: Sendable, Equatable {
        package var line: Int
        package var message: String
    }

    /// Parses `text` into records, collecting every syntax problem.
    ///
    /// Works on UTF-8 bytes (every character the syntax gives meaning to is ASCII), so that
    /// loading the standard costs no grapheme breaking.
    package static func parse(_ text: String) -> (records: [TextRecord], problems: [Problem]) {
        var records: [TextRecord] = []
        var problems: [Problem] = []
        var current: [TextRecord.Field] = []
        var recordLine = 0

        func flush() {
            if !current.isEmpty { records.append(TextRecord(fields: current, line: recordLine)) }
            current = []
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func string(_ bytes: ArraySlice<UInt8>) -> String {
            var slice = bytes
            while let first = slice.first, isBlank(first) { slice = slice.dropFirst() }
            while let last = slice.last, isBlank(last) { slice = slice.dropLast() }
            return String(decoding: slice, as: UTF8.self)
        }

        let bytes = Array(text.utf8)
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            var line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy(isBlank) {
                flush()
                if lineEnd >= bytes.count { break }
                continue
            }
            if line.first == UInt8(ascii: "#") { continue }
            if line.count >= 2 && line[line.startIndex] == 0x20 && line[line.startIndex + 1] == 0x20 {
                guard !current.isEmpty else {
                    problems.append(Problem(line: lineNumber, message: "a continuation line (starting with two spaces) with no field above it"))
                    continue
                }
                current[current.count - 1].value += "\n" + String(decoding: line.dropFirst(2), as: UTF8.self)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                problems.append(Problem(line: lineNumber, message: "expected `key: value`, found \"\(String(decoding: line.prefix(60), as: UTF8.self))\""))
                continue
            }
            let key = string(line[line.startIndex..<colon])
            let value = string(line[(colon + 1)...])
            guard !key.isEmpty, key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }) else {
                problems.append(Problem(line: lineNumber, message: "a key must be lower-case letters, digits and hyphens, found \"\(key)\""))
                continue
            }
            if current.isEmpty { recordLine = lineNumber }
            current.append(TextRecord.Field(key: key, value: value, line: lineNumber))
        }
        flush()
        return (records, problems)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (checked as bytes: both are ASCII).
    func trimmingSpaces() -> Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return self[start..<end]
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { String(Substring(self).trimmingSpaces()) }
}

extension String {
    /// The text with every white-space scalar removed, as ASC-WDS compares identifiers. Text of
    /// printable ASCII with no space (nearly every identifier) is returned as it is, unread.
    func removingWhitespace() -> String {
        let plain = utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } } ?? false
        return plain ? self : String(unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    /// Whether the text is empty or white space only; a printable ASCII byte settles it at once.
    var isBlank: Bool {
        if utf8.withContiguousStorageIfAvailable({ $0.contains { $0 > 0x20 && $0 < 0x7F } }) == true { return false }
        return allSatisfy(\.isWhitespace)
    }
}
