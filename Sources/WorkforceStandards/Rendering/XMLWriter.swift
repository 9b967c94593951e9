/// Writes XML text: the one place XML is escaped.
///
/// Any Swift string can be written and the result stays well-formed XML 1.0: characters XML
/// 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD, and
/// `<`, `>`, `&`, `"`, `'` are escaped. So a name like `<b>&]]>` cannot break a return.
///
/// The text is built as UTF-8 bytes: a national SWF return has tens of millions of elements,
/// and appending bytes costs a fraction of appending strings piece by piece.
public struct XMLWriter {
    /// The UTF-8 text written so far.
    public private(set) var bytes: [UInt8] = []
    private var stack: [String] = []

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(declaration: Bool = true) {
        // Room for a whole SWF staff member (about 1.3 KB), so that rendering one grows nothing.
        bytes.reserveCapacity(2_048)
        if declaration { bytes.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8) }
    }

    /// Opens `<name attr="...">` on its own line.
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        if attributes.isEmpty, appendTag(name, closing: false) {
            stack.append(name)
            return
        }
        appendIndentation()
        bytes.append(UInt8(ascii: "<"))
        bytes.appendUTF8(name)
        for (attribute, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(attribute)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            Self.appendEscaped(value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
        stack.append(name)
    }

    /// Closes the element opened last.
    public mutating func close() {
        guard let name = stack.popLast() else { return }
        if appendTag(name, closing: true) { return }
        appendIndentation()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.appendUTF8(name)
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes `<name>` or `</name>` on its own line at the current depth, put together on the
    /// stack and appended once; false (nothing written) when the name is not stored contiguously.
    private mutating func appendTag(_ name: String, closing: Bool) -> Bool {
        let depth = stack.count
        let written: Bool? = name.utf8.withContiguousStorageIfAvailable { name in
            let size = 2 * depth + name.count + 4
            guard size <= 1_024, let nameBase = name.baseAddress else { return false }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { line in
                var end = 0
                for _ in 0..<(2 * depth) {
                    line[end] = UInt8(ascii: " ")
                    end += 1
                }
                line[end] = UInt8(ascii: "<")
                end += 1
                if closing {
                    line[end] = UInt8(ascii: "/")
                    end += 1
                }
                (line.baseAddress! + end).update(from: nameBase, count: name.count)
                end += name.count
                line[end] = UInt8(ascii: ">")
                line[end + 1] = UInt8(ascii: "\n")
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<(end + 2)]))
            }
            return true
        }
        return written == true
    }

    /// Writes `<name>value</name>`; nothing when `value` is nil (optional elements are omitted).
    public mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        // Nearly every element is a short name and a plain value: the line is put together in
        // a buffer on the stack and appended once, instead of in nine appends.
        let depth = stack.count
        let written: Bool? = name.utf8.withContiguousStorageIfAvailable { name in
            value.utf8.withContiguousStorageIfAvailable { value in
                let size = 2 * depth + 2 * name.count + value.count + 6
                guard size <= 1_024, value.allSatisfy(Self.isPlain) else { return false }
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { line in
                    var end = 0
                    func put(_ byte: UInt8) {
                        line[end] = byte
                        end += 1
                    }
                    func put(_ piece: UnsafeBufferPointer<UInt8>) {
                        guard let base = piece.baseAddress, !piece.isEmpty else { return }
                        (line.baseAddress! + end).update(from: base, count: piece.count)
                        end += piece.count
                    }
                    for _ in 0..<(2 * depth) { put(UInt8(ascii: " ")) }
                    put(UInt8(ascii: "<")); put(name); put(UInt8(ascii: ">"))
                    put(value)
                    put(UInt8(ascii: "<")); put(UInt8(ascii: "/")); put(name); put(UInt8(ascii: ">")); put(UInt8(ascii: "\n"))
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<end]))
                }
                return true
            } ?? false
        }
        if written != true { elementEscaping(name, value) }
    }

    /// ``element(_:_:)`` for values that need escaping (or are not stored contiguously).
    private mutating func elementEscaping(_ name: String, _ value: String) {
        appendIndentation()
        bytes.append(UInt8(ascii: "<"))
        bytes.appendUTF8(name)
        bytes.append(UInt8(ascii: ">"))
        Self.appendEscaped(value, to: &bytes)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.appendUTF8(name)
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func appendIndentation() {
        // Two spaces per level, written a pair at a time: cheaper than slicing a shared
        // buffer of spaces, which costs a look-up of the global each time.
        for _ in 0..<stack.count {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    /// Whether a byte can be copied as it is: printable ASCII other than the five that XML escapes.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
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
