import Foundation

/// Synthetic post records with the mix of an English council and its schools: role mix, pay,
/// hours and contracts of each sector, starters and leavers, absences and qualifications,
/// and invalid and out-of-scope records at realistic rates. No real people: names are drawn
/// from short lists, identifiers are random and LA 999 is fictional.
///
/// Deterministic for a seed; generating record *n* needs no memory of earlier records, so a
/// national run of millions streams in constant memory.
package struct SyntheticWorkforce {
    /// The share of records with a deliberate error (bad date, unknown code, impossible age).
    package var errorRate = 0.01
    /// The share of vacancy records.
    package var vacancyRate = 0.02
    /// How many schools the council's school staff are spread over (at most 2,000: the
    /// establishment numbers are 2000-2999 for primary and 4000-4999 for secondary schools).
    package var schoolCount = 2_000 {
        didSet { schoolCount = min(2_000, max(1, schoolCount)) }
    }
    /// The share of records that are a second post of the previous record's person (only odd
    /// records can be: their even neighbour is never one, so record *n* stays independent of
    /// all but record *n* - 1).
    package var secondPostRate = 0.06
    package let referenceDate: SimpleDate
    private let registry: Registry
    private let seed: UInt64
    private let ethnicities: [String]
    private let nationalities: [String]
    private let subjects: [String]
    private let awards: [String]
    private let trainingCategories: [String]

    struct Sector {
        var name: String
        var weight: Double
        var roles: [(String, Double)]
    }

    static let sectors: [Sector] = [
        Sector(name: "teachers", weight: 22, roles: [("R206", 40), ("R205", 40), ("R204", 5), ("R203", 3), ("R202", 3), ("R207", 2), ("R208", 2),
                                                    ("R212", 2), ("R209", 5), ("R213", 1), ("R214", 1)]),
        Sector(name: "school support", weight: 23, roles: [("R401", 45), ("R402", 6), ("R403", 10), ("R404", 3), ("R303", 8), ("R304", 3),
                                                          ("R605", 10), ("R601", 5), ("R603", 4), ("R511", 2), ("R431", 2), ("R283", 2), ("R276", 1)]),
        Sector(name: "adult social care", weight: 25, roles: [("R418", 30), ("R419", 25), ("R420", 10), ("R423", 10), ("R113", 3), ("R242", 6),
                                                             ("R245", 3), ("R297", 4), ("R421", 3), ("R112", 2), ("R428", 2), ("R247", 2)]),
        Sector(name: "children's social care", weight: 6, roles: [("R237", 40), ("R238", 12), ("R111", 8), ("R240", 4), ("R239", 8),
                                                                 ("R236", 8), ("R416", 12), ("R415", 8)]),
        Sector(name: "central education", weight: 2, roles: [("R214", 25), ("R213", 10), ("R222", 40), ("R224", 15), ("R225", 10)]),
        Sector(name: "council", weight: 24, roles: [("R318", 8), ("R301", 10), ("R302", 8), ("R313", 4), ("R266", 3), ("R271", 3), ("R280", 4),
                                                   ("R250", 3), ("R258", 2), ("R293", 5), ("R316", 4), ("R317", 4), ("R607", 8), ("R513", 4),
                                                   ("R608", 4), ("R509", 4), ("R311", 4), ("R288", 1), ("R612", 1), ("R264", 1), ("R106", 1),
                                                   ("R118", 1), ("R434", 3), ("R611", 2)]),
    ]

    static let givenNames = ["Amelia", "Olivia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Ruby", "Chloe", "Priya", "Aisha", "Fatima",
                             "Zainab", "Hannah", "Joanne", "Karen", "Susan", "Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Mohammed",
                             "Arjun", "Daniel", "Thomas", "James", "Kwame", "Tomasz", "Piotr", "Liam", "Ryan", "David", "Mark"]
    static let familyNames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
                              "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Khan", "Begum", "Ahmed", "Nowak", "Kowalski",
                              "Okafor", "Mensah", "O'Brien", "Murphy", "Clarke", "Hughes", "Edwards"]

    package init(registry: Registry = .embedded, seed: UInt64, referenceDate: SimpleDate) {
        self.registry = registry
        self.seed = seed
        self.referenceDate = referenceDate
        func leaves(_ id: CodeSetID) -> [String] { registry.codeSet(id)?.leafCodes.filter { $0.status == .current }.map(\.value) ?? [] }
        ethnicities = leaves("harmonised.ethnicity")
        nationalities = leaves("harmonised.nationality")
        subjects = leaves("harmonised.qualification-subject")
        awards = leaves("harmonised.qualification-award")
        trainingCategories = leaves("harmonised.training-category")
    }

    /// An establishment number of one of ``schoolCount`` schools, three primary to two secondary.
    private func establishment(_ random: inout SeededGenerator) -> String {
        let school = random.int(0...(schoolCount - 1))
        return String(school % 5 < 3 ? 2000 + school / 2 % 1000 : 4000 + school / 2 % 1000)
    }

    /// Record number `index` (0-based). Each record has its own generator; an odd record may be
    /// a second post of record `index - 1`'s person, and then copies that person.
    package func record(_ index: Int) -> (record: PostRecord, overrides: [ItemReference: String]) {
        var random = SeededGenerator(seed: seed &* 0x9E3779B97F4A7C15 &+ UInt64(index) &* 0xD1B54A32D192ED03)
        if index % 2 == 1 && random.chance(secondPostRate) {
            var first = self
            first.secondPostRate = 0
            let (holder, _) = first.record(index - 1)
            if holder.vacancy == nil, let second = secondPost(of: holder, index: index, &random) { return (second, [:]) }
        }
        // Built as the record's fields and made a record once: each property set on a record
        // makes it a new copy of its fields (PostRecord shares them, immutable, between copies).
        var r = PostRecordFields()
        r.postID = "P" + String(100000 + index)
        r.laNumber = "999"
        r.laGSSCode = "E10000999"
        let sector = random.weighted(Self.sectors.map { ($0, $0.weight) })
        let role = random.weighted(sector.roles)
        if random.chance(vacancyRate) {
            r.vacancy = Vacancy(role: role, workingPattern: random.chance(0.7) ? "FT" : "PT", temporarilyFilled: random.chance(0.4),
                                advertised: random.chance(0.8), fte: random.chance(0.7) ? 1 : 0.5)
            r.jobTitle = registry.role(RoleCode(role))?.title
            if sector.name.hasPrefix("school") || sector.name == "teachers" { r.establishmentNumber = establishment(&random) }
            // An adult social care vacancy is at one of the care workplaces (no random draw, so
            // that the records after it stay as they were).
            if sector.name == "adult social care" { r.workplaceID = "ASC" + String(index % 40 + 1) }
            return (PostRecord(fields: r), [:])
        }
        r.role = role
        r.jobTitle = registry.role(RoleCode(role))?.profile?.exampleTitles.first ?? registry.role(RoleCode(role))?.title
        r.staffID = "S" + String(500000 + index)
        let female = random.chance(Self.femaleShare(role: role, sector: sector.name))
        r.sex = random.chance(0.01) ? random.pick(["O", "U"]) : (female ? "F" : "M")
        r.givenNames = [random.pick(Self.givenNames)]
        r.familyName = random.pick(Self.familyNames)
        let age = random.int(sector.name == "teachers" ? 23...64 : 18...67)
        r.dateOfBirth = SimpleDate(year: referenceDate.year - age - 1, month: random.int(1...12), day: random.int(1...28))
        r.niNumber = Self.niNumber(index, &random)
        r.ethnicity = random.chance(0.78) ? "W1" : (ethnicities.isEmpty ? nil : random.pick(ethnicities))
        r.disability = random.weighted([("N", 80), ("Y", 8), ("R", 4), ("U", 8)])
        r.nationality = random.chance(0.85) || nationalities.isEmpty ? "826" : random.pick(nationalities)
        r.countryOfBirth = r.nationality == "826" ? "826" : r.nationality
        if r.nationality != "826" {
            r.britishCitizenship = random.weighted([("Y", 30), ("N", 60), ("U", 10)])
            r.yearOfArrivalInUK = referenceDate.year - random.int(1...max(1, age - 16))
        }

        // Contract: most permanent; starters after the census and leavers before it are the
        // out-of-scope cases every collection must report.
        let serviceYears = random.int(0...min(25, max(0, age - 18)))
        r.contractStart = SimpleDate(year: referenceDate.year - serviceYears, month: random.int(1...12), day: random.int(1...28))
        if random.chance(0.03) { r.contractStart = referenceDate.adding(days: random.int(1...60)) }
        let agencyRoles: Set<String> = ["R237", "R238", "R418", "R419", "R242"]
        r.contractType = agencyRoles.contains(role) && random.chance(0.08) ? "SAG"
            : random.weighted([("PRM", 82), ("FXT", 8), ("TMP", 4), ("BNK", sector.name == "adult social care" ? 6 : 0.5)])
        if r.contractType == "FXT", let start = r.contractStart { r.contractEnd = max(start.adding(days: 20), referenceDate.adding(days: random.int(-30...400))) }
        if let end = r.contractEnd, end < referenceDate { r.destination = random.weighted([("SAME-OTH", 30), ("PRIV", 20), ("PUB", 10), ("NK", 40)]) }
        // Teachers covering for a few days (occasional teachers, under SWF's 28-day rule).
        if sector.name == "teachers" && random.chance(0.02) {
            r.contractType = "TMP"
            r.contractStart = referenceDate.adding(days: -random.int(1...20))
            r.contractEnd = r.contractStart!.adding(days: random.int(5...26))
        }
        // Leavers: most in the last year, some longer ago (outside SWF's census window).
        if random.chance(0.07), let start = r.contractStart, start < referenceDate {
            let leaving = referenceDate.adding(days: -(random.chance(0.75) ? random.int(1...300) : random.int(430...800)))
            if leaving > start {
                r.leavingDate = leaving
                r.contractEnd = leaving
                r.reasonForLeaving = random.weighted([("RESIGN", 60), ("RET-AGE", 12), ("END-CONTRACT", 10), ("DISMISS", 3), ("OTHER", 15)])
                r.destination = random.weighted([("SAME-OTH", 30), ("PRIV", 20), ("PUB", 10), ("NK", 40)])
            }
        }
        r.origin = random.weighted([("NK", 30), ("PUB", 20), ("PRIV", 20), ("EDU-OTH", 10), ("UNEMP", 5), ("SAME-OTH", 0), ("CHANGE", 15)])
        r.workplaceStart = r.contractStart

        // Hours and FTE.
        let termTime = sector.name == "school support"
        r.fullTimeWeeklyHours = sector.name == "teachers" ? 32.5 : 37
        let fte: Double = random.chance(sector.name == "teachers" ? 0.75 : 0.55) ? 1 : Double(random.int(3...9)) / 10
        r.fte = fte
        r.contractedWeeklyHours = (r.fullTimeWeeklyHours! * fte * 2).rounded() / 2
        r.fte = (r.contractedWeeklyHours! / r.fullTimeWeeklyHours! * 10000).rounded() / 10000
        r.weeksPerYear = termTime ? 39 : 52
        if r.contractType == "BNK" {
            r.zeroHoursContract = "Y"
            r.contractedWeeklyHours = 0
            r.averageWeeklyHours = Double(random.int(8...30))
            r.fte = nil
        } else if sector.name == "adult social care" {
            r.zeroHoursContract = "N"
        }

        // Pay, by the role's pay scheme.
        Self.pay(role: role, sector: sector.name, referenceDate: referenceDate, into: &r, &random)
        if r.contractType == "SAG" {
            // Most agency social workers and carers cover vacant posts.
            r.coveringVacancy = random.chance(0.7)
            r.annualBasicPayFTE = nil
            r.payScale = nil
            r.spinePoint = nil
            r.salaryScheme = nil
            r.payBasis = nil
            r.payItems = []
        }

        // Organisation and registration by sector.
        switch sector.name {
        case "teachers", "school support", "central education":
            if sector.name != "central education" && !["R213", "R214"].contains(role) { r.establishmentNumber = establishment(&random) }
            if ["R202", "R203", "R204"].contains(role) || (role == "R276" && random.chance(0.5)) { r.seniorLeadershipTeam = true }
            if sector.name == "teachers" || role == "R214" || role == "R213" {
                r.qtlsStatus = random.chance(0.02)
                r.earlyYearsTeacherStatus = random.chance(0.01)
                r.payReviewDate = SimpleDate(year: referenceDate.month >= 9 ? referenceDate.year : referenceDate.year - 1, month: 9, day: 1)
                r.teacherReferenceNumber = String(1_000_000 + index % 9_000_000)
                r.qualifiedTeacherStatus = role != "R212"
                if r.qualifiedTeacherStatus == true { r.qtsRoute = random.weighted([("RTPR", 60), ("SCDS", 20), ("GTPR", 10), ("FLEX", 10)]) }
                if !subjects.isEmpty {
                    let type = random.weighted([("BEDO", 30), ("FRST", 50), ("MAST", 10), ("PGCE", 10)])
                    let degreeClass: String? = type == "FRST" || type == "BEDO" ? random.weighted([("01", 25), ("02", 45), ("03", 20), ("99", 10)]) : nil
                    r.qualifications = [Qualification(type: type, subject: random.pick(subjects), degreeClass: degreeClass)]
                }
            }
            if role == "R402" { r.hltaStatus = true }
            // Cleaners and cooks from a contractor, counted by the school, not returned.
            if ["R601", "R511", "R603"].contains(role) && r.establishmentNumber != nil && random.chance(0.3) {
                r.contractType = "SAG"
                r.contractEnd = nil
                r.leavingDate = nil
            }
        case "adult social care":
            let workplace = random.int(1...40)
            r.workplaceID = "ASC" + String(workplace)
            // One CQC location per workplace (the draw is kept, so later records do not change).
            _ = random.int(0...899_999_999)
            r.cqcLocationID = "1-" + String(100_000_000 + workplace)
            r.trainings = training(index)
            r.highestSocialCareQualificationLevel = random.weighted([("L2", 35), ("L3", 30), ("L4", 5), ("L5", 5), ("NONE", 25)])
            r.careCertificate = random.weighted([("COMP", 60), ("PART", 15), ("NONE", 20), ("NK", 5)])
            r.yearStartedInAdultSocialCare = max(referenceDate.year - serviceYears - random.int(0...5), (r.dateOfBirth?.year ?? 1950) + 16)
            r.recruitedFromOutsideUK = r.nationality == "826" ? "N" : random.weighted([("Y", 50), ("N", 40), ("U", 10)])
            r.delegatedHealthcareActivities = random.weighted([("Y", 30), ("N", 60), ("U", 10)])
            r.apprenticeship = random.chance(0.05) ? "Y" : "N"
            if !awards.isEmpty && random.chance(0.5) {
                r.awards = [Award(award: random.pick(awards), year: referenceDate.year - random.int(0...10))]
            }
            if role == "R242" { r.approvedMentalHealthProfessional = random.chance(0.15) ? "Y" : "N"; r.socialWorkEnglandNumber = Self.sweNumber(index) }
            if role == "R247" { r.nmcRegistration = "RNA" }
        case "children's social care":
            if ["R237", "R238", "R111", "R240", "R239"].contains(role) {
                r.socialWorkEnglandNumber = Self.sweNumber(index)
                r.casesHeld = role == "R237" || role == "R239" ? random.int(8...24) : random.int(0...6)
                r.qualifyingInstitutions = ["University of Northtown"]
                r.stepUpToSocialWork = random.chance(0.05) ? "Y" : "N"
                r.frontlineProgramme = random.chance(0.06) ? "Y" : "N"
            }
        default:
            break
        }

        // Absence: about two in five had sickness in the year.
        if random.chance(0.4) {
            let first = referenceDate.adding(days: -random.int(10...330))
            let days = random.int(1...12)
            r.absences = [Absence(category: "SIC", firstDay: first, lastDay: first.adding(days: days - 1), workingDaysLost: Double(days))]
            if random.chance(0.1) {
                let second = first.adding(days: days + random.int(5...20))
                if second < referenceDate {
                    r.absences.append(Absence(category: random.pick(["SIC", "OTH", "TRN"]), firstDay: second, lastDay: second, workingDaysLost: 1))
                }
            }
        }

        // A few records carry a deliberate error, as real extracts do.
        var overrides: [ItemReference: String] = [:]
        if random.chance(errorRate) {
            switch random.int(0...3) {
            case 0: overrides["P107"] = "\(referenceDate.year - 30)-02-30"
            case 1: overrides["P108"] = "X"
            case 2: r.dateOfBirth = SimpleDate(year: referenceDate.year - 12, month: 3, day: 3)
            default: overrides["H104"] = "2.5"
            }
        }
        return (PostRecord(fields: r), overrides)
    }

    static func femaleShare(role: String, sector: String) -> Double {
        switch role {
        case "R607", "R513", "R608", "R509", "R612", "R431": return 0.08
        case "R202", "R203", "R106", "R280", "R250": return 0.5
        default: break
        }
        switch sector {
        case "teachers": return 0.76
        case "school support": return 0.9
        case "adult social care": return 0.82
        case "children's social care": return 0.86
        default: return 0.6
        }
    }

    static func pay(role: String, sector: String, referenceDate: SimpleDate, into r: inout PostRecordFields, _ random: inout SeededGenerator) {
        switch role {
        case "R202", "R203", "R204", "R201":
            let point = role == "R202" ? random.int(12...30) : random.int(3...18)
            r.payScale = "LD"; r.spinePoint = "L\(point)"; r.salaryScheme = "STPCD"
            r.annualBasicPayFTE = Double(49_084 + (point - 1) * 1_450)
        case "R222":
            // Educational psychologists are paid on the Soulbury scale.
            let point = random.int(1...11)
            r.payScale = "SO"; r.salaryScheme = "SOUL"; r.annualBasicPayFTE = Double(48_000 + point * 1_500)
        case _ where sector == "teachers" || role == "R213" || role == "R214":
            if role == "R212" {
                let point = random.int(1...6)
                r.payScale = "UT"; r.spinePoint = "UQT\(point)"; r.annualBasicPayFTE = Double(22_000 + point * 1_900)
            } else if random.chance(0.45) {
                let point = random.int(1...3)
                r.payScale = "TU"; r.spinePoint = "U\(point)"; r.annualBasicPayFTE = Double([45_646, 47_338, 49_084][point - 1])
            } else {
                let point = random.int(1...6)
                r.payScale = "TE"; r.spinePoint = "M\(point)"; r.annualBasicPayFTE = Double([31_650, 33_483, 35_674, 38_034, 40_439, 43_607][point - 1])
            }
            r.salaryScheme = "STPCD"
            if random.chance(0.2) {
                let amount = Double(random.weighted([(3_214, 5), (5_000, 2), (8_000, 1)]))
                if random.chance(0.8) {
                    r.payItems = [PayItem(type: "TLE", amount: amount)]
                } else {
                    // A TLR3 is paid for a fixed term: some ended more than a year before census day.
                    let start = r.contractStart.map { max($0, referenceDate.adding(days: -random.int(30...700))) } ?? referenceDate.adding(days: -90)
                    r.payItems = [PayItem(type: "TL3", amount: Double(random.int(600...3_000)), startDate: start, endDate: start.adding(days: random.int(60...300)))]
                }
            }
        default:
            let band: ClosedRange<Int>
            switch role {
            case "R106", "R118": band = 43...49
            case "R111", "R112", "R113", "R264", "R266", "R240", "R238": band = 36...43
            case "R237", "R239", "R242", "R245", "R250", "R258", "R247", "R276": band = 29...37
            case "R271", "R280", "R297", "R293", "R313", "R402", "R283", "R420", "R416", "R236", "R415": band = 17...26
            default: band = 3...12
            }
            let point = random.int(band)
            r.payScale = "NJ"; r.spinePoint = "SCP\(point)"; r.salaryScheme = "NJC"
            // NJC pay spine 2024-25, roughly: SCP 3 about 24,000 rising about 3% a point.
            r.annualBasicPayFTE = (23_656 * pow(1.026, Double(point - 3))).rounded()
            if sector == "adult social care" && random.chance(0.3) {
                r.payItems = [PayItem(type: "OVT", amount: Double(random.int(200...3_000)))]
            }
            if sector == "adult social care" && random.chance(0.2) {
                r.payBasis = "H"
                r.hourlyRate = ((r.annualBasicPayFTE! / 52.143 / 37) * 100).rounded() / 100
            }
        }
        if r.payBasis == nil { r.payBasis = "A" }
    }

    /// A second post of `holder`'s person: a school support post in the same school (a teaching
    /// assistant who is also a midday supervisor), or a second post with the council.
    private func secondPost(of holder: PostRecord, index: Int, _ random: inout SeededGenerator) -> PostRecord? {
        guard holder.role != nil, holder.contractStart.map({ $0 <= referenceDate }) ?? false else { return nil }
        var r = holder.box.fields
        r.line = 0
        r.postID = "P" + String(100000 + index)
        r.role = holder.establishmentNumber != nil ? random.pick(["R605", "R606", "R409", "R310"]) : random.pick(["R302", "R318"])
        r.jobTitle = registry.role(RoleCode(r.role!))?.profile?.exampleTitles.first ?? registry.role(RoleCode(r.role!))?.title
        r.contractType = random.weighted([("PRM", 6), ("FXT", 3)])
        r.contractStart = referenceDate.adding(days: -random.int(40...2_000))
        r.contractEnd = r.contractType == "FXT" ? referenceDate.adding(days: random.int(30...300)) : nil
        r.leavingDate = nil
        r.reasonForLeaving = nil
        r.destination = nil
        r.workplaceStart = r.contractStart
        r.fullTimeWeeklyHours = 37
        r.contractedWeeklyHours = Double(random.int(5...10))
        r.fte = (r.contractedWeeklyHours! / 37 * 10000).rounded() / 10000
        r.weeksPerYear = holder.establishmentNumber != nil ? 39 : 52
        let point = random.int(3...6)
        r.payScale = "NJ"; r.spinePoint = "SCP\(point)"; r.salaryScheme = "NJC"; r.payBasis = "A"
        r.annualBasicPayFTE = (23_656 * pow(1.026, Double(point - 3))).rounded()
        r.annualBasicPayActual = nil
        r.payItems = []
        r.payReviewDate = nil
        r.seniorLeadershipTeam = nil
        return PostRecord(fields: r)
    }

    /// Valid in form and unique per record for up to four million records (the digits and the
    /// suffix letter come from the index), so shared-NI queries in synthetic data are deliberate.
    /// Training records of an adult social care worker, made from the record's number alone
    /// (no random draw): two in three have one or two.
    func training(_ index: Int) -> [Training] {
        guard index % 3 != 2, !trainingCategories.isEmpty else { return [] }
        let names = ["Moving and handling", "Safeguarding adults", "Medication awareness", "Infection prevention and control", "First aid at work"]
        return (0..<(index % 2 + 1)).map { entry in
            let completed = referenceDate.adding(days: -(20 + (index * 37 + entry * 101) % 700))
            return Training(category: trainingCategories[(index + entry) % trainingCategories.count], name: names[(index + entry) % names.count],
                            accredited: ["Y", "N", "U"][(index + entry) % 3], completed: completed,
                            expires: (index + entry) % 2 == 0 ? completed.adding(days: 3 * 365) : nil)
        }
    }

    static func niNumber(_ index: Int, _ random: inout SeededGenerator) -> String {
        let first = Array("ABCEGHJKLMNPRSTWXYZ"), second = Array("ABCEGHJKLMNPRSTWXYZ")
        var prefix = ""
        repeat { prefix = String(random.pick(first)) + String(random.pick(second)) } while ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(prefix)
        return prefix + String(format: "%06d", index % 1_000_000) + String(Array("ABCD")[(index / 1_000_000) % 4])
    }

    /// Unique per record, so a national run has no accidental duplicates.
    static func sweNumber(_ index: Int) -> String { "SW" + String(100_000 + index) }
}
