import Foundation
import Testing
@testable import WorkforceStandards

// The promises of a run, kept under hostile and careless inputs and runs: nothing lost,
// nothing destroyed, nothing half-written (issue 16).

/// `count` clean care workers, P1000... with distinct people.
func careWorkers(_ count: Int, from start: Int = 1000) -> [String] {
    (start..<start + count).map { index in
        Hostile.line(Hostile.with(Hostile.careWorker, ["post_identifier": "P\(index)", "staff_identifier": "S\(index)",
                                                       "national_insurance_number": String(format: "AB%06dC", index)]))
    }
}

@Suite("Run safety: nothing lost, one record cannot take the machine")
struct RunSafetyTests {
    // MARK: - records silently lost

    @Test func aQuoteClosedManyLinesLaterNamesTheSwallowedLines() throws {
        // A quote opened in an unknown extra column on line 2 and closed on line 197: 195 posts
        // between used to vanish, with "every record is accounted for".
        var lines = [Hostile.headerLine(extra: ["notes"])]
        lines.append(Hostile.rawLine(Hostile.careWorker, extra: ["\"see HR file"]))
        lines += careWorkers(195).map { $0 + "," }
        lines.append(Hostile.rawLine(Hostile.careWorker2, extra: ["checked\""]))
        lines.append(careWorkers(1, from: 5000)[0] + ",")
        let run = try Hostile.run(Array((lines.joined(separator: "\n") + "\n").utf8))
        Hostile.expectInvariants(run)
        #expect(run.report.lines.total == 199)
        #expect(run.report.lines == {
            var counts = ReconciliationReport.LineCounts()
            counts.total = 199; counts.header = 1; counts.inRecords = 198; counts.blank = 0
            return counts
        }())
        let swallowed = try #require(run.diagnostics("csv.line-break-in-field").first)
        #expect(swallowed[2] == "error")
        #expect(swallowed[6] == "notes")
        #expect(swallowed[8].contains("lines 3-198"), "\(swallowed[8])")
        // The merged record is rejected, and its reconciliation row names all its lines.
        let merged = try #require(run.reconciliation.first)
        #expect(merged[1] == "2" && merged[2] == "rejected" && merged.last == "198")
        // The record after the swallowed lines is read and projected as usual.
        #expect(run.reconciliation.count == 2)
        #expect(run.reconciliation[1][0] == "P5000" && run.reconciliation[1][2] == "valid")
        #expect(run.reconciliation[1].contains("projected"))
    }

    @Test func aFileCutMidRecordRejectsTheLastRecord() throws {
        // `head -c`: the last record ends in the middle of its pay, 24500 cut to 2450.
        let text = String(decoding: Hostile.file(HostileCorpus.clean, HostileCorpus.clean2), as: UTF8.self)
        let cut = try #require(text.range(of: "24500", options: .backwards))
        let bytes = Array(text[..<cut.lowerBound].utf8) + Array("2450".utf8)
        let run = try Hostile.run(bytes)
        Hostile.expectInvariants(run)
        #expect(run.report.input == 2 && run.report.rejected == 1)
        let diagnostic = try #require(run.diagnostics("csv.ends-mid-record").first)
        #expect(diagnostic[0] == "P2" && diagnostic[2] == "error")
        #expect(run.reconciliation.map { $0[2] } == ["valid", "rejected"], "the cut record is in no return")
        #expect(Hostile.rows(run.outputs["lges-posts.csv"] ?? "").count == 2, "the header and P1 only")
    }

    @Test func aNulByteAloneOnALineIsTheFilesProblem() throws {
        let bytes = Array((Hostile.headerLine() + "\n" + HostileCorpus.clean + "\n").utf8) + [0, 0x0A] + Array((HostileCorpus.clean2 + "\n").utf8)
        let run = try Hostile.run(bytes)
        Hostile.expectInvariants(run)
        #expect(run.report.rejected == 0, "the valid record after the NUL line is not rejected")
        #expect(run.diagnostics("csv.nul-byte").map { $0[0] } == ["file"])
        #expect(run.report.lines.blank == 1 && run.report.lines.total == 4)
    }

    // MARK: - one record cannot take the machine

    @Test func aHugeListStaysBoundedAndItsDiagnosticsCapped() throws {
        let entries = Array(repeating: "ZZ", count: 50_000).joined(separator: ";")
        let run = try Hostile.run(Hostile.file(Hostile.rawLine(Hostile.with(Hostile.careWorker, ["absence_category": entries]))))
        Hostile.expectInvariants(run)
        #expect(run.report.rejected == 1)
        #expect(run.diagnostics.count < 10, "\(run.diagnostics.count) diagnostics")
        #expect((run.outputs["diagnostics.csv"] ?? "").utf8.count < 5_000)
    }

    @Test func manyBadEntriesOfOneRuleAreCappedWithACount() throws {
        let entries = Array(repeating: "ZZ", count: 500).joined(separator: ";")
        let run = try Hostile.run(Hostile.file(Hostile.rawLine(Hostile.with(Hostile.careWorker, ["absence_category": entries]))))
        Hostile.expectInvariants(run)
        let rule = try #require(run.diagnostics.first { $0[6] == "absence_category" }?[3])
        let rows = run.diagnostics(rule)
        #expect(rows.count == ProjectionPipeline.diagnosticsPerRule + 1)
        #expect(rows.last?[8].contains("and 480 more") == true, "\(rows.last ?? [])")
        #expect(run.report.diagnosticsLeftOut == 480)
    }

    // MARK: - identity

    @Test("post ids that differ only by case or invisible characters are duplicates",
          arguments: ["p1", "P1\u{A0}", "P\u{200B}1", "\u{FEFF}P1", "Ｐ1"])
    func postIDsAreComparedNormalised(_ second: String) throws {
        let run = try Hostile.run(Hostile.file(HostileCorpus.clean, Hostile.line(Hostile.with(Hostile.careWorker2, ["post_identifier": second]))))
        Hostile.expectInvariants(run)
        let duplicate = try #require(run.diagnostics("post.duplicate").first)
        #expect(duplicate[2] == "error" && duplicate[1] == "3")
        #expect(run.report.rejected == 1)
        if second != "p1" {
            #expect(run.diagnostics("post.invisible-characters").first?[2] == "query", "the odd characters are reported")
        }
    }

    @Test func differentStaffIdsOfOneNINumberAreFoundExactly() throws {
        // Two staff ids whose fingerprints agree in their low 32 bits (what was compared).
        var seen: [UInt32: String] = [:]
        var pair: (String, String)?
        for index in 0..<2_000_000 {
            let id = "S\(index)"
            let low = UInt32(truncatingIfNeeded: FingerprintTable.fingerprint(id))
            if let other = seen[low] { pair = (other, id); break }
            seen[low] = id
        }
        let (first, second) = try #require(pair)
        let run = try Hostile.run(Hostile.file(Hostile.line(Hostile.with(Hostile.careWorker, ["staff_identifier": first])),
                                               Hostile.line(Hostile.with(Hostile.careWorker2, ["staff_identifier": second,
                                                                                               "national_insurance_number": "AB123456C"]))))
        #expect(run.diagnostics("person.ni-shared").count == 1, "\(first) and \(second) share an NI number")
    }

    @Test("a row of more fields than the parser keeps reads the same in any chunks", arguments: [1, 7, 4093])
    func tooManyFieldsAreLeftOutTheSameWay(chunk: Int) {
        let text = "a,b\n" + String(repeating: "x,", count: CSVParser.maximumFields + 1000) + "end\nc,d\n"
        let whole = CSVParser.records(in: text)
        #expect(whole.records.count == 3)
        #expect(whole.records[1].fields.count == CSVParser.maximumFields)
        #expect(whole.problems.map(\.kind) == [.tooManyFields])
        final class Box: @unchecked Sendable { var records: [CSVRecord] = []; var problems: [CSVProblem] = [] }
        let box = Box()
        var parser = CSVParser(onRecord: { box.records.append($0) }, onProblem: { box.problems.append($0) })
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { parser.feed(buffer: $0) }
            start = end
        }
        parser.finish()
        #expect(box.records == whole.records && box.problems == whole.problems)
    }

    @Test("a CSWW run over several authorities says so", arguments: [nil, "999"] as [String?])
    func severalAuthoritiesAreReported(named: String?) throws {
        // The first record in scope has a mistyped LA number; three more name 999.
        var lines = [Hostile.line(Hostile.with(Hostile.socialWorker, ["local_authority_number": "998", "post_identifier": "P9",
                                                                      "social_work_england_registration_number": "SW100099",
                                                                      "national_insurance_number": "GW000099A", "staff_identifier": "S9"]))]
        for index in 0..<3 {
            lines.append(Hostile.line(Hostile.with(Hostile.socialWorker, ["post_identifier": "P1\(index)", "staff_identifier": "S1\(index)",
                                                                          "social_work_england_registration_number": "SW20000\(index)",
                                                                          "national_insurance_number": "GW00010\(index)A"])))
        }
        var settings = ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 9, day: 30)!)
        settings.localAuthority = named
        let diagnostics = MemorySink()
        let projections = try ProjectionCatalogue.make([.csww], settings: settings) { _ in MemorySink() }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics, threads: 1)
        Hostile.file(lines[0], lines[1], lines[2], lines[3]).withUnsafeBufferPointer { pipeline.feed($0) }
        let report = try pipeline.finish()
        let found = Hostile.rows(diagnostics.text).filter { $0.count > 3 && $0[3] == "csww.authority.several" }
        if named == nil {
            // Most records of the first batch name 999: the return is for 999, and the
            // mistyped record is reported (a query, since the return is for most records).
            let diagnostic = try #require(found.first)
            #expect(diagnostic[2] == "query")
            #expect(diagnostic[8].contains("999 (3), 998 (1)") && diagnostic[8].contains("the return is for 999, the authority most records in scope of the first batch give (3 of 4)"), "\(diagnostic[8])")
            #expect(report.collections[.csww]?.projected == 3)
            #expect(report.collections[.csww]?.outOfScopeReasons == ["another local authority: this return is for 999": 1])
        } else {
            #expect(found.isEmpty)
            #expect(report.collections[.csww]?.projected == 3)
        }
    }

    /// The first batch decides; a later batch in which most records name another authority
    /// cannot change the return, and the run says so as an error (most of the file).
    @Test func aCSWWReturnKeepsTheAuthorityOfItsFirstBatch() throws {
        func worker(_ index: Int, lea: String) -> String {
            Hostile.line(Hostile.with(Hostile.socialWorker, ["local_authority_number": lea, "post_identifier": "P\(index)", "staff_identifier": "S\(index)",
                                                              "social_work_england_registration_number": "SW\(300_000 + index)",
                                                              "national_insurance_number": "GW\(String(format: "%06d", index))A"]))
        }
        // 512 rows of 999 fill the first batch; 600 of 998 follow.
        let lines = (0..<512).map { worker($0, lea: "999") } + (512..<1112).map { worker($0, lea: "998") }
        let settings = ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 9, day: 30)!)
        let diagnostics = MemorySink()
        let projections = try ProjectionCatalogue.make([.csww], settings: settings) { _ in MemorySink() }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics, threads: 1)
        Array((([Hostile.headerLine()] + lines).joined(separator: "\n") + "\n").utf8).withUnsafeBufferPointer { pipeline.feed($0) }
        let report = try pipeline.finish()
        #expect(report.collections[.csww]?.projected == 512)
        let diagnostic = try #require(Hostile.rows(diagnostics.text).first { $0.count > 8 && $0[3] == "csww.authority.several" })
        #expect(diagnostic[2] == "error")
        #expect(diagnostic[8].contains("998 (600), 999 (512)") && diagnostic[8].contains("most records name 998"), "\(diagnostic[8])")
    }

    @Test func theAuthorityOfTheCSWWReturnIsTheOneNamed() throws {
        // A mistyped LA number on the first record in scope used to make the return about it.
        let mistyped = Hostile.line(Hostile.with(Hostile.socialWorker, ["local_authority_number": "998", "post_identifier": "P9",
                                                                         "social_work_england_registration_number": "SW100099",
                                                                         "national_insurance_number": "GW000099A", "staff_identifier": "S9"]))
        var settings = ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 9, day: 30)!)
        settings.localAuthority = "999"
        let sink = MemorySink(), reconciliation = MemorySink()
        let projections = try ProjectionCatalogue.make([.csww], settings: settings) { _ in sink }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, reconciliation: reconciliation, threads: 1)
        Hostile.file(mistyped, Hostile.line(Hostile.socialWorker)).withUnsafeBufferPointer { pipeline.feed($0) }
        let report = try pipeline.finish()
        #expect(report.collections[.csww]?.projected == 1)
        #expect(report.collections[.csww]?.outOfScopeReasons == ["another local authority: this return is for 999": 1])
        #expect(sink.text.contains("<LEA>999</LEA>"), "the return is for the authority named")
        #expect(sink.text.contains("100031") && !sink.text.contains("100099"), "the worker of 999 only")
    }

    // MARK: - LGES: people, not staff ids

    /// The `lges-aggregates.csv` cell rows of a run (every table's cells, not the pay gaps),
    /// the grand total of the LGA's pay table first.
    static func aggregateCells(_ run: HostileRun) -> [[String]] {
        Hostile.rows(run.outputs["lges-aggregates.csv"] ?? "").dropFirst().filter { $0.first != "occupation_pay_gap_extension" }
    }

    @Test func twoPeopleUnderFiveStaffIdsPublishNoSalary() throws {
        // Two people (two NI numbers) hold five posts in one cell under five staff ids: a cell
        // of two people, suppressed; counted by staff id it published a headcount of five, and
        // from its mean and median both salaries could be worked out.
        var lines: [String] = []
        for index in 0..<5 {
            let person = index < 3 ? ("AB123456C", "24500") : ("CE654321A", "31200")
            lines.append(Hostile.line(Hostile.with(Hostile.careWorker, ["post_identifier": "P\(index)", "staff_identifier": "S\(index)",
                                                                         "national_insurance_number": person.0, "annual_basic_pay_fte": person.1])))
        }
        let run = try Hostile.run(Array((([Hostile.headerLine()] + lines).joined(separator: "\n") + "\n").utf8))
        Hostile.expectInvariants(run)
        #expect(run.diagnostics("person.ni-shared").count == 3, "the shared NI numbers are still queried")
        let cells = Self.aggregateCells(run)
        #expect(!cells.isEmpty)
        for cell in cells {
            #expect(cell[7] == "c", "people \(cell[7])")
            #expect(cell[8...15].allSatisfy { $0 == "c" || $0.isEmpty }, "no pay figure: \(cell)")
            #expect(cell[19] == "primary: fewer than 5 people", "\(cell)")
            #expect(!cell.joined().contains("245") && !cell.joined().contains("312"))
        }
        // Nor can any be worked out from the others (every cell of every table is hidden; the
        // attacker of the disclosure tests finds nothing).
        #expect(LGESDisclosureTests.subtract(LGESDisclosureTests.published(run.outputs["lges-aggregates.csv"] ?? "")).isEmpty)
    }

    @Test func payAbove2To32PenceIsKeptExactly() throws {
        // 5 people each with basic pay 20,000.00 and 50 payments of 999,999.99: gross pay of
        // 50,019,999.50 pounds, 5,001,999,950 pence (more than 2^32, which was clamped).
        let payments = Array(repeating: "OVT", count: 50).joined(separator: ";")
        let amounts = Array(repeating: "999999.99", count: 50).joined(separator: ";")
        var lines: [String] = []
        for index in 0..<5 {
            lines.append(Hostile.line(Hostile.with(Hostile.careWorker, ["post_identifier": "P\(index)", "staff_identifier": "S\(index)",
                                                                         "national_insurance_number": String(format: "AB%06dC", index),
                                                                         "annual_basic_pay_fte": "20000", "additional_payment_type": payments,
                                                                         "additional_payment_amount": amounts])))
        }
        let run = try Hostile.run(Array((([Hostile.headerLine()] + lines).joined(separator: "\n") + "\n").utf8))
        let cell = try #require(Self.aggregateCells(run).first)
        #expect(cell[0...6] == ["pay", "ALL", "ALL", "", "ALL", "ALL", ""], "the grand total: \(cell)")
        #expect(cell[7] == "5")
        #expect(cell[14] == "50019999.50" && cell[15] == "50019999.50", "mean and median FTE gross pay: \(cell)")
    }

    // MARK: - private temporary data

    @Test func theSpoolIsPrivateAndHasNoName() throws {
        let spool = try TextSpool(prefix: "wds-csww")
        let status = spool.fileStatus
        #expect(status.st_nlink == 0, "the spool has no name: nothing is left whatever stops the run")
        #expect(status.st_mode & 0o777 == 0o600, "readable by the run alone")
        spool.write("SW100031")
        let sink = MemorySink()
        try spool.drain(into: sink)
        #expect(sink.text == "SW100031")
    }
}
