// The fast version of `Pattern`'s backtracking match (`Pattern.matchesWholeByBacktracking`):
// a deterministic automaton over ASCII bytes.
import Foundation

/// A pattern compiled to a deterministic automaton over ASCII bytes, so that matching costs one
/// table look-up per byte with no backtracking: items' patterns are checked on millions of
/// values in a national run.
///
/// Built from the pattern's tree by Thompson's construction (a small nondeterministic
/// automaton), then subset construction over the 128 ASCII bytes. Patterns with a look-ahead
/// have no automaton (``Pattern`` backtracks for those), nor do patterns whose automaton would
/// be too large; and text that is not ASCII is matched by backtracking too.
struct PatternAutomaton: Sendable {
    /// `transitions[state * 128 + byte]`: the next state, or -1 when no match is possible.
    private let transitions: [Int32]
    /// Whether the whole input matches when it ends in the state.
    private let accepting: [Bool]

    /// The most states built before giving up (patterns in the standard need a few dozen).
    static let stateLimit = 512

    /// The automaton of each pattern built so far, by source: every reader of a file checks
    /// the same dozen patterns, and building an automaton costs far more than a match.
    private static let built = BuiltAutomata()
    private final class BuiltAutomata: @unchecked Sendable {
        let lock = NSLock()
        var bySource: [String: PatternAutomaton?] = [:]
    }

    /// The automaton for `source` (whose tree is `root`), built once per process.
    static func cached(source: String, root: Pattern.Node) -> PatternAutomaton? {
        built.lock.lock()
        if let known = built.bySource[source] {
            built.lock.unlock()
            return known
        }
        built.lock.unlock()
        let automaton = PatternAutomaton(root)
        built.lock.lock()
        built.bySource[source] = automaton
        built.lock.unlock()
        return automaton
    }

    init?(_ root: Pattern.Node) {
        var nfa = NFA()
        guard let start = nfa.compile(root, next: nfa.add(.match)), nfa.states.count <= 4 * Self.stateLimit else { return nil }
        var sets: [[Int]] = [nfa.closure([start], atStart: true)]
        var index: [[Int]: Int32] = [sets[0]: 0]
        var transitions: [Int32] = []
        var accepting: [Bool] = [nfa.accepts(sets[0], atStart: true)]
        // Bytes that every byte set treats alike (all digits, say) move alike: work out each
        // class once, from one of its bytes, instead of all 128 bytes one by one.
        let (classOf, representatives) = nfa.byteClasses()
        var next = 0
        while next < sets.count {
            let current = sets[next]
            var classTargets: [Int32] = []
            for byte in representatives {
                let moved = current.compactMap { state -> Int? in
                    if case .bytes(let low, let high) = nfa.states[state].op, NFA.contains(low, high, byte) { return nfa.states[state].out }
                    return nil
                }
                if moved.isEmpty { classTargets.append(-1); continue }
                let target = nfa.closure(moved, atStart: false)
                if let known = index[target] {
                    classTargets.append(known)
                } else {
                    guard sets.count < Self.stateLimit else { return nil }
                    index[target] = Int32(sets.count)
                    classTargets.append(Int32(sets.count))
                    sets.append(target)
                    accepting.append(nfa.accepts(target, atStart: false))
                }
            }
            for byte in 0..<128 { transitions.append(classTargets[classOf[byte]]) }
            next += 1
        }
        self.transitions = transitions
        self.accepting = accepting
    }

    /// Whether the whole of `bytes` (all ASCII) matches.
    func matches(_ bytes: LentBytes) -> Bool {
        var state = 0
        for byte in bytes {
            let next = transitions[state &* 128 &+ Int(byte & 0x7F)]
            if next < 0 { return false }
            state = Int(next)
        }
        return accepting[state]
    }

    /// Thompson's construction: states that consume one byte from a set, or move without
    /// consuming (a split, or an anchor that holds only at the start or end of the text).
    private struct NFA {
        enum Op {
            /// Consumes one byte in the set (bits 0-63 in `low`, 64-127 in `high`).
            case bytes(UInt64, UInt64)
            case split(Int, Int)
            case jump
            case atStart
            case atEnd
            case match
        }
        struct State {
            var op: Op
            var out: Int
        }
        var states: [State] = []

        mutating func add(_ op: Op, out: Int = -1) -> Int {
            states.append(State(op: op, out: out))
            return states.count - 1
        }

        /// Splits the 128 ASCII bytes into classes that no byte set tells apart: each byte's
        /// class, and one byte of each class.
        func byteClasses() -> (classOf: [Int], representatives: [Int]) {
            var classOf = [Int](repeating: 0, count: 128)
            var classCount = 1
            for state in states {
                guard case .bytes(let low, let high) = state.op else { continue }
                // Split every class by membership of this set.
                var split: [Int: Int] = [:]
                for byte in 0..<128 {
                    let key = classOf[byte] * 2 + (Self.contains(low, high, byte) ? 1 : 0)
                    if let known = split[key] { classOf[byte] = known } else {
                        split[key] = split.count
                        classOf[byte] = split.count - 1
                    }
                }
                classCount = split.count
            }
            var representatives = [Int](repeating: -1, count: classCount)
            for byte in 0..<128 where representatives[classOf[byte]] < 0 { representatives[classOf[byte]] = byte }
            return (classOf, representatives)
        }

        static func contains(_ low: UInt64, _ high: UInt64, _ byte: Int) -> Bool {
            byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : (high >> UInt64(byte - 64)) & 1 == 1
        }

        /// The byte set of a single-scalar node over ASCII.
        static func byteSet(_ test: (UInt32) -> Bool) -> Op {
            var low: UInt64 = 0, high: UInt64 = 0
            for byte in 0..<128 where test(UInt32(byte)) {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
            return .bytes(low, high)
        }

        /// Compiles `node` so that it continues at `next`; returns its first state, or nil
        /// when the node has no automaton (a look-ahead) or grows too large.
        mutating func compile(_ node: Pattern.Node, next: Int) -> Int? {
            guard states.count <= 4 * PatternAutomaton.stateLimit else { return nil }
            switch node {
            case .scalar(let scalar):
                return add(Self.byteSet { $0 == scalar.value }, out: next)
            case .any:
                return add(Self.byteSet { $0 != 0x0A }, out: next)
            case let .set(ranges, negated):
                return add(Self.byteSet { value in ranges.contains { $0.contains(value) } != negated }, out: next)
            case .start:
                return add(.atStart, out: next)
            case .end:
                return add(.atEnd, out: next)
            case .sequence(let nodes):
                var current = next
                for inner in nodes.reversed() {
                    guard let start = compile(inner, next: current) else { return nil }
                    current = start
                }
                return current
            case .alternation(let options):
                guard var current = compile(options[options.count - 1], next: next) else { return nil }
                for option in options.dropLast().reversed() {
                    guard let start = compile(option, next: next) else { return nil }
                    current = add(.split(start, current))
                }
                return current
            case let .repeated(inner, min, max):
                var current = next
                if let max {
                    // Optional copies: (x(x(x)?)?)?
                    for _ in 0..<(max - min) {
                        guard let start = compile(inner, next: current) else { return nil }
                        current = add(.split(start, next))
                    }
                } else {
                    // A loop: split into one more copy (which comes back) or on.
                    let loop = add(.split(-1, next))
                    guard let start = compile(inner, next: loop) else { return nil }
                    states[loop].op = .split(start, next)
                    current = loop
                }
                for _ in 0..<min {
                    guard let start = compile(inner, next: current) else { return nil }
                    current = start
                }
                return current
            case .notFollowedBy:
                return nil
            }
        }

        /// The states reachable from `states` without consuming a byte (ends not crossed),
        /// sorted, so that equal sets compare equal.
        func closure(_ from: [Int], atStart: Bool) -> [Int] {
            var seen = Set<Int>()
            var stack = from
            while let state = stack.popLast() {
                guard seen.insert(state).inserted else { continue }
                switch states[state].op {
                case .split(let first, let second): stack.append(first); stack.append(second)
                case .jump: stack.append(states[state].out)
                case .atStart: if atStart { stack.append(states[state].out) }
                case .bytes, .atEnd, .match: break
                }
            }
            return seen.sorted()
        }

        /// Whether the text can end here: the match state is reachable through end anchors.
        func accepts(_ set: [Int], atStart: Bool) -> Bool {
            var seen = Set<Int>()
            var stack = set
            while let state = stack.popLast() {
                guard seen.insert(state).inserted else { continue }
                switch states[state].op {
                case .match: return true
                case .atEnd: stack.append(states[state].out)
                case .split(let first, let second): stack.append(first); stack.append(second)
                case .jump: stack.append(states[state].out)
                case .atStart: if atStart { stack.append(states[state].out) }
                case .bytes: break
                }
            }
            return false
        }
    }
}
