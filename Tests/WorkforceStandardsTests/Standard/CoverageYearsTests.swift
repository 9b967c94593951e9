import Foundation
import Testing
@testable import WorkforceStandards

/// The collection years of each catalogue field (the `years` column, shown on the coverage
/// page), checked against the collectors' own definitions of each year.
@Suite("Coverage per collection year")
struct CoverageYearsTests {
    /// CSWW: the fields of each census year are the elements of that year's schema (the XSDs in
    /// Fixtures, with their SOURCE files), less the elements that only hold others.
    @Test(arguments: [(2022, "csww_2022.xsd"), (2023, "csww_2023.xsd"), (2024, "csww_2024.xsd"), (2025, "csww_2025.xsd")])
    func cswwFieldsOfAYearAreTheElementsOfItsSchema(year: Int, schema: String) throws {
        let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(schema), encoding: .utf8)
        var elements = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"<xs:element[^>]*\bname="([A-Za-z0-9]+)""#)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            elements.insert(String(text[Range(match.range(at: 1), in: text)!]))
        }
        let containers: Set<String> = ["Message", "Header", "CollectionDetails", "Source", "LALevelVacancies", "LALevel", "CSWWWorker"]
        let fields = Set(try #require(Registry.embedded.fields[.csww]).filter { $0.isIn(year: year) }.map(\.field))
        #expect(fields == elements.subtracting(containers), "only fields: \(fields.subtracting(elements)); only elements: \(elements.subtracting(containers).subtracting(fields))")
    }

    /// ASC-WDS: the worker-file columns added since 2024 (research extract
    /// nmds/worker_columns_history.csv, from the git history of Skills for Care's
    /// workerHeaders.js: HANDCVISA and INOUTUK 2024-06, L2CARECERT 2024-08, TRANSFERSTAFFRECORD
    /// 2024-11, CWPCATEGORY 2025-05, DHA 2025-08) are not in earlier years; the rest are.
    @Test func ascwdsWorkerColumnsFollowTheirHistory() throws {
        let fields = try #require(Registry.embedded.fields[.ascwds]).filter { !$0.field.contains("@") }
        func columns(_ year: Int) -> Set<String> { Set(fields.filter { $0.isIn(year: year) }.map(\.field)) }
        let all = Set(fields.map(\.field))
        #expect(all.subtracting(columns(2023)) == ["HANDCVISA", "INOUTUK", "L2CARECERT", "TRANSFERSTAFFRECORD", "CWPCATEGORY", "DHA"])
        #expect(all.subtracting(columns(2024)) == ["CWPCATEGORY", "DHA"])
        #expect(columns(2025) == all && columns(2026) == all)
        #expect(!(Registry.embedded.fields[.ascwds] ?? []).contains { $0.field.contains("@") && $0.hasOwnYears })
    }

    @Test func yearsAreCheckedWhenTheStandardIsLoaded() {
        #expect(RegistryLoader.yearRange("2024-", within: 2019...2026) == 2024...2026)
        #expect(RegistryLoader.yearRange("-2023", within: 2022...2025) == 2022...2023)
        #expect(RegistryLoader.yearRange("2024", within: nil) == 2024...2024)
        #expect(RegistryLoader.yearRange("2018-", within: 2019...2026) == nil, "outside the catalogue's years")
        #expect(RegistryLoader.yearRange("2025-2024", within: nil) == nil)
        #expect(RegistryLoader.yearRange("24-", within: 2019...2026) == nil)
        #expect(RegistryLoader.yearRange("-", within: 2019...2026) == nil)
    }
}
