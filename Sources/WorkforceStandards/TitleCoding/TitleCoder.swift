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
        /// The council's own title table (``TitleOverrides``).
        case override = "council's title table"
    }

    /// The harmonised role, or nil when the SOC2000 unit has no role.
    public var role: Role?
    /// The SOC2000 unit group of the title: the role's own unit, unless the coding index clearly
    /// places this title in another one (a secondary head teacher is 2314; the head teacher
    /// role's unit is 2315).
    public var soc2000: String
    /// Its title.
    public var socTitle: String
    /// Confidence, 0...1: how much of the title's meaning the best evidence shares.
    public var score: Double
    /// The title that matched best (a role example or an index entry).
    public var matchedTitle: String
    /// Where the match came from (a role's example title, the ONS index ...).
    public var evidence: Evidence
}

/// The job role index the 2010 standard promised as Volume 2 and never published: codes a
/// free-text job title to ranked roles and SOC2000 unit groups.
///
/// Built from the role titles and example titles of the role code set and from the ONS coding
/// index (with its `add` qualifiers as words the title must carry and its `ind` qualifiers as
/// optional context). Titles are normalised by ``TitleNormaliser`` (abbreviations, grades,
/// hours, suffixes) and small typos are corrected against the index's vocabulary (a word that is
/// itself a common English word is not a typo and is left alone).
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
        /// Whether the entry is qualified for local government or social services, the
        /// industry of every title this library codes (see ``TitleCoder/councilEntryWeight``).
        var councilEntry: Bool = false
        /// Whether the entry's industry (`ind`) qualifier names an industry other than a
        /// council's or a school's (HM Revenue and Customs, the fire service): a council's title
        /// meets it only by holding most of its words, not by sharing one (``meetsQualifier(matched:outsideCouncil:of:)``).
        var otherIndustry: Bool = false
        /// The rank words and specialisms the title names (see ``TitleCoder/flags(of:)``).
        var flags: UInt32
        /// The token id of the title's job noun (``TitleNormaliser/headNoun(_:)``), or -1.
        var noun: Int32
        var title: String
    }

    let vocabulary: [String: Int32]
    /// ``vocabulary`` again, for the look-ups of each query: a look-up on the word's bytes is a
    /// few loads where the dictionary hashes the word with SipHash (every word is ASCII, so
    /// comparing bytes is comparing strings).
    let vocabularyTable: StringTable<Int32>
    let idf: [Float]
    let postings: [[Int32]]
    let documents: [Document]
    /// The documents' token lists flattened (tokens then optional tokens of each document,
    /// as `headers` delimit them): for queries too long for the word masks of ``Session``.
    let tokenStore: [Int32]
    /// What scoring needs of each document, in one small value.
    let headers: [DocumentHeader]
    /// `postings` flattened: the documents holding token `t` in their title are
    /// `titlePostings[titleBounds[t]]`, those holding it as an optional (context) word
    /// `contextPostings[contextBounds[t]]`, each in document order.
    let titlePostings: [Int32]
    let titleBounds: [Range<Int32>]
    let contextPostings: [Int32]
    let contextBounds: [Range<Int32>]
    /// For a word too common to be walked (see `commonWordLimit`): the index of its pair of
    /// document bitsets (title, context) in `commonBits`, else -1.
    let commonBitsIndex: [Int32]
    /// Bitsets of `documentWords` words each: title then context bitset of every common word.
    let commonBits: [UInt64]
    let documentWords: Int
    /// For each role, its SOC index (-1 when its unit group is unknown).
    let roleSOC: [Int32]
    /// How much an unrecognised word of a query weighs.
    let unknownWeight: Float
    /// ``TitleCoder/rankWeightTable``, kept here so that scoring reads it without a lazy global's check.
    let rankWeights: [Float] = TitleCoder.rankWeightTable

    /// What scoring needs of one document.
    struct DocumentHeader {
        /// The document's tokens are `tokenStore[start..<middle]`, its optional ones `[middle..<end]`.
        var start: Int32
        var middle: Int32
        var end: Int32
        var mass: Float
        var soc: Int32
        /// Index into `roles`, or -1 for a coding-index entry.
        var role: Int32
        var qualifiedElsewhere: Bool
        var councilEntry: Bool
        var otherIndustry: Bool
        var flags: UInt32
        var noun: Int32
    }

    let socCodes: [String]
    let socTitles: [String]
    let roles: [Role]
    /// For each SOC index `u`, the roles (indexes into `roles`) in that unit group:
    /// `socRoles[socRoleBounds[u]]`, flattened so that ranking reads them without retaining
    /// an array per unit.
    let socRoles: [Int32]
    let socRoleBounds: [Range<Int32>]
    /// For each role, the known words (token ids, sorted) of its profile's definition and tasks:
    /// what breaks a tie between roles that only an index entry of their shared unit supports.
    let roleProfileTokens: [[Int32]]
    /// For each role, the known words (token ids, sorted) of its title, example titles, definition
    /// and tasks: the services it stands for (see ``TitleCoder/genericForSpecificWeight``).
    let roleServiceTokens: [[Int32]]
    /// Bit `d` is set when document `d` is a generic title (``isGenericTitle(_:)``).
    let genericDocuments: [UInt64]
    /// By token id: whether the word is a rank word or the noun of any job (``genericWords``,
    /// ``modifiers``).
    let genericTokens: [Bool]
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

    /// Qualifiers that name a school, college or council that is not a council's: further and
    /// higher education, universities, driving, flying and language schools, the British Council ...
    /// (the words above would otherwise count them as council contexts).
    static let notCouncilContexts = ["further", "higher education", "university", "driving", "flying", "riding", "dancing",
                                     "language", "british council", "building council", "industrial council"]

    /// Industry qualifiers that name the council itself (local government, social services).
    static let localGovernmentContexts = ["local government", "local authority", "council", "social services"]
    /// An index entry qualified for local government or social services counts this much more
    /// than the others: an ONS coder codes a council's title to the council's entry when the
    /// title fits it as well as the default entry ("Care assistant" has entries for care
    /// homes, hospitals, schools, nurseries and none; a council's own is the one for it).
    static let councilEntryWeight: Float = 1.05

    /// How much the coding index's evidence for a role's unit counts against the role's own titles.
    static let indexShare: Float = 0.5

    /// A known title whose job noun differs from the query's ("technician" against "teacher")
    /// counts this much.
    static let otherNounWeight: Float = 0.7

    /// Job nouns that name the same kind of job, for the noun check: a care officer, care
    /// assistant or support adviser is a care or support worker; a finance clerk is a finance
    /// assistant; an activities co-ordinator or organiser is an activities worker.
    static let nounSynonyms = StringTable<String>(["officer": "worker", "practitioner": "worker", "carer": "worker",
                                                 "assistant": "worker", "adviser": "worker", "clerk": "worker",
                                                 "coordinator": "worker", "organiser": "worker",
                                                 "director": "manager", "head": "manager"])

    /// A unit group no role has (an ecologist, a valuer) counts this much against the roles:
    /// every title this library codes is a council's, and an answer without a role leaves its
    /// collections' role unanswered, so a role with nearly as good evidence is preferred.
    static let noRoleWeight: Float = 0.8

    /// The coding index's own unit replaces the role's unit in an answer when its best entry
    /// scores at least this share of the answer ...
    static let indexSOCShare: Float = 0.9
    /// ... and beats the index's best entry in the role's unit by this much.
    static let indexSOCMargin: Float = 0.05

    /// More than the most the weights of a document's score can lift it (``councilEntryWeight`` x
    /// ``matchingSpecialismWeight`` = 1.155; every other weight is at most 1): a candidate whose
    /// shared share times this is below its role's best so far cannot win and is skipped.
    static let scoreBound: Float = 1.2

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
        // A qualifier's token ids, normalised once: the index repeats a few hundred qualifiers
        // over thousands of entries.
        var qualifierIDs: [String: [Int32]] = [:]
        func ids(_ text: String) -> [Int32] {
            if let known = qualifierIDs[text] { return known }
            let found = Array(Set(TitleNormaliser.words(text).map { tokenID(Self.fold($0.text)) })).sorted()
            qualifierIDs[text] = found
            return found
        }
        // Whether a qualifier describes councils or schools; the index repeats a few hundred
        // qualifiers over thousands of entries, so each is looked at once.
        var councilQualifier: [String: Bool] = [:]
        func isCouncil(_ qualifier: String) -> Bool {
            if let known = councilQualifier[qualifier] { return known }
            let lower = qualifier.lowercased()
            let answer = Self.councilContexts.contains { ByteSearch.contains(lower, $0) } && !Self.notCouncilContexts.contains { ByteSearch.contains(lower, $0) }
            councilQualifier[qualifier] = answer
            return answer
        }
        // A qualifier that names local government or social services, looked at once each.
        var localGovernmentQualifier: [String: Bool] = [:]
        func isLocalGovernment(_ qualifier: String) -> Bool {
            if let known = localGovernmentQualifier[qualifier] { return known }
            let lower = qualifier.lowercased()
            let answer = Self.localGovernmentContexts.contains { ByteSearch.contains(lower, $0) }
            localGovernmentQualifier[qualifier] = answer
            return answer
        }
        func add(_ title: String, words: [TitleNormaliser.Word]? = nil, qualifiers: [String], soc: Int32, role: Int32, roleFlags: UInt32 = 0,
                 managerial: Bool = false) {
            let words = words ?? Self.titleWords(title)
            // A known title's words weigh as a query's do: its rank words count less than the job.
            // (token, weight) pairs, one per token: a title has a handful of words.
            var weighted: [(token: Int32, weight: Float)] = []
            weighted.reserveCapacity(words.count)
            var noun: Int32 = -1
            let nounPosition = words.lastIndex(where: \.first)
            let rankStart = Self.rankOfServiceJob(words, nounPosition: nounPosition, jobsOfTheirOwn: jobsOfTheirOwn)
            let namesAServiceRank = rankStart != nil
            for (position, word) in words.enumerated() {
                let folded = Self.fold(word.text)
                let id = tokenID(folded)
                let value = Self.modifiers.contains(word.text) || rankStart.map({ position >= $0 }) ?? false && position <= nounPosition!
                    ? Self.modifierWeight : 1
                if let existing = weighted.firstIndex(where: { $0.token == id }) {
                    weighted[existing].weight = max(weighted[existing].weight, value)
                } else {
                    weighted.append((id, value))
                }
                if position == nounPosition && !namesAServiceRank { noun = Self.nounSynonyms[folded].map(tokenID) ?? id }
            }
            guard !weighted.isEmpty else { return }
            weighted.sort { $0.token < $1.token }
            let tokens = weighted.map(\.token)
            let context = qualifiers.allSatisfy(\.isEmpty) ? [] : Array(Set(qualifiers.flatMap(ids))).filter { !tokens.contains($0) }.sorted()
            for token in tokens { frequency[Int(token)] += 1 }
            let council = !context.isEmpty && qualifiers.contains(where: isCouncil)
            documentWeights.append(weighted.map(\.weight))
            // The industry (`ind`) qualifier, the second, is the one that names the employer.
            let lg = role < 0 && qualifiers.count == 2 && !qualifiers[1].isEmpty && isLocalGovernment(qualifiers[1])
            let otherIndustry = role < 0 && qualifiers.count == 2 && !qualifiers[1].isEmpty && !isCouncil(qualifiers[1])
            documents.append(Document(tokens: tokens, optional: context, mass: 0, soc: soc, role: role,
                                      qualifiedElsewhere: !context.isEmpty && !council, councilEntry: lg, otherIndustry: otherIndustry,
                                      flags: Self.flags(of: words) | roleFlags | Self.rawFlags(title) | (role >= 0 && managerial && Self.isOpenHeadTitle(words) ? Self.openHeadTitle : 0),
                                      noun: noun, title: title))
            genericTitles.append(Self.isGenericTitle(words))
        }

        var documentWeights: [[Float]] = []
        var genericTitles: [Bool] = []
        let roles = registry.roles
        // Each role's titles, normalised once: read for the jobs of their own below, then added.
        let roleTitles = roles.map { role in ([role.title] + (role.profile?.exampleTitles ?? [])).map { ($0, Self.titleWords($0)) } }
        let jobsOfTheirOwn = Self.jobsOfTheirOwn(roleTitles.joined().map(\.1))
        self.jobsOfTheirOwn = jobsOfTheirOwn
        var roleSOC = [Int32](repeating: -1, count: roles.count)
        for (index, role) in roles.enumerated() {
            guard let soc = socID(role.soc2000) else { continue }
            roleSOC[index] = soc
            // The role's own title names its specialism ("Social worker (children and families)",
            // "Classroom teacher (secondary)"): every title of the role carries it, so that an
            // example title that does not repeat it ("Senior Social Worker") still counts as the
            // children's role against an adults' title, and for a children's one.
            let roleFlags = Self.flags(of: TitleNormaliser.words(role.title)) & Self.specialismMask
                | (Self.isHeadsOnlyRole(roleTitles[index].map(\.1)) ? Self.headsOnlyRole : 0)
            let managerial = role.majorGroup.value == Self.managerialGroup
            for (title, words) in roleTitles[index] {
                let director = !managerial && words.contains { $0.text == "director" } ? Self.professionsDirector : 0
                add(title, words: words, qualifiers: [], soc: soc, role: Int32(index), roleFlags: roleFlags | director, managerial: managerial)
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
            documents[index].mass = zip(document.tokens, documentWeights[index]).reduce(0) { $0 + $1.1 * idf[Int($1.0)] }
            for token in document.tokens { postings[Int(token)].append(Int32(index)) }
        }
        var rolesBySOC = [[Int32]](repeating: [], count: socCodes.count)
        for (index, role) in roles.enumerated() {
            if let soc = socIndex[role.soc2000] { rolesBySOC[Int(soc)].append(Int32(index)) }
        }
        // Only words the titles already hold: the profile text adds no word to the vocabulary.
        roleProfileTokens = roles.map { role in
            guard let profile = role.profile else { return [] }
            let words = ([profile.definition] + profile.tasks).flatMap { TitleNormaliser.words($0) }
            return Array(Set(words.compactMap { vocabulary[Self.fold($0.text)] })).sorted()
        }
        // A role's profile words and the words of its titles (its documents' tokens).
        var serviceTokens = roleProfileTokens.map(Set.init)
        for document in documents where document.role >= 0 { serviceTokens[Int(document.role)].formUnion(document.tokens) }
        // A head of service heads the services its managers' titles name (``serviceLadders``).
        let roleIndex = Dictionary(roles.enumerated().map { ($1.code, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        let ladders = Self.serviceLadders.compactMap { ladder -> (head: Int32, below: [Int32])? in
            guard let head = roleIndex[ladder.head] else { return nil }
            return (head, ladder.below.compactMap { roleIndex[$0] })
        }
        for ladder in ladders {
            for below in ladder.below { serviceTokens[Int(ladder.head)].formUnion(serviceTokens[Int(below)]) }
        }
        roleServiceTokens = serviceTokens.map { $0.sorted() }
        // The generic documents as a bitset: a few kilobytes that stay in cache, where reading
        // each candidate role's document header (a megabyte of them) missed it.
        var genericBits = [UInt64](repeating: 0, count: (documents.count + 63) / 64)
        for (index, generic) in genericTitles.enumerated() where generic { genericBits[index >> 6] |= 1 << UInt64(index & 63) }
        genericDocuments = genericBits
        var generic = [Bool](repeating: false, count: vocabulary.count)
        for (word, id) in vocabulary where Self.namesNoJobOrService(word) { generic[Int(id)] = true }
        genericTokens = generic
        // The titles of the ranks below each head of service, with the mass of their service words.
        var ladderDocuments: [LadderDocument] = []
        for ladder in ladders {
            for (index, document) in documents.enumerated() where ladder.below.contains(document.role) {
                let serviceMass = zip(document.tokens, documentWeights[index]).reduce(Float(0)) { $0 + (generic[Int($1.0)] ? 0 : $1.1 * idf[Int($1.0)]) }
                if serviceMass > 0 { ladderDocuments.append(LadderDocument(document: Int32(index), head: ladder.head, serviceMass: serviceMass)) }
            }
        }
        self.ladderDocuments = ladderDocuments
        headToken = vocabulary["head"] ?? -1
        sideTokens = Self.sideWords.compactMap { vocabulary[Self.fold($0)] }
        var deletions: [String: [Int32]] = [:]
        for (word, id) in vocabulary where word.count >= 4 {
            for variant in Self.deletionVariants(of: word) { deletions[variant, default: []].append(id) }
        }

        self.vocabulary = vocabulary
        vocabularyTable = StringTable(vocabulary.map { ($0.key, $0.value) })
        self.documentFrequency = frequency
        self.idf = idf
        self.postings = postings
        self.documents = documents
        var store: [Int32] = [], headers: [DocumentHeader] = []
        var contextLists = [[Int32]](repeating: [], count: vocabulary.count)
        headers.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            let start = Int32(store.count)
            store += document.tokens
            let middle = Int32(store.count)
            store += document.optional
            headers.append(DocumentHeader(start: start, middle: middle, end: Int32(store.count), mass: document.mass,
                                          soc: document.soc, role: document.role, qualifiedElsewhere: document.qualifiedElsewhere, councilEntry: document.councilEntry, otherIndustry: document.otherIndustry, flags: document.flags, noun: document.noun))
            for token in document.optional { contextLists[Int(token)].append(Int32(index)) }
        }
        tokenStore = store
        self.headers = headers
        openHeadDocuments = headers.indices.filter { headers[$0].flags & Self.openHeadTitle != 0 }.map(Int32.init)
        func flatten(_ lists: [[Int32]]) -> ([Int32], [Range<Int32>]) {
            var flat: [Int32] = [], bounds: [Range<Int32>] = []
            flat.reserveCapacity(lists.reduce(0) { $0 + $1.count })
            for list in lists {
                let start = Int32(flat.count)
                flat += list
                bounds.append(start..<Int32(flat.count))
            }
            return (flat, bounds)
        }
        (titlePostings, titleBounds) = flatten(postings)
        (contextPostings, contextBounds) = flatten(contextLists)
        let words = (documents.count + 63) / 64
        var bitsIndex = [Int32](repeating: -1, count: vocabulary.count)
        var bits: [UInt64] = []
        for token in postings.indices where postings[token].count > Self.commonWordLimit {
            bitsIndex[token] = Int32(bits.count / (2 * words))
            var title = [UInt64](repeating: 0, count: words), context = title
            for document in postings[token] { title[Int(document) >> 6] |= 1 << UInt64(document & 63) }
            for document in contextLists[token] { context[Int(document) >> 6] |= 1 << UInt64(document & 63) }
            bits += title
            bits += context
        }
        commonBitsIndex = bitsIndex
        commonBits = bits
        documentWords = words
        self.roleSOC = roleSOC
        unknownWeight = (idf.max() ?? 1) * 0.5
        self.socCodes = socCodes
        self.socTitles = socTitles
        self.roles = roles
        (socRoles, socRoleBounds) = flatten(rolesBySOC)
        self.deletions = deletions
        councilWords = Set(Self.councilContexts.flatMap { TitleNormaliser.words($0) }
            .compactMap { vocabulary[Self.fold($0.text)] })
    }

    /// Whether an index entry may put a council's title in its unit: not one qualified for
    /// another industry (a "Superintendent" of HM Revenue and Customs), which an ONS coder given
    /// the industry "local government" does not code to, even when the title shares a word of
    /// the qualifier ("Senior Revenue Officer"); nor one whose additional qualifier the title
    /// does not carry ("qualified"), unless it does ("Management Accountant (CIMA)").
    func appliesHere(document: Int32, query: [(Int32, Float)]) -> Bool {
        let header = headers[Int(document)]
        guard header.qualifiedElsewhere else { return true }
        let context = tokenStore[Int(header.middle)..<Int(header.end)]
        var matched = 0, outsideCouncil = 0
        for (token, _) in query where context.contains(token) {
            matched += 1
            if !councilWords.contains(token) { outsideCouncil += 1 }
        }
        return Self.meetsQualifier(matched: matched, outsideCouncil: outsideCouncil, of: header)
    }

    /// Whether a title that holds `matched` of the words of a document's qualifier (context
    /// words), `outsideCouncil` of them not council words, meets it. Any one word meets a
    /// council's or an additional qualifier; another industry's needs at least half of its
    /// words, council words not counted ("Instructor (Flying School)" meets "flying school";
    /// "Senior Revenue Officer" does not meet "HM Revenue and Customs" by its one shared word,
    /// nor "Revenue Officer (Local Government)" central government's "government").
    @inline(__always)
    static func meetsQualifier(matched: Int, outsideCouncil: Int, of header: DocumentHeader) -> Bool {
        guard matched > 0 else { return false }
        return !header.otherIndustry || (outsideCouncil > 0 && 2 * outsideCouncil >= Int(header.end - header.middle))
    }

    /// How much a role's evidence counts when it is a generic title ("Deputy Manager", the index's
    /// "Team manager") and the query names a job or service ("Deputy Revenues Manager"): 1 when
    /// the role's own titles or profile name one of the query's words (a "Disability Team Manager"
    /// for the adults' team manager, whose profile names disabilities), else
    /// ``genericForSpecificWeight``. A generic example title stands for its role's own service.
    /// `specific` holds the query's words that name a job or service.
    @inline(__always)
    func genericWeight(role: Int32, document: Int32, specific: [Int32]) -> Float {
        guard !specific.isEmpty, genericDocuments[Int(document) >> 6] & (1 << UInt64(document & 63)) != 0 else { return 1 }
        for token in specific where Session.sortedContains(roleServiceTokens[Int(role)], token) { return 1 }
        return Self.genericForSpecificWeight
    }

    /// The documents that are open head titles (``TitleCoder/openHeadTitle``), in document order.
    let openHeadDocuments: [Int32]

    /// A title of a rank below a head of service (``serviceLadders``), read for the head: the
    /// document, the head's role, and the mass of the title's words that name a job or service.
    struct LadderDocument {
        var document: Int32
        var head: Int32
        var serviceMass: Float
    }
    /// The titles of the ranks below each head of service, in document order.
    let ladderDocuments: [LadderDocument]
    /// The token of "head", or -1.
    let headToken: Int32
    /// The tokens of the words that name only a side of social care (``TitleCoder/sideWords``).
    let sideTokens: [Int32]

    /// The words before a rank that make a job of its own (``jobsOfTheirOwn(_:)``).
    let jobsOfTheirOwn: StringTable<Bool>

    /// The token ids of the words of council qualifiers ("local", "government", "council",
    /// "school" ...): a title's council words do not meet another industry's qualifier
    /// ("Revenue officer (government)" is central government's, not "local government").
    let councilWords: Set<Int32>

    /// The title of a SOC2000 unit group the coder knows, else "".
    func socTitle(_ code: String) -> String {
        socCodes.firstIndex(of: code).map { socTitles[$0] } ?? ""
    }

    /// The number of titles the coder knows (role titles, examples and index entries).
    public var documentCount: Int { documents.count }

    /// Ranked suggestions for `title`, best first; empty when nothing in it is recognised.
    public func code(_ title: String, limit: Int = 5) -> [TitleMatch] {
        var session = Session(coder: self)
        return session.code(title, limit: limit)
    }

    /// Reusable scratch space for coding many titles on one thread without allocating.
    ///
    /// Scoring works on word masks: walking the postings of the query's rarer words marks, for
    /// each candidate document, which query words its title and its context hold; the common
    /// words are looked up in their document bitsets. No document's own word list is read.
    public struct Session {
        let coder: TitleCoder
        /// Per document, the query words (bit = position in the query) its title holds; non-zero
        /// exactly for this query's candidates.
        var titleMask: [UInt32]
        /// Per document, the query words its optional (context) words hold.
        var contextMask: [UInt32]
        /// The candidates in the order they were found: the first ``touchedCount`` entries.
        /// Sized to the document count (a document is found at most once per query), so that a
        /// candidate is written by index rather than appended (an append checks the array is
        /// not shared, about a thousand times a title).
        var touched: [Int32]
        /// The documents whose context words hold a query word, as ``touched``.
        var contextTouched: [Int32]
        var socBest: [Float]
        var socBestDocument: [Int32]
        var roleBest: [Float]
        var roleBestDocument: [Int32]
        /// The units and roles scored for this query, in the order first scored: the first
        /// ``touchedSOCCount`` and ``touchedRoleCount`` entries (sized to the unit and role
        /// counts, as ``touched`` is to the documents).
        var touchedSOCs: [Int32]
        var touchedRoles: [Int32]
        var touchedSOCCount = 0
        var touchedRoleCount = 0
        /// Scratch lists of each query, kept so that a title allocates none of them afresh:
        /// each known word's mass, the positions of the words walked, and the common words
        /// looked up in their bitsets (position, offset of the bitsets in `commonBits`).
        var tokenMass: [Float] = []
        var walked: [Int] = []
        var unwalked: [(position: Int, bits: Int)] = []
        /// For a query of at most ``maskMassWords`` known words: at each word mask, the masses of
        /// the words in it added in query order (as scoring adds them), so that a candidate's
        /// shared mass is one look-up instead of a loop over its words.
        var maskMass: [Float] = []
        static let maskMassWords = 10
        /// The answers to the titles this session has met, by title: an HR extract repeats a
        /// few hundred titles over thousands of posts. Bounded: when it is full it becomes
        /// ``olderAnswers`` and a new one begins, so that the session always keeps the last
        /// ``answerCapacity`` titles' answers or more, and a large extract meets no cliff.
        var answers: [String: RememberedAnswer] = [:]
        /// The generation of answers before ``answers``: still looked in, let go at the next turn.
        var olderAnswers: [String: RememberedAnswer] = [:]
        /// How many answers a generation keeps (an answer is a few hundred bytes).
        static let answerCapacity = 8192
        /// The positions of this query's council words (``TitleCoder/councilWords``), as a word mask.
        var councilWordMask: UInt32 = 0
        /// The positions of this query's words that name a job or service (not a rank word or a
        /// job noun), as a word mask, when the query heads a service; else 0. An open head's title
        /// (``TitleCoder/openHeadTitle``) meets them part-way.
        var serviceWordMask: UInt32 = 0
        /// The query's words that name a job or service, worked out once per title by `rank`.
        var specificTokens: [Int32] = []
        /// A known title left out of scoring (its index in the coder's documents), or -1: for
        /// leave-one-out evaluation, coding each known title as if the coder had never seen it.
        var excluded: Int32 = -1

        struct Candidate {
            var score: Float
            var role: Int32
            var soc: Int32
            var document: Int32
            /// How much of the query the role's profile words hold (see ``TitleCoder/roleProfileTokens``),
            /// for a role that no title of its own supports, where equal scores are common; 0 for
            /// the others. Nil until a tie needs it: most such roles never meet an equal score,
            /// and working it out for each was a fifth of a title's time.
            var profileOverlap: Float? = 0
        }

        /// Queries with more known words than this are scored from the documents' word lists.
        static let maskedWords = 32

        /// A session of `coder`.
        public init(coder: TitleCoder) {
            self.coder = coder
            titleMask = Array(repeating: 0, count: coder.documents.count)
            contextMask = Array(repeating: 0, count: coder.documents.count)
            touched = Array(repeating: -1, count: coder.documents.count)
            contextTouched = Array(repeating: -1, count: coder.documents.count)
            socBest = Array(repeating: 0, count: coder.socCodes.count)
            socBestDocument = Array(repeating: -1, count: coder.socCodes.count)
            roleBest = Array(repeating: 0, count: coder.roles.count)
            roleBestDocument = Array(repeating: -1, count: coder.roles.count)
            touchedSOCs = Array(repeating: -1, count: coder.socCodes.count)
            touchedRoles = Array(repeating: -1, count: coder.roles.count)
        }

        /// Ranked suggestions for `title`, best first.
        public mutating func code(_ title: String, limit: Int = 5) -> [TitleMatch] {
            let query = coder.queryTokens(title)
            guard !query.tokens.isEmpty, limit > 0 else { return [] }
            // Each known word's share of the title's meaning, in query order, as scoring adds them.
            tokenMass.removeAll(keepingCapacity: true)
            for (token, weight) in query.tokens { tokenMass.append(weight * coder.idf[Int(token)]) }
            // Candidates come from the query's rarer words; very common words are walked only
            // when nothing rarer is there to find them.
            walked.removeAll(keepingCapacity: true)
            for position in query.tokens.indices where coder.titleBounds[Int(query.tokens[position].0)].count <= TitleCoder.commonWordLimit {
                walked.append(position)
            }
            if walked.isEmpty { walked.append(contentsOf: query.tokens.indices) }
            councilWordMask = 0
            for (position, (token, _)) in query.tokens.enumerated() where position < 32 && coder.councilWords.contains(token) {
                councilWordMask |= 1 << UInt32(position)
            }
            serviceWordMask = 0
            if query.flags & TitleCoder.headRank != 0 {
                for (position, (token, weight)) in query.tokens.enumerated() where position < 32 && weight >= 1 && !coder.genericTokens[Int(token)] {
                    serviceWordMask |= 1 << UInt32(position)
                }
            }
            if query.tokens.count <= Self.maskedWords {
                scoreMasked(query)
            } else {
                scoreFromWordLists(query)
            }
            if serviceWordMask != 0 {
                scoreOpenHeadTitles(query)
                if query.flags & TitleCoder.belowHead != 0 || query.tokens.contains(where: { $0.0 == coder.headToken }) {
                    scoreServiceLadders(query)
                }
            }
            return rank(limit: limit, query: query.tokens)
        }

        /// Scores every candidate from the word masks.
        private mutating func scoreMasked(_ query: (tokens: [(Int32, Float)], mass: Float, flags: UInt32, noun: Int32)) {
            // The sum at a mask is the sum without its highest word plus that word's mass: the
            // words added in query order from 0, exactly the loop's sum below (the same additions
            // in the same order, so the same Float).
            let byTable = query.tokens.count <= Self.maskMassWords
            maskMass.removeAll(keepingCapacity: true)
            if byTable {
                maskMass.append(0)
                for mask in 1..<(1 << query.tokens.count) {
                    let highest = Int.bitWidth - 1 - mask.leadingZeroBitCount
                    maskMass.append(maskMass[mask ^ (1 << highest)] + tokenMass[highest])
                }
            }
            // The common words not walked are looked up in their bitsets; a word is walked or
            // looked up (walked words are in query order, as `position` runs).
            unwalked.removeAll(keepingCapacity: true)
            var next = 0
            for position in query.tokens.indices {
                if next < walked.count && walked[next] == position { next += 1; continue }
                let index = coder.commonBitsIndex[Int(query.tokens[position].0)]
                // A word that is not walked is common, so it has bitsets.
                if index >= 0 { unwalked.append((position, Int(index) * 2 * coder.documentWords)) }
            }
            // Moved out for the loop (and back after), so that the loop may change `self`; the
            // best scores and candidate lists too, so that keeping one is a store through a
            // pointer rather than an array write that checks the array is not shared (thousands
            // per title).
            var titleMaskStorage = self.titleMask, contextMaskStorage = self.contextMask
            var touchedStorage = self.touched, contextTouchedStorage = self.contextTouched
            var socBestStorage = self.socBest, socBestDocumentStorage = self.socBestDocument
            var roleBestStorage = self.roleBest, roleBestDocumentStorage = self.roleBestDocument
            var touchedSOCsStorage = self.touchedSOCs, touchedRolesStorage = self.touchedRoles
            self.titleMask = []
            self.contextMask = []
            self.touched = []
            self.contextTouched = []
            self.socBest = []
            self.socBestDocument = []
            self.roleBest = []
            self.roleBestDocument = []
            self.touchedSOCs = []
            self.touchedRoles = []
            defer {
                self.titleMask = titleMaskStorage
                self.contextMask = contextMaskStorage
                self.touched = touchedStorage
                self.contextTouched = contextTouchedStorage
                self.socBest = socBestStorage
                self.socBestDocument = socBestDocumentStorage
                self.roleBest = roleBestStorage
                self.roleBestDocument = roleBestDocumentStorage
                self.touchedSOCs = touchedSOCsStorage
                self.touchedRoles = touchedRolesStorage
            }
            var socCount = touchedSOCCount, roleCount = touchedRoleCount
            withLentMutableBuffers(&titleMaskStorage, &contextMaskStorage, &touchedStorage, &contextTouchedStorage) { titleMask, contextMask, touched, contextTouched in
            withLentMutableBuffers(&socBestStorage, &socBestDocumentStorage, &touchedSOCsStorage) { socBest, socBestDocument, touchedSOCs in
            withLentMutableBuffers(&roleBestStorage, &roleBestDocumentStorage, &touchedRolesStorage) { roleBest, roleBestDocument, touchedRoles in
                var roleBest = roleBest, roleBestDocument = roleBestDocument, socBest = socBest, socBestDocument = socBestDocument
                var touchedRoles = touchedRoles, touchedSOCs = touchedSOCs
                @inline(__always) func keep(_ header: DocumentHeader, _ documentIndex: Int32, _ score: Float) {
                    Self.keep(header, documentIndex, score, roleBest: &roleBest, roleBestDocument: &roleBestDocument,
                              socBest: &socBest, socBestDocument: &socBestDocument,
                              roles: &touchedRoles, roleCount: &roleCount, socs: &touchedSOCs, socCount: &socCount)
                }
                // Each document enters `touched` once (when its mask is first set), so the
                // counts never pass the document count.
                var touchedCount = 0, contextTouchedCount = 0
                for position in walked {
                    let token = Int(query.tokens[position].0)
                    let bit = UInt32(1) << UInt32(position)
                    coder.titlePostings.withLentBuffer { postings in
                        // Int ranges rather than the stored Range<Int32>: no conversion per step.
                        let bounds = coder.titleBounds[token]
                        for index in Int(bounds.lowerBound)..<Int(bounds.upperBound) {
                            let document = Int(postings[index])
                            if titleMask[document] == 0 { touched[touchedCount] = Int32(document); touchedCount += 1 }
                            titleMask[document] |= bit
                        }
                    }
                    coder.contextPostings.withLentBuffer { postings in
                        let bounds = coder.contextBounds[token]
                        for index in Int(bounds.lowerBound)..<Int(bounds.upperBound) {
                            let document = Int(postings[index])
                            if contextMask[document] == 0 { contextTouched[contextTouchedCount] = Int32(document); contextTouchedCount += 1 }
                            contextMask[document] |= bit
                        }
                    }
                }
                coder.headers.withLentBuffer { headers in
                coder.commonBits.withLentBuffer { commonBits in
                tokenMass.withLentBuffer { tokenMass in
                unwalked.withLentBuffer { unwalked in
                maskMass.withLentBuffer { maskMass in
                coder.rankWeights.withLentBuffer { rankWeights in
                    let excluded = excluded, queryMass = query.mass, queryFlags = query.flags, queryNoun = query.noun
                    let notCouncilWords = ~councilWordMask
                    for candidate in 0..<touchedCount {
                        let documentIndex = touched[candidate]
                        if documentIndex == excluded { continue }
                        let document = Int(documentIndex)
                        var inTitle = titleMask[document], inContext = contextMask[document]
                        for (position, bits) in unwalked {
                            let word = document >> 6, bit: UInt64 = 1 << UInt64(document & 63)
                            if commonBits[bits + word] & bit != 0 {
                                inTitle |= 1 << UInt32(position)
                            } else if commonBits[bits + coder.documentWords + word] & bit != 0 {
                                inContext |= 1 << UInt32(position)
                            }
                        }
                        // The masses of the shared words (and of those only the context holds),
                        // added in query order.
                        var common: Float = 0, contextMass: Float = 0
                        if byTable {
                            common = maskMass[Int(inTitle | inContext)]
                            contextMass = maskMass[Int(inContext & ~inTitle)]
                        } else {
                            var matched = inTitle | inContext
                            while matched != 0 {
                                let position = matched.trailingZeroBitCount
                                let bit = UInt32(1) << UInt32(position)
                                matched &= ~bit
                                if inTitle & bit != 0 {
                                    common += tokenMass[position]
                                } else {
                                    let value = tokenMass[position]
                                    common += value
                                    contextMass += value
                                }
                            }
                        }
                        let header = headers[document]
                        // A candidate that cannot beat the best of its role (or unit) so far is not
                        // scored further: no weight of `score` lifts the shared share by more than
                        // `scoreBound`, and only a higher score is kept.
                        let best = header.role >= 0 ? roleBest[Int(header.role)] : socBest[Int(header.soc)]
                        let share = 2 * common / (queryMass + header.mass + contextMass)
                        if best > 0 && share * TitleCoder.scoreBound < best { continue }
                        let contextOnly = inContext & ~inTitle
                        // Most candidates hold no context word: no bits to count then.
                        let qualifierMatched = contextOnly != 0 && TitleCoder.meetsQualifier(
                            matched: contextOnly.nonzeroBitCount, outsideCouncil: (contextOnly & notCouncilWords).nonzeroBitCount, of: header)
                        keep(header, documentIndex, Self.score(share: share, qualifierMatched: qualifierMatched,
                                                               header, queryFlags, queryNoun, rankWeights: rankWeights))
                    }
                }
                }
                }
                }
                }
                }
                for candidate in 0..<touchedCount { titleMask[Int(touched[candidate])] = 0 }
                for candidate in 0..<contextTouchedCount { contextMask[Int(contextTouched[candidate])] = 0 }
            }
            }
            }
            touchedSOCCount = socCount
            touchedRoleCount = roleCount
        }

        /// Scores the open head titles (``TitleCoder/openHeadTitle``) again for a query that heads
        /// a service: each meets the service words the query names and it lacks at
        /// ``TitleCoder/openTitleShare`` of their weight, as if it held them at that share (they add
        /// to its mass as to what it shares). A title that shares no word with the query is not a
        /// candidate, as in scoring. A few dozen titles, so done here rather than in the loop over
        /// every candidate.
        private mutating func scoreOpenHeadTitles(_ query: (tokens: [(Int32, Float)], mass: Float, flags: UInt32, noun: Int32)) {
            for documentIndex in coder.openHeadDocuments where documentIndex != excluded {
                let header = coder.headers[Int(documentIndex)]
                var common: Float = 0, openMass: Float = 0
                coder.tokenStore.withLentBuffer { store in
                    for (position, (token, _)) in query.tokens.enumerated() {
                        if Self.contains(store, Int(header.start), Int(header.middle), token) {
                            common += tokenMass[position]
                        } else if position < 32 && serviceWordMask & (1 << UInt32(position)) != 0 {
                            openMass += TitleCoder.openTitleShare * tokenMass[position]
                        }
                    }
                }
                guard common > 0 else { continue }
                let score = coder.rankWeights.withLentBuffer {
                    Self.score(share: 2 * (common + openMass) / (query.mass + header.mass + openMass), qualifierMatched: false,
                               header, query.flags, query.noun, rankWeights: $0)
                }
                record(header, documentIndex, score)
            }
        }

        /// Scores the heads of service (``TitleCoder/serviceLadders``) for a query that heads a
        /// service as a head of service does (its head's word is "head", or a director's after
        /// "assistant" or "deputy": a "Director of Adult Services" is the statutory director, not
        /// a head of service), from the titles of the ranks below them: "Head of Fostering" meets "Service
        /// Manager Fostering" in the service it names. Only the service words count on either side
        /// (the ranks differ by design), the title is read as a head's (rank and noun), and the score is weighed
        /// by ``TitleCoder/ladderWeight``, below the head's own titles. A few dozen titles.
        private mutating func scoreServiceLadders(_ query: (tokens: [(Int32, Float)], mass: Float, flags: UInt32, noun: Int32)) {
            var queryServiceMass: Float = 0
            for position in query.tokens.indices where position < 32 && serviceWordMask & (1 << UInt32(position)) != 0 {
                queryServiceMass += tokenMass[position]
            }
            for ladder in coder.ladderDocuments where ladder.document != excluded {
                var header = coder.headers[Int(ladder.document)]
                var common: Float = 0, namesAService = false
                coder.tokenStore.withLentBuffer { store in
                    for (position, (token, _)) in query.tokens.enumerated() where position < 32 && serviceWordMask & (1 << UInt32(position)) != 0 {
                        if Self.contains(store, Int(header.start), Int(header.middle), token) {
                            common += tokenMass[position]
                            if !coder.sideTokens.contains(token) { namesAService = true }
                        }
                    }
                }
                // Sharing only "children's" or "adults'" says nothing the head's own titles do not.
                guard namesAService else { continue }
                // Read as the head's title: the head's rank, and no job noun of its own to differ.
                header.role = ladder.head
                header.flags = header.flags & ~TitleCoder.rankMask | TitleCoder.headRank
                header.noun = -1
                let score = coder.rankWeights.withLentBuffer {
                    Self.score(share: 2 * common / (queryServiceMass + ladder.serviceMass), qualifierMatched: false,
                               header, query.flags, query.noun, rankWeights: $0)
                }
                record(header, ladder.document, TitleCoder.ladderWeight * score)
            }
        }

        /// Scores every candidate by searching its word lists (for very long queries).
        private mutating func scoreFromWordLists(_ query: (tokens: [(Int32, Float)], mass: Float, flags: UInt32, noun: Int32)) {
            var seen = Set<Int32>()
            var candidates: [Int32] = []
            for position in walked {
                let token = Int(query.tokens[position].0)
                for index in coder.titleBounds[token] where seen.insert(coder.titlePostings[Int(index)]).inserted {
                    candidates.append(coder.titlePostings[Int(index)])
                }
            }
            coder.tokenStore.withLentBuffer { store in
                for documentIndex in candidates where documentIndex != excluded {
                    let header = coder.headers[Int(documentIndex)]
                    let start = Int(header.start), middle = Int(header.middle), end = Int(header.end)
                    var common: Float = 0, contextMass: Float = 0
                    var contextMatches = 0, outsideCouncil = 0
                    for (position, (token, _)) in query.tokens.enumerated() {
                        if Self.contains(store, start, middle, token) {
                            common += tokenMass[position]
                        } else if middle < end && Self.contains(store, middle, end, token) {
                            let value = tokenMass[position]
                            common += value
                            contextMass += value
                            contextMatches += 1
                            if !coder.councilWords.contains(token) { outsideCouncil += 1 }
                        }
                    }
                    let qualifierMatched = TitleCoder.meetsQualifier(matched: contextMatches, outsideCouncil: outsideCouncil, of: header)
                    let score = coder.rankWeights.withLentBuffer {
                        Self.score(share: 2 * common / (query.mass + header.mass + contextMass), qualifierMatched: qualifierMatched,
                                   header, query.flags, query.noun, rankWeights: $0)
                    }
                    record(header, documentIndex, score)
                }
            }
        }

        /// A document's score: `share`, the share of meaning it has in common with the query
        /// (`2 * common / (query mass + document mass + context mass)`), weighed by what the
        /// document is and the signals the two carry.
        @inline(__always)
        static func score(share: Float, qualifierMatched: Bool, _ header: DocumentHeader,
                          _ queryFlags: UInt32, _ queryNoun: Int32, rankWeights: LentBuffer<Float>) -> Float {
            var score = share
            if header.qualifiedElsewhere && !qualifierMatched { score *= TitleCoder.unmetQualifierWeight }
            if header.councilEntry { score *= TitleCoder.councilEntryWeight }
            if header.flags | queryFlags != 0 { score *= TitleCoder.flagWeight(document: header.flags, query: queryFlags, rankWeights: rankWeights) }
            if queryNoun >= 0 && header.noun >= 0 && header.noun != queryNoun { score *= TitleCoder.otherNounWeight }
            if header.role < 0 { score *= TitleCoder.indexWeight }
            return score
        }

        /// Keeps the best document of each role and of each SOC unit (the first of equals).
        @inline(__always)
        private mutating func record(_ header: DocumentHeader, _ documentIndex: Int32, _ score: Float) {
            Self.keep(header, documentIndex, score, roleBest: &roleBest, roleBestDocument: &roleBestDocument,
                      socBest: &socBest, socBestDocument: &socBestDocument,
                      roles: &touchedRoles, roleCount: &touchedRoleCount, socs: &touchedSOCs, socCount: &touchedSOCCount)
        }

        /// ``record(_:_:_:)`` on tables given as arrays or, in the scoring loop, as lent buffers;
        /// a role or unit scored for the first time is added to `roles` or `socs` (at
        /// `roleCount` or `socCount`). Every score is above 0 (a candidate shares a word of
        /// positive mass, and every weight is positive), so a role or unit is added once and
        /// the lists, sized to the role and unit counts, cannot overflow; the checks say so.
        @inline(__always)
        private static func keep<Scores: MutableCollection, Documents: MutableCollection>(
            _ header: DocumentHeader, _ documentIndex: Int32, _ score: Float,
            roleBest: inout Scores, roleBestDocument: inout Documents, socBest: inout Scores, socBestDocument: inout Documents,
            roles: inout Documents, roleCount: inout Int, socs: inout Documents, socCount: inout Int
        ) where Scores.Element == Float, Scores.Index == Int, Documents.Element == Int32, Documents.Index == Int {
            if header.role >= 0 {
                let role = Int(header.role)
                if roleBest[role] == 0 {
                    precondition(roleCount < roles.count, "a role scored twice from nothing")
                    roles[roleCount] = header.role
                    roleCount += 1
                }
                if score > roleBest[role] { roleBest[role] = score; roleBestDocument[role] = documentIndex }
            } else {
                let soc = Int(header.soc)
                if socBest[soc] == 0 {
                    precondition(socCount < socs.count, "a unit scored twice from nothing")
                    socs[socCount] = header.soc
                    socCount += 1
                }
                if score > socBest[soc] { socBest[soc] = score; socBestDocument[soc] = documentIndex }
            }
        }

        /// The best `limit` suggestions from the roles and units scored, best first.
        private mutating func rank(limit: Int, query: [(Int32, Float)]) -> [TitleMatch] {
            // Every suggestion has its own (role, SOC), so the order is total and the best
            // `limit` can be picked as the suggestions are made, without keeping or sorting
            // them all.
            var best: [Candidate] = []
            best.reserveCapacity(min(limit, 32))
            // The query's words that name a job or service (not a rank word or a job noun), for
            // ``TitleCoder/genericWeight(role:document:specific:)``; most titles have one or two.
            specificTokens.removeAll(keepingCapacity: true)
            for (token, weight) in query where weight >= 1 && !coder.genericTokens[Int(token)] { specificTokens.append(token) }
            for role in touchedRoles[0..<touchedRoleCount] {
                let soc = coder.roleSOC[Int(role)]
                let viaIndex = socBest[Int(soc)] > 0 ? TitleCoder.indexShare * socBest[Int(soc)] + (1 - TitleCoder.indexShare) * roleBest[Int(role)] : 0
                let score = max(roleBest[Int(role)], viaIndex)
                let document = roleBest[Int(role)] >= viaIndex ? roleBestDocument[Int(role)] : socBestDocument[Int(soc)]
                Self.offer(Candidate(score: score * coder.genericWeight(role: role, document: document, specific: specificTokens), role: role, soc: soc, document: document),
                           to: &best, limit: limit, query: query, coder: coder)
            }
            for soc in touchedSOCs[0..<touchedSOCCount] {
                let rolesHere = coder.socRoleBounds[Int(soc)]
                if rolesHere.isEmpty {
                    Self.offer(Candidate(score: TitleCoder.noRoleWeight * TitleCoder.indexShare * socBest[Int(soc)], role: -1, soc: soc, document: socBestDocument[Int(soc)]),
                          to: &best, limit: limit, query: query, coder: coder)
                }
                for index in rolesHere where roleBest[Int(coder.socRoles[Int(index)])] == 0 {
                    // Its profile overlap is worked out only if a tie needs it (see `ranksBefore`).
                    let role = coder.socRoles[Int(index)]
                    Self.offer(Candidate(score: TitleCoder.indexShare * socBest[Int(soc)] * coder.genericWeight(role: role, document: socBestDocument[Int(soc)], specific: specificTokens),
                                         role: role, soc: soc, document: socBestDocument[Int(soc)], profileOverlap: nil),
                          to: &best, limit: limit, query: query, coder: coder)
                }
            }
            // The unit the coding index itself gives the title, for the SOC2000 of the answer.
            var indexSOC: Int32 = -1
            for soc in touchedSOCs[0..<touchedSOCCount] where indexSOC < 0 || socBest[Int(soc)] > socBest[Int(indexSOC)] { indexSOC = soc }
            defer {
                // Cleared through lent buffers: an array write checks the array is not shared,
                // four per role or unit scored.
                let roles = touchedRoles, socs = touchedSOCs
                withLentMutableBuffers(&roleBest, &roleBestDocument) { roleBest, roleBestDocument in
                    for role in roles[0..<touchedRoleCount] { roleBest[Int(role)] = 0; roleBestDocument[Int(role)] = -1 }
                }
                withLentMutableBuffers(&socBest, &socBestDocument) { socBest, socBestDocument in
                    for soc in socs[0..<touchedSOCCount] { socBest[Int(soc)] = 0; socBestDocument[Int(soc)] = -1 }
                }
                touchedRoleCount = 0
                touchedSOCCount = 0
            }
            return best.map { result in
                let document = coder.documents[Int(result.document)]
                // A role has one SOC2000 unit, but a title can sit in another one (a secondary
                // head teacher is 2314, the head teacher role 2315): when the coding index puts
                // the title clearly in another unit, the answer says so.
                var soc = result.soc
                if result.document == best[0].document && result.role == best[0].role, result.role >= 0, indexSOC >= 0, indexSOC != soc,
                   socBest[Int(indexSOC)] >= TitleCoder.indexSOCShare * result.score,
                   socBest[Int(indexSOC)] > socBest[Int(soc)] + TitleCoder.indexSOCMargin,
                   coder.appliesHere(document: socBestDocument[Int(indexSOC)], query: query) {
                    soc = indexSOC
                }
                return TitleMatch(role: result.role >= 0 ? coder.roles[Int(result.role)] : nil,
                                  soc2000: coder.socCodes[Int(soc)], socTitle: coder.socTitles[Int(soc)],
                                  score: Double(min(1, max(0, result.score))), matchedTitle: document.title,
                                  evidence: document.role >= 0 ? .roleTitle : .codingIndex)
            }
        }

        /// Puts `candidate` among the best `limit` so far, `best`, kept in ranking order. (Static,
        /// as are the functions it calls: a method called from the mutating `rank` copied the
        /// whole session, with its arrays, at each call.)
        @inline(__always)
        private static func offer(_ candidate: Candidate, to best: inout [Candidate], limit: Int, query: [(Int32, Float)], coder: TitleCoder) {
            var candidate = candidate
            // Most candidates differ in score from the ones they meet: the scores alone tell,
            // and only a tie needs the profile overlaps (which are then kept in `best`).
            func before(_ position: Int) -> Bool {
                let other = best[position].score
                if candidate.score != other { return candidate.score > other }
                return ranksBefore(&candidate, &best[position], query: query, coder: coder)
            }
            if best.count == limit {
                guard before(limit - 1) else { return }
                best.removeLast()
            }
            var position = best.count
            while position > 0 && before(position - 1) { position -= 1 }
            best.insert(candidate, at: position)
        }

        /// Whether `a` ranks before `b`; works out the profile overlap of either when their
        /// scores tie and it is not known yet.
        static func ranksBefore(_ a: inout Candidate, _ b: inout Candidate, query: [(Int32, Float)], coder: TitleCoder) -> Bool {
            if a.score != b.score { return a.score > b.score }
            // Roles that only their unit's index entry supports tie: the one whose profile
            // shares more of the title's words comes first, then the lower role code.
            let aOverlap = a.profileOverlap ?? profileOverlap(Int(a.role), query, coder: coder)
            let bOverlap = b.profileOverlap ?? profileOverlap(Int(b.role), query, coder: coder)
            a.profileOverlap = aOverlap
            b.profileOverlap = bOverlap
            if aOverlap != bOverlap { return aOverlap > bOverlap }
            if a.role != b.role { return a.role >= 0 && (b.role < 0 || a.role < b.role) }
            return a.soc < b.soc
        }

        /// How much of the query `role`'s profile words hold: the idf-weighted query words found
        /// in ``TitleCoder/roleProfileTokens``, added in query order.
        static func profileOverlap(_ role: Int, _ query: [(Int32, Float)], coder: TitleCoder) -> Float {
            var overlap: Float = 0
            let profile = coder.roleProfileTokens[role]
            // The profile's tokens are sorted: a binary search rather than a walk through them.
            for (token, weight) in query where sortedContains(profile, token) { overlap += weight * coder.idf[Int(token)] }
            return overlap
        }

        /// Whether the sorted `list` holds `value`.
        static func sortedContains(_ list: [Int32], _ value: Int32) -> Bool {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) >> 1
                if list[mid] == value { return true }
                if list[mid] < value { low = mid + 1 } else { high = mid }
            }
            return false
        }

        /// Whether the sorted run `store[start..<end]` holds `value`.
        static func contains(_ store: LentBuffer<Int32>, _ start: Int, _ end: Int, _ value: Int32) -> Bool {
            var low = start, high = end
            while low < high {
                let mid = (low + high) >> 1
                let item = store[mid]
                if item == value { return true }
                if item < value { low = mid + 1 } else { high = mid }
            }
            return false
        }
    }

    /// The query's known token ids with weights, and its total mass (unknown words count,
    /// so a title that is mostly unrecognised scores low).
    func queryTokens(_ title: String) -> (tokens: [(Int32, Float)], mass: Float, flags: UInt32, noun: Int32) {
        var tokens: [(Int32, Float)] = []
        var mass: Float = 0
        let words = Self.titleWords(title)
        let nounPosition = words.lastIndex(where: \.first)
        var noun: Int32 = -1
        // The words' rank and specialism bits (``flags(of:)``), read here to fold each word once.
        var flags: UInt32 = 0
        let rankStart = Self.rankOfServiceJob(words, nounPosition: nounPosition, jobsOfTheirOwn: jobsOfTheirOwn)
        let namesAServiceRank = rankStart != nil
        for (position, var word) in words.enumerated() {
            let text = Self.fold(word.text)
            flags |= Self.flags(of: word, folded: text)
            if Self.modifiers.contains(word.text) || rankStart.map({ position >= $0 }) ?? false && position <= nounPosition! {
                word.weight *= Self.modifierWeight
            }
            guard let id = vocabularyTable[text] ?? (Self.isKnownWord(word.text, folded: text) ? nil : correction(for: text)) else {
                mass += unknownWeight * word.weight
                continue
            }
            if position == nounPosition && !namesAServiceRank { noun = Self.nounSynonyms[text].flatMap { vocabularyTable[$0] } ?? id }
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
        if flags & Self.headRank != 0 && flags & Self.secondRank != 0 && Self.namesTheRankBelowAHead(words) { flags |= Self.belowHead }
        return (tokens, mass, flags | Self.rawFlags(title), noun)
    }

    /// The common English words of ``englishWordList``, read at first use.
    static let englishWords: Set<String> = Set(englishWordList.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") })
        .map { String(decoding: $0, as: UTF8.self) })  // Split by byte: by Character took most of the coder's first use.

    /// Whether a title word the index does not hold is nevertheless a real word, spelt right: a
    /// common English word, or one the coder's signal lists read. Such a word is not a typo, and
    /// correcting it would put another word in its place ("Fairer Charging" read as "farmer";
    /// "South Area" as "youth"). Words HR systems commonly misspell into other English words
    /// ("manger", "principle") are put right by ``TitleNormaliser/abbreviations`` instead.
    static func isKnownWord(_ word: String, folded: String) -> Bool {
        rankBits[folded] != nil || specialismBits[folded] != nil || schoolWords.contains(word)
            || englishWords.contains(word) || englishWords.contains(folded)
    }

    /// The most frequent known word within one edit of `word`, for words of five letters or more.
    func correction(for word: String) -> Int32? {
        // No job word is longer than about twenty letters; a hostile megabyte "word" would
        // otherwise make a million variants of a million bytes each.
        guard word.utf8.count >= 5, word.utf8.count <= Self.longestCorrectableWord else { return nil }
        var best: Int32?
        var bestFrequency: Int32 = 0
        // The most frequent candidate wins; among equally frequent ones the lowest word id, so
        // that the choice does not depend on the order a hash table happens to list them in
        // (which changes from process to process).
        func consider(_ candidates: [Int32]?) {
            for candidate in candidates ?? [] {
                let frequency = documentFrequency[Int(candidate)]
                if frequency > bestFrequency || (frequency == bestFrequency && best.map { candidate < $0 } == true) {
                    best = candidate
                    bestFrequency = frequency
                }
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
        // The normaliser's words are ASCII: their bytes are their characters, and reading bytes
        // skips the grapheme breaking (a twelfth of the index's build, over its 9,000 words).
        let bytes = Array(word.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return bytes.indices.map { index in
                var copy = bytes
                copy.remove(at: index)
                return String(decoding: copy, as: UTF8.self)
            }
        }
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
        // A word of ASCII letters (every word the normaliser makes is one) is read by its
        // bytes: the same tests as below, where a letter is a byte, without counting characters.
        switch LentBytes.withUTF8(of: word, asciiPlural) {
        case .notPlural: return word
        case .ies: return String(word.dropLast(3)) + "y"
        case .s: return String(word.dropLast())
        case .notASCII: break
        }
        guard word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }

    /// What ``fold(_:)`` does to a word, read from its bytes when they are ASCII.
    enum ASCIIPlural { case notPlural, ies, s, notASCII }

    /// ``fold(_:)``'s tests on an ASCII word, where a letter is a byte: more than four letters,
    /// ending in "s" but not "ss", "us" or "is"; "ies" or a plain "s".
    static func asciiPlural(_ bytes: LentBytes) -> ASCIIPlural {
        // No more characters than bytes: a word of four bytes or fewer is too short either way.
        guard bytes.count > 4 else { return .notPlural }
        if bytes.contains(where: { $0 >= 0x80 }) { return .notASCII }
        let last = bytes.count - 1, s = UInt8(ascii: "s")
        guard bytes[last] == s else { return .notPlural }
        let previous = bytes[last - 1]
        guard previous != s, previous != UInt8(ascii: "u"), previous != UInt8(ascii: "i") else { return .notPlural }
        return previous == UInt8(ascii: "e") && bytes[last - 2] == UInt8(ascii: "i") ? .ies : .s
    }

    static let irregularPlurals = StringTable<String>(["children": "child", "childrens": "child", "people": "person", "peoples": "person",
                                   "women": "woman", "men": "man", "staff": "staff",
                                   // One word for the admin family: HR systems write "Admin Assistant",
                                   // "Administrative Assistant" and "Administration Assistant" for one job.
                                   "administrative": "administrator", "administration": "administrator",
                                   // Two spellings of one children's service: "Permanency" and "Permanence" teams.
                                   "permanency": "permanence"])

    /// The rank that closes a title's first part after a service ("team leader" of "Revenues
    /// Team Leader", "supervisor" of "Revenues Supervisor"): the position of its first word, or
    /// nil. Such a title is a rank of the service's own job, as an ONS coder reads it ("Benefit
    /// team leader" is coded with benefits officers): the rank then weighs as a rank word, and the
    /// title has no job noun of its own, so that it is not read as a care team leader or a care
    /// supervisor for sharing the rank's words. Not when the word before the rank is itself a rank
    /// word, nor when the role set's own titles name "<that word> <rank>" as a job of its own
    /// (`jobsOfTheirOwn`: "Care Team Leader", "Cover Supervisor", "Midday Supervisor").
    static func rankOfServiceJob(_ words: [TitleNormaliser.Word], nounPosition: Int?, jobsOfTheirOwn: StringTable<Bool>) -> Int? {
        guard let (start, service) = serviceBeforeRank(words, nounPosition: nounPosition) else { return nil }
        return jobsOfTheirOwn.contains(service) ? nil : start
    }

    /// The rank's first position and the word before it, when a title's first part ends in
    /// "team leader" or "supervisor" after a word that is not a rank word.
    static func serviceBeforeRank(_ words: [TitleNormaliser.Word], nounPosition: Int?) -> (Int, String)? {
        guard let noun = nounPosition else { return nil }
        let start: Int
        if words[noun].text == "leader", noun >= 1, words[noun - 1].text == "team" {
            start = noun - 1
        } else if words[noun].text == "supervisor" {
            start = noun
        } else {
            return nil
        }
        guard start >= 1, words[start - 1].first, !modifiers.contains(words[start - 1].text) else { return nil }
        return (start, words[start - 1].text)
    }

    /// The words the role set's own titles (`titles`, normalised) put before a rank as a job of
    /// its own ("care" of "Care Team Leader", "cover" of "Cover Supervisor"): see ``rankOfServiceJob(_:nounPosition:jobsOfTheirOwn:)``.
    static func jobsOfTheirOwn(_ titles: [[TitleNormaliser.Word]]) -> StringTable<Bool> {
        var words: Set<String> = []
        for parts in titles {
            if let (_, service) = serviceBeforeRank(parts, nounPosition: parts.lastIndex(where: \.first)) { words.insert(service) }
        }
        return StringTable(words.map { ($0, true) })
    }

    /// Rank and grade words: they qualify a job rather than name one, so on their own they
    /// must not pull a title towards an index entry that is only that word ("Principal").
    /// "Director" is one: a director of a service is told by the service it names ("Director of
    /// Finance" is the finance manager role, as "Head of Finance" is), and its rank is read
    /// as a head's (``rankBits``). "Head" is not: "Head Teacher" and "Head of Year" are jobs.
    static let modifierWeight: Float = 0.4
    static let modifiers: StringTable<Bool> = ["senior", "principal", "lead", "trainee", "apprentice", "junior", "deputy", "qualified", "newly",
                                         "experienced", "specialist", "main", "second", "first", "chief", "director"]
}
