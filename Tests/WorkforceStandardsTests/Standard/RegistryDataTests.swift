import Foundation
import Testing
@testable import WorkforceStandards

/// The real standard, as compiled into the library: integrity walk first, then pinned counts
/// and coverage against the collectors' own lists (ReferenceExpectations).
@Suite("The embedded standard")
struct RegistryDataTests {
    let registry = Registry.embedded

    @Test func hasNoErrors() {
        let errors = Registry.checkEmbedded().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(30).map(\.description).joined(separator: "\n"))")
    }

    @Test func theFilesOnDiskHaveNoProblems() throws {
        let diagnostics = try Registry.check(root: Paths.repository)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(30).map(\.description).joined(separator: "\n"))")
    }

    @Test("SOC counts", arguments: [
        (SOCVersion.soc2000, "major", 9), (.soc2000, "sub_major", 25), (.soc2000, "minor", 81), (.soc2000, "unit", 353),
        (.soc2010, "unit", 369), (.soc2020, "unit", 412),
    ])
    func socCounts(version: SOCVersion, level: String, count: Int) throws {
        let set = try #require(registry.codeSet(version.codeSetID))
        #expect(set.codes.filter { $0.attributes["level"] == level }.count == count)
    }

    @Test func socHierarchyIsSound() throws {
        for version in SOCVersion.allCases {
            let set = try #require(registry.codeSet(version.codeSetID))
            for code in set.codes where code.attributes["level"] == "unit" {
                #expect(set.ancestors(of: code.value).count == 3, "\(version) \(code.value)")
                #expect(set.isLeaf(code.value))
            }
        }
    }

    @Test func everySWFRoleIdentifierIsPresent() throws {
        let set = try #require(registry.codeSet("swf.role-identifier"))
        for code in ReferenceExpectations.swfRoleIdentifiers2012 { #expect(set.code(code) != nil, "\(code)") }
        for code in ReferenceExpectations.swfRoleIdentifiers2026 {
            #expect(set.code(code)?.isValid(inYear: 2026) == true, "\(code) valid in 2026")
        }
        #expect(set.code("CXPA")?.status == .retired)
        #expect(ReferenceExpectations.swfRoleIdentifiers2026.count == 78)
        for code in ReferenceExpectations.swfPosts2012 { #expect(registry.code(code, in: "swf.post") != nil, "post \(code)") }
    }

    @Test func everyCurrentASCWDSJobRoleIsPresentAndCurrent() throws {
        let set = try #require(registry.codeSet("ascwds.job-role"))
        for code in ReferenceExpectations.ascwdsCurrentJobRoles {
            #expect(set.code(code)?.status == .current, "job role \(code)")
        }
        #expect(set.codes.filter { $0.status == .current }.count == ReferenceExpectations.ascwdsCurrentJobRoles.count)
    }

    @Test("every collection field is answered or deliberately out of scope", arguments: [
        (CollectionID.ascwds, ReferenceExpectations.ascwdsWorkerColumns),
        (.csww, ReferenceExpectations.csswWorkerElements + ReferenceExpectations.csswLAElements),
    ])
    func coverage(collection: CollectionID, expected: [String]) throws {
        for name in expected {
            let field = try #require(registry.field(name, in: collection), "\(collection) \(name) is not in the catalogue")
            switch field.scope {
            case .inScope: #expect(registry.item(answering: name, in: collection) != nil, "\(name) has no item")
            case .derived, .outOfScope: #expect(!(field.reason ?? "").isEmpty, "\(name) needs a reason")
            }
        }
    }

    @Test func everySWFWorkforceItemIsAnsweredOrOutOfScope() throws {
        let fields = try #require(registry.fields[.swf])
        for id in ReferenceExpectations.swfWorkforceItems {
            let matches = fields.filter { $0.field == id || $0.field.hasPrefix(id + " ") || $0.position == id || $0.name.contains(id) }
            let field = try #require(matches.first, "SWF item \(id) is not in the catalogue")
            switch field.scope {
            case .inScope: #expect(registry.item(answering: field.field, in: .swf) != nil, "\(id) has no item")
            case .derived, .outOfScope: #expect(!(field.reason ?? "").isEmpty, "\(id) needs a reason")
            }
        }
    }

    @Test("harmonised sex translates to every collection's code, or says unmatched", arguments: [CollectionID.csww, .ascwds, .swf])
    func sexTranslates(collection: CollectionID) throws {
        let sex = try #require(registry.codeSet("harmonised.sex"))
        for code in sex.leafCodes {
            let translations = registry.translate(code.value, from: sex.id, to: CodeSetFamily(rawValue: collection.rawValue)!)
            #expect(!translations.isEmpty, "\(code.value) -> \(collection)")
            for translation in translations {
                #expect(!translation.matches.isEmpty || translation.unmatchedReason != nil)
                #expect(!translation.targetVersion.isEmpty)
            }
        }
    }

    @Test func everyItemIsUsableAndDocumented() {
        for item in registry.items {
            #expect(!item.definition.isEmpty, "\(item.ref)")
            // An approved item answers a collection field, or is named as an input by a derived
            // field or by another item that answers one (Q105 goes with Q104 in QUALACHnn).
            if item.status == .approved && item.kind == .dataItem && item.usages.isEmpty {
                let ref = item.ref.rawValue
                let byField = registry.fields.values.joined().contains { $0.scope == .derived && ($0.reason ?? "").contains(ref) }
                let byItem = registry.items.contains { other in
                    other.ref != item.ref && (!other.usages.isEmpty || other.kind == .aggregation)
                        && ((other.description ?? "").contains(ref) || other.definition.contains(ref) || other.usages.contains { ($0.note ?? "").contains(ref) })
                }
                #expect(byField || byItem, "approved item \(ref) \(item.name) is used nowhere")
            }
        }
    }
}

/// The embedded copy and Docs can never silently drift from the hand-edited source.
@Suite("Generated files")
struct GeneratedFilesTests {
    @Test func embeddedStandardMatchesTheSourceFiles() throws {
        let onDisk = try SourceFile.readAll(under: Paths.repository)
        let embedded = Registry.embeddedFiles
        #expect(embedded.map(\.path) == onDisk.map(\.path), "run `swift run wds generate`")
        for (compiled, source) in zip(embedded, onDisk) where compiled != source {
            Issue.record("\(source.path) differs from the embedded copy: run `swift run wds generate`")
        }
    }

    @Test func generatedSwiftSourceIsCurrent() throws {
        let onDisk = try SourceFile.readAll(under: Paths.repository)
        let version = Registry.build(from: onDisk).registry.standard.version
        let expected = EmbeddedStandardGenerator.swiftSource(for: onDisk, dataVersion: version)
        let committed = try String(contentsOf: Paths.repository.appendingPathComponent(EmbeddedStandardGenerator.outputPath), encoding: .utf8)
        #expect(committed == expected, "run `swift run wds generate`")
    }

    /// The record model (stored fields, properties, groups, bindings) is generated from the
    /// item files: it fails when an item file changed without `wds generate`.
    @Test func generatedRecordModelIsCurrent() throws {
        let onDisk = try Registry.load(from: Paths.repository)
        let outputs = RecordModelGenerator.outputs(for: onDisk)
        #expect(outputs.map(\.path) == ["Sources/WorkforceStandards/Generated/PostRecordFields.swift",
                                        "Sources/WorkforceStandards/Generated/OrganisationRecordFields.swift"])
        for (path, expected) in outputs {
            let committed = try String(contentsOf: Paths.repository.appendingPathComponent(path), encoding: .utf8)
            #expect(committed == expected, "\(path) is stale: run `swift run wds generate`")
        }
    }

    /// The organisation file's columns are the items marked `record: organisation`
    /// (Standards/items/organisation.txt and location.txt: 29 of them), in entity then
    /// reference order; those without a `swift` name are not held per post.
    @Test func organisationItemsComeFromTheItemFiles() {
        #expect(OrganisationFile.items.count == 29)
        #expect(Array(OrganisationFile.items.prefix(5)) == ["O101", "O102", "O103", "O105", "O106"])
        #expect(Array(OrganisationFile.items.suffix(3)) == ["O150", "L101", "L102"])
        #expect(OrganisationFile.items == OrganisationFile.columnItems(in: .embedded).map(\.ref))
        #expect(PostRecordBinding.notPerPost == Set(OrganisationFile.items).subtracting(["O101", "O102", "O103", "L101", "L102"]))
        #expect(Array(OrganisationFile.header().prefix(4)) == ["local_authority_number", "establishment_number", "local_authority_gss_code", "organisation_name"])
    }

    /// Adding an item (and a repeating group) to a copy of the standard is all it takes for it
    /// to be in the record model, the exchange format, validation and the docs.
    @Test func anItemAddedToTheStandardReachesRecordFormatValidationAndDocs() throws {
        let scratch = try ScratchStandard(copying: Paths.repository, folders: ["Standards", "CodeSets"])
        defer { scratch.remove() }
        try scratch.edit("Standards/items/person.txt") { text in
            text + """


            ref: P190
            name: Number of Dependants
            entity: person
            column: dependants
            swift: dependants
            class: sector-specific
            status: draft
            version: 1
            definition: A fixture item: how many people depend on the person.
            type: integer
            range: 0..20

            ref: P191
            name: Language Spoken
            entity: person
            column: language_spoken
            group: language
            swift: language
            class: sector-specific
            status: draft
            version: 1
            definition: A fixture item: a language the person speaks.
            type: text
            length: 20

            ref: P192
            name: Language Level
            entity: person
            column: language_level
            group: language
            swift: level
            class: sector-specific
            status: draft
            version: 1
            definition: A fixture item: how well.
            type: integer
            range: 1..5
            """
        }
        // An organisation item: a column of the organisation file, not held per post.
        try scratch.edit("Standards/items/organisation.txt") { text in
            text + """


            ref: O190
            name: Number of Sites
            entity: organisation
            column: number_of_sites
            record: organisation
            class: sector-specific
            status: draft
            version: 1
            definition: A fixture item: how many sites the organisation works from.
            type: integer
            range: 0..500
            """
        }
        try scratch.edit("Standards/groups.txt") { text in
            text + "\ngroup: language\nkind: repeating\nswift: languages\ntype: Language\ndefinition: A language spoken.\n"
        }
        let registry = try Registry.load(from: scratch.root)

        // The record: a stored field, a public property, and its binding both ways.
        let source = RecordModelGenerator.swiftSource(for: registry)
        #expect(source.contains("    var dependants: Int?\n"))
        #expect(source.contains("    /// P190 Number of Dependants.\n    /// A fixture item: how many people depend on the person.\n    public var dependants: Int? {\n"))
        #expect(source.contains("case \"P190\": return { r, first in r.dependants = first?.integer }"))
        #expect(source.contains("case \"P190\": return integerText(r.dependants)"))
        // The group: a sixth repeating group, its entry type, and its columns' bindings.
        #expect(source.contains("    var languages: [Language] = []\n"))
        #expect(source.contains("public struct Language: Codable, Sendable, Equatable {"))
        #expect(source.contains("    public init(language: String, level: Int? = nil) {"))
        #expect(source.contains("        case language\n"))
        #expect(source.contains("            case .language: return [\"P191\", \"P192\"]\n"))
        #expect(source.contains("typealias GroupLanes = SIMD8<Int>"))
        #expect(source.contains("case \"P192\": return { r, values in fill(&r.languages, values) { $0.level = $1?.integer } }"))
        #expect(source.contains("case \"P192\": return list(r.languages.map { integerText($0.level) })"))
        // Nothing of the standard's own model changed but the additions.
        let current = RecordModelGenerator.swiftSource(for: .embedded)
        #expect(current.contains("    var dependants") == false && current.contains("P190") == false)

        // The exchange format: a column under the name the item file gives it, in entity order.
        let format = ExchangeFormat(registry: registry)
        let column = try #require(format.column(named: "dependants"))
        #expect(column.item.ref == "P190" && !column.isList)
        #expect(format.column(named: "language_level")?.isList == true)
        let refs = format.columns.map(\.item.ref)
        #expect(refs.firstIndex(of: "P190") == refs.firstIndex(of: "P117").map { $0 + 1 }, "after the person's last item")

        // Validation: the item's range is checked like every other item's.
        var reader = PostRecordReader(registry: registry, format: format)
        _ = reader.readHeader(CSVRecord(fields: ["post_identifier", "dependants"], line: 1))
        let bad = reader.read(CSVRecord(fields: ["P1", "25"], line: 2)).diagnostics
        #expect(bad.map(\.itemRef) == ["P190"] && bad.map(\.column) == ["dependants"] && bad.map(\.value) == ["25"])
        #expect(reader.read(CSVRecord(fields: ["P2", "3"], line: 3)).diagnostics.isEmpty)

        // The docs: the item's page, with its exchange column.
        let docs = DocumentationGenerator.files(for: registry)
        let page = try #require(docs["items/P190.md"])
        #expect(page.contains("Number of Dependants") && page.contains("`dependants`"))

        // The organisation item: in the generated organisation model, after O150 Region and
        // before the location items; not held per post, so no post record field or column.
        let organisation = RecordModelGenerator.organisationSwiftSource(for: registry)
        #expect(organisation.contains("        \"O150\", // Region\n        \"O190\", // Number of Sites\n        \"L101\", // Workplace Identifier\n"))
        #expect(organisation.contains("    static let notPerPost: Set<ItemReference> = [\n"))
        #expect(organisation.components(separatedBy: "\"O190\", // Number of Sites").count == 3, "in the file's items and in notPerPost")
        #expect(!source.contains("O190") && format.column(for: "O190") == nil)
        #expect(!RecordModelGenerator.organisationSwiftSource(for: .embedded).contains("O190"))
        // Its column in the organisation file, read and checked like every other.
        #expect(OrganisationFile.header(registry: registry).contains("number_of_sites"))
        let sites = OrganisationFile.read("local_authority_number,establishment_number,number_of_sites\n999,2000,12\n999,2001,900\n", registry: registry)
        #expect(sites.directory.records.map { $0.values["O190"] } == ["12"])
        #expect(sites.diagnostics.map(\.itemRef) == ["O190"] && sites.diagnostics.map(\.column) == ["number_of_sites"]
                && sites.diagnostics.map(\.value) == ["900"] && sites.diagnostics.map(\.line) == [3])
        // The embedded standard's organisation file has no such column.
        #expect(OrganisationFile.read("local_authority_number,number_of_sites\n999,12\n").diagnostics.map(\.rule) == ["organisations.unknown-column"])
        let sitesPage = try #require(docs["items/O190.md"])
        #expect(sitesPage.contains("Number of Sites") && sitesPage.contains("`number_of_sites`"))
    }
}
