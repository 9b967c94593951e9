import Foundation
import Testing
@testable import WorkforceStandards

/// The registry's API, on the tiny synthetic standard in Fixtures/mini.
@Suite("Registry on a synthetic standard")
struct RegistryFixtureTests {
    let registry: Registry

    init() throws {
        registry = try Registry.load(from: Paths.mini)
    }

    @Test func exactLookupsReturnOptionals() {
        #expect(registry.item("P104")?.name == "Sex")
        #expect(registry.item("P999") == nil)
        #expect(registry.codeSet("csww.gender")?.codes.count == 4)
        #expect(registry.codeSet("csww.nothing") == nil)
        #expect(registry.code("2", in: "csww.gender")?.label == "Female")
        #expect(registry.code("f", in: "harmonised.sex") == nil, "exact look-up is case-sensitive")
        #expect(registry.codeSet("harmonised.sex")?.lookup(" f ")?.label == "Female", "lookup forgives case and spaces")
    }

    @Test func itemsAreParsedWithAllTheirFields() throws {
        let item = try #require(registry.item("P101"))
        #expect(item.description == "First line.\nSecond line.")
        #expect(item.format.type == .date)
        #expect(item.usages.first?.field == "PersonBirthDate")
        #expect(registry.lookupItem("date of birth")?.ref == "P101")
        #expect(registry.items.map(\.ref) == ["P101", "P104"], "items are sorted by reference")
    }

    @Test func translationGivesEveryMatchWithItsRelationship() throws {
        let unknown = try #require(registry.translate("U", from: "harmonised.sex", to: "csww.gender"))
        #expect(unknown.matches.map(\.code) == ["0", "9"])
        #expect(unknown.matches.allSatisfy { $0.relationship == .sourceIsBroaderThanTarget })
        #expect(unknown.targetVersion == "2022")
        #expect(!unknown.isReverse)
    }

    @Test func reverseTranslationInvertsRelationships() throws {
        let back = try #require(registry.translate("9", from: "csww.gender", to: "harmonised.sex"))
        #expect(back.isReverse)
        #expect(back.matches.map(\.code) == ["U"])
        #expect(back.matches.first?.relationship == .sourceIsNarrowerThanTarget)
        let byFamily = registry.translate("1", from: "csww.gender", to: .harmonised)
        #expect(byFamily.map(\.targetSet) == ["harmonised.sex"])
        #expect(byFamily.first?.matches.map(\.code) == ["M"])
    }

    @Test func yearFiltersTargetSetsWithNoValidCode() {
        #expect(registry.translate("F", from: "harmonised.sex", to: .csww, year: 2022).count == 1)
        #expect(registry.translate("F", from: "harmonised.sex", to: .csww, year: 2021).isEmpty, "csww.gender starts in 2022")
    }

    @Test func socNavigationWalksBothWays() throws {
        let group = try #require(registry.socGroup("2442"))
        #expect(group.ancestors.map(\.value) == ["244", "24", "2"])
        #expect(registry.socGroup("244")?.children.map(\.value) == ["2442", "2443"])
        let forward = registry.socLinks("2442", from: .soc2000, to: .soc2010)
        #expect(forward.map(\.code) == ["2442", "2443"])
        #expect(forward.map(\.share) == [0.9, 0.1])
        let backward = registry.socLinks("2443", from: .soc2010, to: .soc2000)
        #expect(backward.map(\.code) == ["2443", "2442"])
        #expect(backward.map(\.share) == [0.8, 0.2], "reverse reads reverse_share")
        #expect(backward.last?.relationship == .relatedTo)
    }

    @Test func searchIsRankedAndStable() {
        let hits = registry.search("female")
        #expect(hits.first?.title == "Female")
        #expect(registry.search("sex").first.map { $0.kind == .item && $0.owner == "P104" } == true)
        #expect(registry.search("FEMALE").map(\.owner) == hits.map(\.owner))
        #expect(registry.search("   ").isEmpty)
    }
}

/// Each kind of broken source gives one precise diagnostic with file and line.
@Suite("Registry validation")
struct RegistryValidationTests {
    typealias Breakage = (path: String, change: @Sendable (String) -> String)

    static let cases: [(String, String, @Sendable (String) -> String, String)] = [
        ("duplicate code", "CodeSets/csww/gender.csv", { $0 + "1,Male again,current,2022,,\n" },
         "CodeSets/csww/gender.csv:11: error: duplicate code \"1\" (first defined on line 8)"),
        ("unsorted rows", "CodeSets/harmonised/sex.csv", { $0.replacingOccurrences(of: "F,Female,current,,,\nM,Male,current,,,\n", with: "M,Male,current,,,\nF,Female,current,,,\n") },
         "CodeSets/harmonised/sex.csv:7: error: code \"F\" is out of order"),
        ("bad parent", "CodeSets/soc/soc2000.csv", { $0.replacingOccurrences(of: "2443,Probation officers,current,,,244,unit", with: "2443,Probation officers,current,,,245,unit") },
         "CodeSets/soc/soc2000.csv:10: error: parent \"245\" of code \"2443\" is not a code of this set"),
        ("map target missing", "CodeSets/maps/harmonised.sex--csww.gender.csv", { $0.replacingOccurrences(of: "F,equivalent,2,,,", with: "F,equivalent,3,,,") },
         "CodeSets/maps/harmonised.sex--csww.gender.csv:8: error: map target \"3\" is not in csww.gender"),
        ("map misses a source code", "CodeSets/maps/harmonised.sex--csww.gender.csv", { $0.replacingOccurrences(of: "M,equivalent,1,,,\n", with: "") },
         "CodeSets/maps/harmonised.sex--csww.gender.csv: error: source code \"M\" (Male) has no row"),
        ("unknown set reference", "Standards/items/person.txt", { $0.replacingOccurrences(of: "domain: harmonised.sex", with: "domain: harmonised.gender") },
         "Standards/items/person.txt:1: error: domain \"harmonised.gender\" of item P104 is not a code set"),
        ("item without definition", "Standards/items/person.txt", { $0.replacingOccurrences(of: "definition: The date the person was born.\n", with: "") },
         "Standards/items/person.txt:13: error: item P101 has no `definition`"),
        ("unknown collection field", "Standards/items/person.txt", { $0.replacingOccurrences(of: "used-in: csww PersonBirthDate", with: "used-in: csww PersonBirthDay") },
         "Standards/items/person.txt:24: error: csww field \"PersonBirthDay\" is not in Standards/collections/csww.csv"),
        ("in-scope field nobody answers", "Standards/collections/csww.csv", { $0 + "Extra,4,Extra,text,,in-scope,\n" },
         "Standards/collections/csww.csv:9: error: in-scope field \"Extra\" is not named by any item's used-in"),
        ("retired without last year", "CodeSets/csww/gender.csv", { $0.replacingOccurrences(of: "9,Not Specified,current,2022,,", with: "9,Not Specified,retired,2022,,") },
         "CodeSets/csww/gender.csv:10: error: retired code \"9\" has no `to` year"),
        ("unmatched without a reason", "CodeSets/maps/harmonised.sex--csww.gender.csv", { $0.replacingOccurrences(of: "M,equivalent,1,,,", with: "M,unmatched,,,,") },
         "CodeSets/maps/harmonised.sex--csww.gender.csv:9: error: unmatched source \"M\" has no comment"),
        ("unmatched and matched", "CodeSets/maps/harmonised.sex--csww.gender.csv", { $0.replacingOccurrences(of: "M,equivalent,1,,,\n", with: "M,unmatched,,,,no other code\nM,equivalent,1,,,\n") },
         "CodeSets/maps/harmonised.sex--csww.gender.csv:9: error: source code \"M\" has an unmatched row and a match"),
        ("bad relationship", "CodeSets/maps/harmonised.sex--csww.gender.csv", { $0.replacingOccurrences(of: "M,equivalent,1,,,", with: "M,equal,1,,,") },
         "CodeSets/maps/harmonised.sex--csww.gender.csv:9: error: relationship \"equal\" is not valid"),
        ("ragged row", "CodeSets/harmonised/sex.csv", { $0.replacingOccurrences(of: "U,Not known,current,,,", with: "U,Not, known,current,,,") },
         "CodeSets/harmonised/sex.csv:8: error: 7 fields where the header has 6"),
    ]

    @Test("a broken copy reports file:line: error", arguments: cases.map { ($0.0, $0.1, $0.3) })
    func reports(name: String, path: String, expected: String) throws {
        let change = Self.cases.first { $0.0 == name }!.2
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        try scratch.edit(path, change)
        let diagnostics = try Registry.check(root: scratch.root)
        #expect(diagnostics.contains { $0.description.hasPrefix(expected) },
                "expected \(expected)\ngot:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(throws: RegistryError.self) { try Registry.load(from: scratch.root) }
    }

    @Test func theUnbrokenFixtureHasNoProblems() throws {
        #expect(try Registry.check(root: Paths.mini).isEmpty)
    }
}
