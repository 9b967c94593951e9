// The fast version of keeping `XMLWriter` text: XML recorded as tokens (a fifth of the size)
// and expanded to the text the plain writer writes.

/// XML recorded as tokens by ``XMLWriter/compactRecorder()`` and written out as text later.
///
/// The School Workforce Census return is grouped by school and by person, so its pieces wait
/// in a spool on disk until the end of the run. Held as text they are mostly indentation and
/// closing tags; as tokens they are about a fifth of the size, which is a fifth of the bytes
/// written to the spool and read back. The values are escaped when they are recorded, so
/// expanding tokens only copies bytes.
///
/// Tokens (lengths are LEB128 unsigned integers):
/// - `1`, name length (one byte), name: `<name>` on its own line;
/// - `2`: closes the element opened last;
/// - `3`, name length, name, value length, value: `<name>value</name>` on one line;
/// - `4`, name length, name, attributes length, attributes (` a="v"`, escaped): `<name a="v">`.
enum CompactXML {
    private static let open: UInt8 = 1, close: UInt8 = 2, element: UInt8 = 3, openWithAttributes: UInt8 = 4
    /// Elements nested deeper than this inside one piece are not expected (an SWF member is
    /// seven deep); expansion refuses them rather than grow a stack.
    static let maximumDepth = 32

    // MARK: Recording

    static func recordOpen(_ name: String, attributes: [UInt8], in buffer: inout ByteBuffer) {
        // Read in place (nearly always possible); `withUTF8` would copy the string first.
        if name.utf8.withContiguousStorageIfAvailable({ recordOpen(utf8Name: $0, attributes: attributes, in: &buffer) }) == nil {
            var name = name
            name.makeContiguousUTF8()
            recordOpen(name, attributes: attributes, in: &buffer)
        }
    }

    private static func recordOpen(utf8Name name: UnsafeBufferPointer<UInt8>, attributes: [UInt8], in buffer: inout ByteBuffer) {
        guard let nameBase = name.baseAddress else { return }
        let nameCount = min(name.count, 255)
        if attributes.isEmpty {
            buffer.write(2 + nameCount) { out in
                out[0] = open
                out[1] = UInt8(nameCount)
                (out + 2).updateShort(from: nameBase, count: nameCount)
            }
            return
        }
        buffer.write(2 + nameCount + lengthSize(attributes.count) + attributes.count) { out in
            out[0] = openWithAttributes
            out[1] = UInt8(nameCount)
            (out + 2).update(from: nameBase, count: nameCount)
            var end = 2 + nameCount
            end += storeLength(attributes.count, at: out + end)
            attributes.withUnsafeBufferPointer { (out + end).update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    static func recordClose(in buffer: inout ByteBuffer) {
        buffer.write(1) { $0[0] = close }
    }

    static func recordElement(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, in buffer: inout ByteBuffer) {
        let nameCount = min(name.count, 255)
        buffer.write(2 + nameCount + lengthSize(value.count) + value.count) { out in
            out[0] = element
            out[1] = UInt8(nameCount)
            if let base = name.baseAddress { (out + 2).updateShort(from: base, count: nameCount) }
            var end = 2 + nameCount
            end += storeLength(value.count, at: out + end)
            if let base = value.baseAddress { (out + end).updateShort(from: base, count: value.count) }
        }
    }

    @inline(__always)
    private static func lengthSize(_ length: Int) -> Int {
        length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x20_0000 ? 3 : length < 0x1000_0000 ? 4 : 5
    }

    /// Stores `length` as LEB128 at `out`; the number of bytes written.
    @inline(__always)
    private static func storeLength(_ length: Int, at out: UnsafeMutablePointer<UInt8>) -> Int {
        var rest = length
        var index = 0
        while rest >= 0x80 {
            out[index] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            index += 1
        }
        out[index] = UInt8(rest)
        return index + 1
    }

    // MARK: Expanding

    /// Writes the XML text of `tokens` to `out`, indented as if inside `depth` open elements,
    /// as ``XMLWriter`` would have written the same calls; false if the tokens are malformed
    /// (cut short, an unknown token, deeper than ``maximumDepth``, or a close with nothing open),
    /// and then nothing is written.
    static func expand(_ tokens: UnsafeBufferPointer<UInt8>, depth: Int, into out: inout ByteBuffer) -> Bool {
        guard let base = tokens.baseAddress, !tokens.isEmpty else { return true }
        // The text is written in one go into room for the most it can be, so that a line costs
        // no check for room. Each token byte gives at most one line (indented at most `indent`
        // and 8 bytes of its own), and each byte of a name or value is written at most twice
        // (an element's name, an open element's name when it closes): that bounds the text.
        // The 8 bytes over are for indentation, written 8 spaces at a time.
        let maximumIndent = 2 * (depth + maximumDepth)
        let room = tokens.count * (maximumIndent + 10) + 8
        var wellFormed = true
        out.write(atMost: room) { text in
            let written = expand(base, count: tokens.count, depth: depth, to: text)
            wellFormed = written != nil
            return written ?? 0
        }
        return wellFormed
    }

    /// Writes 8 spaces at a time: `count` rounded up to a multiple of 8 (what follows overwrites the rest).
    @inline(__always)
    private static func indent(_ line: UnsafeMutablePointer<UInt8>, _ count: Int) {
        var at = 0
        while at < count {
            UnsafeMutableRawPointer(line + at).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            at += 8
        }
    }

    /// Writes the text of the `count` token bytes at `base` to `text`: how many bytes, or nil
    /// when the tokens are malformed. `text` has room for ``expand(_:depth:into:)``'s bound.
    private static func expand(_ base: UnsafePointer<UInt8>, count end: Int, depth: Int, to text: UnsafeMutablePointer<UInt8>) -> Int? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: maximumDepth) { openNames -> Int? in
            // Where the name of each element open in this piece starts (its length is the byte before).
            var open = 0
            var position = 0
            var at = 0
            func readLength() -> Int? {
                var length = 0
                var shift = 0
                while position < end, shift < 35 {
                    let byte = base[position]
                    position += 1
                    length |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return length }
                    shift += 7
                }
                return nil
            }
            while position < end {
                let token = base[position]
                position += 1
                let indent = 2 * (depth + open)
                switch token {
                case Self.close:
                    guard open > 0 else { return nil }
                    open -= 1
                    let nameStart = openNames[open]
                    let nameCount = Int(base[nameStart - 1])
                    Self.indent(text + at, indent - 2)
                    at += indent - 2
                    text[at] = UInt8(ascii: "<"); text[at + 1] = UInt8(ascii: "/"); at += 2
                    (text + at).updateShort(from: base + nameStart, count: nameCount); at += nameCount
                    text[at] = UInt8(ascii: ">"); text[at + 1] = UInt8(ascii: "\n"); at += 2
                case Self.open, Self.openWithAttributes, Self.element:
                    guard position < end else { return nil }
                    let nameCount = Int(base[position])
                    let nameStart = position + 1
                    position = nameStart + nameCount
                    guard position <= end else { return nil }
                    if token == Self.element {
                        guard let valueCount = readLength(), position + valueCount <= end else { return nil }
                        let valueStart = position
                        position += valueCount
                        Self.indent(text + at, indent)
                        at += indent
                        text[at] = UInt8(ascii: "<"); at += 1
                        (text + at).updateShort(from: base + nameStart, count: nameCount); at += nameCount
                        text[at] = UInt8(ascii: ">"); at += 1
                        (text + at).updateShort(from: base + valueStart, count: valueCount); at += valueCount
                        text[at] = UInt8(ascii: "<"); text[at + 1] = UInt8(ascii: "/"); at += 2
                        (text + at).updateShort(from: base + nameStart, count: nameCount); at += nameCount
                        text[at] = UInt8(ascii: ">"); text[at + 1] = UInt8(ascii: "\n"); at += 2
                        continue
                    }
                    var attributes = 0..<0
                    if token == Self.openWithAttributes {
                        guard let count = readLength(), position + count <= end else { return nil }
                        attributes = position..<(position + count)
                        position += count
                    }
                    guard open < maximumDepth else { return nil }
                    openNames[open] = nameStart
                    open += 1
                    Self.indent(text + at, indent)
                    at += indent
                    text[at] = UInt8(ascii: "<"); at += 1
                    (text + at).updateShort(from: base + nameStart, count: nameCount); at += nameCount
                    if !attributes.isEmpty {
                        (text + at).update(from: base + attributes.lowerBound, count: attributes.count)
                        at += attributes.count
                    }
                    text[at] = UInt8(ascii: ">"); text[at + 1] = UInt8(ascii: "\n"); at += 2
                default:
                    return nil
                }
            }
            return at
        }
    }
}
