/// Turns a job title as council HR systems hold it into the words that carry its meaning.
///
/// "Snr Social Worker - Children in Care Team (0.5 FTE)" becomes the head words
/// `senior social worker` and the tail words `children care team`: abbreviations expanded,
/// grades, pay points, hours and contract noise dropped, team and service suffixes kept apart
/// (they help to choose between roles, but must not outweigh the job itself).
public enum TitleNormaliser {
    /// A word of a normalised title and how much it counts.
    public struct Word: Sendable, Equatable {
        /// The word.
        public var text: String
        /// 1 for the job itself, less for a team or service suffix.
        public var weight: Float
        /// Whether the word is in the title's first part, before "of", "for", "in", a slash, a
        /// dash or a bracket: the last such word is the job noun ("Teacher of Music" -> teacher,
        /// "Cleaner/Caretaker" -> cleaner).
        public var first: Bool = true

        /// A word with its weight, in the title's first part unless `first` is false.
        public init(text: String, weight: Float, first: Bool = true) {
            self.text = text
            self.weight = weight
            self.first = first
        }
    }

    /// The job noun of normalised words: the last word of the title's first part.
    public static func headNoun(_ words: [Word]) -> String? {
        words.last(where: \.first)?.text
    }

    /// Weight of words after " - ", in brackets or after a comma.
    static let suffixWeight: Float = 0.5

    /// Words that qualify a job without naming one, which can stand before a dash with the job
    /// after it ("Apprentice - Business Administrator", "Trainee - Accountant").
    static let leadingQualifiers: Set<String> = ["apprentice", "apprenticeship", "trainee", "graduate"]

    /// Weight of the words after a slash outside brackets: a second-named job.
    static let slashWeight: Float = 0.7

    /// Whether a word reads as a job (a person noun: cleaner, supervisor, therapist, assistant,
    /// technician, head), so that a slash after it begins a second job.
    static func namesAJob(_ written: String) -> Bool {
        // An abbreviation reads as its expansion's last word ("asst" -> assistant).
        let word = abbreviations[written].map { String($0.split(separator: " ").last ?? "") } ?? written
        if jobWords.contains(word) { return true }
        return word.count > 3 && jobEndings.contains { word.hasSuffix($0) }
    }

    /// Job nouns with no person ending ("Cook/Cleaner"), and the endings of the others.
    static let jobWords: Set<String> = ["head", "chair", "clerk", "nurse", "warden", "cook", "chef"]
    static let jobEndings = ["er", "or", "ist", "ant", "ent", "ian", "eer"]

    /// The meaningful words of `title`, head words first.
    public static func words(_ title: String) -> [Word] {
        var words: [Word] = []
        var weight: Float = 1
        var depth = 0
        // The word being read, as ASCII bytes (every character a word keeps is one: a-z, 0-9 and
        // the point of a decimal): appending a byte costs a fraction of appending a scalar to a String.
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var previousWasSpace = true
        var firstPart = true
        func flush() {
            guard !current.isEmpty else { return }
            words.append(Word(text: String(decoding: current, as: UTF8.self), weight: depth > 0 ? suffixWeight : weight, first: firstPart && depth == 0))
            current.removeAll(keepingCapacity: true)
        }
        let scalars = Array(title.lowercased().unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "a"..."z", "0"..."9":
                current.append(UInt8(scalar.value))
                previousWasSpace = false
            case ".":
                // Keep decimals together ("0.5") so they are dropped as numbers, not split.
                if let last = current.last, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last),
                   index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
                    current.append(UInt8(ascii: "."))
                } else {
                    flush()
                }
            case "'", "’":
                break // "children's" -> "childrens"
            case "-", "\u{2013}", "\u{2014}":
                // "co-ordinator" joins; " - " and "- " separate a suffix, as an en or em dash
                // always does ("Support Worker – Extra Care", as adverts and word processors write it).
                let spaceBefore = previousWasSpace
                let spaceAfter = index + 1 >= scalars.count || scalars[index + 1] == " "
                if !spaceBefore && !spaceAfter && scalar == "-" && !joiningPrefixes.contains(current) {
                    // A hyphen between two words parts them as a space does ("Teacher-Maths",
                    // "Clerk-Typist", "Part-Time"): joined, they made one word nothing knows, and
                    // a title of it went uncoded. After a prefix it joins ("co-ordinator", "mid-day").
                    flush()
                } else if spaceBefore || spaceAfter || scalar != "-" {
                    flush()
                    // "Apprentice - Early Years Support Worker", "RQ1509954 (SJ) – Care Charging
                    // Officer": a lone qualifier, reference or bracket before the dash is no job
                    // of its own; the job follows it.
                    if !words.allSatisfy({ $0.weight < 1 || leadingQualifiers.contains($0.text) || isNoise($0.text) }) {
                        weight = suffixWeight
                        firstPart = false
                    }
                }
            case "(", "[", "{":
                flush()
                depth += 1
                if !words.isEmpty { firstPart = false }
            case ")", "]", "}":
                flush()
                depth = max(0, depth - 1)
            case ",", ":", ";", "|":
                // A colon between digits ("1:1") is no separator: what follows is the job.
                let betweenDigits = scalar == ":" && current.last.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } == true
                    && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])
                flush()
                if !words.isEmpty && !betweenDigits { weight = suffixWeight; firstPart = false }
            case "/", "\\":
                flush()
                if !words.isEmpty {
                    firstPart = false
                    // "Cleaner/Caretaker": the first-named job is the post's (as an ONS coder
                    // reads it); the second still counts, for less. Not "Domestic/Laundry
                    // Assistant", where the slash joins two words of one job.
                    if depth == 0, let last = words.last?.text, namesAJob(last) { weight = min(weight, slashWeight) }
                }
            case "&", "+":
                flush()
            case "@":
                // "Cleaner @ Town Hall": the place follows, as after "at".
                flush()
                words.append(Word(text: "at", weight: depth > 0 ? suffixWeight : weight, first: firstPart && depth == 0))
            default:
                // An ASCII scalar here is no letter (a-z are read above, and the title is
                // lowercased): the Unicode property, a call of its own, is asked of the others only.
                if scalar.value >= 0x80 && scalar.properties.isAlphabetic {
                    // Fold accents the simple way: é -> e.
                    let folded = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
                    if ("a"..."z").contains(folded) { current.append(UInt8(folded.value)) }
                    previousWasSpace = false
                } else {
                    flush()
                    previousWasSpace = scalar == " " || scalar == "\t"
                }
                index += 1
                continue
            }
            if scalar != " " { previousWasSpace = false }
            index += 1
        }
        flush()
        return headOfService(expandAndFilter(joinInitials(words)))
    }

    /// "Head of Parks" in a council is the head of the parks service: the word "service" is
    /// added, so that the title meets the heads of service rather than the bare index entry
    /// "Head" (a head teacher) or the service's officers. Not a school's "Head of Maths",
    /// "Head of Year" or "Head of Department", which name a subject, a year or a department.
    static func headOfService(_ words: [Word]) -> [Word] {
        // The first word after "Head of" tells: "Head of Contracts and School Organisation" heads
        // a council service, though "school" follows.
        guard words.count >= 2, words[0].text == "head", words[0].first, !words[1].first, !schoolHeadWords.contains(words[1].text),
              !words.dropFirst().contains(where: { $0.text == "service" || $0.text == "services" })
        else { return words }
        return words + [Word(text: "service", weight: 1, first: false)]
    }

    /// Words after "Head of" that make it a school's head of department, year or subject (or a
    /// head teacher: "Head of School").
    static let schoolHeadWords: Set<String> = [
        "year", "years", "house", "department", "dept", "faculty", "school", "stage", "phase", "sixth", "form", "subject",
        "curriculum", "mathematics", "maths", "english", "science", "sciences", "history", "geography", "art", "music",
        "drama", "physical", "pe", "languages", "mfl", "french", "spanish", "german", "computing", "ict", "technology",
        "design", "re", "religious", "humanities", "biology", "chemistry", "physics", "psychology", "sociology",
        "economics", "learning", "inclusion", "special", "pastoral", "behaviour", "nursery", "early", "foundation",
        "reception", "primary", "secondary", "infant", "junior", "teaching", "pupil", "pupils", "academy", "literacy",
        "numeracy", "dance", "media", "textiles", "food", "lower", "upper", "middle", "prep", "key",
    ]

    /// What a hyphen joins to the word after it ("co-ordinator", "re-ablement", "mid-day",
    /// "non-teaching", "pre-school"): prefixes, not words of their own. Held as bytes, as the
    /// word being read is.
    static let joiningPrefixes: Set<[UInt8]> = Set(["co", "re", "pre", "non", "sub", "mid", "de", "e", "x", "ex", "semi", "multi",
                                                    "tele", "anti", "self", "inter", "post", "counter"].map { Array($0.utf8) })
    /// Joins a run of single letters into one word: "T.A." and "T A" are "ta".
    private static func joinInitials(_ words: [Word]) -> [Word] {
        var out: [Word] = []
        out.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            var end = index
            while end < words.count, words[end].text.utf8.count == 1, words[end].text.utf8.first! >= 97 { end += 1 }
            if end - index >= 2 {
                out.append(Word(text: words[index..<end].map(\.text).joined(), weight: words[index].weight, first: words[index].first))
                index = end
            } else {
                out.append(words[index])
                index += 1
            }
        }
        return out
    }

    private static func expandAndFilter(_ words: [Word]) -> [Word] {
        var out: [Word] = []
        var index = 0
        var cut = false
        while index < words.count {
            let word = words[index]
            // A teachers' pay range, as "ups" and "msp" are: "Main Pay Range", "Upper Pay Scale",
            // "Leadership Pay Spine" (the words alone would pull towards a leader or a main role).
            if index + 2 < words.count, payRangeNames.contains(word.text), words[index + 1].text == "pay",
               payRangeWords.contains(words[index + 2].text) {
                index += 3
                continue
            }
            // Looked-after children, however written ("Looked After Children", "Children Looked
            // After", "Looked-After"; "LAC" and "CLA" below), read as "children in care" does: the
            // index has no "looked", and an unknown word would lower every score (issue 18).
            if word.text == "lookedafter" || (word.text == "looked" && index + 1 < words.count && words[index + 1].text == "after") {
                index += word.text == "looked" ? 2 : 1
                if index < words.count, words[index].text == "children" || words[index].text == "child" { index += 1 }
                for part in ["children", "care"] { out.append(Word(text: part, weight: word.weight, first: word.first && !cut)) }
                continue
            }
            // A council's "Chief Officer" is a director ("Chief Officer - Neighbourhoods",
            // "Assistant Chief Officer"), not an officer of the service it names.
            if word.text == "chief", index + 1 < words.count, words[index + 1].text == "officer" {
                index += 2
                out.append(Word(text: "director", weight: word.weight, first: word.first && !cut))
                continue
            }
            // Words written apart that are one word ("Mid Day Assistant", "Well-being Officer"
            // parted at its hyphen): joined, they meet the titles that write them as one.
            if index + 1 < words.count, compoundFirstWords.contains(word.text), let joined = compounds[word.text + " " + words[index + 1].text] {
                index += 2
                out.append(Word(text: joined, weight: word.weight, first: word.first && !cut))
                continue
            }
            // One-to-one support, however written ("1:1", "1-1", "One to One", "one-to-one"): one
            // word, where the numbers alone were dropped as noise and "1:1 Teaching Assistant"
            // read as a plain teaching assistant.
            if isOne(word.text), index + 1 < words.count {
                let next = words[index + 1].text
                let span = isOne(next) ? 2 : next == "to" && index + 2 < words.count && isOne(words[index + 2].text) ? 3 : 0
                if span > 0 {
                    index += span
                    out.append(Word(text: "onetoone", weight: word.weight, first: word.first && !cut))
                    continue
                }
            }
            // "in charge" of a job ("Officer in Charge", "Cleaner-in-Charge") says it leads the
            // place: one word after the job noun, so that a title written with hyphens and one
            // written with spaces meet the same entries.
            if word.text == "in", index + 1 < words.count, words[index + 1].text == "charge", !out.isEmpty {
                index += 2
                cut = true
                out.append(Word(text: "incharge", weight: words[index - 1].weight, first: false))
                continue
            }
            // Multi-word noise: "term time only", "part time", "fixed term", "job share".
            if index + 1 < words.count, noisePairFirstWords.contains(word.text), noisePairs.contains(word.text + " " + words[index + 1].text) {
                index += 2
                if index < words.count, words[index].text == "only" { index += 1 }
                continue
            }
            index += 1
            // Key stages name the school phase; otherwise they would be dropped as grade codes.
            if let phase = keyStages[word.text] { out.append(Word(text: phase, weight: word.weight, first: false)); continue }
            // "hr" is hours after a number ("22.5 hr"), human resources otherwise ("HR Officer").
            if word.text == "hr", !(index >= 2 && words[index - 2].text.utf8.first.map { $0 >= 48 && $0 <= 57 } == true) {
                out.append(Word(text: "human", weight: word.weight, first: word.first && !cut))
                out.append(Word(text: "resources", weight: word.weight, first: word.first && !cut))
                continue
            }
            // An abbreviation with its level run on ("TA3", "LSA2"): the abbreviation, without
            // the level (which alone reads as a grade code).
            if let letters = lettersBeforeALevel(word.text), letters.utf8.count >= 2, let expansion = abbreviations[letters] {
                for part in expansion.split(separator: " ") { out.append(Word(text: String(part), weight: word.weight, first: word.first && !cut)) }
                continue
            }
            if isNoise(word.text) { continue }
            if let expansion = abbreviations[word.text] {
                for part in expansion.split(separator: " ") { out.append(Word(text: String(part), weight: word.weight, first: word.first && !cut)) }
                continue
            }
            if stopWords.contains(word.text) {
                if !out.isEmpty && partWords.contains(word.text) { cut = true }
                continue
            }
            var kept = word
            kept.first = word.first && !cut
            out.append(kept)
        }
        return out
    }

    /// The letters of a word of letters then digits ("ta" of "ta3"); nil for any other word.
    static func lettersBeforeALevel(_ word: String) -> String? {
        // Read by bytes: every word the normaliser makes is ASCII letters and digits.
        let bytes = word.utf8
        guard let last = bytes.last, last >= UInt8(ascii: "0"), last <= UInt8(ascii: "9") else { return nil }
        let letters = bytes.prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        guard !letters.isEmpty, bytes.dropFirst(letters.count).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return String(decoding: letters, as: UTF8.self)
    }
    /// Grades, pay points, hours, FTE, numbers and contract words: never part of a job.
    static func isNoise(_ word: String) -> Bool {
        if noiseWords.contains(word) { return true }
        // Read in place: copying the bytes into an array cost an allocation a word.
        return LentBytes.withUTF8(of: word, isNumberOrGradeCode)
    }

    /// Whether a word's bytes are a number, a decimal, hours ("37hrs") or a grade code ("scp23").
    private static func isNumberOrGradeCode(_ bytes: LentBytes) -> Bool {
        guard let first = bytes.first else { return true }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        // Numbers, decimals and hours like 22.5, 37hrs, 0.5fte.
        if isDigit(first) { return true }
        // Most words hold no digit: one scan says so.
        guard let firstDigit = bytes.firstIndex(where: isDigit) else { return false }
        // Grade codes: g6, gr6, so2, po1, ups3, m1, b3, scp23, l12, ks2, yr6.
        if bytes.count <= 6, firstDigit <= 4,
           bytes[firstDigit...].allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "a") || $0 == UInt8(ascii: "b") }) {
            return true
        }
        // Vacancy and post references: "RQ1509954", "00061F5B1" (three digits or more).
        return bytes.count >= 5 && bytes[firstDigit...].reduce(0, { $0 + (isDigit($1) ? 1 : 0) }) >= 3
    }

    /// Whether a word is "one" as "one to one" support writes it ("1", "one").
    static func isOne(_ word: String) -> Bool { word == "1" || word == "one" }
    /// Pairs of words that are one word, as most titles write them ...
    static let compoundPairs = ["mid day": "midday", "well being": "wellbeing", "lunch time": "lunchtime",
                                "care taker": "caretaker", "pre school": "preschool"]
    /// ... as a table for the normaliser's look-ups.
    static let compounds = StringTable(compoundPairs.map { ($0.key, $0.value) })
    /// The first words of ``compounds``: most words begin no pair, and are passed over without
    /// making the pair's text.
    static let compoundFirstWords = StringTable(Set(compoundPairs.keys.map { String($0.prefix(while: { $0 != " " })) }).map { ($0, true) })
    static let noisePairs: Set<String> = [
        "term time", "part time", "full time", "fixed term", "job share", "zero hours", "maternity cover", "pay point",
        "spinal point", "spine point", "per week", "hours per", "x hours", "pay range", "pay scale", "pay spine",
    ]
    /// The first words of ``noisePairs``: most words begin no pair, and are passed over without
    /// making the pair's text.
    static let noisePairFirstWords = StringTable(Set(noisePairs.map { String($0.prefix(while: { $0 != " " })) }).map { ($0, true) })

    /// The teachers' pay ranges (STPCD: main, upper, leadership; "unqualified" names a kind of
    /// teacher, so it is not one of them), each followed by "pay range", "pay scale" or "pay spine".
    static let payRangeNames: StringTable<Bool> = ["main", "upper", "leadership"]
    static let payRangeWords: Set<String> = ["range", "scale", "spine"]

    static let noiseWords: StringTable<Bool> = [
        "fte", "hrs", "hr", "hours", "hour", "hpw", "pw", "tto", "tt", "ft", "pt", "temp", "temporary", "perm", "permanent",
        "fixed", "fixedterm", "grade", "gr", "scp", "sp", "band", "njc", "jnc", "spinal", "acting", "interim", "relief", "level",
        "bank", "casual", "sessional", "secondment", "seconded", "locum", "agency", "vacant", "vacancy", "post", "ftc",
        "contract", "x", "wte", "mat", "cover", "nqt", "ect", "hay", "ups", "msp", "tlr", "sen1", "sen2", "new", "p",
        // Teachers' pay ranges, as "ups" and "msp": main (MPR), upper (UPR), leadership (LPR, LPS).
        // "MPS" is not (yet) among them: two role profiles' example titles carry it ("Science
        // Teacher (MPS)"), and dropping it moved measured answers both ways (issue 18).
        "mpr", "upr", "lpr", "lps",
    ]

    static let keyStages = StringTable<String>(["ks1": "primary", "ks2": "primary", "ks3": "secondary", "ks4": "secondary", "ks5": "secondary"])

    /// Stop words that end a title's first part ("Head of Science", "Teacher in charge").
    static let partWords: StringTable<Bool> = ["of", "for", "in", "to", "with", "at"]

    static let stopWords: StringTable<Bool> = ["and", "of", "the", "for", "in", "to", "with", "a", "an", "at", "on", "by", "or"]

    /// Abbreviations seen in council HR systems, expanded to the index's words.
    static let abbreviations = StringTable<String>([
        // The statutory directors, as councils write them.
        "dcs": "director children services", "dass": "director adult social services", "dph": "director public health",
        "streetscene": "street scene", "snr": "senior", "sr": "senior", "senr": "senior", "jnr": "junior", "jr": "junior",
        "asst": "assistant", "assist": "assistant", "ass": "assistant", "astt": "assistant",
        "mgr": "manager", "mngr": "manager", "mgmt": "management", "dep": "deputy", "dpty": "deputy", "hd": "head", "hdt": "head teacher", "ht": "head teacher",
        "dht": "deputy head teacher", "aht": "assistant head teacher", "exec": "executive", "hod": "head department",
        "hoy": "head year", "ta": "teaching assistant", "tas": "teaching assistant", "hlta": "higher level teaching assistant",
        "lsa": "learning support assistant", "sna": "special needs assistant", "senco": "special educational needs coordinator",
        "sendco": "special educational needs coordinator", "sen": "special educational needs", "send": "special educational needs",
        "ot": "occupational therapist", "physio": "physiotherapist", "iro": "independent reviewing officer",
        "yot": "youth offending team", "yos": "youth offending service", "yjs": "youth justice service", "sw": "social worker", "asye": "social worker",
        "amhp": "approved mental health professional", "eho": "environmental health officer",
        "tso": "trading standards officer", "hr": "human resources", "admin": "administrator",
        "admn": "administrator", "coord": "coordinator", "co": "coordinator", "tech": "technician", "techn": "technician",
        "lab": "laboratory", "sci": "science", "maths": "mathematics", "supv": "supervisor", "supvr": "supervisor",
        "wkr": "worker", "res": "residential", "rcw": "residential care worker", "pa": "personal assistant",
        "eyfs": "early years", "ey": "early years", "bldg": "building", "maint": "maintenance", "ops": "operations",
        "dev": "development", "svc": "service", "svcs": "services", "serv": "service", "cust": "customer",
        "info": "information", "comm": "community", "env": "environmental", "envt": "environmental", "hsg": "housing",
        "rev": "revenues", "revs": "revenues", "bens": "benefits", "ben": "benefits", "fin": "finance", "acct": "accountant",
        "accts": "accounts", "plng": "planning", "drv": "driver", "dvr": "driver", "hgv": "hgv driver", "lgv": "lgv driver",
        "rep": "representative", "off": "officer", "offr": "officer", "dir": "director", "ceo": "chief executive",
        "cx": "chief executive", "msa": "midday supervisory assistant", "mds": "midday supervisor", "mts": "midday supervisor",
        "sec": "secretary", "recep": "receptionist", "cyp": "children young people", "lac": "children care", "cla": "children care", "cin": "children need", "cp": "child protection",
        "mash": "multi agency safeguarding hub children", "fsw": "family support worker", "sencos": "special educational needs coordinator",
        "qts": "qualified teacher", "pgce": "teacher", "rgn": "registered nurse", "rmn": "mental health nurse",
        "cpn": "community psychiatric nurse", "hv": "health visitor", "ssw": "senior social worker",
        "pco": "parking officer", "pcso": "police community support officer",
        "bso": "business support officer", "cso": "customer service officer", "csa": "customer service advisor",
        "bia": "best interests assessor", "dols": "deprivation liberty safeguards", "lado": "local authority designated officer",
        "asb": "anti social behaviour", "nndr": "business rates", "ctax": "council tax", "sgo": "special guardianship",
        "cwd": "children disabilities", "mh": "mental health", "ld": "learning disabilities", "pd": "physical disabilities",
        "headteacher": "head teacher", "headteachers": "head teacher", "edt": "emergency duty team", "psw": "principal social worker",
        "supt": "superintendent", "dept": "department", "depts": "department", "eng": "engineer", "engr": "engineer",
        "insp": "inspector", "prac": "practitioner", "pract": "practitioner", "spec": "specialist", "gen": "general",
        "facs": "facilities", "ed": "education", "educ": "education",
        "mgt": "management", "prog": "programme", "proj": "project", "coordr": "coordinator", "clk": "clerk",
        "uasc": "unaccompanied asylum seeking children", "rovi": "rehabilitation officer visual impairment", "advisor": "adviser", "advisors": "adviser", "ra": "reablement", "reab": "reablement", "dom": "domiciliary", "hca": "healthcare assistant",
        // Misspellings that are themselves English words, which the typo corrector leaves alone.
        "manger": "manager", "mangers": "manager", "principle": "principal",
    ])
}
