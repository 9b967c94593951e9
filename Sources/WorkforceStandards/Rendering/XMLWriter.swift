/// Writes XML text: the one place XML is escaped.
///
/// Any Swift string can be written and the result stays well-formed XML 1.0: characters XML
/// 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD, and
/// `<`, `>`, `&`, `"`, `'` are escaped. So a name like `<b>&]]>` cannot break a return.
public struct XMLWriter {
    public private(set) var text = ""
    private var stack: [String] = []
    private let indentUnit = "  "

    public init(declaration: Bool = true) {
        if declaration { text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
    }

    /// Opens `<name attr="...">` on its own line.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        appendIndentation()
        text.append("<")
        text.append(name)
        if !attributes.isEmpty { text.append(attributeText(attributes)) }
        text.append(">\n")
        stack.append(name)
    }

    /// Closes the element opened last.
    public mutating func close() {
        guard let name = stack.popLast() else { return }
        appendIndentation()
        text.append("</")
        text.append(name)
        text.append(">\n")
    }

    /// Writes `<name>value</name>`; nothing when `value` is nil (optional elements are omitted).
    public mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        // Appended piece by piece: building the line with + would allocate a string per piece.
        appendIndentation()
        text.append("<")
        text.append(name)
        text.append(">")
        text.append(Self.escape(value))
        text.append("</")
        text.append(name)
        text.append(">\n")
    }

    private static let indents: [String] = (0..<16).map { String(repeating: "  ", count: $0) }

    private mutating func appendIndentation() {
        let depth = stack.count
        text.append(depth < Self.indents.count ? Self.indents[depth] : String(repeating: indentUnit, count: depth))
    }

    /// Escapes text for element content or attribute values.
    public static func escape(_ value: String) -> String {
        // Most values need nothing: check the bytes once and return the text as it is.
        if value.utf8.allSatisfy({ byte in
            byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte < 0x80
        }) {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// Whether XML 1.0 allows the character (production [2] Char).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF: return true
        case 0xE000...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private var indentation: String { String(repeating: indentUnit, count: stack.count) }

    private func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
    }
}
