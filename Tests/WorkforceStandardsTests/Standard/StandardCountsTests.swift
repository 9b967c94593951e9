import Foundation
import Testing
@testable import WorkforceStandards

/// Pinned counts of the embedded standard (issue 20, item 8). Each count is asserted twice:
/// against a literal, so that a change to the standard must change this test on purpose, and
/// against the hand-edited files counted here with plain line reading (not the registry's
/// loader), so that the embedded tables cannot lose or gain an entry unnoticed.
///
/// The literals were counted from Standards/ and CodeSets/ on 2026-12-07 with `grep -c` and a
/// line count of each CSV's data rows. When the standard changes, recount and update them here.
extension RegistryDataTests {
    /// The data rows of a code-set, map or catalogue CSV: its lines after the `# key: value`
    /// metadata and the header, non-empty. (No file of the standard has a quoted line break:
    /// `wds check-registry` would not stop one, so a count going wrong here is a hint to look.)
    static func dataRows(_ url: URL) throws -> [Substring] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        return Array(lines.drop { $0.hasPrefix("#") }.dropFirst())
    }

    static func csvFiles(under folder: String) throws -> [URL] {
        let root = Paths.repository.appendingPathComponent(folder)
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { root.appendingPathComponent($0) }
    }

    /// The expected figures: the literal, then what the files on disk say.
    struct Pinned {
        static let roles = 251
        static let roleGroups = 36           // 6 major groups G1..G6 and 30 sub-groups
        static let items = 132               // `ref:` records in Standards/items/*.txt
        static let aggregations = 10         // of which `kind: aggregation`
        static let itemFiles = 12            // one per entity
        static let codeSets = 122            // CSVs under CodeSets/ other than maps/ and indexes/
        static let codes = 4940              // their data rows
        static let maps = 71                 // CSVs under CodeSets/maps/
        static let collectionFields: [CollectionID: Int] = [.swf: 92, .ascwds: 104, .csww: 46, .lges: 13]
    }

    @Test func rolesAreCounted() throws {
        let rows = try Self.dataRows(Paths.repository.appendingPathComponent("CodeSets/harmonised/role.csv"))
        let onDisk = rows.filter { $0.hasPrefix("R") }.count
        let groups = rows.filter { $0.hasPrefix("G") }.count
        #expect(onDisk == Pinned.roles)
        #expect(groups == Pinned.roleGroups)
        #expect(onDisk + groups == rows.count, "role.csv holds only roles and groups")
        #expect(registry.roles.count == Pinned.roles)
        #expect(registry.codeSet("harmonised.role")?.codes.count == Pinned.roles + Pinned.roleGroups)
    }

    @Test func itemsAreCounted() throws {
        let folder = Paths.repository.appendingPathComponent("Standards/items")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        var refs = 0, aggregations = 0
        for name in files {
            for line in try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n") {
                if line.hasPrefix("ref: ") { refs += 1 }
                if line == "kind: aggregation" { aggregations += 1 }
            }
        }
        #expect(files.count == Pinned.itemFiles)
        #expect(refs == Pinned.items)
        #expect(aggregations == Pinned.aggregations)
        #expect(registry.items.count == Pinned.items)
        #expect(registry.items.filter { $0.kind == .aggregation }.count == Pinned.aggregations)
    }

    @Test func codeSetsAndMapsAreCounted() throws {
        let all = try Self.csvFiles(under: "CodeSets")
        let maps = all.filter { $0.path.contains("/CodeSets/maps/") }
        let sets = all.filter { !$0.path.contains("/CodeSets/maps/") && !$0.path.contains("/CodeSets/indexes/") }
        let codes = try sets.reduce(0) { $0 + (try Self.dataRows($1).count) }
        #expect(sets.count == Pinned.codeSets)
        #expect(codes == Pinned.codes)
        #expect(maps.count == Pinned.maps)
        #expect(registry.codeSets.count == Pinned.codeSets)
        #expect(registry.codeSets.reduce(0) { $0 + $1.codes.count } == Pinned.codes)
        #expect(registry.maps.count == Pinned.maps)
    }

    @Test func collectionFieldsAreCounted() throws {
        for (collection, expected) in Pinned.collectionFields {
            let file = Paths.repository.appendingPathComponent("Standards/collections/\(collection.rawValue).csv")
            #expect(try Self.dataRows(file).count == expected, "\(collection) on disk")
            #expect(registry.fields[collection]?.count == expected, "\(collection) embedded")
        }
        #expect(Pinned.collectionFields.values.reduce(0, +) == 255)
        #expect(registry.fields.count == 4)
    }
}
