import Foundation
import Testing
@testable import WorkforceStandards

/// `wds export fhir` and `wds export sssom`: counts, determinism, and what each resource and
/// row says, read back with Foundation's JSON parser and plain text splitting (not with the
/// exporters' own types). scripts/check-exports.sh validates the same files with the PyPI
/// packages fhir.resources (R5) and sssom.
@Suite struct ExportTests {
    static let registry = Result { try Registry.load(from: Paths.repository) }

    // MARK: - the repository's standard

    @Test func resourceCountsArePinnedAndFollowTheStandardsFiles() throws {
        let registry = try Self.registry.get()
        let resources = try FHIRExport(registry: registry, settings: try ExportSettings()).resources()
        func count(_ type: String) -> Int { resources.filter { $0.type == type }.count }

        // Pinned: a change to these is a change to what terminology servers load.
        #expect(count("CodeSystem") == 601)
        #expect(count("ValueSet") == 53)
        #expect(count("ConceptMap") == 71)
        #expect(resources.count == 725)
        #expect(try FHIRExport(registry: registry, settings: try ExportSettings()).files().count == 726, "the resources and one Bundle")
        #expect(try SSSOMExport(registry: registry, settings: try ExportSettings()).files().count == 71)

        // Worked out from the files themselves: a collection's set has one version per year
        // of its `# years:`, every other set one; one map per file of CodeSets/maps; one
        // value set per coded item.
        let manager = FileManager.default
        let codeSets = Paths.repository.appendingPathComponent("CodeSets")
        var codeSystems = 0
        for family in try manager.contentsOfDirectory(atPath: codeSets.path) where !["maps", "indexes"].contains(family) {
            let folder = codeSets.appendingPathComponent(family)
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasSuffix(".csv") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                let years = text.split(separator: "\n").first { $0.hasPrefix("# years:") }.map { $0.dropFirst("# years:".count).trimmingCharacters(in: .whitespaces) }
                let bounds = years?.split(separator: "-").compactMap { Int($0) } ?? []
                if ["harmonised", "soc"].contains(family) || bounds.isEmpty {
                    codeSystems += 1
                } else {
                    codeSystems += (bounds.last! - bounds.first! + 1)
                }
            }
        }
        #expect(count("CodeSystem") == codeSystems)
        let mapFiles = try manager.contentsOfDirectory(atPath: codeSets.appendingPathComponent("maps").path).filter { $0.hasSuffix(".csv") }
        #expect(count("ConceptMap") == mapFiles.count)
        #expect(Set(resources.filter { $0.type == "ConceptMap" }.map(\.id)) == Set(mapFiles.map { String($0.dropLast(4)) }))
        var domains = 0
        let items = Paths.repository.appendingPathComponent("Standards/items")
        for name in try manager.contentsOfDirectory(atPath: items.path) where name.hasSuffix(".txt") {
            domains += try String(contentsOf: items.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("domain:") }.count
        }
        #expect(count("ValueSet") == domains)
        for id in ["soc.soc2000", "soc.soc2010", "soc.soc2020", "harmonised.role"] {
            #expect(resources.contains { $0.type == "CodeSystem" && $0.id == id }, "no CodeSystem \(id)")
        }
    }

    @Test func twoRunsWriteTheSameBytes() throws {
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("wds-export-\(UUID().uuidString)")
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("wds-export-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for folder in [first, second] {
            for format in ["fhir", "sssom"] {
                let result = wds("export", format, "--out-dir", folder.appendingPathComponent(format).path)
                #expect(result.status == 0, "\(result.err)")
            }
        }
        let one = try DocFiles.read(first), two = try DocFiles.read(second)
        #expect(one.count == 726 + 71)
        #expect(one.keys.sorted() == two.keys.sorted())
        let different = one.keys.filter { one[$0] != two[$0] }.sorted()
        #expect(different.isEmpty, "differ between runs: \(different.prefix(5))")
        // Stable formatting: no dates, no machine paths.
        let leaked = one.filter { $0.value.contains(first.path) || $0.value.contains("\"date\"") || $0.value.contains("mapping_date") }.keys.sorted()
        #expect(leaked.isEmpty, "\(leaked.prefix(5))")
    }

    @Test func roleCodeSetCarriesItsHierarchySOCCodesAndRegistration() throws {
        let registry = try Self.registry.get()
        let export = FHIRExport(registry: registry, settings: try ExportSettings())
        let resource = try #require(try export.resources().first { $0.id == "harmonised.role" })
        let json = try Self.object(resource.json.rendered())
        #expect(json["hierarchyMeaning"] as? String == "classified-with")
        let concept = try #require(Self.concept("R244", in: json))
        let properties = Self.properties(of: concept)
        // CodeSets/harmonised/role.csv: R244,...,2010,,G2C,2442,2442,0.8955,2461,0.9866
        // and role-profiles.txt: registration: Social Work England (or NMC)
        #expect(properties["parent"]?["valueCode"] as? String == "G2C")
        let soc2000 = properties["soc2000"]?["valueCoding"] as? [String: Any]
        #expect(soc2000?["system"] as? String == "https://example.org/wds/CodeSystem/soc.soc2000")
        #expect(soc2000?["code"] as? String == "2442")
        #expect((properties["soc2020"]?["valueCoding"] as? [String: Any])?["code"] as? String == "2461")
        #expect((properties["soc2010Share"]?["valueDecimal"] as? NSNumber)?.doubleValue == 0.8955)
        #expect(properties["registration"]?["valueString"] as? String == "Social Work England (or NMC)")
        #expect(properties["validFrom"]?["valueInteger"] as? Int == 2010)
        #expect((concept["definition"] as? String)?.isEmpty == false)
    }

    // MARK: - the mini standard, piece by piece

    @Test func conceptMapsCarryRelationshipsSharesAndNoMap() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        try scratch.edit("CodeSets/maps/harmonised.sex--csww.gender.csv") {
            $0.replacingOccurrences(of: "M,equivalent,1,,,", with: "M,unmatched,,,,\"the census records no \"\"male\"\" code\tat all\"")
        }
        let registry = try Registry.load(from: scratch.root)
        let settings = try ExportSettings(baseURL: "https://standards.example.gov.uk/wds/")
        let files = try Self.files(FHIRExport(registry: registry, settings: settings).files())

        let sex = try Self.object(#require(files["ConceptMap-harmonised.sex--csww.gender.json"]))
        #expect(sex["url"] as? String == "https://standards.example.gov.uk/wds/ConceptMap/harmonised.sex--csww.gender")
        #expect(sex["version"] as? String == "0.1.0")
        #expect(sex["status"] as? String == "draft")
        let group = try #require((sex["group"] as? [[String: Any]])?.first)
        #expect(group["source"] as? String == "https://standards.example.gov.uk/wds/CodeSystem/harmonised.sex")
        #expect(group["target"] as? String == "https://standards.example.gov.uk/wds/CodeSystem/csww.gender")
        let elements = try #require(group["element"] as? [[String: Any]])
        #expect(elements.map { $0["code"] as? String } == ["F", "M", "U"])
        #expect(elements[1]["noMap"] as? Bool == true)
        #expect(elements[1]["target"] == nil)
        let reason = (elements[1]["extension"] as? [[String: Any]])?.first
        #expect(reason?["url"] as? String == "https://standards.example.gov.uk/wds/StructureDefinition/unmatched-reason")
        #expect(reason?["valueString"] as? String == "the census records no \"male\" code\tat all")
        let unknown = try #require(elements[2]["target"] as? [[String: Any]])
        #expect(unknown.map { $0["code"] as? String } == ["0", "9"])
        #expect(unknown.map { $0["relationship"] as? String } == ["source-is-broader-than-target", "source-is-broader-than-target"])
        #expect(unknown.first?["display"] as? String == "Not Known")
        #expect(unknown.first?["comment"] as? String == "not known or not specified")
        #expect(sex["property"] == nil, "no shares, so no share property")

        let soc = try Self.object(#require(files["ConceptMap-soc.soc2000--soc.soc2010.json"]))
        #expect((soc["property"] as? [[String: Any]])?.map { $0["code"] as? String } == ["share", "reverseShare"])
        let socElements = try #require(((soc["group"] as? [[String: Any]])?.first?["element"]) as? [[String: Any]])
        let targets = try #require(socElements.first?["target"] as? [[String: Any]])
        #expect(targets.map { $0["relationship"] as? String } == ["source-is-broader-than-target", "related-to"])
        let shares = targets.map { target in ((target["property"] as? [[String: Any]]) ?? []).map { "\($0["code"]!)=\(($0["valueDecimal"] as? NSNumber)?.doubleValue ?? -1)" } }
        #expect(shares == [["share=0.9", "reverseShare=1.0"], ["share=0.1", "reverseShare=0.2"]])

        // Every coded item gets a value set over its domain.
        let valueSet = try Self.object(#require(files["ValueSet-P104.json"]))
        let include = ((valueSet["compose"] as? [String: Any])?["include"] as? [[String: Any]])?.first
        #expect(include?["system"] as? String == "https://standards.example.gov.uk/wds/CodeSystem/harmonised.sex")
        #expect(include?["version"] as? String == "0.1.0")

        // The bundle holds every other file.
        let bundle = try Self.object(#require(files["Bundle-mini.json"]))
        #expect(bundle["type"] as? String == "collection")
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        #expect(entries.count == files.count - 1)
        #expect(entries.contains { $0["fullUrl"] as? String == "https://standards.example.gov.uk/wds/ConceptMap/harmonised.sex--csww.gender" })
    }

    @Test func collectionSetsHaveAVersionPerYearWithStatusAndValidity() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        try scratch.edit("CodeSets/csww/gender.csv") {
            $0.replacingOccurrences(of: "# years: 2022", with: "# years: 2020-2022")
                .replacingOccurrences(of: "0,Not Known,current,2022,,", with: "0,Not Known,retired,2020,2021,")
                .replacingOccurrences(of: "1,Male,current,2022,,", with: "1,Male,current,2021,,")
        }
        let registry = try Registry.load(from: scratch.root)
        let files = try Self.files(FHIRExport(registry: registry, settings: try ExportSettings()).files())
        #expect(files.keys.filter { $0.hasPrefix("CodeSystem-csww.gender") }.sorted()
                == ["CodeSystem-csww.gender-2020.json", "CodeSystem-csww.gender-2021.json", "CodeSystem-csww.gender-2022.json"])
        func statuses(_ year: Int) throws -> [String: String] {
            let json = try Self.object(#require(files["CodeSystem-csww.gender-\(year).json"]))
            #expect(json["version"] as? String == "\(year)")
            #expect(json["url"] as? String == "https://example.org/wds/CodeSystem/csww.gender")
            #expect(json["count"] as? Int == (json["concept"] as? [Any])?.count)
            var result: [String: String] = [:]
            for concept in json["concept"] as? [[String: Any]] ?? [] {
                result[concept["code"] as! String] = Self.properties(of: concept)["status"]?["valueCode"] as? String
            }
            return result
        }
        // 0 is valid 2020-2021, 1 from 2021, 2 and 9 from 2022 (as the fixture says).
        #expect(try statuses(2020) == ["0": "active"])
        #expect(try statuses(2021) == ["0": "active", "1": "active"])
        #expect(try statuses(2022) == ["0": "retired", "1": "active", "2": "active", "9": "active"])
        let latest = try Self.object(#require(files["CodeSystem-csww.gender-2022.json"]))
        let zero = try #require(Self.concept("0", in: latest))
        #expect(Self.properties(of: zero)["validFrom"]?["valueInteger"] as? Int == 2020)
        #expect(Self.properties(of: zero)["validTo"]?["valueInteger"] as? Int == 2021)
        // The harmonised set is not versioned by year.
        let sex = try Self.object(#require(files["CodeSystem-harmonised.sex.json"]))
        #expect(sex["version"] as? String == "0.1.0")
        #expect((sex["concept"] as? [[String: Any]])?.map { $0["display"] as? String } == ["Female", "Male", "Not known"])
    }

    @Test func sssomRowsFollowTheRelationship() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        for file in ["CodeSets/maps/harmonised.sex--csww.gender.csv", "CodeSets/maps/soc.soc2000--soc.soc2010.csv"] {
            try scratch.edit(file) { $0.replacingOccurrences(of: "# licence: none", with: "# licence: Open Government Licence v3.0") }
        }
        try scratch.edit("CodeSets/maps/harmonised.sex--csww.gender.csv") {
            $0.replacingOccurrences(of: "M,equivalent,1,,,", with: "M,unmatched,,,,no code")
        }
        let registry = try Registry.load(from: scratch.root)
        let files = try Self.files(SSSOMExport(registry: registry, settings: try ExportSettings()).files())
        #expect(files.keys.sorted() == ["harmonised.sex--csww.gender.sssom.tsv", "soc.soc2000--soc.soc2010.sssom.tsv"])

        let sex = try #require(files["harmonised.sex--csww.gender.sssom.tsv"])
        let metadata = sex.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(metadata.contains("#mapping_set_id: \"https://example.org/wds/sssom/harmonised.sex--csww.gender.sssom.tsv\""))
        #expect(metadata.contains("#mapping_set_version: \"0.1.0\""))
        #expect(metadata.contains("#license: \"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\""))
        #expect(metadata.contains("#  harmonised_sex: \"https://example.org/wds/CodeSystem/harmonised.sex/\""))
        #expect(metadata.contains("#object_source_version: \"2022\""))
        let rows = sex.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification", "confidence", "comment"])
        #expect(rows.dropFirst().map { [$0[0], $0[2], $0[3]] } == [
            ["harmonised_sex:F", "skos:exactMatch", "csww_gender:2"],
            ["harmonised_sex:M", "skos:relatedMatch", "sssom:NoTermFound"],
            ["harmonised_sex:U", "skos:narrowMatch", "csww_gender:0"],
            ["harmonised_sex:U", "skos:narrowMatch", "csww_gender:9"],
        ])
        #expect(rows.allSatisfy { $0.count == 8 })

        let soc = try #require(files["soc.soc2000--soc.soc2010.sssom.tsv"])
        let socRows = soc.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(socRows.map { [$0[0], $0[2], $0[3], $0[6]] } == [
            ["soc_soc2000:2442", "skos:narrowMatch", "soc_soc2010:2442", "0.9"],
            ["soc_soc2000:2442", "skos:relatedMatch", "soc_soc2010:2443", "0.1"],
            ["soc_soc2000:2443", "skos:broadMatch", "soc_soc2010:2443", "1.0"],
        ])
        #expect(socRows[1][7] == "reverse share 0.2")
    }

    @Test func aMapWithoutAKnownLicenceIsNamedNotDropped() throws {
        // The mini fixture's maps say `licence: none`, which SSSOM cannot state as a URL.
        let result = wds("export", "sssom", "--root", Paths.mini.path, "--out-dir", FileManager.default.temporaryDirectory.appendingPathComponent("wds-export-\(UUID().uuidString)").path)
        #expect(result.status == 1)
        #expect(result.err.contains("map harmonised.sex--csww.gender: licence \"none\" has no known URL"), "\(result.err)")
    }

    @Test(arguments: [
        ("ftp://example.org/wds", "must start with https:// or http://"),
        ("https://", "has no host"),
        ("https://example.org/a b", "holds \" \""),
        ("https://example.org/wds|2", "holds \"|\""),
    ])
    func aBadBaseURLIsAUsageError(base: String, reason: String) {
        let result = wds("export", "fhir", "--base", base, "--out-dir", "/nonexistent/never-written")
        #expect(result.status == 64)
        #expect(result.err.contains("base URL \"\(base)\" is not usable: it \(reason)"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/never-written"))
    }

    @Test func idsFHIRCannotTakeAreRefusedByName() {
        #expect(throws: ExportError.invalidResourceID(String(repeating: "a", count: 65), reason: "it has 65 characters")) {
            try FHIRExport.checkedID(String(repeating: "a", count: 65))
        }
        #expect(throws: ExportError.invalidResourceID("swf.role_identifier", reason: "it holds \"_\"")) {
            try FHIRExport.checkedID("swf.role_identifier")
        }
        #expect((try? FHIRExport.checkedID("harmonised.yes-no-unknown--ascwds.britishcitizenship")) != nil)
        #expect(FHIRExport.computableName("harmonised.sex--csww.gender") == "HarmonisedSexCswwGender")
        #expect(FHIRExport.computableName("2020 list") == "C2020List")
    }

    @Test func usageErrors() {
        #expect(wds("export", "xml", "--out-dir", "/tmp/x").status == 64)
        #expect(wds("export", "fhir").err.contains("give --out-dir DIR"))
        #expect(wds("export", "--out-dir", "/tmp/x").status == 64)
    }

    @Test func jsonTextIsEscapedAndReadsBack() throws {
        let tricky = "quote \" backslash \\ tab \t newline \n bell \u{07} nul \u{00} Ünïcode ✓ </script>"
        let value = JSONValue.object([
            ("text", .string(tricky)), ("share", .decimal(0.532)), ("year", .integer(2010)), ("flag", .bool(false)),
            ("list", .array([.string("a"), .object([("nested", .array([]))])])),
        ])
        let text = value.rendered()
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"share\": 0.532"))
        let parsed = try Self.object(text)
        #expect(parsed["text"] as? String == tricky)
        #expect(parsed["year"] as? Int == 2010)
        #expect(parsed["flag"] as? Bool == false)
        // Only objects and arrays of scalars share a line.
        #expect(JSONValue.object([("a", .array([.integer(1), .integer(2)]))]).rendered() == "{\n  \"a\": [1, 2]\n}\n")
        #expect(JSONValue.array([.object([("code", .string("x")), ("valueInteger", .integer(1))])]).rendered() == "[\n  {\"code\": \"x\", \"valueInteger\": 1}\n]\n")
    }

    // MARK: - helpers

    static func files(_ files: [ExportFile]) -> [String: String] {
        Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func concept(_ code: String, in codeSystem: [String: Any]) -> [String: Any]? {
        (codeSystem["concept"] as? [[String: Any]])?.first { $0["code"] as? String == code }
    }

    /// A concept's property values by code.
    static func properties(of concept: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for property in concept["property"] as? [[String: Any]] ?? [] {
            if let code = property["code"] as? String { result[code] = property }
        }
        return result
    }
}
