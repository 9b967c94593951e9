import Foundation

/// The coder's answer for one title: the ranked matches, the best role's closest rival and
/// whether a person should check the answer.
public struct TitleAssessment: Sendable {
    /// Who decided the answer.
    public enum Decision: String, Sendable {
        /// The title coder.
        case coder
        /// The council's own title table (``TitleOverrides``).
        case override
    }

    /// Ranked matches, best first (empty when nothing in the title is recognised).
    public var matches: [TitleMatch]
    /// The best match with a different role from the first: the reading a reviewer should weigh against it.
    public var runnerUp: TitleMatch?
    /// True when the evidence is weak or the two best roles are nearly tied. The thresholds were
    /// chosen on the coder's tune titles; GUIDE.md ("Job titles") gives the share of unmarked
    /// answers that are right on real titles never tuned on.
    public var needsReview: Bool
    /// What decided the answer: the council's overrides, or the coder.
    public var decidedBy: Decision

    /// The best match.
    public var best: TitleMatch? { matches.first }
}

extension TitleCoder {
    /// An answer is marked for review when its score is below this ...
    static let reviewScore: Double = 0.5
    /// ... or when the runner-up role scores at least this share of it ...
    static let reviewTie: Double = 0.88
    /// ... or this share, when the answer's SOC2000 unit is not its role's own (the coding index
    /// puts the title in another unit, or no role has the unit): the role and the index
    /// disagree, so a close runner-up is more likely to be right. Chosen on the tune split and
    /// on leave-one-out coding of the role profiles' example titles (where answers whose units
    /// disagree are right less than half as often).
    static let reviewTieWhenUnitsDisagree: Double = 0.85
    /// ... or when the third-best answer scores at least this share of it: the title sits among
    /// several readings of about equal weight, not between two. Chosen with ``reviewTie`` on the
    /// tune split's two halves and on the leave-one-out measures (issue 18, fourth round), where
    /// the answers it marks are wrong about half the time.
    static let reviewCrowd: Double = 0.85

    /// How many matches an assessment ranks to find the runner-up role (each role is ranked
    /// once, so the second is another role unless neither has one).
    static let assessmentDepth = 3

    /// Codes `title` with the council's `overrides` first: ranked matches, the runner-up role and
    /// whether the answer needs review.
    public func assess(_ title: String, limit: Int = 5, overrides: TitleOverrides? = nil) -> TitleAssessment {
        var session = Session(coder: self)
        return session.assess(title, limit: limit, overrides: overrides)
    }

    /// Whether an answer with this best score and runner-up score should be checked by a person;
    /// `unitsDisagree` when the answer's SOC2000 unit is not its role's; `third` the score of the
    /// third-best answer.
    static func needsReview(best: Double, runnerUp: Double?, unitsDisagree: Bool = false, third: Double? = nil) -> Bool {
        best < reviewScore || (runnerUp ?? 0) >= (unitsDisagree ? reviewTieWhenUnitsDisagree : reviewTie) * best
            || (third ?? 0) >= reviewCrowd * best
    }
}

extension TitleCoder.Session {
    /// The ranked matches of a title as coded to `depth` matches: what a later assessment of the
    /// title to `depth` matches or fewer reads, cut to its own depth (the best `n` of a total
    /// order are the first `n` of its best `depth`).
    struct RememberedAnswer {
        var matches: [TitleMatch]
        var depth: Int

        /// The matches coding to `depth` gives, or nil when they were not all kept: cut to
        /// `depth`, or all of them when coding found fewer than it was asked for.
        func matches(depth wanted: Int) -> [TitleMatch]? {
            if wanted <= depth { return matches.count > wanted ? Array(matches.prefix(wanted)) : matches }
            return matches.count < depth ? matches : nil
        }
    }

    /// The deepest answer a session remembers: the default `limit` of ``assess(_:limit:overrides:)``
    /// (a generation of answers is then a few megabytes at most); deeper answers are worked out each time.
    static let deepestRemembered = 5

    /// Forgets the answers this session remembers (they are kept per title, see ``assess(_:limit:overrides:)``).
    public mutating func forgetAnswers() {
        answers.removeAll(keepingCapacity: true)
        olderAnswers.removeAll()
    }

    /// Keeps `answer` in the newest generation of answers, turning the generations when it is full.
    private mutating func remember(_ answer: RememberedAnswer, for title: String) {
        if answers.count >= Self.answerCapacity {
            olderAnswers = answers
            answers = [:]
            answers.reserveCapacity(Self.answerCapacity)
        }
        answers[title] = answer
    }

    /// ``TitleCoder/assess(_:limit:overrides:)`` on this session's scratch space.
    public mutating func assess(_ title: String, limit: Int = 5, overrides: TitleOverrides? = nil) -> TitleAssessment {
        // Enough matches to find a different role even when the first few share one.
        let depth = max(limit, TitleCoder.assessmentDepth)
        // A remembered answer serves any depth it holds (the widest kept, cut to this one), so
        // callers with the default limit reuse answers as `--column` does.
        let ranked: [TitleMatch]
        if let known = answers[title]?.matches(depth: depth) {
            ranked = known
        } else if let older = olderAnswers[title], let known = older.matches(depth: depth) {
            ranked = known
            remember(older, for: title)
        } else {
            ranked = code(title, limit: depth)
            if depth <= Self.deepestRemembered { remember(RememberedAnswer(matches: ranked, depth: depth), for: title) }
        }
        let first = ranked.first
        let runnerUp = ranked.dropFirst().first { $0.role?.code != first?.role?.code }
        if let role = overrides?.role(for: title) {
            let match = TitleMatch(role: role, soc2000: role.soc2000, socTitle: coder.socTitle(role.soc2000), score: 1,
                                   matchedTitle: title, evidence: .override)
            let rest = ranked.filter { $0.role?.code != role.code }
            return TitleAssessment(matches: Array(([match] + rest).prefix(limit)), runnerUp: rest.first, needsReview: false,
                                   decidedBy: .override)
        }
        guard let first else { return TitleAssessment(matches: [], runnerUp: nil, needsReview: !title.isEmpty, decidedBy: .coder) }
        return TitleAssessment(matches: Array(ranked.prefix(limit)), runnerUp: runnerUp,
                               needsReview: TitleCoder.needsReview(best: first.score, runnerUp: runnerUp?.score,
                                                                   unitsDisagree: first.role.map { $0.soc2000 != first.soc2000 } ?? true,
                                                                   third: ranked.count > 2 ? ranked[2].score : nil),
                               decidedBy: .coder)
    }
}

/// A council's own job title table: titles its HR system holds, each with the role the council
/// has decided. It wins over the coder; titles are matched after the coder's normalisation, so
/// "Snr Social Worker (0.5 FTE)" finds the row "Senior Social Worker".
public struct TitleOverrides: Sendable {
    private var roles: [String: Role]
    /// The number of titles in the table.
    public var count: Int { roles.count }

    /// A problem in an overrides file, with its line.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        /// The line of the overrides file.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// What went wrong, in words.
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads a CSV table with the columns `title` and `role` (a harmonised role code); any
    /// other columns are ignored. Throws on a missing column, an unknown role, a title with no
    /// words, or one title given two different roles.
    public init(csv text: String, registry: Registry = .embedded) throws {
        var rows: [(line: Int, fields: [String])] = []
        var problems: [CSVProblem] = []
        var parser = CSVParser(onRecord: { record in rows.append((record.line, record.fields)) },
                               onProblem: { problems.append($0) })
        parser.feed(Array(text.utf8))
        parser.finish()
        if let problem = problems.first { throw Problem(line: problem.line, message: problem.description) }
        guard let header = rows.first?.fields, let titleColumn = header.firstIndex(of: "title"),
              let roleColumn = header.firstIndex(of: "role") else {
            throw Problem(line: 1, message: "expected a header row with the columns title and role (a harmonised role code such as R237)")
        }
        var roles: [String: Role] = [:]
        var firstLine: [String: Int] = [:]
        let known = Dictionary(registry.roles.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (line, fields) in rows.dropFirst() {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let title = titleColumn < fields.count ? fields[titleColumn] : ""
            let code = (roleColumn < fields.count ? fields[roleColumn] : "").trimmingCharacters(in: .whitespaces)
            guard let role = known[code] else {
                throw Problem(line: line, message: "role \"\(code)\" for title \"\(title)\" is not a harmonised role code (R101 ... ; see `wds roles`)")
            }
            let key = Self.key(title)
            guard !key.isEmpty else { throw Problem(line: line, message: "title \"\(title)\" has no words a job title is made of") }
            if let existing = roles[key], existing.code != role.code {
                throw Problem(line: line, message: "title \"\(title)\" is given \(role.code) here and \(existing.code) on line \(firstLine[key]!) (the same title after normalisation)")
            }
            roles[key] = role
            firstLine[key] = firstLine[key] ?? line
        }
        self.roles = roles
    }

    /// The council's role for `title`, if the table has it.
    public func role(for title: String) -> Role? {
        roles.isEmpty ? nil : roles[Self.key(title)]
    }

    /// A title as the table matches it: its normalised words, plurals folded.
    static func key(_ title: String) -> String {
        TitleNormaliser.words(title).map { TitleCoder.fold($0.text) }.joined(separator: " ")
    }
}
