// Checks on outputs that must hold for any input. Used by the tests and compiled into the
// fuzzing harness (Fuzz/), which builds it in the library's own module, so it uses nothing
// but the library and the standard library.
@testable import WorkforceStandards

/// The safety rules every CSV and XML output keeps, whatever the input.
enum OutputChecks {
    /// Whether a spreadsheet reads `cell` as a plain number: optional sign, digits, an optional
    /// decimal part and exponent. Stricter than `Double(_:)`, which also reads `-inf`,
    /// `-nan(...)` and `-0x1p3`, none of which a spreadsheet takes as a number.
    static func isPlainNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) { scalars = scalars.dropFirst(); count += 1 }
            return count
        }
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        var mantissa = digits()
        if scalars.first == "." { scalars = scalars.dropFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let first = scalars.first, first == "e" || first == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// The cells of CSV text a spreadsheet would run as a formula: they begin with `=`, `+`,
    /// `-`, `@`, tab or carriage return and are not a plain number. Neutralised cells (a
    /// leading `'`) are safe.
    static func formulaCells(_ text: String) -> [String] {
        CSVParser.records(in: text).records.flatMap(\.fields).filter { cell in
            guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return false }
            return !isPlainNumber(cell)
        }
    }

    /// Why `xml` is not well-formed XML 1.0, or nil when it is: every character is one XML 1.0
    /// allows, `&` only starts a character or predefined entity reference, `<` only starts a
    /// tag, a declaration or a comment, and tags nest. (A fast stand-in for xmllint; the tests
    /// that project something run xmllint too.)
    static func xmlProblem(_ xml: String) -> String? {
        for scalar in xml.unicodeScalars where !XMLWriter.isAllowed(scalar) {
            return "character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in XML 1.0"
        }
        let text = Array(xml.unicodeScalars)
        var index = 0
        var stack: [String] = []
        var root = false
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-" || s == "." || s == ":"
        }
        while index < text.count {
            let scalar = text[index]
            if scalar == "&" {
                let end = text[index...].prefix(12).firstIndex(of: ";")
                guard let end else { return "a bare & at scalar \(index)" }
                let name = String(String.UnicodeScalarView(text[(index + 1)..<end]))
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(name)
                let numeric = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                guard known || numeric.flatMap(Unicode.Scalar.init).map(XMLWriter.isAllowed) == true else {
                    return "a bad reference &\(name); at scalar \(index)"
                }
                index = end + 1
            } else if scalar == ">" || scalar == "\"" || scalar == "'" {
                index += 1 // allowed in content; the writer escapes them anyway
            } else if scalar == "<" {
                let rest = String(String.UnicodeScalarView(text[index..<min(text.count, index + 4)]))
                if rest.hasPrefix("<?") || rest.hasPrefix("<!--") {
                    let terminator: [Unicode.Scalar] = rest.hasPrefix("<?") ? ["?", ">"] : ["-", "-", ">"]
                    var end = index + 2
                    while end + terminator.count <= text.count, Array(text[end..<end + terminator.count]) != terminator { end += 1 }
                    guard end + terminator.count <= text.count else { return "an unclosed <? or <!-- at scalar \(index)" }
                    index = end + terminator.count
                    continue
                }
                guard let close = text[index...].firstIndex(of: ">") else { return "an unclosed tag at scalar \(index)" }
                var inner = Array(text[(index + 1)..<close])
                let closing = inner.first == "/"
                if closing { inner.removeFirst() }
                let selfClosing = inner.last == "/"
                if selfClosing { inner.removeLast() }
                let name = String(String.UnicodeScalarView(inner.prefix { isNameScalar($0) }))
                guard !name.isEmpty else { return "a < that starts no tag at scalar \(index)" }
                let attributes = String(String.UnicodeScalarView(inner.dropFirst(name.unicodeScalars.count)))
                if attributes.contains("<") { return "a < inside tag \(name)" }
                if closing {
                    guard stack.popLast() == name else { return "</\(name)> does not close the open element" }
                } else if !selfClosing {
                    if stack.isEmpty && root { return "a second root element \(name)" }
                    stack.append(name)
                    root = true
                }
                index = close + 1
            } else {
                if stack.isEmpty && !scalar.properties.isWhitespace { return "text outside the root element at scalar \(index)" }
                index += 1
            }
        }
        if !stack.isEmpty { return "unclosed elements \(stack)" }
        return root ? nil : "no root element"
    }
}
