import WorkforceStandards

/// The output formats every command offers.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

/// A rectangular result: column names and rows of text.
public struct Table: Sendable, Equatable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]

    public init(title: String? = nil, columns: [String], rows: [[String]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// What a command prints: a table, or a record (key/value fields) with sub-tables.
public enum Report: Sendable {
    case table(Table)
    /// `lists` names the fields that are lists: JSON gives each one member holding every value
    /// given under that name, as an array even when there is one (a JSON object must not repeat
    /// a member name, and a reader should not find a string one day and an array the next).
    case record(fields: [(String, String)], sections: [Table], lists: Set<String> = [])

    /// The report as text in `format`.
    public func rendered(as format: OutputFormat) -> String {
        switch (self, format) {
        case let (.table(table), .table): return TextTable.render(table)
        case let (.table(table), .csv): return CSVOutput.render(table)
        case let (.table(table), .json): return JSON.array(of: table) + "\n"
        case let (.record(fields, sections, _), .table):
            let width = fields.map { $0.0.count }.max() ?? 0
            var out = fields.map { key, value in
                let pad = String(repeating: " ", count: width - key.count)
                let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
                return "\(key):\(pad) " + lines.joined(separator: "\n" + String(repeating: " ", count: width + 2))
            }.joined(separator: "\n") + "\n"
            for section in sections where !section.rows.isEmpty { out += "\n" + TextTable.render(section) }
            return out
        case let (.record(fields, sections, _), .csv):
            var out = CSVOutput.render(Table(columns: ["field", "value"], rows: fields.map { [$0.0, $0.1] }))
            for section in sections where !section.rows.isEmpty { out += "\n" + CSVOutput.render(section) }
            return out
        case let (.record(fields, sections, lists), .json):
            var members: [(String, String)] = []
            var listed: [String: Int] = [:]  // a list field's member, by name
            for (name, value) in fields {
                guard lists.contains(name) else { members.append((JSON.key(name), JSON.string(value))); continue }
                if let index = listed[name] {
                    members[index].1.removeLast()
                    members[index].1 += "," + JSON.string(value) + "]"
                } else {
                    listed[name] = members.count
                    members.append((JSON.key(name), "[" + JSON.string(value) + "]"))
                }
            }
            for section in sections { members.append((JSON.key(section.title ?? "rows"), JSON.array(of: section))) }
            return "{" + members.map { "\(JSON.string($0.0)):\($0.1)" }.joined(separator: ",") + "}\n"
        }
    }
}

/// Aligned plain-text tables for people.
enum TextTable {
    static func render(_ table: Table) -> String {
        var widths = table.columns.map(\.count)
        for row in table.rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text += isLast ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            return text
        }
        var out = ""
        if let title = table.title { out += title + "\n" }
        out += line(table.columns) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in table.rows { out += line(row.map { $0.replacingNewlines() }) + "\n" }
        return out
    }
}

/// CSV for programs and spreadsheets.
enum CSVOutput {
    static func render(_ table: Table) -> String {
        var out = CSVWriter.line(table.columns) + "\n"
        for row in table.rows { out += CSVWriter.line(row) + "\n" }
        return out
    }
}

/// A small deterministic JSON writer: members keep the order they are given in.
enum JSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A column name as a JSON member name: `SOC2010 share` becomes `soc2010_share`.
    static func key(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func array(of table: Table) -> String {
        let keys = table.columns.map(key)
        let objects = table.rows.map { row in
            "{" + zip(keys, row).map { "\(string($0)):\(string($1))" }.joined(separator: ",") + "}"
        }
        return "[" + objects.joined(separator: ",") + "]"
    }
}

extension String {
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " / ")
    }
}
