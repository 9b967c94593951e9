/// A small regular-expression matcher for the patterns items carry (`Standards/items`).
///
/// Foundation's `NSRegularExpression` costs microseconds per match on Linux, which on a
/// national run of millions of records is most of the time spent validating. The items only use
/// a small subset, so this compiles that subset to a tree and matches by backtracking over
/// Unicode scalars: `^ $ .`, classes `[a-z]` `[^...]`, `\d \D \s \S \w \W` and escaped
/// literals, groups `( )` `(?: )`, negative look-ahead `(?! )`, alternation `|`, and the
/// quantifiers `* + ? {n} {n,} {n,m}` (greedy). A whole-value match is what items need, so
/// ``matchesWhole(_:)`` anchors both ends. Anything outside the subset fails to compile with a
/// message, and the registry check reports it.
package struct Pattern: Sendable {
    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set([ClosedRange<UInt32>], negated: Bool)
        case start, end
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
        case notFollowedBy(Node)
    }

    /// Why a pattern could not be compiled.
    package struct SyntaxError: Error, Sendable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// The source text.
    package let source: String
    /// What the pattern compiles to, in one object: a pattern is checked against millions of
    /// values, and copying a struct of trees and tables retains each of its parts every time.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let root: Node
        let automaton: PatternAutomaton?
        let lookAhead: (main: PatternAutomaton, excluded: PatternAutomaton)?

        init(root: Node, automaton: PatternAutomaton?, lookAhead: (main: PatternAutomaton, excluded: PatternAutomaton)?) {
            self.root = root
            self.automaton = automaton
            self.lookAhead = lookAhead
        }
    }

    var root: Node { compiled.root }
    /// The pattern as an automaton over ASCII, when it has one (no look-ahead).
    var automaton: PatternAutomaton? { compiled.automaton }

    package init(_ source: String) throws {
        self.source = source
        var parser = Parser(Array(source.unicodeScalars))
        let root = try parser.parseAlternation()
        if parser.index < parser.scalars.count {
            throw SyntaxError(message: "unexpected \"\(parser.scalars[parser.index])\" at position \(parser.index + 1)")
        }
        let automaton = PatternAutomaton.cached(source: source, root: root)
        compiled = Compiled(root: root, automaton: automaton, lookAhead: automaton == nil ? Self.guardedAutomata(source: source, root: root) : nil)
    }

    /// For a pattern of the form `^(?!X)Y` (the National Insurance number's, which rules out
    /// some prefixes), automata for `^Y` and for `^X` followed by anything: text matches when
    /// the first matches it and the second does not, which is what the look-ahead means.
    var guarded: (main: PatternAutomaton, excluded: PatternAutomaton)? { compiled.lookAhead }

    private static func guardedAutomata(source: String, root: Node) -> (main: PatternAutomaton, excluded: PatternAutomaton)? {
        guard case .sequence(let nodes) = root, nodes.count >= 2, case .start = nodes[0], case .notFollowedBy(let excluded) = nodes[1] else { return nil }
        let anything = Node.repeated(.set([0...0x10FFFF], negated: false), min: 0, max: nil)
        guard let main = PatternAutomaton.cached(source: source + "\u{0}main", root: .sequence([.start] + nodes.dropFirst(2))),
              let excludedPrefix = PatternAutomaton.cached(source: source + "\u{0}excluded", root: .sequence([.start, excluded, anything])) else { return nil }
        return (main, excludedPrefix)
    }

    /// Whether the whole of `text` matches.
    package func matchesWhole(_ text: String) -> Bool {
        LentBytes.withUTF8(of: text) { matchesWhole(utf8: $0) }
    }

    /// Whether the whole of the text whose UTF-8 bytes are `bytes` matches (valid UTF-8).
    func matchesWhole(utf8 bytes: LentBytes) -> Bool {
        // ASCII text (nearly every value) is matched on its bytes in place; other text on its
        // scalar values. Either way no character is decoded twice and no closure escapes.
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return matchesWholeByScalars(bytes.string) }
        let compiled = self.compiled
        if let automaton = compiled.automaton { return automaton.matches(bytes) }
        if let guarded = compiled.lookAhead { return guarded.main.matches(bytes) && !guarded.excluded.matches(bytes) }
        return Self.match(compiled.root, bytes, 0) { $0 == bytes.count }
    }

    private func matchesWholeByScalars(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        return scalars.withLentBuffer { values in Self.match(root, values, 0) { $0 == values.count } }
    }

    /// Whether the whole of `text` matches, by backtracking only (what ``matchesWhole(_:)``
    /// does for text the automaton cannot take); kept apart so tests can compare the two.
    func matchesWholeByBacktracking(_ text: String) -> Bool { matchesWholeByScalars(text) }

    /// Matches `node` at `position`, then calls `next` with where it ended; backtracks through
    /// every way `node` can match until `next` accepts one. `s` holds scalar values (or ASCII
    /// bytes, which are their own scalar values).
    static func match<Unit: FixedWidthInteger>(_ node: Node, _ s: LentBuffer<Unit>, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        switch node {
        case .scalar(let scalar):
            return position < s.count && UInt32(s[position]) == scalar.value && next(position + 1)
        case .any:
            return position < s.count && s[position] != 0x0A && next(position + 1)
        case let .set(ranges, negated):
            guard position < s.count else { return false }
            let value = UInt32(s[position])
            return ranges.contains { $0.contains(value) } != negated && next(position + 1)
        case .start:
            return position == 0 && next(position)
        case .end:
            return position == s.count && next(position)
        case .sequence(let nodes):
            return matchSequence(nodes[...], s, position, next)
        case .alternation(let options):
            return options.contains { match($0, s, position, next) }
        case let .repeated(inner, min, max):
            return matchRepeat(inner, min: min, max: max, count: 0, s, position, next)
        case .notFollowedBy(let inner):
            return !match(inner, s, position, { _ in true }) && next(position)
        }
    }

    static func matchSequence<Unit: FixedWidthInteger>(_ nodes: ArraySlice<Node>, _ s: LentBuffer<Unit>, _ position: Int,
                                                       _ next: (Int) -> Bool) -> Bool {
        guard let first = nodes.first else { return next(position) }
        return match(first, s, position) { matchSequence(nodes.dropFirst(), s, $0, next) }
    }

    /// Whether `node` matches exactly one scalar at `position` (for single-scalar nodes).
    static func matchesOne<Unit: FixedWidthInteger>(_ node: Node, _ s: LentBuffer<Unit>, _ position: Int) -> Bool? {
        switch node {
        case .scalar(let scalar): return position < s.count && UInt32(s[position]) == scalar.value
        case .any: return position < s.count && s[position] != 0x0A
        case let .set(ranges, negated):
            guard position < s.count else { return false }
            let value = UInt32(s[position])
            return ranges.contains { $0.contains(value) } != negated
        default: return nil
        }
    }

    static func matchRepeat<Unit: FixedWidthInteger>(_ node: Node, min: Int, max: Int?, count: Int, _ s: LentBuffer<Unit>, _ position: Int,
                            _ next: (Int) -> Bool) -> Bool {
        // A repeated single scalar (\S+, [0-9]{6}) needs no recursion: take the longest run,
        // then give back one scalar at a time.
        if count == 0, matchesOne(node, s, position) != nil {
            var end = position
            while (max.map { end - position < $0 } ?? true), matchesOne(node, s, end) == true { end += 1 }
            guard end - position >= min else { return false }
            while end - position >= min {
                if next(end) { return true }
                end -= 1
            }
            return false
        }
        // Greedy: try one more first, then stop. An empty iteration ends the loop.
        if max.map({ count < $0 }) ?? true {
            let more = match(node, s, position) { end in
                end != position && matchRepeat(node, min: min, max: max, count: count + 1, s, end, next)
            }
            if more { return true }
        }
        return count >= min && next(position)
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func parseAlternation() throws -> Node {
            var options = [try parseSequence()]
            while peek == "|" {
                index += 1
                options.append(try parseSequence())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func parseSequence() throws -> Node {
            var nodes: [Node] = []
            while let scalar = peek, scalar != "|", scalar != ")" {
                var atom = try parseAtom()
                if let quantified = try parseQuantifier(atom) { atom = quantified }
                nodes.append(atom)
            }
            return nodes.count == 1 ? nodes[0] : .sequence(nodes)
        }

        mutating func parseAtom() throws -> Node {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "^": return .start
            case "$": return .end
            case ".": return .any
            case "(":
                var lookahead = false
                if peek == "?" {
                    guard index + 1 < scalars.count else { throw SyntaxError(message: "incomplete group") }
                    switch scalars[index + 1] {
                    case ":": index += 2
                    case "!": index += 2; lookahead = true
                    default: throw SyntaxError(message: "group (?\(scalars[index + 1]) is not supported")
                    }
                }
                let inner = try parseAlternation()
                guard peek == ")" else { throw SyntaxError(message: "a group is not closed") }
                index += 1
                return lookahead ? .notFollowedBy(inner) : inner
            case "[": return try parseClass()
            case "\\": return try parseEscape(inClass: false).node
            case "*", "+", "?", "{": throw SyntaxError(message: "quantifier \"\(scalar)\" has nothing to repeat")
            default: return .scalar(scalar)
            }
        }

        mutating func parseEscape(inClass: Bool) throws -> (node: Node, ranges: [ClosedRange<UInt32>]?) {
            guard let scalar = peek else { throw SyntaxError(message: "a pattern ends with \\") }
            index += 1
            let digits: [ClosedRange<UInt32>] = [48...57]
            let spaces: [ClosedRange<UInt32>] = [9...13, 32...32, 0x85...0x85, 0xA0...0xA0, 0x2028...0x2029]
            let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
            switch scalar {
            case "d": return (.set(digits, negated: false), digits)
            case "D": return (.set(digits, negated: true), nil)
            case "s": return (.set(spaces, negated: false), spaces)
            case "S": return (.set(spaces, negated: true), nil)
            case "w": return (.set(word, negated: false), word)
            case "W": return (.set(word, negated: true), nil)
            case "t": return (.scalar("\t"), [9...9])
            case "n": return (.scalar("\n"), [10...10])
            default:
                guard !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar) else {
                    throw SyntaxError(message: "escape \\\(scalar) is not supported")
                }
                return (.scalar(scalar), [scalar.value...scalar.value])
            }
        }

        mutating func parseClass() throws -> Node {
            var negated = false
            if peek == "^" { negated = true; index += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let scalar = peek, scalar != "]" || first {
                first = false
                index += 1
                var low: UInt32
                if scalar == "\\" {
                    let (_, escaped) = try parseEscape(inClass: true)
                    guard let escaped else { throw SyntaxError(message: "negated escapes inside [...] are not supported") }
                    if escaped.count != 1 || escaped[0].count != 1 { ranges += escaped; continue }
                    low = escaped[0].lowerBound
                } else {
                    low = scalar.value
                }
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    let high = scalars[index]
                    index += 1
                    guard high.value >= low else { throw SyntaxError(message: "range out of order in [...]") }
                    ranges.append(low...high.value)
                } else {
                    ranges.append(low...low)
                }
            }
            guard peek == "]" else { throw SyntaxError(message: "a [...] class is not closed") }
            index += 1
            return .set(ranges, negated: negated)
        }

        mutating func parseQuantifier(_ atom: Node) throws -> Node? {
            guard let scalar = peek else { return nil }
            switch scalar {
            case "*": index += 1; return .repeated(atom, min: 0, max: nil)
            case "+": index += 1; return .repeated(atom, min: 1, max: nil)
            case "?": index += 1; return .repeated(atom, min: 0, max: 1)
            case "{":
                guard let close = scalars[index...].firstIndex(of: "}") else { throw SyntaxError(message: "{ is not closed") }
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                let parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard (1...2).contains(parts.count), let min = Int(parts[0]) else { throw SyntaxError(message: "bad repeat {\(body)}") }
                let max: Int? = parts.count == 1 ? min : (parts[1].isEmpty ? nil : Int(parts[1]))
                if parts.count == 2 && !parts[1].isEmpty && max == nil { throw SyntaxError(message: "bad repeat {\(body)}") }
                if let max, max < min { throw SyntaxError(message: "repeat {\(body)} has max below min") }
                index = close + 1
                return .repeated(atom, min: min, max: max)
            default:
                return nil
            }
        }
    }
}
