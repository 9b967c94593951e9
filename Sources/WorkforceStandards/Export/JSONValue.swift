/// A JSON value whose objects keep their keys in the order they were written, so that the
/// exporters decide the layout of every file (FHIR's `resourceType` first, then the elements in
/// the order of the specification) and the same registry always gives the same bytes.
///
/// Numbers are kept as their text: a share of `0.532` is written exactly so, never through a
/// binary round trip that could print `0.53200000000000003`.
enum JSONValue: Sendable, Equatable {
    case string(String)
    /// A number as JSON text (`2010`, `0.532`).
    case number(String)
    case bool(Bool)
    case array([JSONValue])
    /// Members in writing order; keys are unique (the builders add each once).
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)), let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A decimal in the shortest form that reads back as the same value (`0.532`, `1.0`).
    static func decimal(_ value: Double) -> JSONValue { .number(String(value)) }

    /// The value as text: two-space indentation, one member or element a line, except that an
    /// object or array holding only strings, numbers and booleans is written on one line
    /// (`{"code": "status", "valueCode": "active"}`), which keeps code systems readable at a
    /// third of the size; `": "` after keys, a final newline; non-ASCII text is written as
    /// UTF-8, not escaped.
    func rendered() -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .string, .number, .bool: return true
        case .array, .object: return false
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .array(let elements) where !elements.isEmpty && elements.allSatisfy(\.isScalar):
            out.append("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(", ") }
                element.write(to: &out, indent: indent)
            }
            out.append("]")
        case .object(let members) where !members.isEmpty && members.allSatisfy(\.1.isScalar):
            out.append("{")
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(", ") }
                Self.appendQuoted(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: indent)
            }
            out.append("}")
        case .string(let text): Self.appendQuoted(text, to: &out)
        case .number(let text): out.append(text)
        case .bool(let value): out.append(value ? "true" : "false")
        case .array(let elements):
            guard !elements.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (index, element) in elements.enumerated() {
                Self.appendIndent(indent + 1, to: &out)
                element.write(to: &out, indent: indent + 1)
                out.append(index + 1 < elements.count ? ",\n" : "\n")
            }
            Self.appendIndent(indent, to: &out)
            out.append("]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                Self.appendIndent(indent + 1, to: &out)
                Self.appendQuoted(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: indent + 1)
                out.append(index + 1 < members.count ? ",\n" : "\n")
            }
            Self.appendIndent(indent, to: &out)
            out.append("}")
        }
    }

    private static func appendIndent(_ level: Int, to out: inout String) {
        out.append(String(repeating: "  ", count: level))
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped.
    static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}

/// Builds a JSON object member by member, leaving out absent and empty values: FHIR forbids
/// empty strings, arrays and objects, so the builders never have to test for them one by one.
struct JSONObject {
    private(set) var members: [(String, JSONValue)] = []

    init() {}

    /// Adds `key` unless `value` is nil, an empty string, an empty array or an empty object.
    mutating func add(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        switch value {
        case .string(let text) where text.isEmpty: return
        case .array(let elements) where elements.isEmpty: return
        case .object(let members) where members.isEmpty: return
        default: members.append((key, value))
        }
    }

    mutating func add(_ key: String, _ text: String?) { add(key, text.map(JSONValue.string)) }

    var value: JSONValue { .object(members) }
}
