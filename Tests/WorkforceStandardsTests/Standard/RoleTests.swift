import Foundation
import Testing
@testable import WDSCommandLine
@testable import WorkforceStandards

@Suite("Role code set")
struct RoleTests {
    let registry = Registry.embedded

    /// The collection code sets every role answers, written out rather than read from
    /// `RoleCodeSet.collectionSets`: the five role maps in CodeSets/maps/ (harmonised.role--*.csv).
    static let roleMapTargets: Set<String> = ["swf.role-identifier", "swf.post", "ascwds.job-role", "csww.org-role", "lges.occupation-group"]

    @Test func atLeast175RolesEachWithAValidSOC2000UnitAndAProfile() throws {
        let roles = registry.roles
        #expect(roles.count >= 175)
        let soc2000 = try #require(registry.codeSet("soc.soc2000"))
        for role in roles {
            let unit = soc2000.code(role.soc2000)
            #expect(unit?.attributes["level"] == "unit", "\(role.code) soc2000 \(role.soc2000)")
            let profile = try #require(role.profile, "\(role.code) has no profile")
            #expect(profile.exampleTitles.count >= 3, "\(role.code)")
            #expect(profile.tasks.count >= 3, "\(role.code)")
            if let soc2010 = role.soc2010 { #expect(registry.socGroup(SOCCode(soc2010), version: .soc2010) != nil, "\(role.code) soc2010") }
            if let soc2020 = role.soc2020 { #expect(registry.socGroup(SOCCode(soc2020), version: .soc2020) != nil, "\(role.code) soc2020") }
        }
        #expect(Set(roles.map(\.title)).count == roles.count, "role titles are unique")
        #expect(registry.roleGroups.filter { $0.parent == nil }.map(\.value) == ["G1", "G2", "G3", "G4", "G5", "G6"])
    }

    @Test func rolesCsvListsEveryRoleWithItsSOC2000() {
        let result = wds("roles", "--format", "csv")
        #expect(result.status == 0)
        let rows = csvRows(result.out)
        #expect(rows.first == ["code", "title", "group", "sub-group", "soc2000", "soc2010", "soc2020"])
        // 251 roles: the rows of CodeSets/harmonised/role.csv whose code starts with R (StandardCountsTests).
        #expect(rows.count - 1 == 251)
        // The first role row of role.csv: R101,Chief executive,...,G1A,1113,1115,0.0667,1111,1.0000.
        #expect(rows.dropFirst().first == ["R101", "Chief executive", "G1", "G1A", "1113", "1115", "1111"])
    }

    @Test("every collection code is the target of a role", arguments: [
        ("swf.role-identifier", ReferenceExpectations.swfRoleIdentifiers2012),
        ("swf.post", ReferenceExpectations.swfPosts2012),
        ("ascwds.job-role", ReferenceExpectations.ascwdsCurrentJobRoles),
        ("csww.org-role", ["1", "2", "3", "4", "5", "6"]),
    ])
    func coverage(set: String, codes: [String]) {
        for code in codes {
            #expect(!registry.roles(mappingTo: code, in: CodeSetID(set)).filter { $0.relationship.isMatch }.isEmpty, "\(set) \(code)")
        }
    }

    @Test func everyRoleAnswersEveryCollectionOrSaysItIsOutOfScope() {
        for role in registry.roles {
            let translations = registry.collectionCodes(forRole: RoleCode(role.code))
            #expect(Set(translations.map(\.targetSet.rawValue)) == Self.roleMapTargets, "\(role.code)")
            for translation in translations where translation.matches.isEmpty {
                #expect(translation.unmatchedReason?.hasPrefix("out of scope:") == true, "\(role.code) -> \(translation.targetSet)")
            }
        }
    }

    @Test func reverseLookUpReturnsEveryRole() {
        // The rows of CodeSets/maps/harmonised.role--ascwds.job-role.csv whose target is 8 (Care
        // Worker): R418 home care, R419 residential and day care, R437 shared lives carer.
        let careWorkers = registry.roles(mappingTo: "8", in: "ascwds.job-role")
        #expect(careWorkers.map(\.role.code) == ["R418", "R419", "R437"])
        #expect(careWorkers.allSatisfy { $0.relationship == .sourceIsNarrowerThanTarget })
        let assistants = registry.roles(mappingTo: "TASS", in: "swf.role-identifier")
        #expect(!assistants.isEmpty)
        #expect(assistants.contains { $0.role.soc2000 == "6124" }, "teaching assistants are SOC2000 6124")
        let cli = wds("roles", "--collection", "ascwds.job-role", "8", "--format", "csv")
        #expect(cli.status == 0)
        #expect(csvRows(cli.out).dropFirst().map { $0[0] } == ["R418", "R419", "R437"])
    }

    @Test func roleShowsEveryMapping() throws {
        let role = try #require(registry.roles.first { $0.soc2000 == "2442" })
        let result = wds("role", role.code, "--format", "json")
        #expect(result.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let collections = try #require(parsed["collections"] as? [[String: String]])
        #expect(Set(collections.map { $0["collection_set"] ?? "" }) == Self.roleMapTargets)
        #expect(wds("role", "R000").status == 1)
    }

    @Test func lgesGroupAgreesWithTheSOC2000Grouping() throws {
        for role in registry.roles {
            let viaRole = registry.translate(role.code, from: RoleCodeSet.id, to: "lges.occupation-group")?.matches.map(\.code) ?? []
            let viaSOC = registry.translate(role.soc2000, from: "soc.soc2000", to: "lges.occupation-group")?.matches.map(\.code) ?? []
            #expect(viaRole == viaSOC, "\(role.code) \(role.title)")
        }
    }
}

@Suite("Title coder")
struct TitleCoderTests {
    /// One title of an evaluation set: `set` is `written` (title-evaluation.csv, titles written
    /// in the style of HR extracts) or `adverts` (title-evaluation-adverts.csv, real titles as
    /// councils and schools published them); `split` is `tune` or `holdout`.
    struct Case: Sendable {
        var title: String; var soc: String; var role: String; var split: String; var set: String
        /// The other labeller's readings the settled label did not take (`alternative_roles`), for
        /// the figure that counts them; empty in the written set.
        var alternatives: [String] = []
    }

    static func load(_ file: String, set: String) -> [Case] {
        let text = (try? String(contentsOf: Paths.fixtures.appendingPathComponent(file), encoding: .utf8)) ?? ""
        let rows = csvRows(text)
        guard let header = rows.first, let t = header.firstIndex(of: "title"), let s = header.firstIndex(of: "expected_soc2000"),
              let r = header.firstIndex(of: "expected_role"), let p = header.firstIndex(of: "split") else { return [] }
        let a = header.firstIndex(of: "alternative_roles")
        return rows.dropFirst().map { row in
            let alternatives: [String] = a.map { row[$0].split(separator: " ").map(String.init) } ?? []
            return Case(title: row[t], soc: row[s], role: row[r], split: row[p], set: set, alternatives: alternatives)
        }
    }

    /// Both evaluation sets. The written set is all `tune` now: its old held-out split was
    /// measured about forty times and retired (title-evaluation.md, "The split").
    static let evaluation: [Case] = load("title-evaluation.csv", set: "written") + load("title-evaluation-adverts.csv", set: "adverts")

    struct Figures: CustomStringConvertible {
        var count = 0, roleTop1 = 0, roleTop3 = 0, socTop1 = 0, socTop3 = 0, marked = 0, unmarkedRight = 0
        /// Role top-1 counting a labeller's alternative reading as right.
        var roleTop1Accepted = 0
        func share(_ value: Int, of total: Int? = nil) -> Double { Double(value) / Double(max(total ?? count, 1)) }
        var description: String {
            String(format: "%d titles: role top-1 %.1f%% (%.1f%% counting a labeller's alternative), top-3 %.1f%%; SOC2000 top-1 %.1f%%, top-3 %.1f%%; needs_review %.1f%%, unmarked right %.1f%%",
                   count, 100 * share(roleTop1), 100 * share(roleTop1Accepted), 100 * share(roleTop3), 100 * share(socTop1), 100 * share(socTop3),
                   100 * share(marked), 100 * share(unmarkedRight, of: count - marked))
        }
    }

    static func measure(_ split: String, set: String) -> Figures {
        measure(evaluation.filter { $0.split == split && $0.set == set })
    }

    static func measure(_ items: [Case]) -> Figures {
        var figures = Figures()
        var session = TitleCoder.Session(coder: .shared)
        for item in items {
            let answer = session.assess(item.title, limit: 3)
            figures.count += 1
            if answer.best?.role?.code == item.role { figures.roleTop1 += 1 }
            if let best = answer.best?.role?.code, best == item.role || item.alternatives.contains(best) { figures.roleTop1Accepted += 1 }
            if answer.matches.contains(where: { $0.role?.code == item.role }) { figures.roleTop3 += 1 }
            if answer.best?.soc2000 == item.soc { figures.socTop1 += 1 }
            if answer.matches.contains(where: { $0.soc2000 == item.soc }) { figures.socTop3 += 1 }
            if answer.needsReview { figures.marked += 1 } else if answer.best?.role?.code == item.role { figures.unmarkedRight += 1 }
        }
        return figures
    }

    /// The coder's weights, rules and example titles were chosen on the `tune` titles of both
    /// sets; the `holdout` half of the advert titles (112 real titles, split by the page they
    /// came from) measures it (title-evaluation-adverts.md). The floors are the figures measured
    /// when the split was last measured, so that a change that makes the coder worse fails.
    @Test func evaluationSetAccuracy() {
        #expect(Self.evaluation.filter { $0.set == "written" }.count >= 300)
        #expect(Set(Self.evaluation.filter { $0.set == "written" }.map(\.split)) == ["tune"])
        #expect(Set(Self.evaluation.filter { $0.set == "adverts" }.map(\.split)) == ["tune", "holdout"])
        let written = Self.measure("tune", set: "written"), tune = Self.measure("tune", set: "adverts")
        let holdout = Self.measure("holdout", set: "adverts")
        print("title coder, written titles (tune): \(written)")
        print("title coder, advert titles, tune split: \(tune)")
        print("title coder, advert titles, held-out split: \(holdout)")
        #expect(holdout.count >= 110)
        #expect(holdout.share(holdout.roleTop1) >= HeldOut.roleTop1)
        #expect(holdout.share(holdout.roleTop3) >= HeldOut.roleTop3)
        #expect(holdout.share(holdout.socTop1) >= HeldOut.socTop1)
        #expect(holdout.share(holdout.marked) <= HeldOut.markedAtMost)
        #expect(holdout.share(holdout.unmarkedRight, of: holdout.count - holdout.marked) >= HeldOut.unmarkedRight)
    }

    /// Real titles labelled by collectors who did not run the coder, one label each, `sure` or
    /// `likely` (a role that also rests on the page), read from `file`.
    static func freshTitles(_ file: String, set: String) -> [Case] {
        let text = (try? String(contentsOf: Paths.fixtures.appendingPathComponent(file), encoding: .utf8)) ?? ""
        let rows = csvRows(text)
        guard let header = rows.first, let t = header.firstIndex(of: "title"), let r = header.firstIndex(of: "expected_role"),
              let c = header.firstIndex(of: "confidence") else { return [] }
        return rows.dropFirst().map { Case(title: $0[t], soc: "", role: $0[r], split: $0[c], set: set) }
    }

    /// The first fresh titles (title-evaluation-fresh.md): a measure in issue 18's seventh round,
    /// tune titles since the eighth.
    static let fresh = freshTitles("title-evaluation-fresh.csv", set: "fresh")
    /// The second fresh titles (title-evaluation-fresh-2.md): a measure in the eighth round, tune
    /// titles since the ninth.
    static let fresh2 = freshTitles("title-evaluation-fresh-2.csv", set: "fresh-2")
    /// The third fresh titles (title-evaluation-fresh-3.md), collected in the ninth round and
    /// never tuned on.
    static let fresh3 = freshTitles("title-evaluation-fresh-3.csv", set: "fresh-3")

    /// The sets of fresh real titles measure the coder on real titles: role top-1, top-3,
    /// needs_review and unmarked right, for the `sure` labels and for all, against floors at
    /// the figures measured at the end of issue 18's ninth round.
    @Test(arguments: [("fresh", 270), ("fresh-2", 260), ("fresh-3", 150)])
    func freshRealTitlesAccuracy(set: String, atLeast: Int) throws {
        let items = set == "fresh" ? Self.fresh : set == "fresh-2" ? Self.fresh2 : Self.fresh3
        let codes = Set(Registry.embedded.roles.map(\.code))
        #expect(items.count >= atLeast)
        #expect(items.allSatisfy { codes.contains($0.role) && ["sure", "likely"].contains($0.split) })
        let floors = set == "fresh" ? FreshFloors.fresh : set == "fresh-2" ? FreshFloors.fresh2 : FreshFloors.fresh3
        for (name, chosen, floor) in [("sure", items.filter { $0.split == "sure" }, floors.sure), ("all", items, floors.all)] {
            let figures = Self.measure(chosen)
            print(String(format: "title coder, %@ real titles (%@): %d titles: role top-1 %d (%.1f%%), top-3 %.1f%%; needs_review %.1f%%, unmarked right %d of %d (%.1f%%)",
                         set, name, figures.count, figures.roleTop1, 100 * figures.share(figures.roleTop1), 100 * figures.share(figures.roleTop3),
                         100 * figures.share(figures.marked), figures.unmarkedRight, figures.count - figures.marked,
                         100 * figures.share(figures.unmarkedRight, of: figures.count - figures.marked)))
            #expect(figures.share(figures.roleTop1) >= floor.roleTop1, "\(set) \(name)")
            #expect(figures.share(figures.roleTop3) >= floor.roleTop3, "\(set) \(name)")
            #expect(figures.share(figures.marked) <= floor.markedAtMost, "\(set) \(name)")
            #expect(figures.share(figures.unmarkedRight, of: figures.count - figures.marked) >= floor.unmarkedRight, "\(set) \(name)")
        }
    }

    /// The fresh titles' floors (title-evaluation-fresh.md, title-evaluation-fresh-2.md).
    enum FreshFloors {
        typealias Floor = (roleTop1: Double, roleTop3: Double, markedAtMost: Double, unmarkedRight: Double)
        // Tune titles since the eighth round, which began at 90, 117 of 124 (`sure`) and 158, 219
        // of 279 (all): 102 and 119 of 124 right, 32 marked, 83 of the other 92 right; 187 and 234
        // of 279, 97 marked, 143 of 182.
        static let fresh: (sure: Floor, all: Floor) = (sure: (0.822, 0.975, 0.275, 0.922), all: (0.670, 0.852, 0.352, 0.801))
        // Never tuned on until the ninth round, which began at 126 and 145 of 154 right, 39 marked,
        // 107 of the other 115 right; 170 and 213 of 269, 98 marked, 133 of 171. Tune titles since:
        // at the tenth round's end 137 and 150 of 154, 38 marked, 114 of 116; 180 and 222 of 269,
        // 98 marked, 141 of 171 (a head of service reads the services below it, "permanency").
        static let fresh2: (sure: Floor, all: Floor) = (sure: (0.889, 0.974, 0.247, 0.982), all: (0.669, 0.825, 0.365, 0.824))
        // Never tuned on: measured once, at the end of the ninth round: 50 and 56 of 59 right, 10
        // marked, 47 of the other 49 right; 82 and 110 of 152, 66 marked, 67 of 86. At the tenth
        // round's end, measured once again: the same, but 65 marked and 68 of 87.
        static let fresh3: (sure: Floor, all: Floor) = (sure: (0.847, 0.949, 0.170, 0.959), all: (0.539, 0.723, 0.435, 0.779))
    }

    /// The held-out floors (see GUIDE.md, "Job titles"): the figures measured on the advert
    /// titles' held-out split at the end of issue 18's ninth round (87, 98 and 88 of 112 right;
    /// 33 marked; 69 of the other 79 right). The eighth round ended at 88, 99, 88, 34 and 69 of
    /// 78, the seventh at 88, 99, 88, 34 and 70 of 78, the sixth at 87, 99, 88, 34 and 70 of 78;
    /// the coder before the sixth scored 81, 92, 80, 41 and 64 of 71 on the same titles and labels.
    enum HeldOut {
        static let roleTop1 = 0.776
        static let roleTop3 = 0.874
        static let socTop1 = 0.785
        static let markedAtMost = 0.295
        static let unmarkedRight = 0.873
    }

    /// The written evaluation set measures titles the coder has not been given: no example title
    /// of the role profiles may be one of its titles as written, ignoring case, punctuation and
    /// spacing (title-evaluation.md, "How it was built"). Many of its titles are a role's title
    /// with HR-system noise added ("TA 0.5 FTE"): once the coder has removed the noise they equal
    /// it, as they are meant to. The advert titles are real titles, and 38 of them (22 tune,
    /// 16 held-out) were already example titles when they were collected, as plain titles
    /// ("Social Worker") often are; no example title may be added that equals another of them.
    /// A held-out title is never printed: a clash is reported by role code and position only.
    @Test func roleProfileTitlesAreNotEvaluationTitles() {
        func key(_ title: String) -> String {
            title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
        }
        var written: [String: String] = [:], adverts: [String: String] = [:]
        for item in Self.evaluation {
            if item.set == "written" { written[key(item.title)] = item.split } else { adverts[key(item.title)] = item.split }
        }
        #expect(written.count >= 300)
        var advertClashes: [String: Set<String>] = [:]
        for role in Registry.embedded.roles {
            for title in role.profile?.exampleTitles ?? [] {
                if written[key(title)] != nil { Issue.record("\(role.code) example title \"\(title)\" is a title of the written evaluation set") }
                if let split = adverts[key(title)] { advertClashes[split, default: []].insert(key(title)) }
            }
        }
        let freshTitles = Set((Self.fresh + Self.fresh2 + Self.fresh3).map { key($0.title) })
        for role in Registry.embedded.roles {
            for title in role.profile?.exampleTitles ?? [] where freshTitles.contains(key(title)) {
                Issue.record("\(role.code) example title \"\(title)\" is a title of a fresh evaluation set")
            }
        }
        #expect(advertClashes["tune", default: []].count <= 22)
        #expect(advertClashes["holdout", default: []].count <= 16, "an example title added since the advert titles were collected equals a held-out title")
    }

    @Test("copes with HR-system noise", arguments: [
        ("Snr Social Worker - Children in Care Team", "2442"),
        ("TA Level 3 (term time only)", "6124"),
        ("HLTA", "6124"),
        ("Socail Worker", "2442"),
        ("REFUSE LOADER", "9235"),
        ("Librarian 0.5 FTE, Grade 6", "2451"),
        ("Snr OT (Adults North)", "3222"),
    ])
    func noise(title: String, soc: String) {
        #expect(TitleCoder.shared.code(title).first?.soc2000 == soc, "\(title): \(TitleCoder.shared.code(title).first.map { "\($0.soc2000) \($0.matchedTitle)" } ?? "nothing")")
    }

    @Test func normaliserDropsNoiseAndExpandsAbbreviations() {
        let words = TitleNormaliser.words("Snr Asst Mgr - Revs & Bens (0.5 FTE) Grade 6, SCP 23, term time only")
        #expect(words.filter { $0.weight == 1 }.map(\.text) == ["senior", "assistant", "manager"])
        #expect(words.map(\.text) == ["senior", "assistant", "manager", "revenues", "benefits"])
        // HR is human resources, unless it follows a number (hours).
        #expect(TitleNormaliser.words("HR Officer 37 hr").map(\.text) == ["human", "resources", "officer"])
        #expect(TitleNormaliser.words("Supt Registrar, Dept of Housing").map(\.text) == ["superintendent", "registrar", "department", "housing"])
    }

    /// Looked-after children, however a council writes it (in full, "Children Looked After",
    /// hyphenated, "LAC", "CLA"), read as "children in care" does (DfE's "children looked after"
    /// are the children in care; "looked" is in no index entry, issue 18).
    @Test(arguments: [
        ("Social Worker - Looked After Children", ["social", "worker", "children", "care"]),
        ("Social Worker - Children Looked After", ["social", "worker", "children", "children", "care"]),
        ("Looked-After Children Nurse", ["children", "care", "nurse"]),
        ("Social Worker (LAC)", ["social", "worker", "children", "care"]),
        ("Senior Practitioner - CLA Team", ["senior", "practitioner", "children", "care", "team"]),
        ("Social Worker - Children in Care", ["social", "worker", "children", "care"]),
        ("Looked After Team", ["children", "care", "team"]),
        ("After School Club Assistant", ["after", "school", "club", "assistant"]),
    ])
    func lookedAfterChildrenReadAsChildrenInCare(title: String, words: [String]) {
        #expect(TitleNormaliser.words(title).map(\.text) == words)
    }

    /// Teachers' pay ranges are contract noise like grades, as "UPS" and "MSP" are (the STPCD's
    /// main, upper and leadership pay ranges, written out or as initials).
    @Test(arguments: [
        ("Class Teacher (Main Pay Range)", ["class", "teacher"]),
        ("Class Teacher MPR", ["class", "teacher"]),
        ("Teacher of English - MPR", ["teacher", "english"]),
        ("Class Teacher - Main Pay Scale", ["class", "teacher"]),
        ("Teacher UPR", ["teacher"]),
        ("Teacher - Upper Pay Scale", ["teacher"]),
        ("Teacher UPS3", ["teacher"]),
        ("Assistant Headteacher - Leadership Pay Range", ["assistant", "head", "teacher"]),
        ("Deputy Head Teacher (LPR)", ["deputy", "head", "teacher"]),
        ("Unqualified Teacher - Pay Range", ["unqualified", "teacher"]),
        ("Upper School Leader", ["upper", "school", "leader"]),
    ])
    func payRangesAreNoise(title: String, words: [String]) {
        #expect(TitleNormaliser.words(title).map(\.text) == words)
    }

    @Test func nothingRecognisableGivesNothing() {
        #expect(TitleCoder.shared.code("0.5 FTE, Grade 6").isEmpty)
        #expect(TitleCoder.shared.code("").isEmpty)
    }

    @Test func aHugeUnknownWordIsNotCorrected() {
        // Found by fuzzing: typo correction of a megabyte-long word made a million variants.
        let word = String(repeating: "x", count: 200_000)
        #expect(TitleCoder.shared.code(word + " social worker").first?.soc2000 == "2442")
        #expect(TitleCoder.shared.correction(for: word) == nil)
    }

    @Test func typoCorrectionBreaksTiesByWordNotByHashOrder() throws {
        // "hydrpulper" is one letter from both "hydrapulper" and "hydropulper", which are
        // equally frequent; the choice once followed the per-process order of a hash table.
        let coder = TitleCoder.shared
        let word = "hydrpulper"
        var candidates = Set(coder.deletions[word] ?? [])
        for variant in TitleCoder.deletionVariants(of: word) {
            if let id = coder.vocabulary[variant] { candidates.insert(id) }
            candidates.formUnion(coder.deletions[variant] ?? [])
        }
        let top = try #require(candidates.map { coder.documentFrequency[Int($0)] }.max())
        let tied = candidates.filter { coder.documentFrequency[Int($0)] == top }
        #expect(tied.count >= 2, "the example needs a tie to test")
        #expect(coder.correction(for: word) == tied.min())
    }

    @Test func sameTitleSameAnswer() {
        let first = TitleCoder.shared.code("Care Worker (Nights)").map { "\($0.role?.code ?? "") \($0.soc2000) \($0.score)" }
        let second = TitleCoder.shared.code("Care Worker (Nights)").map { "\($0.role?.code ?? "") \($0.soc2000) \($0.score)" }
        #expect(first == second)
    }

    @Test func codesAColumnOfAFile() throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("titles-\(UUID().uuidString).csv")
        let output = input.appendingPathExtension("out.csv")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        try Data("id,job title\n1,Care Worker\n2,\"Cleaner, Town Hall\"\n3,\n".utf8).write(to: input)
        let result = wds("code-title", "--column", "job title", input.path, "-o", output.path)
        #expect(result.status == 0, "\(result.err)")
        let rows = csvRows(try String(contentsOf: output, encoding: .utf8))
        #expect(rows.first == ["id", "job title", "role", "role_title", "soc2000", "score", "needs_review", "runner_up_role", "runner_up_score", "decided_by"])
        #expect(rows.count == 4, "every input row is written, even an empty title")
        #expect(rows[1][4] == "6115")
        #expect(rows[3][2].isEmpty)
        #expect(["true", "false"].contains(rows[1][6]) && rows[1][9] == "coder")
        #expect(wds("code-title", "--column", "nope", input.path).status == 1)
        // --top N adds the next suggestions.
        let top = wds("code-title", "--column", "job title", input.path, "--top", "3")
        #expect(top.status == 0, "\(top.err)")
        let topRows = csvRows(top.out)
        #expect(topRows.first?.suffix(8) == ["role_2", "role_title_2", "soc2000_2", "score_2", "role_3", "role_title_3", "soc2000_3", "score_3"])
        #expect(topRows[1].count == topRows[0].count && !topRows[1][10].isEmpty && topRows[1][10] != topRows[1][2])
        #expect(wds("code-title", "--column", "job title", input.path, "--top", "0").status == 64)
    }
}

@Suite("Role scope tables")
struct RoleScopeTests {
    /// The table a projection builds up front must say what the maps say, role by role.
    @Test(arguments: ["swf.role-identifier", "csww.org-role", "ascwds.job-role", "lges.occupation-group"])
    func agreesWithTheMaps(set: String) throws {
        let registry = Registry.embedded
        let scope = RoleScope(registry: registry, set: CodeSetID(rawValue: set), prefix: "worded: ")
        let roles = try #require(registry.codeSet(RoleCodeSet.id)).codes.map(\.value)
        var outside = 0
        for role in roles + ["NOT-A-ROLE"] {
            let reason = scope.reasonOutside(role)
            #expect((reason == nil) == registry.roleIsMapped(role, to: CodeSetID(rawValue: set)), "\(role)")
            if let reason {
                outside += 1
                // The map's comment, without the "out of scope: " the reconciliation says already.
                var comment = registry.roleScopeReason(role, set: CodeSetID(rawValue: set))
                if comment.hasPrefix("out of scope: ") { comment.removeFirst("out of scope: ".count) }
                #expect(reason == "worded: " + comment)
                #expect(!reason.contains("out of scope"), "\(reason)")
            }
        }
        // Every collection leaves some roles out, and the unknown code is one of them.
        #expect(outside > 1 && outside < roles.count + 1)
    }
}
