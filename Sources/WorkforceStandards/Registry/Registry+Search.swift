/// A search result: an item or a code whose name matched.
public struct SearchHit: Sendable, Equatable {
    /// What was found.
    public enum Kind: String, Sendable, Comparable {
        case item, code
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs == .item && rhs == .code }
    }
    public var kind: Kind
    /// The item reference, or the code set id for a code.
    public var owner: String
    /// The code, for a code hit.
    public var code: String?
    /// The matched name or label.
    public var title: String
    /// Higher is better: 100 exact, 80 prefix, 60 every word starts a word, 40 every word appears.
    public var score: Int
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
        for set in codeSets {
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
