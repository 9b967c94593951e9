/// Writes XML text: the one place XML is escaped.
///
/// Any Swift string can be written and the result stays well-formed XML 1.0: characters XML
/// 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD, and
/// `<`, `>`, `&`, `"`, `'` are escaped. So a name like `<b>&]]>` cannot break a return.
///
/// The text is built as UTF-8 bytes: a national SWF return has tens of millions of elements,
/// and appending bytes costs a fraction of appending strings piece by piece.
public struct XMLWriter {
    /// The text so far. Lines are written straight into its room, so a line costs one check
    /// that there is room and no appends.
    var buffer: ByteBuffer
    var stack: [String] = []
    /// Whether the writer records ``CompactXML`` tokens instead of text.
    var isCompact = false
    /// How many elements are open, when recording tokens (which need no names to close).
    private var compactDepth = 0

    /// The UTF-8 text written so far.
    public var bytes: [UInt8] { buffer.array }

    /// The text written so far.
    public var text: String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// How many bytes have been written.
    var count: Int { buffer.count }

    /// A writer with room for a whole SWF staff member (about 1.3 KB), so that rendering one
    /// grows nothing; the XML declaration first unless `declaration` is false.
    public init(declaration: Bool = true) {
        self.init(declaration: declaration, capacity: 2_048)
    }

    /// A writer with room for `capacity` bytes before it grows.
    init(declaration: Bool, capacity: Int) {
        buffer = ByteBuffer(capacity: capacity)
        if declaration { appendUTF8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    /// A writer that records ``CompactXML`` tokens: the same calls, escaped the same way, but
    /// without indentation or closing names, for text that waits on disk before
    /// ``CompactXML/expand(_:depth:into:)`` writes it out.
    static func compactRecorder(capacity: Int = 2_048) -> XMLWriter {
        var writer = XMLWriter(declaration: false, capacity: capacity)
        writer.isCompact = true
        return writer
    }

    /// Opens `<name attr="...">` on its own line.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        if isCompact {
            compactDepth += 1
            guard !attributes.isEmpty else { return CompactXML.recordOpen(name, attributes: [], in: &buffer) }
            var attributeText: [UInt8] = []
            for (attribute, value) in attributes {
                attributeText.append(UInt8(ascii: " "))
                attributeText.appendUTF8(attribute)
                attributeText.append(contentsOf: "=\"".utf8)
                Self.appendEscaped(value, to: &attributeText)
                attributeText.append(UInt8(ascii: "\""))
            }
            CompactXML.recordOpen(name, attributes: attributeText, in: &buffer)
            return
        }
        if attributes.isEmpty, appendTag(name, closing: false) {
            stack.append(name)
            return
        }
        appendIndentation()
        append("<")
        appendUTF8(name)
        for (attribute, value) in attributes {
            append(" ")
            appendUTF8(attribute)
            append("=\"")
            appendEscaped(value)
            append("\"")
        }
        append(">\n")
        stack.append(name)
    }

    /// Closes the element opened last.
    public mutating func close() {
        if isCompact {
            guard compactDepth > 0 else { return }
            compactDepth -= 1
            return CompactXML.recordClose(in: &buffer)
        }
        guard let name = stack.popLast() else { return }
        if appendTag(name, closing: true) { return }
        appendIndentation()
        append("</")
        appendUTF8(name)
        append(">\n")
    }

    /// Writes `<name>value</name>`; nothing when `value` is nil (optional elements are omitted).
    public mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        // Read in place: `withUTF8` would need a copy of the string to call a mutating method
        // on, a retain and a release per element.
        LentBytes.withUTF8(of: value) { element(name, utf8: $0) }
    }

    /// Writes `<name>YYYY-MM-DD</name>`; nothing when `date` is nil.
    mutating func element(_ name: String, date: SimpleDate?) {
        guard let date else { return }
        date.withText { element(name, utf8: $0) }
    }

    /// ``element(_:_:)`` for values that need escaping.
    mutating func elementEscaping(_ name: String, _ value: String) {
        if isCompact {
            var escaped: [UInt8] = []
            Self.appendEscaped(value, to: &escaped)
            recordCompactElement(name: name, escapedValue: escaped)
            return
        }
        appendIndentation()
        append("<")
        appendUTF8(name)
        append(">")
        appendEscaped(value)
        append("</")
        appendUTF8(name)
        append(">\n")
    }

    /// Appends `value` escaped for element content or attribute values.
    private mutating func appendEscaped(_ value: String) {
        var escaped: [UInt8] = []
        Self.appendEscaped(value, to: &escaped)
        append(escaped)
    }

    /// Whether a byte can be copied as it is: printable ASCII other than the five that XML escapes.
    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool {
        // One bit per byte value below 128 (every value is checked, so a mask, not five compares).
        // Below 64: 0x20 to 0x3F except `"` (0x22), `&` (0x26), `'` (0x27), `<` (0x3C), `>` (0x3E).
        let low: UInt64 = 0xFFFF_FFFF_0000_0000 & ~(1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E)
        // 64 to 127: everything.
        if byte < 64 { return low >> byte & 1 == 1 }
        return byte < 128
    }

    /// Appends `value` escaped for element content or attribute values.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        // Most values need nothing: check the bytes once and copy them.
        let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            for byte in utf8 where !isPlain(byte) { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        switch copied {
        case true?: return
        case false?: bytes.appendUTF8(escapeSlowly(value))
        case nil: appendEscaped(String(decoding: Array(value.utf8), as: UTF8.self), to: &bytes)
        }
    }

    /// Escapes text for element content or attribute values.
    public static func escape(_ value: String) -> String {
        value.utf8.allSatisfy(isPlain) ? value : escapeSlowly(value)
    }

    private static func escapeSlowly(_ value: String) -> String {
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
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` with one copy of its bytes (appending the UTF-8 view as a
    /// sequence would go byte by byte).
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }
}
