import Foundation
import Testing
@testable import WorkforceStandards

/// Every rule id a projection writes is in the public catalogue (issue 20, item 5): each
/// collection's rules are the cases of its ``CollectionRule`` enumeration, listed by its
/// projection, and no diagnostic of the example data, of synthetic records or of this suite's
/// fixtures names a collection rule the catalogue lacks.
@Suite("Collection rule catalogue")
struct CollectionRuleCatalogueTests {
    static let prefixes = ["swf.", "ascwds.", "lges.", "csww."]

    /// The catalogue's entries by rule id.
    static let catalogue = Dictionary(uniqueKeysWithValues: ProjectionCatalogue.allRules.map { ($0.rule.rawValue, $0) })

    @Test func eachCollectionListsItsOwnRulesOnce() {
        // Counted by hand from the raise sites in Sources/WorkforceStandards/Projection/<C>/.
        let counts: [CollectionID: Int] = [.swf: 38, .ascwds: 60, .lges: 12, .csww: 38]
        for collection in CollectionID.allCases {
            let rules = ProjectionCatalogue.rules(for: collection)
            #expect(rules.count == counts[collection], "\(collection)")
            #expect(Set(rules.map(\.rule)).count == rules.count, "\(collection): a rule listed twice")
            for entry in rules {
                #expect(entry.rule.collection == collection, "\(entry.rule)")
                #expect(!entry.valid.isEmpty, "\(entry.rule)")
                #expect(!DiagnosticRule.standard.contains(entry.rule), "\(entry.rule)")
            }
        }
        #expect(ProjectionCatalogue.allRules.count == 148)
        #expect(ProjectionCatalogue.rules(for: .swf).contains(DiagnosticRule.Entry(rule: DiagnosticRule("swf.tenure.unmapped"), severity: .query,
            valid: "a harmonised code that maps to a code of the SWF field valid in the census year")))
        #expect(ASCWDSRule.dropped(column: "NINUMBER").rawValue == "ascwds.ninumber.dropped")
        #expect(CSWWRule.authoritySeveral.severity == .error && LGESRule.laCodeMissing.severity == .query)
    }

    /// Every ASC-WDS column the mapper can leave empty has its own rule, named after it.
    @Test func everyDroppedColumnHasItsRule() {
        let mapper = ASCWDSMapper(settings: ProjectionSettings(referenceDate: SimpleDate("2025-09-30")!))
        let optional = Mirror(reflecting: mapper.columns).children.compactMap { ($0.value as? CollectionCodeLookup.Field)?.name }
            .filter { !["EMPLSTATUS", "MAINJOBROLE"].contains($0) }
        #expect(optional.count == 21)
        for column in optional + ["NINUMBER", "POSTCODE", "YEAROFENTRY", "SALARY", "HOURLYRATE", "QUALACH02", "QUALACH03"] {
            #expect(ASCWDSRule.dropped(column: column).rawValue == "ascwds.\(column.lowercased()).dropped")
        }
    }

    /// The diagnostics of a run over `text` on every collection.
    static func diagnostics(_ text: String, settings: ProjectionSettings) throws -> [RecordDiagnostic] {
        let projections = try ProjectionCatalogue.make(CollectionID.allCases, settings: settings) { _ in MemorySink() }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, threads: 1)
        var diagnostics: [RecordDiagnostic] = []
        pipeline.diagnosticHandler = { diagnostics.append($0) }
        pipeline.feed(text)
        _ = try pipeline.finish()
        return diagnostics
    }

    /// Each collection diagnostic's rule is catalogued, raised no more severely than its entry says.
    static func expectCatalogued(_ diagnostics: [RecordDiagnostic], _ source: String) -> Set<String> {
        var seen: Set<String> = []
        for diagnostic in diagnostics where prefixes.contains(where: diagnostic.rule.hasPrefix) {
            seen.insert(diagnostic.rule)
            guard let entry = catalogue[diagnostic.rule] else {
                Issue.record("\(source): rule \(diagnostic.rule) is not in the catalogue")
                continue
            }
            #expect(diagnostic.severity <= entry.severity, "\(source): \(diagnostic.rule) raised as \(diagnostic.severity)")
        }
        return seen
    }

    @Test func theExampleDataRaisesOnlyCataloguedRules() throws {
        let posts = try String(contentsOf: Paths.repository.appendingPathComponent("Examples/posts.csv"), encoding: .utf8)
        let organisations = try String(contentsOf: Paths.repository.appendingPathComponent("Examples/organisations.csv"), encoding: .utf8)
        var settings = ProjectionSettings(referenceDate: SimpleDate("2025-11-06")!)
        let without = Self.expectCatalogued(try Self.diagnostics(posts, settings: settings), "Examples/posts.csv")
        settings.organisations = OrganisationFile.read(organisations).directory
        let with = Self.expectCatalogued(try Self.diagnostics(posts, settings: settings), "Examples/posts.csv with organisations")
        #expect(!without.union(with).isEmpty, "the example data raises some collection rules")
    }

    @Test func syntheticRecordsRaiseOnlyCataloguedRules() throws {
        let date = SimpleDate("2025-11-06")!
        let synth = SyntheticWorkforce(seed: 23, referenceDate: date)
        let writer = ExchangeWriter()
        var text = writer.headerLine
        for index in 0..<4_000 {
            let (record, overrides) = synth.record(index)
            text += writer.line(for: record, overrides: overrides)
        }
        let seen = Self.expectCatalogued(try Self.diagnostics(text, settings: ProjectionSettings(referenceDate: date)), "synthetic records")
        #expect(seen.count >= 5, "synthetic records raise several collection rules: \(seen.sorted())")
    }

    /// The rule ids this suite's tests and fixtures name (string literals such as
    /// `"csww.swe-number.duplicate"`) are catalogued; code set and map ids and file names are not rules.
    /// The projections name each rule by its case: no rule id is written as a string in a
    /// collection folder (outside its rule enumeration, where the cases are declared), and
    /// every collection rule id written anywhere in the library is catalogued.
    @Test func theProjectionsNameRulesByCase() throws {
        let registry = Registry.embedded
        let literal = try Regex(#""((?:swf|ascwds|lges|csww)\.[a-z0-9_.\-]*)""#)
        var strays: [String] = []
        for line in try PublicSurfaceTests.sourceLines() where !line.file.hasSuffix("Rules.swift") {
            let code = line.text.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if ["Projection/SWF/", "Projection/ASCWDS/", "Projection/LGES/", "Projection/CSWW/"].contains(where: line.file.hasPrefix), code.contains(#"rule: ""#) || code.contains(#".missing""#) || code.contains(#".unmapped""#) {
                strays.append("\(line.file):\(line.number): \(line.text)")
            }
            for match in code.matches(of: literal) {
                let id = String(match.output[1].substring ?? "")
                if id.hasSuffix(".xml") || id.hasSuffix(".csv") || id.hasSuffix(".txt") { continue }
                if registry.codeSet(CodeSetID(id)) != nil || registry.map(ConceptMapID(id)) != nil { continue }
                if Self.catalogue[id] == nil { strays.append("\(line.file):\(line.number): \(id) is not catalogued") }
            }
        }
        #expect(strays == [])
    }

    /// Literals of the suite that look like rule ids and are not: prefixes searched for
    /// (`ascwds.previous`, `lges.region`) and ids made up to be refused (a code set the fixture
    /// lacks, an FHIR id with an underscore).
    static let notRules: Set<String> = ["ascwds.previous", "lges.region", "csww.nothing", "swf.role_identifier"]

    @Test func theRulesTheTestsNameAreCatalogued() throws {
        let registry = Registry.embedded
        let pattern = try Regex(#""((?:swf|ascwds|lges|csww)\.[a-z0-9_.\-]+)""#)
        var named: Set<String> = []
        let files = FileManager.default.enumerator(at: Paths.testTarget, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let id = String(match.output[1].substring ?? "")
                if id.hasSuffix(".xml") || id.hasSuffix(".csv") || id.hasSuffix(".") { continue }
                if registry.codeSet(CodeSetID(id)) != nil || registry.map(ConceptMapID(id)) != nil || Self.notRules.contains(id) { continue }
                named.insert(id)
            }
        }
        #expect(named.count >= 20, "the suite names many collection rules: \(named.count)")
        for id in named.sorted() {
            #expect(Self.catalogue[id] != nil, "the tests name \(id), which is not in the catalogue")
        }
    }
}
