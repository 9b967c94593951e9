import Foundation

/// One suggestion of the title coder: a role (when one fits) with its SOC2000 unit group and a
/// confidence score.
public struct TitleMatch: Sendable {
    /// Where the evidence for a match came from.
    public enum Evidence: String, Sendable {
        /// The role's own title or one of its example titles.
        case roleTitle = "role title"
        /// An entry of the ONS coding index.
        case codingIndex = "ONS coding index"
    }

    /// The harmonised role, or nil when the SOC2000 unit has no role.
    public var role: Role?
    /// The SOC2000 unit group.
    public var soc2000: String
    /// Its title.
    public var socTitle: String
    /// Confidence, 0...1: how much of the title's meaning the best evidence shares.
    public var score: Double
    /// The title that matched best (a role example or an index entry).
    public var matchedTitle: String
    public var evidence: Evidence
}

/// The job role index the 2010 standard promised as Volume 2 and never published: codes a
/// free-text job title to ranked roles and SOC2000 unit groups.
///
/// Built from the role titles and example titles of the role code set and from the ONS coding
/// index (with its `add` qualifiers as words the title must carry and its `ind` qualifiers as
/// optional context). Titles are normalised by ``TitleNormaliser`` (abbreviations, grades,
/// hours, suffixes) and small typos are corrected against the index's vocabulary.
///
/// ```swift
/// let coder = TitleCoder.shared
/// coder.code("Snr Social Worker - Children in Care Team").first?.soc2000   // "2442"
/// ```
public final class TitleCoder: Sendable {
    struct Document: Sendable {
        /// Token ids the title must share, sorted.
        var tokens: [Int32]
        /// Token ids that may add context (industry qualifiers), sorted.
        var optional: [Int32]
        var mass: Float
        var soc: Int32
        /// Index into `roles`, or -1 for a coding-index entry.
        var role: Int32
        /// Whether the entry only applies with a qualifier the title does not carry, outside a
        /// council context: such entries lose to the unqualified (default) entry.
        var qualifiedElsewhere: Bool
        var title: String
    }

    let vocabulary: [String: Int32]
    let idf: [Float]
    let postings: [[Int32]]
    let documents: [Document]
    /// The documents' token lists flattened (tokens then optional tokens of each document,
    /// delimited by `tokenBounds`), with their scoring fields in parallel arrays: the scoring
    /// loop reads these without copying a document.
    let tokenStore: [Int32]
    let tokenBounds: [(start: Int32, middle: Int32, end: Int32)]
    let documentMass: [Float]
    let documentRole: [Int32]
    let documentSOC: [Int32]
    let documentQualifiedElsewhere: [Bool]
    let socCodes: [String]
    let socTitles: [String]
    let roles: [Role]
    /// For each SOC index, the roles (indexes into `roles`) in that unit group.
    let rolesBySOC: [[Int32]]
    /// Deletion neighbourhood for typo correction: a word with one letter removed -> words.
    let deletions: [String: [Int32]]
    let documentFrequency: [Int32]

    /// Words longer than this are not typo-corrected.
    static let longestCorrectableWord = 30

    /// Weight of coding-index evidence against the role code set's own titles.
    static let indexWeight: Float = 0.95
    /// Weight of an index entry whose qualifier the title does not meet.
    static let unmetQualifierWeight: Float = 0.85
    /// Industry qualifiers that describe councils and schools: entries under them are not
    /// penalised, since every title this library codes comes from local government.
    static let councilContexts = ["local government", "local authority", "education", "school", "social services", "council"]

    /// Postings longer than this are not walked when a rarer word can find the candidates.
    static let commonWordLimit = 3000

    /// The coder over the embedded standard, built on first use.
    public static let shared = TitleCoder(registry: .embedded)

    /// Builds the coder from a registry's roles and title indexes.
    public init(registry: Registry) {
        var vocabulary: [String: Int32] = [:]
        var frequency: [Int32] = []
        var documents: [Document] = []
        var socIndex: [String: Int32] = [:]
        var socCodes: [String] = []
        var socTitles: [String] = []
        let soc2000 = registry.codeSet(SOCVersion.soc2000.codeSetID)

        func tokenID(_ word: String) -> Int32 {
            if let id = vocabulary[word] { return id }
            let id = Int32(vocabulary.count)
            vocabulary[word] = id
            frequency.append(0)
            return id
        }
        func socID(_ code: String) -> Int32? {
            if let id = socIndex[code] { return id }
            guard let group = soc2000?.code(code) else { return nil }
            let id = Int32(socCodes.count)
            socIndex[code] = id
            socCodes.append(code)
            socTitles.append(group.label)
            return id
        }
        func ids(_ text: String) -> [Int32] {
            Array(Set(TitleNormaliser.words(text).map { tokenID(Self.fold($0.text)) })).sorted()
        }
        func add(_ title: String, qualifiers: [String], soc: Int32, role: Int32) {
            let tokens = ids(title)
            guard !tokens.isEmpty else { return }
            let context = Array(Set(qualifiers.flatMap(ids))).filter { !tokens.contains($0) }.sorted()
            for token in tokens { frequency[Int(token)] += 1 }
            let council = qualifiers.contains { qualifier in Self.councilContexts.contains { qualifier.lowercased().contains($0) } }
            documents.append(Document(tokens: tokens, optional: context, mass: 0, soc: soc, role: role,
                                      qualifiedElsewhere: !context.isEmpty && !council, title: title))
        }

        let roles = registry.roles
        for (index, role) in roles.enumerated() {
            guard let soc = socID(role.soc2000) else { continue }
            for title in [role.title] + (role.profile?.exampleTitles ?? []) {
                add(title, qualifiers: [], soc: soc, role: Int32(index))
            }
        }
        for file in registry.titleIndexFiles {
            let csv = MetadataCSV(text: file.text)
            guard csv.header == RegistryLoader.indexColumns else { continue }
            for row in csv.rows where row.fields.count == csv.header.count && !row.fields[6].isEmpty {
                guard let soc = socID(row.fields[6]) else { continue }
                // ONS codes a title with its `add` (additional) and `ind` (industry) qualifiers
                // only when they fit; the entry without them is the default.
                add(row.fields[1], qualifiers: [row.fields[3], row.fields[4]], soc: soc, role: -1)
            }
        }

        let count = Float(max(documents.count, 1))
        let idf = frequency.map { log(1 + count / Float(max($0, 1))) }
        var postings = [[Int32]](repeating: [], count: vocabulary.count)
        for (index, document) in documents.enumerated() {
            documents[index].mass = document.tokens.reduce(0) { $0 + idf[Int($1)] }
            for token in document.tokens { postings[Int(token)].append(Int32(index)) }
        }
        var rolesBySOC = [[Int32]](repeating: [], count: socCodes.count)
        for (index, role) in roles.enumerated() {
            if let soc = socIndex[role.soc2000] { rolesBySOC[Int(soc)].append(Int32(index)) }
        }
        var deletions: [String: [Int32]] = [:]
        for (word, id) in vocabulary where word.count >= 4 {
            for variant in Self.deletionVariants(of: word) { deletions[variant, default: []].append(id) }
        }

        self.vocabulary = vocabulary
        self.documentFrequency = frequency
        self.idf = idf
        self.postings = postings
        self.documents = documents
        var store: [Int32] = [], bounds: [(Int32, Int32, Int32)] = []
        for document in documents {
            let start = Int32(store.count)
            store += document.tokens
            let middle = Int32(store.count)
            store += document.optional
            bounds.append((start, middle, Int32(store.count)))
        }
        tokenStore = store
        tokenBounds = bounds
        documentMass = documents.map(\.mass)
        documentRole = documents.map(\.role)
        documentSOC = documents.map(\.soc)
        documentQualifiedElsewhere = documents.map(\.qualifiedElsewhere)
        self.socCodes = socCodes
        self.socTitles = socTitles
        self.roles = roles
        self.rolesBySOC = rolesBySOC
        self.deletions = deletions
    }

    /// The number of titles the coder knows (role titles, examples and index entries).
    public var documentCount: Int { documents.count }

    /// Ranked suggestions for `title`, best first; empty when nothing in it is recognised.
    public func code(_ title: String, limit: Int = 5) -> [TitleMatch] {
        var session = Session(coder: self)
        return session.code(title, limit: limit)
    }

    /// Reusable scratch space for coding many titles on one thread without allocating.
    public struct Session {
        let coder: TitleCoder
        var documentScores: [Float]
        var touched: [Int32] = []
        var socBest: [Float]
        var socBestDocument: [Int32]
        var roleBest: [Float]
        var roleBestDocument: [Int32]

        public init(coder: TitleCoder) {
            self.coder = coder
            documentScores = Array(repeating: -1, count: coder.documents.count)
            socBest = Array(repeating: 0, count: coder.socCodes.count)
            socBestDocument = Array(repeating: -1, count: coder.socCodes.count)
            roleBest = Array(repeating: 0, count: coder.roles.count)
            roleBestDocument = Array(repeating: -1, count: coder.roles.count)
        }

        /// Ranked suggestions for `title`, best first.
        public mutating func code(_ title: String, limit: Int = 5) -> [TitleMatch] {
            let query = coder.queryTokens(title)
            guard !query.tokens.isEmpty else { return [] }
            collectCandidates(query.tokens)
            var touchedSOCs: [Int32] = []
            var touchedRoles: [Int32] = []
            let idf = coder.idf
            coder.tokenStore.withUnsafeBufferPointer { store in
                for documentIndex in touched {
                    let index = Int(documentIndex)
                    let bounds = coder.tokenBounds[index]
                    var common: Float = 0, contextMass: Float = 0
                    var qualifierMatched = false
                    for (token, weight) in query.tokens {
                        if Self.contains(store, Int(bounds.start), Int(bounds.middle), token) {
                            common += weight * idf[Int(token)]
                        } else if bounds.middle < bounds.end && Self.contains(store, Int(bounds.middle), Int(bounds.end), token) {
                            let value = weight * idf[Int(token)]
                            common += value
                            contextMass += value
                            qualifierMatched = true
                        }
                    }
                    let role32 = coder.documentRole[index]
                    var score = 2 * common / (query.mass + coder.documentMass[index] + contextMass)
                    if coder.documentQualifiedElsewhere[index] && !qualifierMatched { score *= TitleCoder.unmetQualifierWeight }
                    if role32 < 0 { score *= TitleCoder.indexWeight }
                    documentScores[index] = -1
                    if role32 >= 0 {
                        let role = Int(role32)
                        if roleBest[role] == 0 { touchedRoles.append(role32) }
                        if score > roleBest[role] { roleBest[role] = score; roleBestDocument[role] = documentIndex }
                    } else {
                        let soc32 = coder.documentSOC[index]
                        let soc = Int(soc32)
                        if socBest[soc] == 0 { touchedSOCs.append(soc32) }
                        if score > socBest[soc] { socBest[soc] = score; socBestDocument[soc] = documentIndex }
                    }
                }
            }
            touched.removeAll(keepingCapacity: true)

            var results: [(score: Float, role: Int32, soc: Int32, document: Int32)] = []
            var seenRoles = Set<Int32>()
            for role in touchedRoles {
                let soc = coder.documentSOC[Int(roleBestDocument[Int(role)])]
                let viaIndex = socBest[Int(soc)] > 0 ? 0.9 * socBest[Int(soc)] + 0.1 * roleBest[Int(role)] : 0
                let best = max(roleBest[Int(role)], viaIndex)
                let document = roleBest[Int(role)] >= viaIndex ? roleBestDocument[Int(role)] : socBestDocument[Int(soc)]
                results.append((best, role, soc, document))
                seenRoles.insert(role)
            }
            for soc in touchedSOCs {
                let rolesHere = coder.rolesBySOC[Int(soc)]
                if rolesHere.isEmpty {
                    results.append((0.9 * socBest[Int(soc)], -1, soc, socBestDocument[Int(soc)]))
                }
                for role in rolesHere where !seenRoles.contains(role) {
                    results.append((0.9 * socBest[Int(soc)], role, soc, socBestDocument[Int(soc)]))
                }
            }
            for role in touchedRoles { roleBest[Int(role)] = 0; roleBestDocument[Int(role)] = -1 }
            for soc in touchedSOCs { socBest[Int(soc)] = 0; socBestDocument[Int(soc)] = -1 }

            results.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.role != b.role { return a.role >= 0 && (b.role < 0 || a.role < b.role) }
                return a.soc < b.soc
            }
            return results.prefix(limit).map { result in
                let document = coder.documents[Int(result.document)]
                return TitleMatch(role: result.role >= 0 ? coder.roles[Int(result.role)] : nil,
                                  soc2000: coder.socCodes[Int(result.soc)], socTitle: coder.socTitles[Int(result.soc)],
                                  score: Double(min(1, max(0, result.score))), matchedTitle: document.title,
                                  evidence: document.role >= 0 ? .roleTitle : .codingIndex)
            }
        }

        /// Marks every document reachable from the query's words; very common words are
        /// walked only when nothing rarer is there to find candidates.
        private mutating func collectCandidates(_ tokens: [(Int32, Float)]) {
            let rare = tokens.filter { coder.postings[Int($0.0)].count <= TitleCoder.commonWordLimit }
            for (token, _) in rare.isEmpty ? tokens : rare {
                for document in coder.postings[Int(token)] where documentScores[Int(document)] < 0 {
                    documentScores[Int(document)] = 0
                    touched.append(document)
                }
            }
        }

        /// Whether the sorted run `store[start..<end]` holds `value`.
        static func contains(_ store: UnsafeBufferPointer<Int32>, _ start: Int, _ end: Int, _ value: Int32) -> Bool {
            var low = start, high = end
            while low < high {
                let mid = (low + high) >> 1
                let item = store[mid]
                if item == value { return true }
                if item < value { low = mid + 1 } else { high = mid }
            }
            return false
        }

        private func binarySearch(_ array: [Int32], _ value: Int32) -> Bool {
            var low = 0, high = array.count
            while low < high {
                let mid = (low + high) / 2
                if array[mid] == value { return true }
                if array[mid] < value { low = mid + 1 } else { high = mid }
            }
            return false
        }
    }

    /// The query's known token ids with weights, and its total mass (unknown words count,
    /// so a title that is mostly unrecognised scores low).
    func queryTokens(_ title: String) -> (tokens: [(Int32, Float)], mass: Float) {
        var tokens: [(Int32, Float)] = []
        var mass: Float = 0
        let unknownWeight = (idf.max() ?? 1) * 0.5
        for var word in TitleNormaliser.words(title) {
            if Self.modifiers.contains(word.text) { word.weight *= Self.modifierWeight }
            let text = Self.fold(word.text)
            guard let id = vocabulary[text] ?? correction(for: text) else {
                mass += unknownWeight * word.weight
                continue
            }
            if let existing = tokens.firstIndex(where: { $0.0 == id }) {
                if tokens[existing].1 < word.weight {
                    mass += (word.weight - tokens[existing].1) * idf[Int(id)]
                    tokens[existing].1 = word.weight
                }
                continue
            }
            tokens.append((id, word.weight))
            mass += word.weight * idf[Int(id)]
        }
        return (tokens, mass)
    }

    /// The most frequent known word within one edit of `word`, for words of five letters or more.
    func correction(for word: String) -> Int32? {
        // No job word is longer than about twenty letters; a hostile megabyte "word" would
        // otherwise make a million variants of a million bytes each.
        guard word.utf8.count >= 5, word.utf8.count <= Self.longestCorrectableWord else { return nil }
        var best: Int32?
        var bestFrequency: Int32 = 0
        func consider(_ candidates: [Int32]?) {
            for candidate in candidates ?? [] where documentFrequency[Int(candidate)] > bestFrequency {
                best = candidate
                bestFrequency = documentFrequency[Int(candidate)]
            }
        }
        consider(deletions[word])
        for variant in Self.deletionVariants(of: word) {
            if let id = vocabulary[variant] { consider([id]) }
            consider(deletions[variant])
        }
        return best
    }

    /// `word` with each one letter removed.
    static func deletionVariants(of word: String) -> [String] {
        let characters = Array(word)
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    /// Folds simple plurals so "cleaners" meets "cleaner" and "services" meets "service".
    static func fold(_ word: String) -> String {
        if let irregular = irregularPlurals[word] { return irregular }
        guard word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }

    static let irregularPlurals = ["children": "child", "childrens": "child", "people": "person", "peoples": "person",
                                   "women": "woman", "men": "man", "staff": "staff"]

    /// Rank and grade words: they qualify a job rather than name one, so on their own they
    /// must not pull a title towards an index entry that is only that word ("Principal").
    static let modifierWeight: Float = 0.4
    static let modifiers: Set<String> = ["senior", "principal", "lead", "trainee", "junior", "deputy", "qualified", "newly",
                                         "experienced", "specialist", "main", "second", "first", "chief"]
}
