import Foundation
import Testing
@testable import WorkforceStandards

/// Leave-one-out: each example title of the role profiles coded as if the coder had never seen
/// it (its own entry left out of scoring). A measure of how the coder reads unseen titles that
/// is independent of the evaluation set, and larger (about 1,950 titles), so that a change to the
/// scoring can be judged on it as well as on the evaluation set's tune split (issue 18: changes
/// judged on the tune split alone had not carried over to the held-out split). The figures are
/// printed for the whole and for two halves (split by a hash of the title, so that a title stays in
/// its half when titles are added elsewhere); `WDS_LOO_PRINT=1` prints each miss, for tuning (these
/// are the role profiles' titles and the coding index's entries, never the evaluation set's).
@Suite("Title coder: leave-one-out over the role profiles' example titles")
struct TitleLeaveOneOutTests {
    struct Figures: CustomStringConvertible {
        var count = 0, roleTop1 = 0, roleTop3 = 0, marked = 0, unmarkedRight = 0
        func share(_ value: Int, of total: Int? = nil) -> Double { Double(value) / Double(max(total ?? count, 1)) }
        /// Counts one answer: right or not, the expected role among the best three, marked for review.
        mutating func count(right: Bool, inTop3: Bool, marked isMarked: Bool) {
            count += 1
            if right { roleTop1 += 1 }
            if inTop3 { roleTop3 += 1 }
            if isMarked { marked += 1 } else if right { unmarkedRight += 1 }
        }
        var description: String {
            String(format: "%d titles: role top-1 %d (%.1f%%), top-3 %.1f%%; needs_review %.1f%%, unmarked right %.1f%%",
                   count, roleTop1, 100 * share(roleTop1), 100 * share(roleTop3), 100 * share(marked),
                   100 * share(unmarkedRight, of: count - marked))
        }
    }

    /// The example titles of every role, each left out in turn. Titles whose words another title
    /// of the same role repeats exactly ("Snr Social Worker", "Senior Social Worker") are skipped:
    /// leaving one out would leave its twin.
    static func measure() -> (all: Figures, halves: [Figures]) {
        let coder = TitleCoder.shared
        var session = TitleCoder.Session(coder: coder)
        var keys: [Int32: [String: Int]] = [:]
        for document in coder.documents where document.role >= 0 {
            keys[document.role, default: [:]][TitleOverrides.key(document.title), default: 0] += 1
        }
        var all = Figures(), halves = [Figures(), Figures()]
        for (index, document) in coder.documents.enumerated() where document.role >= 0 {
            let role = coder.roles[Int(document.role)]
            guard document.title != role.title, keys[document.role]?[TitleOverrides.key(document.title)] == 1 else { continue }
            session.excluded = Int32(index)
            let answer = session.assess(document.title, limit: 3)
            session.forgetAnswers()
            let right = answer.best?.role?.code == role.code
            if !right, ProcessInfo.processInfo.environment["WDS_LOO_PRINT"] != nil {
                print("LOO miss: \(document.title) | want \(role.code) \(role.title) | got \(answer.best?.role?.code ?? "-") \(answer.best?.role?.title ?? "") via \(answer.best?.matchedTitle ?? "") \(String(format: "%.2f", answer.best?.score ?? 0)) | top \(answer.matches.map { "\($0.role?.code ?? "-") \(String(format: "%.2f", $0.score)) [\($0.matchedTitle)]" }.joined(separator: ", "))")
            }
            let inTop3 = answer.matches.contains { $0.role?.code == role.code }
            all.count(right: right, inTop3: inTop3, marked: answer.needsReview)
            halves[Self.half(document.title)].count(right: right, inTop3: inTop3, marked: answer.needsReview)
        }
        return (all, halves)
    }

    /// The written evaluation set's titles (all `tune`), each coded with the known title that answered it
    /// left out (the role example or index entry it matched best): how the coder does when the
    /// nearest title it knows is missing, as it often is for titles it was not tuned on. Never
    /// the `holdout` titles.
    static func measureTuneNearestLeftOut() -> (all: Figures, halves: [Figures]) {
        let coder = TitleCoder.shared
        var session = TitleCoder.Session(coder: coder)
        var byTitle: [String: [Int32]] = [:]
        for (index, document) in coder.documents.enumerated() { byTitle[document.title, default: []].append(Int32(index)) }
        var all = Figures(), halves = [Figures(), Figures()]
        for (position, item) in TitleCoderTests.evaluation.filter({ $0.split == "tune" && $0.set == "written" }).enumerated() {
            session.excluded = -1
            let first = session.assess(item.title, limit: 3)
            session.forgetAnswers()
            let nearest = first.best.flatMap { best in
                byTitle[best.matchedTitle]?.first { best.evidence == .codingIndex ? coder.documents[Int($0)].role < 0 : coder.documents[Int($0)].role >= 0 && coder.roles[Int(coder.documents[Int($0)].role)].code == best.role?.code }
            }
            session.excluded = nearest ?? -1
            let answer = session.assess(item.title, limit: 3)
            session.forgetAnswers()
            let right = answer.best?.role?.code == item.role
            if !right, ProcessInfo.processInfo.environment["WDS_LOO_PRINT"] != nil {
                print("NLO miss: \(item.title) | want \(item.role) | without [\(first.best?.matchedTitle ?? "")] got \(answer.best?.role?.code ?? "-") \(String(format: "%.2f", answer.best?.score ?? 0)) | top \(answer.matches.map { "\($0.role?.code ?? "-") \(String(format: "%.2f", $0.score)) [\($0.matchedTitle)]" }.joined(separator: ", "))")
            }
            let inTop3 = answer.matches.contains { $0.role?.code == item.role }
            all.count(right: right, inTop3: inTop3, marked: answer.needsReview)
            halves[position % 2].count(right: right, inTop3: inTop3, marked: answer.needsReview)
        }
        session.excluded = -1
        return (all, halves)
    }

    @Test func tuneTitlesWithTheirNearestKnownTitleLeftOut() {
        let (all, halves) = Self.measureTuneNearestLeftOut()
        print("title coder, tune split with the nearest known title left out: \(all)")
        for (index, half) in halves.enumerated() { print("  nearest-left-out half \(index == 0 ? "A" : "B"): \(half)") }
        #expect(all.count >= 300)
        #expect(all.share(all.roleTop1) >= Floors.nearestLeftOutRoleTop1)
        #expect(all.share(all.roleTop3) >= Floors.nearestLeftOutRoleTop3)
        #expect(all.share(all.unmarkedRight, of: all.count - all.marked) >= Floors.nearestLeftOutUnmarkedRight)
    }

    /// The coding index's entries qualified for councils, schools and social services, each
    /// left out in turn: the SOC2000 the coder gives the entry's title against the entry's own.
    /// The half (0 or 1) a title is counted in: FNV-1a of its UTF-8 bytes, so that it does not
    /// move when titles are added before it (an even/odd position would swap the halves); its top
    /// bit, as the low bits of FNV-1a mix poorly.
    static func half(_ title: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in title.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash >> 31)
    }

    static func measureIndex() -> (count: Int, right: [Int]) {
        let coder = TitleCoder.shared
        var session = TitleCoder.Session(coder: coder)
        var count = 0, right = [0, 0]
        var words = [String](repeating: "", count: coder.vocabulary.count)
        for (word, id) in coder.vocabulary { words[Int(id)] = word }
        for (index, document) in coder.documents.enumerated() where document.role < 0 && !document.optional.isEmpty && !document.qualifiedElsewhere {
            session.excluded = Int32(index)
            // The entry's title with its qualifier as a team or setting suffix, as HR systems write it.
            let answer = session.assess(document.title + " (" + document.optional.map { words[Int($0)] }.joined(separator: " ") + ")", limit: 3)
            session.forgetAnswers()
            count += 1
            let soc = coder.socCodes[Int(document.soc)]
            if answer.best?.soc2000 == soc { right[Self.half(document.title)] += 1 } else if ProcessInfo.processInfo.environment["WDS_LOO_PRINT"] != nil {
                print("index LOO miss: \(document.title) (\(document.optional.map { words[Int($0)] }.joined(separator: " "))) | want \(soc) | got \(answer.best?.soc2000 ?? "-") \(answer.best?.role?.code ?? "-") via [\(answer.best?.matchedTitle ?? "")]")
            }
        }
        return (count, right)
    }

    /// Floors just below the figures measured when they were set (issue 18, fourth round, with
    /// about 1,240 more example titles in the role profiles), so that a change that makes the
    /// coder read unseen titles worse fails.
    enum Floors {
        // Over 2,210 example titles since 190 real council titles and twelve roles were added
        // (issue 18, sixth round): real titles are harder to code unseen (42% of them were
        // missed), while the earlier titles' misses fell from 507 to 502. Before: 0.73, 0.86, 0.89.
        static let roleTop1 = 0.72
        static let roleTop3 = 0.86
        static let unmarkedRight = 0.88
        static let markedAtMost = 0.35
        static let indexSOCTop1 = 0.59
        // Over the written set's 318 titles since its held-out split was retired into `tune`
        // (before, over its 191 tune titles: 0.88, 0.95 and 0.97). Role top-1 0.87 → 0.865 in the
        // tenth round: R303's "Admin Assistant (Term Time)", which the coder reads as R302's "Admin
        // Assistant", became "Admin Assistant (School)", now the only example near "Admin Asst /
        // Receptionist (school)", which is missed when it is left out (276 of 318).
        static let nearestLeftOutRoleTop1 = 0.865
        static let nearestLeftOutRoleTop3 = 0.95
        static let nearestLeftOutUnmarkedRight = 0.95
    }

    @Test func councilIndexEntriesCodedUnseen() {
        let (count, right) = Self.measureIndex()
        print("title coder, leave-one-out over council index entries: \(count) entries, SOC2000 top-1 \(right[0] + right[1]) (halves \(right[0]), \(right[1]))")
        #expect(count >= 550)
        #expect(Double(right[0] + right[1]) / Double(max(count, 1)) >= Floors.indexSOCTop1)
    }

    @Test func exampleTitlesCodedUnseen() {
        let (all, halves) = Self.measure()
        print("title coder, leave-one-out: \(all)")
        for (index, half) in halves.enumerated() { print("  leave-one-out half \(index == 0 ? "A" : "B"): \(half)") }
        #expect(all.count >= 1900)
        #expect(all.share(all.roleTop1) >= Floors.roleTop1)
        #expect(all.share(all.roleTop3) >= Floors.roleTop3)
        #expect(all.share(all.marked) <= Floors.markedAtMost)
        #expect(all.share(all.unmarkedRight, of: all.count - all.marked) >= Floors.unmarkedRight)
    }
}
