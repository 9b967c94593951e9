import Foundation

/// Checks one raw value against a harmonised item's format and domain, the same rules for
/// every input: type, length, pattern, range and code membership.
public struct ItemValueValidator: Sendable {
    /// A value that passed, in canonical form (codes in the code set's own case, booleans as
    /// `Y`/`N`, numbers and dates as parsed).
    public enum Value: Sendable, Equatable {
        /// Text, as given (trimmed).
        case text(String)
        /// A code, as the code set writes it.
        case code(String)
        /// A whole number.
        case integer(Int)
        /// A decimal number.
        case decimal(Double)
        /// A date.
        case date(SimpleDate)
        /// Yes (true) or no (false).
        case boolean(Bool)
    }

    /// Why a value failed: the rule id, the message and what would be valid.
    public struct Failure: Error, Sendable, Equatable {
        /// The rule's id (``DiagnosticRule``).
        public var rule: String
        /// What is wrong, in words.
        public var message: String
        /// What would be valid.
        public var expected: String
    }

    /// What the checks need from the item, copied once so that checking copies nothing big.
    private final class Rules: Sendable {
        let format: ValueFormat
        // The parts of the format every check reads, held apart so that a check copies no
        // strings (reading `format` whole would retain each of its strings per value).
        let type: ValueType
        let minimum: Double?
        let maximum: Double?
        let domain: CodeSet?
        /// The domain's leaf codes by their exact value, each to itself: most values are
        /// written exactly as the code set writes them, and one look-up settles those.
        let leafCodes: StringTable<String>
        let pattern: Pattern?
        let maxLength: Int?
        let domainID: String
        /// Codes of the collections' own sets that the domain maps to, each with the hint a
        /// value written as one of them gets: which set it is from and which harmonised code
        /// to use (the registry's maps read in reverse). Read only when a value is not a code.
        let collectionCodes: [String: String]

        init(item: DataItem, registry: Registry) {
            format = item.format
            type = item.format.type
            minimum = item.format.minimum
            maximum = item.format.maximum
            domain = item.domain.flatMap { registry.codeSet($0) }
            var leaves = StringTable<String>()
            if let domain = domain {
                for code in domain.codes where domain.isLeaf(code.value) && domain.code(code.value) != nil {
                    if leaves[code.value] == nil { leaves[code.value] = code.value }
                }
            }
            leafCodes = leaves
            domainID = item.domain?.rawValue ?? "a domain"
            collectionCodes = domain.map { Self.hints(for: $0, registry: registry) } ?? [:]
            pattern = item.format.pattern.flatMap { try? Pattern($0) }
            maxLength = item.format.length.flatMap { text in Int(text.components(separatedBy: "..").last ?? text) }
        }

        /// For each code of a collection set that `domain` is mapped to: "WBRI is swf.ethnicity
        /// White - British: use W1 (White British)", from every such set that has the code.
        static func hints(for domain: CodeSet, registry: Registry) -> [String: String] {
            var found: [String: [String]] = [:]
            func note(_ code: String, of set: CodeSetID, harmonised: [String]) {
                guard !harmonised.isEmpty, let collectionSet = registry.codeSet(set), domain.lookup(code) == nil else { return }
                let label = collectionSet.code(code)?.label ?? ""
                let uses = harmonised.map { value in "\(value)" + (domain.code(value).map { " (\($0.label))" } ?? "") }
                let text = "\(set.rawValue) \(code)" + (label.isEmpty ? "" : " \(label)") + ": use " + uses.joined(separator: " or ")
                if !(found[code] ?? []).contains(text) { found[code, default: []].append(text) }
            }
            for map in registry.maps(from: domain.id) where map.targetSet.family != .harmonised {
                var sources: [String: [String]] = [:]
                var order: [String] = []
                for element in map.elements where element.relationship.isMatch && domain.isLeaf(element.source) {
                    guard let target = element.target else { continue }
                    if sources[target] == nil { order.append(target) }
                    if !(sources[target] ?? []).contains(element.source) { sources[target, default: []].append(element.source) }
                }
                for target in order { note(target, of: map.targetSet, harmonised: sources[target]!) }
            }
            for map in registry.maps(to: domain.id) where map.sourceSet.family != .harmonised {
                var targets: [String: [String]] = [:]
                var order: [String] = []
                for element in map.elements where element.relationship.isMatch {
                    guard let target = element.target, domain.isLeaf(target) else { continue }
                    if targets[element.source] == nil { order.append(element.source) }
                    if !(targets[element.source] ?? []).contains(target) { targets[element.source, default: []].append(target) }
                }
                for source in order { note(source, of: map.sourceSet, harmonised: targets[source]!) }
            }
            var hints: [String: String] = [:]
            for (code, texts) in found {
                hints[code] = "it is a collection's own code (\(texts.sorted().prefix(3).joined(separator: "; ")))"
            }
            return hints
        }
    }

    private let rules: Rules

    /// A validator of `item`'s values, with the code sets of `registry`.
    public init(item: DataItem, registry: Registry) {
        rules = Rules(item: item, registry: registry)
    }

    /// Checks `raw` (already trimmed, not empty).
    public func check(_ raw: String) -> Result<Value, Failure> {
        switch LentBytes.withUTF8(of: raw, { check(utf8: $0) }) {
        case .value(let value): return .success(value)
        case .failure(let failure): return .failure(failure)
        }
    }

    /// What ``check(utf8:)`` found: the reader's own form of `Result`, which Swift destroys
    /// with code made for it rather than through the generic type's run-time witness (a cost
    /// paid for every value of every record).
    enum Outcome {
        case value(Value)
        case failure(Failure)
    }

    /// Checks the value whose UTF-8 bytes are `bytes` (valid UTF-8, already trimmed, not
    /// empty): the same rules as ``check(_:)``, read in place, so that a value read from a file
    /// becomes a `String` only when it is text; codes come from the code set, numbers and
    /// dates are parsed from the bytes.
    func check(utf8 bytes: LentBytes) -> Outcome {
        func text() -> String { bytes.string }
        switch rules.type {
        case .text, .identifier:
            // The byte count bounds the character count, so most values skip counting characters.
            if let maxLength = rules.maxLength, bytes.count > maxLength {
                let characters = text().count
                if characters > maxLength {
                    return .failure(Failure(rule: "format.length", message: "is \(characters) characters long", expected: "at most \(maxLength) characters"))
                }
            }
            if Self.hasControlCharacter(bytes) {
                return .failure(Failure(rule: "format.control-character", message: "contains a control character", expected: "printable text"))
            }
            // Asked through the optional, not bound to a constant: binding copies the pattern,
            // a retain and a release per value.
            if rules.pattern?.matchesWhole(utf8: bytes) == false {
                return .failure(Failure(rule: "format.pattern", message: "does not match the item's pattern", expected: "a value matching \(rules.pattern?.source ?? "")"))
            }
            return .value(.text(text()))
        case .code:
            if let code = rules.leafCodes[utf8: bytes] { return .value(.code(code)) }
            guard let domain = rules.domain else {
                return .failure(Failure(rule: "code.domain-missing", message: "the item's domain is not defined", expected: "a standard with \(rules.domainID)"))
            }
            guard let code = domain.lookup(text()), domain.isLeaf(code.value) else {
                let value = text()
                if let hint = rules.collectionCodes[value] ?? rules.collectionCodes[value.uppercased()] {
                    return .failure(Failure(rule: "code.collection", message: "is not a code of \(domain.id): \(hint)", expected: Self.someCodes(of: domain)))
                }
                return .failure(Failure(rule: "code.unknown", message: "is not a code of \(domain.id)", expected: Self.someCodes(of: domain)))
            }
            return .value(.code(code.value))
        case .integer:
            guard let value = Self.integer(bytes) else {
                return .failure(Failure(rule: "format.integer", message: "is not a whole number", expected: "a whole number" + rangeText))
            }
            if let failure = rangeFailure(Double(value)) { return .failure(failure) }
            return .value(.integer(value))
        case .decimal:
            // Plain decimals only: Double() also reads exponents, "nan" and "inf", which no return accepts.
            guard let value = Self.plainDecimal(bytes) else {
                return .failure(Failure(rule: "format.decimal", message: "is not a number", expected: "a decimal number such as 12.5" + rangeText))
            }
            if let failure = rangeFailure(value) { return .failure(failure) }
            return .value(.decimal(value))
        case .date:
            guard let date = SimpleDate(utf8: bytes) else {
                return .failure(Failure(rule: "format.date", message: "is not a calendar date", expected: "a date written YYYY-MM-DD, e.g. 2024-11-07"))
            }
            return .value(.date(date))
        case .boolean:
            if let flag = Self.boolean(bytes) { return .value(.boolean(flag)) }
            return .failure(Failure(rule: "format.boolean", message: "is not yes or no", expected: "Y or N"))
        }
    }

    /// What an unknown code should have been: the first twelve current leaf codes of `domain`,
    /// and where to find the rest. Reads only as many codes as it shows (a domain can have
    /// thousands, and a file with many unknown codes asks for this each time).
    /// The domain's current codes: all of them when there are at most 20, else the first 12
    /// and "and N more: `wds codes SET`", never a list cut off mid-way.
    static func someCodes(of domain: CodeSet) -> String {
        let current = domain.codes.filter { domain.isLeaf($0.value) && $0.status == .current }
        let shown = current.count <= 20 ? current[...] : current.prefix(12)
        let list = shown.map { "\($0.value) (\($0.label))" }.joined(separator: ", ")
        return "one of " + list + (shown.count < current.count ? " and \(current.count - shown.count) more: `wds codes \(domain.id)`" : "")
    }

    /// The spellings of yes and no, in lower case: any case of these is read as a flag.
    private static let yes: [[UInt8]] = ["y", "yes", "true", "1"].map { Array($0.utf8) }
    private static let no: [[UInt8]] = ["n", "no", "false", "0"].map { Array($0.utf8) }

    /// `bytes` read as a flag (a spelling of yes or no in any case), or nil.
    ///
    /// Every spelling is ASCII, and no other text lower-cases to one of them (Unicode's case
    /// mappings take no non-ASCII letter to these ASCII letters), so comparing the ASCII
    /// bytes folded to lower case is what comparing `lowercased()` text would be.
    static func boolean(_ bytes: LentBytes) -> Bool? {
        func matches(_ word: [UInt8]) -> Bool {
            word.count == bytes.count && zip(word, bytes).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
        }
        if yes.contains(where: matches) { return true }
        if no.contains(where: matches) { return false }
        return nil
    }

    /// `bytes` read as `Int(String)` reads a text: an optional sign and decimal digits, nil on
    /// anything else or on overflow.
    static func integer(_ bytes: LentBytes) -> Int? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        // Accumulated towards the sign, so that Int.min reads as Int(String) reads it.
        var value = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (scaled, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? scaled.subtractingReportingOverflow(digit) : scaled.addingReportingOverflow(digit)
            if overflowA || overflowB { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Whether UTF-8 `bytes` hold a control character other than tab.
    static func hasControlCharacter(_ bytes: LentBytes) -> Bool {
        bytes.contains { $0 < 0x20 && $0 != 0x09 }
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }

    /// `text` read as a plain decimal (digits, at most one point, an optional sign), or nil.
    ///
    /// `Double(String)` also reads exponents, "nan" and "inf", which no return accepts. Values
    /// of at most 15 significant digits and 22 decimals, which is every value a return holds,
    /// are read here: their digits make an integer a `Double` holds exactly, and dividing it by
    /// an exact power of ten rounds once, correctly, to the same `Double` the standard library
    /// gives. Anything else goes to `Double(String)`.
    static func plainDecimal(_ text: String) -> Double? {
        LentBytes.withUTF8(of: text, plainDecimal)
    }

    /// ``plainDecimal(_:)`` of the text whose UTF-8 bytes are `bytes`.
    static func plainDecimal(_ bytes: LentBytes) -> Double? {
        var digits: UInt64 = 0, significant = 0, decimals = 0
        var negative = false, seenPoint = false, seenDigit = false, fast = true
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if digits != 0 || byte != UInt8(ascii: "0") { significant += 1 }
                if significant > 15 { fast = false } else { digits = digits * 10 + UInt64(byte - UInt8(ascii: "0")) }
                if seenPoint { decimals += 1 }
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                // A sign anywhere but first is not a number (Double() agrees).
                if offset != 0 { return nil }
                negative = byte == UInt8(ascii: "-")
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        guard fast, decimals <= 22 else {
            guard let value = Double(bytes.string), value.isFinite else { return nil }
            return value
        }
        let magnitude = Double(digits) / exactPowersOfTen[decimals]
        return negative ? -magnitude : magnitude
    }

    private var rangeText: String {
        let format = rules.format
        guard format.minimum != nil || format.maximum != nil else { return "" }
        return " from \(format.minimum.map(ValueFormat.number) ?? "any") to \(format.maximum.map(ValueFormat.number) ?? "any")" + (format.unit.map { " \($0)" } ?? "")
    }

    private func rangeFailure(_ value: Double) -> Failure? {
        if let minimum = rules.minimum, value < minimum {
            return Failure(rule: "range.minimum", message: "is below \(ValueFormat.number(minimum))", expected: "a value" + rangeText)
        }
        if let maximum = rules.maximum, value > maximum {
            return Failure(rule: "range.maximum", message: "is above \(ValueFormat.number(maximum))", expected: "a value" + rangeText)
        }
        return nil
    }
}
