import Foundation

/// The words of a title that say which of several related roles it is: its rank (assistant,
/// deputy, senior, principal, head, manager ...), the specialism it names (children's or
/// adults', primary or secondary) and whether it names a school as the workplace.
///
/// Word overlap alone lets a generic or more senior title win ("Social Worker - Child
/// Protection" sharing more words with "Principal Social Worker (Children)" than with the case
/// holder's titles). Each title and each known title gets a bit set of these signals, and a
/// known title whose signals disagree with the query's scores less.
extension TitleCoder {
    /// Rank words, each with its bit. Read from the head of a title only: in "Social Worker -
    /// Children in Care Team" the team is not a rank. A head, a director and a chief share a bit:
    /// each leads a service ("Director of HR" is "Head of HR").
    static let rankBits: StringTable<UInt32> = StringTable([
        "assistant": 1 << 0, "deputy": 1 << 1, "senior": 1 << 2, "principal": 1 << 3, "head": headRank,
        "manager": managerRank, "director": headRank, "lead": 1 << 7, "leader": 1 << 7, "chief": headRank,
        "supervisor": 1 << 9, "trainee": 1 << 10, "apprentice": 1 << 10, "executive": 1 << 11,
        "coordinator": 1 << 12, "higher": 1 << 13, "consultant": 1 << 14, "advanced": 1 << 2,
    ] as [String: UInt32])
    static let rankMask: UInt32 = 0xFFFF
    /// The specialism and setting bits (16-27). Bits 28-31 say what kind of title or query it
    /// is (``openHeadTitle``, ``professionsDirector``, ``belowHead``, ``headsOnlyRole``), not a
    /// specialism the two could share.
    static let specialismMask: UInt32 = 0x0FFF_0000

    /// Specialisms that exclude each other, read from the whole title (a team suffix names one).
    static let childrenSide: UInt32 = 1 << 16
    static let adultSide: UInt32 = 1 << 17
    static let primaryPhase: UInt32 = 1 << 18
    static let secondaryPhase: UInt32 = 1 << 19
    /// A school (or academy) is the workplace: "Finance Manager (School)", "Admin Assistant (Term
    /// Time)". Only the singular "school" or "academy" counts: "Schools Finance Team", "HR Adviser
    /// (Schools)" name a council's central service for schools, not a post in one. Naming a school
    /// is no evidence against a role that is not a school's, so it only adds (see ``flagWeight``).
    static let schoolSetting: UInt32 = 1 << 20
    static let schoolWords: StringTable<Bool> = ["school", "academy", "pupil", "pupils"]

    /// The words of a generic title (``isGenericTitle(_:)``), besides the rank words of ``modifiers``.
    static let genericWords: StringTable<Bool> = [
        "manager", "assistant", "head", "leader", "team", "supervisor", "coordinator", "officer", "worker",
        "director", "executive", "service", "services", "acting", "interim",
    ]
    /// A generic known title counts this much for a title that names a job or service its role
    /// does not: "Deputy Revenues Manager" shares "deputy manager" with the care service's deputy
    /// manager, but names a service that is not care.
    static let genericForSpecificWeight: Float = 0.75

    /// Whether a known title is generic: every word of its job part (its first part, before a
    /// dash, bracket, "of" ...) is a rank word or a job noun of any job ("Deputy Manager", "Team
    /// Manager - Child Protection"). In a role's examples such a title stands for the role's own
    /// service (a care service's deputy manager), and the index's bare "Team manager" is social
    /// services' (see ``TitleCoder/genericWeight(role:document:specific:)``). A head, director or
    /// chief executive heads whatever service the title names, so "Head of Service" is not generic.
    static func isGenericTitle(_ words: [TitleNormaliser.Word]) -> Bool {
        var any = false
        for word in words where word.first {
            any = true
            if !namesNoJobOrService(word.text) || topRankWords.contains(word.text) { return false }
        }
        return any
    }

    /// A title's words as the coder reads them: ``TitleNormaliser/words(_:)``, with the suffix of
    /// a head's title whose full-weight words name no job or service ("Head of Service - Early
    /// Help", "Director (Adult Social Care)") weighed as the job itself: there the suffix is what
    /// names the service the head leads.
    static func titleWords(_ title: String) -> [TitleNormaliser.Word] {
        var words = TitleNormaliser.words(title)
        // Most titles have no suffix: then nothing is looked up.
        guard words.contains(where: { $0.weight < 1 }) else { return words }
        var head = false
        for word in words where word.weight >= 1 {
            if topRankWords.contains(word.text) { head = true; continue }
            if !namesNoJobOrService(word.text) { return words }
        }
        guard head else { return words }
        for index in words.indices where words[index].weight < 1 { words[index].weight = 1 }
        return words
    }

    /// Whether a word is a rank word or the noun of any job ("deputy", "manager", "officer"):
    /// it names no job or service of its own.
    static func namesNoJobOrService(_ word: String) -> Bool {
        genericWords.contains(word) || modifiers.contains(word)
    }

    /// The words of the heads of services and councils (see ``isGenericTitle(_:)``).
    static let topRankWords: StringTable<Bool> = ["head", "director", "chief", "executive"]

    static let specialismBits: StringTable<UInt32> = StringTable([
        "child": childrenSide, "young": childrenSide, "family": childrenSide, "fostering": childrenSide, "foster": childrenSide,
        "adoption": childrenSide, "leaving": childrenSide, "looked": childrenSide, "youth": childrenSide, "csc": childrenSide,
        "adult": adultSide, "older": adultSide, "elderly": adultSide, "asc": adultSide, "reablement": adultSide,
        "enablement": adultSide, "domiciliary": adultSide, "dementia": adultSide,
        "primary": primaryPhase, "infant": primaryPhase, "nursery": primaryPhase, "reception": primaryPhase, "ks1": primaryPhase, "ks2": primaryPhase,
        "secondary": secondaryPhase, "ks3": secondaryPhase, "ks4": secondaryPhase, "sixth": secondaryPhase,
    ] as [String: UInt32])

    /// A known title's score is multiplied by this for each rank word it has that the query lacks
    /// ("Principal" for a plain social worker) ...
    static let extraRankWeight: Float = 0.7
    /// ... and for each rank word of the query it lacks ("Deputy" against "Head Teacher").
    static let missingRankWeight: Float = 0.88
    /// The weights for 0, 1, 2 and 3 or more rank words, so that scoring does not loop.
    static let extraRankWeights: [Float] = (0...3).map { Float(pow(Double(extraRankWeight), Double($0))) }
    static let missingRankWeights: [Float] = (0...3).map { Float(pow(Double(missingRankWeight), Double($0))) }
    /// Both weights multiplied, for `e` extra and `m` missing rank words at `4 * e + m`. Scoring
    /// is given this table (the coder keeps it, see ``TitleCoder/rankWeights``): reading the
    /// two tables above in the loop checked twice per candidate that they were made.
    static let rankWeightTable: [Float] = (0...15).map { extraRankWeights[$0 >> 2] * missingRankWeights[$0 & 3] }
    /// The rank bit of the heads of services ("head", "director", "chief").
    static let headRank: UInt32 = 1 << 4
    /// The rank bit of "manager": a head of a service is its manager too ("Head of Community
    /// Safety" is the community safety manager).
    static let managerRank: UInt32 = 1 << 5
    /// A further weight for a known title that is neither a head's nor a manager's, against a
    /// query that heads a service ("Director of Children's Social Care" is not a social worker of
    /// children in care).
    static let missingHeadWeight: Float = 0.7
    /// The rank bits of "assistant" and "deputy".
    static let secondRank: UInt32 = 1 << 0 | 1 << 1
    /// Set on a query whose first head's word follows "assistant" or "deputy": it names the
    /// rank below the head ("Assistant Director", "Deputy Head Teacher"), unlike "Director of
    /// Adult Services and Deputy Chief Executive". Outside ``rankMask``: not a rank word of its own.
    static let belowHead: UInt32 = 1 << 30
    /// Whether the first head's word of `words` ("head", "director", "chief") follows "assistant"
    /// or "deputy" (``belowHead``).
    static func namesTheRankBelowAHead(_ words: [TitleNormaliser.Word]) -> Bool {
        guard let first = words.firstIndex(where: { $0.weight >= 1 && rankBits[$0.text] == headRank }), first > 0 else { return false }
        return rankBits[words[first - 1].text].map { $0 & secondRank != 0 } ?? false
    }
    /// Set on every known title of a role that is a rank rather than a service's post: nearly
    /// all its titles are a head's, none an assistant's, a deputy's or a manager's (the
    /// strategic directors, the directors of children's and adult services, the chief executive).
    static let headsOnlyRole: UInt32 = 1 << 31
    /// Set on a "director" title of a role outside the managerial major group: the ONS index
    /// codes a few directors to a profession ("Director of education" to 2313, the school
    /// improvement adviser's unit), but an assistant or deputy director is a council's manager.
    static let professionsDirector: UInt32 = 1 << 29
    /// The major group of the managerial roles (G1).
    static let managerialGroup = "G1"
    /// Set on a managerial role's title that heads a service without naming one: "Head of
    /// Service", "Assistant Director", "Service Director" (``isOpenHeadTitle(_:)``).
    static let openHeadTitle: UInt32 = 1 << 28
    /// How much of a query's service words an open head's title meets, when the query heads a
    /// service: such a title stands for the head of any service, so "Assistant Director –
    /// Environment" is nearer the head of service's "Assistant Director" than the bare words
    /// say, though less near than a title that names the environment.
    static let openTitleShare: Float = 0.3
    /// Whether a known title heads a service without naming one: every word is a rank word or a
    /// job noun, and one of them is "head" or "director".
    static func isOpenHeadTitle(_ words: [TitleNormaliser.Word]) -> Bool {
        !words.isEmpty && words.allSatisfy { namesNoJobOrService($0.text) } && words.contains { $0.text == "head" || $0.text == "director" }
    }
    /// The share of a role's titles that must be a head's alone for ``headsOnlyRole``.
    static let headsOnlyShare = 0.9
    /// A further weight for a title of a ``headsOnlyRole`` (or a ``professionsDirector``) against a query that names the rank
    /// below the head: an assistant director is not the strategic director of the service the
    /// title names ("Assistant Director – Environment" is a head of service).
    static let headForSecondWeight: Float = 0.6
    /// Whether a role's titles (normalised) make it a ``headsOnlyRole``.
    static func isHeadsOnlyRole(_ titles: [[TitleNormaliser.Word]]) -> Bool {
        guard !titles.isEmpty else { return false }
        let heads = titles.filter { words in
            let rank = flags(of: words) & rankMask
            return rank & headRank != 0 && rank & (secondRank | managerRank) == 0
        }
        return Double(heads.count) >= headsOnlyShare * Double(titles.count)
    }
    /// The heads of service whose services the ranks below them name, by role code: the head of
    /// children's social care heads the services its service and team managers' titles name
    /// ("Service Manager Fostering", "Team Manager, Leaving Care"), so "Head of Fostering" is its,
    /// not the head of any council service's, though no head's title of its own names fostering.
    static let serviceLadders: [(head: String, below: [String])] = [
        ("R107", ["R109", "R111"]),
        ("R108", ["R110", "R112"]),
    ]
    /// How much a lower rank's title counts for its head (``serviceLadders``): less than the
    /// head's own titles, which name the rank as well as the service.
    static let ladderWeight: Float = 0.85
    /// Words that name only the side of social care a service is on, not a service: a lower
    /// rank's title that shares only these with a head's ("Children's Team Managers" with "Deputy
    /// Director of Children's Services") is no evidence for the head of service.
    static let sideWords = ["children", "child", "young", "family", "families", "adult", "adults"]

    /// For naming the other side of a specialism (adults' against children's; primary against secondary).
    static let conflictingSpecialismWeight: Float = 0.8

    /// For naming the same specialism: the specific role beats the generic one.
    static let matchingSpecialismWeight: Float = 1.1

    /// The rank and specialism bits of a title's words.
    static func flags(of words: [TitleNormaliser.Word]) -> UInt32 {
        var flags: UInt32 = 0
        for word in words { flags |= self.flags(of: word, folded: fold(word.text)) }
        return flags
    }

    /// The rank and specialism bits of one word of a title, `folded` its ``fold(_:)``.
    @inline(__always)
    static func flags(of word: TitleNormaliser.Word, folded text: String) -> UInt32 {
        var flags: UInt32 = 0
        if word.weight >= 1, let bit = rankBits[text] { flags |= bit }
        if let bit = specialismBits[text] { flags |= bit }
        if schoolWords.contains(word.text) { flags |= schoolSetting }
        return flags
    }

    /// Signals read from the title as written, before the normaliser drops them as contract
    /// noise: a term-time-only post is a school's.
    static func rawFlags(_ title: String) -> UInt32 {
        // Each word's first eight letters packed into an integer, so that no string is made per title.
        var word: UInt64 = 0, length = 0, previous: UInt64 = 0, previousLength = 0
        func endWord() -> Bool {
            guard length > 0 else { return false }
            let found = (length == 3 && word == tto) || (length == 4 && word == time && previousLength == 4 && previous == term)
            (previous, previousLength, word, length) = (word, length, 0, 0)
            return found
        }
        for byte in title.utf8 {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                if length < 8 { word = word << 8 | UInt64(lower) }
                length += 1
            } else if endWord() {
                return schoolSetting
            }
        }
        return endWord() ? schoolSetting : 0
    }
    /// `min(bits.nonzeroBitCount, 3)`, one step per bit: a title has a rank word or two, and
    /// `nonzeroBitCount` is a dozen instructions where the processor is not assumed to count bits.
    @inline(__always)
    static func countUpToThree(_ bits: UInt32) -> Int {
        var bits = bits, count = 0
        while bits != 0 && count < 3 { bits &= bits &- 1; count += 1 }
        return count
    }

    private static let tto: UInt64 = 0x74_74_6f, term: UInt64 = 0x74_65_72_6d, time: UInt64 = 0x74_69_6d_65

    /// How much a known title with signals `document` counts for a query with signals `query` (1
    /// when they agree); `rankWeights` is ``rankWeightTable``.
    @inline(__always)
    static func flagWeight(document: UInt32, query: UInt32, rankWeights: LentBuffer<Float>) -> Float {
        let documentRank = document & rankMask, queryRank = query & rankMask
        // Most titles and queries share their rank words (usually none): the weight is 1 then,
        // and the bit counts and weight table are not needed.
        var weight: Float = 1
        if documentRank != queryRank {
            weight = rankWeights[4 * countUpToThree(documentRank & ~queryRank) + countUpToThree(queryRank & ~documentRank)]
            if queryRank & headRank != 0 {
                if documentRank & (headRank | managerRank) == 0 { weight *= missingHeadWeight }
                if query & belowHead != 0 && document & (headsOnlyRole | professionsDirector) != 0 { weight *= headForSecondWeight }
            }
        }
        guard document & specialismMask != 0 else { return weight }
        func conflicts(_ a: UInt32, _ b: UInt32) -> Bool {
            (query & (a | b)) == a && (document & (a | b)) == b || (query & (a | b)) == b && (document & (a | b)) == a
        }
        if conflicts(childrenSide, adultSide) { weight *= conflictingSpecialismWeight }
        if (query & document & specialismMask) != 0 { weight *= matchingSpecialismWeight }
        if conflicts(primaryPhase, secondaryPhase) { weight *= conflictingSpecialismWeight }
        return weight
    }
}
