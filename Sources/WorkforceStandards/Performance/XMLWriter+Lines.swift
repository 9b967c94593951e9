// The fast version of XMLWriter's plain appends (`bytes.append(contentsOf: text.utf8)` piece by
// piece): the writer's lines written in one piece straight into its buffer.

extension XMLWriter {
    /// Lends the UTF-8 text written since `mark` (a ``count`` taken earlier) to `body`.
    func withWritten<Result>(since mark: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        buffer.withBytes(from: mark, body)
    }

    /// Writes `size` bytes at the end: `body` is given where to write them.
    @inline(__always)
    mutating func write(_ size: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        buffer.write(size, body)
    }

    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let base = piece.baseAddress, !piece.isEmpty else { return }
        write(piece.count) { $0.update(from: base, count: piece.count) }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }


    /// Writes `<name>` or `</name>` on its own line at the current depth, in one piece; false
    /// (nothing written) when the name is not stored contiguously.
    mutating func appendTag(_ name: String, closing: Bool) -> Bool {
        let depth = stack.count
        let written: Bool? = name.utf8.withContiguousStorageIfAvailable { name in
            guard let nameBase = name.baseAddress else { return false }
            let size = 2 * depth + name.count + (closing ? 4 : 3)
            write(size) { line in
                line.initialize(repeating: UInt8(ascii: " "), count: 2 * depth)
                var end = 2 * depth
                line[end] = UInt8(ascii: "<")
                end += 1
                if closing {
                    line[end] = UInt8(ascii: "/")
                    end += 1
                }
                (line + end).updateShort(from: nameBase, count: name.count)
                end += name.count
                line[end] = UInt8(ascii: ">")
                line[end + 1] = UInt8(ascii: "\n")
            }
            return true
        }
        return written == true
    }

    /// Writes `<name>value</name>` for the UTF-8 text `value`.
    mutating func element(_ name: String, utf8 value: LentBytes) { element(name, utf8: value.buffer) }

    /// Writes `<name>value</name>` for the UTF-8 text `value`.
    mutating func element(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) {
        if name.utf8.withContiguousStorageIfAvailable({ element(utf8Name: $0, value: value) }) == nil {
            var name = name
            name.makeContiguousUTF8()
            element(name, utf8: value)
        }
    }

    /// Writes the element whose name and value are given as UTF-8: nearly every element is a
    /// short name and a plain value, and its line is written in one piece, instead of in nine
    /// appends.
    mutating func element(utf8Name name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        guard let nameBase = name.baseAddress, value.allSatisfy(Self.isPlain) else {
            return elementEscaping(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        }
        if isCompact { return CompactXML.recordElement(name: name, value: value, in: &buffer) }
        let depth = stack.count
        let size = 2 * depth + 2 * name.count + value.count + 6
        write(size) { line in
            line.initialize(repeating: UInt8(ascii: " "), count: 2 * depth)
            var end = 2 * depth
            line[end] = UInt8(ascii: "<")
            (line + end + 1).updateShort(from: nameBase, count: name.count)
            end += name.count + 1
            line[end] = UInt8(ascii: ">")
            end += 1
            if let valueBase = value.baseAddress, !value.isEmpty {
                (line + end).updateShort(from: valueBase, count: value.count)
                end += value.count
            }
            line[end] = UInt8(ascii: "<")
            line[end + 1] = UInt8(ascii: "/")
            (line + end + 2).updateShort(from: nameBase, count: name.count)
            end += name.count + 2
            line[end] = UInt8(ascii: ">")
            line[end + 1] = UInt8(ascii: "\n")
        }
    }

    mutating func appendIndentation() {
        let depth = stack.count
        write(2 * depth) { $0.initialize(repeating: UInt8(ascii: " "), count: 2 * depth) }
    }

    /// Appends bytes already escaped.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Records a ``CompactXML`` element whose value is already escaped.
    mutating func recordCompactElement(name: String, escapedValue: [UInt8]) {
        var name = name
        name.withUTF8 { name in
            escapedValue.withUnsafeBufferPointer { CompactXML.recordElement(name: name, value: $0, in: &buffer) }
        }
    }
}
