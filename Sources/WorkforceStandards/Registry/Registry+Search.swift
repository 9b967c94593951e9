/// A search result: a role, an item or a code whose name matched.
public struct SearchHit: Sendable, Equatable {
    /// What was found. Equally good hits come in this order.
    public enum Kind: String, Sendable, Comparable, CaseIterable {
        /// A role, an item or a code.
        case role, item, code
        /// Roles first, then items, then codes.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }
    /// What was found.
    public var kind: Kind
    /// The item reference, the code set id for a code, `harmonised.role` for a role.
    public var owner: String
    /// The code, for a code or a role.
    public var code: String?
    /// The matched name or label (a role's title).
    public var title: String
    /// Higher is better: 100 exact, 80 prefix, 60 every word starts a word, 40 every word
    /// appears. A role found by one of its example job titles scores 15 less than the title
    /// would; by its title with words shortened ("social work" for "social worker"), 70.
    public var score: Int
    /// What matched when it is not ``title``: a role's example job title, or the job title coder.
    public var via: String? = nil

    /// A hit with every field given.
    public init(kind: Kind, owner: String, code: String?, title: String, score: Int, via: String? = nil) {
        self.kind = kind
        self.owner = owner
        self.code = code
        self.title = title
        self.score = score
        self.via = via
    }
}

extension Registry {
    /// Searches item names and code labels (and codes) for `query`, ignoring case and
    /// punctuation. Ranked by score, then items before codes, then shorter titles, then id,
    /// so the same query always gives the same order.
    public func search(_ query: String, limit: Int = 25) -> [SearchHit] {
        let words = SearchText.words(query)
        guard !words.isEmpty else { return [] }
        let phrase = words.joined(separator: " ")
        var hits: [SearchHit] = []
        for item in items {
            if let score = SearchText.score(words: words, phrase: phrase, in: item.name) {
                hits.append(SearchHit(kind: .item, owner: item.ref.rawValue, code: nil, title: item.name, score: score))
            } else if item.ref.rawValue.lowercased() == phrase {
                hits.append(SearchHit(kind: .item, owner: item.ref.rawValue, code: nil, title: item.name, score: 100))
            }
        }
        for role in roles {
            var best: (score: Int, via: String?)?
            func consider(_ score: Int?, _ via: String?) {
                if let score, score > (best?.score ?? 0) { best = (score, via) }
            }
            consider(SearchText.score(words: words, phrase: phrase, in: role.title), nil)
            if role.code.lowercased() == phrase { consider(100, nil) }
            if best == nil, SearchText.looselyMatches(words: words, in: role.title) { consider(70, nil) }
            for title in role.profile?.exampleTitles ?? [] {
                consider(SearchText.score(words: words, phrase: phrase, in: title).map { $0 - 15 }, "example title: \(title)")
            }
            // A phrase of its definition ("children in need"), when nothing else matched.
            if best == nil, words.count > 1, let definition = role.profile?.definition,
               (" " + SearchText.words(definition).joined(separator: " ") + " ").contains(" " + phrase + " ") {
                consider(40, "definition: \(definition)")
            }
            if let best {
                hits.append(SearchHit(kind: .role, owner: RoleCodeSet.id.rawValue, code: role.code, title: role.title, score: best.score, via: best.via))
            }
        }
        // The roles are searched above, with their example titles.
        for set in codeSets where set.id != RoleCodeSet.id {
            for code in set.codes {
                var score = SearchText.score(words: words, phrase: phrase, in: code.label)
                if code.value.lowercased() == phrase { score = max(score ?? 0, 90) }
                if let score {
                    hits.append(SearchHit(kind: .code, owner: set.id.rawValue, code: code.value, title: code.label, score: score))
                }
            }
        }
        hits.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.title.count != b.title.count { return a.title.count < b.title.count }
            if a.owner != b.owner { return a.owner < b.owner }
            return NaturalOrder.areInIncreasingOrder(a.code ?? "", b.code ?? "")
        }
        return Array(hits.prefix(limit))
    }
}

/// Text folding shared by every search: lower case, letters and digits, single spaces.
enum SearchText {
    /// The words of `text`, lower-cased, split on anything that is not a letter or digit.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether every word matches a word of `text` that it starts, or that starts it, with
    /// four letters at least in common: "senior social worker" and "Senior practitioner
    /// (children's social work)".
    static func looselyMatches(words: [String], in text: String) -> Bool {
        let target = Self.words(text)
        return words.allSatisfy { word in
            target.contains { other in
                other.hasPrefix(word) || (other.count >= 4 && word.hasPrefix(other))
            }
        }
    }

    /// How well `words` match `text`, or nil when they do not.
    static func score(words: [String], phrase: String, in text: String) -> Int? {
        let target = Self.words(text)
        let joined = target.joined(separator: " ")
        if joined == phrase { return 100 }
        if joined.hasPrefix(phrase) { return 80 }
        if words.allSatisfy({ word in target.contains { $0.hasPrefix(word) } }) { return 60 }
        if words.allSatisfy({ joined.contains($0) }) { return 40 }
        return nil
    }
}
