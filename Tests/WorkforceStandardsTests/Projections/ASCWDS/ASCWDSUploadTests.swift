import Foundation
import Testing
@testable import WorkforceStandards

/// The whole ASC-WDS bulk upload: the workplace, staff and training files of the example data
/// checked across files by the independent rules (ASCWDSReferenceUploadValidator), and the
/// lifecycle against a previous upload.
@Suite("ASC-WDS upload")
struct ASCWDSUploadTests {
    typealias T = CSVReturnTesting
    static let today = SimpleDate(year: 2025, month: 12, day: 1)!
    static let organisationsPath = Paths.repository.appendingPathComponent("Examples/organisations.csv")

    static func exampleOrganisations() throws -> OrganisationDirectory {
        let text = try String(contentsOf: organisationsPath, encoding: .utf8)
        let (directory, diagnostics) = OrganisationFile.read(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return directory
    }

    /// The pipeline over `csv`, as `wds project --to ascwds --year 2025 --organisations ...` runs it.
    static func upload(csv: Data, previous: ASCWDSPreviousUpload? = nil, organisations: OrganisationDirectory? = nil) throws
        -> (outputs: [String: String], report: ReconciliationReport, diagnostics: String) {
        var settings = ProjectionSettings(collection: .ascwds, year: 2025)
        settings.organisations = try organisations ?? exampleOrganisations()
        settings.ascwdsPrevious = previous
        var sinks: [String: MemorySink] = [:]
        for name in ASCWDSProjection.outputNames { sinks[name] = MemorySink() }
        let projection = try ASCWDSProjection(settings: settings, sinks: sinks)
        let diagnostics = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection], diagnostics: diagnostics)
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        return (sinks.mapValues(\.text), report, diagnostics.text)
    }

    static func files(_ outputs: [String: String]) -> ASCWDSReferenceUploadValidator.Upload {
        .init(workers: outputs["ascwds-workers.csv"]!, workplaces: outputs["ascwds-workplaces.csv"]!, training: outputs["ascwds-training.csv"])
    }

    @Test func theExampleUploadRaisesNoErrorInAnyFileOrAcrossThem() throws {
        let (outputs, report, diagnostics) = try Self.upload(csv: try T.exampleCSV())
        #expect(report.addsUp)
        let counts = try #require(report.collections[.ascwds])
        let workers = T.rows(outputs["ascwds-workers.csv"]!).count - 1
        let workplaces = T.rows(outputs["ascwds-workplaces.csv"]!)
        let training = T.rows(outputs["ascwds-training.csv"]!).count - 1
        #expect(workers == counts.projected && workers > 40)
        // The 40 workplaces of the organisation data, less those with no staff (TOTALPERMTEMP 0 is
        // only for a head office), each of which has a query.
        let withoutStaff = diagnostics.components(separatedBy: "ascwds.workplace.no-staff").count - 1
        #expect(withoutStaff > 0 && workplaces.count - 1 == 41 - withoutStaff && training > 20)
        // The account's own workplace, a head office (MAINSERVICE 72), is written with no staff.
        #expect(workplaces.contains { $0.first == "NCCASC" && $0[15] == "72" && $0[24] == "0" })
        let messages = ASCWDSReferenceUploadValidator(today: Self.today).validate(Self.files(outputs))
        let errors = messages.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        // TOTALPERMTEMP equals the worker rows (no 2200), and no DHA answer is ignored (5662, 5663).
        #expect(!messages.contains { [2200, 5662, 5663].contains($0.code) }, "\(messages)")
        // The figures: the totals of STARTERS, LEAVERS and VACANCIES come from the records.
        let header = workplaces[0]
        func total(_ column: String) -> Int {
            workplaces.dropFirst().reduce(0) { sum, row in sum + row[header.firstIndex(of: column)!].split(separator: ";").reduce(0) { $0 + Int($1)! } }
        }
        #expect(total("TOTALPERMTEMP") == workers)
        #expect(total("LEAVERS") == total("REASONNOS") && total("LEAVERS") > 0 && total("STARTERS") > 0 && total("VACANCIES") > 0)
    }

    @Test func theIndependentRulesCatchBrokenWorkplaceAndTrainingLines() throws {
        let (outputs, _, _) = try Self.upload(csv: try T.exampleCSV())
        let validator = ASCWDSReferenceUploadValidator(today: Self.today)
        func codes(workplaces: String? = nil, training: String? = nil, workers: String? = nil) -> Set<Int> {
            var upload = Self.files(outputs)
            if let workplaces { upload.workplaces = workplaces }
            if let training { upload.training = training }
            if let workers { upload.workers = workers }
            return Set(validator.validate(upload).filter { $0.severity == .error }.map(\.code))
        }
        let workplaceText = outputs["ascwds-workplaces.csv"]!
        var lines = workplaceText.split(separator: "\n").map(String.init)
        // ASC1: a care home (REGTYPE 2), 3 staff in roles 7 and 8.
        let at = try #require(lines.firstIndex { $0.hasPrefix("ASC1,") })
        let first = lines[at]
        #expect(first.contains(",3,7;8,0;0,0;0,0;0,"), "the line the changes below are made to")
        lines[at] = first.replacingOccurrences(of: ",3,7;8,0;0,0;0,0;0,", with: ",3,7;8,1;0;0,0;0,0;0,")
        #expect(codes(workplaces: lines.joined(separator: "\n") + "\n").contains(1310))
        lines[at] = first.replacingOccurrences(of: ",3,7;8,0;0,0;0,0;0,", with: ",3,7;8,0;0,0;1,0;0,")
        #expect(codes(workplaces: lines.joined(separator: "\n") + "\n").contains(1360), "a leaver with no reason")
        lines[at] = first.replacingOccurrences(of: ",3,7;8,", with: ",1000,7;8,")
        #expect(codes(workplaces: lines.joined(separator: "\n") + "\n").contains(1200))
        // Dropping a workplace line: its workers' LOCALESTID is in no workplace line (997).
        lines = workplaceText.split(separator: "\n").map(String.init)
        lines.remove(at: at)
        #expect(codes(workplaces: lines.joined(separator: "\n") + "\n").contains(997))
        let training = outputs["ascwds-training.csv"]!.split(separator: "\n").map(String.init)
        var broken = training
        broken[1] = broken[1].replacingOccurrences(of: ",28,", with: ",3,")
        #expect(codes(training: (broken.prefix(2) + [""]).joined(separator: "\n")).contains(1050) || training[1].contains(",28,") == false)
        broken = [training[0], "ASC1,NOBODY,2,Moving and handling,1,,,,,01/02/2025,01/01/2025,"]
        #expect(codes(training: broken.joined(separator: "\n") + "\n") == [0, 1030])
        // The worker file's rules still apply, with the workplace file known: a registered
        // manager (4) at a workplace that is not CQC-regulated (REGTYPE 0).
        let workers = outputs["ascwds-workers.csv"]!.split(separator: "\n").map(String.init)
        let header = workers[0].split(separator: ",").map(String.init)
        var line = workers[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        line[header.firstIndex(of: "MAINJOBROLE")!] = "4"
        let regulated = workplaceText.split(separator: "\n").map(String.init).map { $0.hasPrefix(line[0] + ",") ? $0.replacingOccurrences(of: ",2,1-", with: ",0,1-") : $0 }
        #expect(codes(workplaces: regulated.joined(separator: "\n") + "\n", workers: ([workers[0], line.joined(separator: ",")] + workers.dropFirst(2)).joined(separator: "\n") + "\n").contains(1280))
    }

    // MARK: - the lifecycle

    static func worker(_ id: String, at workplace: String = "ELMHOUSE", ni: String? = nil) -> PostRecord {
        var record = T.careWorker()
        record.staffID = id
        record.postID = "P-" + id
        record.workplaceID = workplace
        record.niNumber = ni
        return record
    }

    static let organisations: OrganisationDirectory = {
        let text = """
        local_authority_number,workplace_identifier,organisation_name,main_service,cqc_location_id
        999,ELMHOUSE,Elm House,2,1-1000001
        999,OAKHOUSE,Oak House,2,1-1000002
        999,ASHDAY,Ash Day Centre,6,

        """
        return OrganisationFile.read(text).directory
    }()

    @Test func aSecondUploadSaysOfEachWorkerWhatChanged() throws {
        // The first upload: four workers at Elm House, one at Oak House.
        let first = [Self.worker("A", ni: "AB123456C"), Self.worker("B", ni: "AB123457C"), Self.worker("C", ni: "AB123458C"),
                     Self.worker("D", ni: "AB123459C"), Self.worker("E", at: "OAKHOUSE", ni: "AB123460C")]
        let (firstOutputs, firstReport, _) = try Self.upload(csv: T.exchangeCSV(first), organisations: Self.organisations)
        #expect(firstReport.collections[.ascwds]?.projected == 5)
        #expect(T.rows(firstOutputs["ascwds-workers.csv"]!).dropFirst().allSatisfy { $0[2] == "NEW" })
        // ASC-WDS also holds a workplace the council has since closed (entered by hand).
        let closed = "GONE,NEW,Gone House" + String(repeating: ",", count: ASCWDSWorkplaceFile.header.count - 3) + "\n"
        let previous = ASCWDSPreviousUpload(files: [("workers.csv", firstOutputs["ascwds-workers.csv"]!),
                                                   ("workplaces.csv", firstOutputs["ascwds-workplaces.csv"]! + closed),
                                                   ("training.csv", firstOutputs["ascwds-training.csv"]!)])
        #expect(previous.diagnostics.isEmpty && previous.workers.count == 5 && previous.workplaces.count == 3)

        // The second: A unchanged, B's hours changed, C re-keyed as C2 (same NI number), D left,
        // F new, E moved from Oak House to Elm House.
        var b = Self.worker("B", ni: "AB123457C")
        b.contractedWeeklyHours = 20
        let second = [Self.worker("A", ni: "AB123456C"), b, Self.worker("C2", ni: "AB123458C"), Self.worker("F", ni: "AB123461C"),
                      Self.worker("E", ni: "AB123460C")]
        let (outputs, report, diagnostics) = try Self.upload(csv: T.exchangeCSV(second), previous: previous, organisations: Self.organisations)
        #expect(report.addsUp && report.collections[.ascwds]?.projected == 5)
        let rows = T.rows(outputs["ascwds-workers.csv"]!)
        #expect(Array(rows[0].prefix(4)) == ["LOCALESTID", "UNIQUEWORKERID", "CHGUNIQUEWRKID", "STATUS"])
        let lines = rows.dropFirst().map { ($0[0], $0[1], $0[2], $0[3]) }
        #expect(lines.map(\.0) == ["ELMHOUSE", "ELMHOUSE", "ELMHOUSE", "ELMHOUSE", "ELMHOUSE", "ELMHOUSE", "OAKHOUSE"])
        #expect(lines.map(\.1) == ["A", "B", "C", "F", "E", "D", "E"])
        #expect(lines.map(\.2) == ["", "", "C2", "", "", "", ""])
        #expect(lines.map(\.3) == ["NOCHANGE", "UPDATE", "UPDATE", "NEW", "NEW", "DELETE", "DELETE"])
        // A DELETE line holds the keys and DISPLAYID only (no NI number or hours to count twice).
        let ni = rows[0].firstIndex(of: "NINUMBER")!, hours = rows[0].firstIndex(of: "CONTHOURS")!, display = rows[0].firstIndex(of: "DISPLAYID")!
        #expect(rows.suffix(2).allSatisfy { $0[ni].isEmpty && $0[hours].isEmpty && !$0[display].isEmpty })
        #expect(diagnostics.contains("ascwds.uniqueworkerid.changed") && diagnostics.contains("ascwds.worker.moved-workplace"))
        // Workplaces: Elm House's figures changed (UPDATE); Oak House lost its only worker, and
        // a workplace with no staff is not written (TOTALPERMTEMP 0 is only for a head office).
        let workplaces = T.rows(outputs["ascwds-workplaces.csv"]!).dropFirst().map { ($0[0], $0[1], $0[24]) }
        // As ASC-WDS holds Oak House, its line stays as held (NOCHANGE), so that E's DELETE line
        // names a workplace of the file.
        // The closed workplace, in neither the organisation data nor the records, is deleted.
        #expect(workplaces.map(\.0) == ["ELMHOUSE", "OAKHOUSE", "GONE"])
        #expect(workplaces.map(\.1) == ["UPDATE", "NOCHANGE", "DELETE"])
        #expect(workplaces.map(\.2) == ["5", "1", ""])
        #expect(diagnostics.contains("ascwds.workplace.no-staff") && diagnostics.contains("OAKHOUSE"))
        // ASC-WDS's rules, with what it holds: no error in any file.
        var validator = ASCWDSReferenceUploadValidator(today: Self.today)
        validator.existingWorkplaces = ["ELMHOUSE", "OAKHOUSE", "GONE"]
        validator.existingWorkers = Set(first.map { "\($0.workplaceID!)|\($0.staffID!)" })
        let errors = validator.validate(Self.files(outputs)).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        // A third upload of the same records changes nothing.
        let again = ASCWDSPreviousUpload(files: [("w.csv", outputs["ascwds-workers.csv"]!), ("p.csv", outputs["ascwds-workplaces.csv"]!)])
        let (third, _, _) = try Self.upload(csv: T.exchangeCSV(second), previous: again, organisations: Self.organisations)
        #expect(T.rows(third["ascwds-workers.csv"]!).dropFirst().allSatisfy { $0[3] == "NOCHANGE" })
    }

    @Test func aReKeyedWorkerAndAnotherUnderTheOldIdentifierMakeNoDuplicateLine() throws {
        let (first, _, _) = try Self.upload(csv: T.exchangeCSV([Self.worker("C", ni: "AB123458C")]), organisations: Self.organisations)
        let previous = ASCWDSPreviousUpload(files: [("w.csv", first["ascwds-workers.csv"]!), ("p.csv", first["ascwds-workplaces.csv"]!)])
        // C2 takes over C's record (same NI number); a later record again called C would be a
        // second line for that record (998), so it is rejected with a diagnostic.
        let (outputs, report, diagnostics) = try Self.upload(csv: T.exchangeCSV([Self.worker("C2", ni: "AB123458C"), Self.worker("C", ni: "AB123999C")]),
                                                             previous: previous, organisations: Self.organisations)
        #expect(report.addsUp && report.collections[.ascwds]?.projected == 1 && report.collections[.ascwds]?.rejected == 1)
        #expect(diagnostics.contains("ascwds.uniqueworkerid.duplicate"))
        let rows = T.rows(outputs["ascwds-workers.csv"]!)
        #expect(rows.count == 2 && rows[1][1] == "C" && rows[1][2] == "C2" && rows[1][3] == "UPDATE")
    }

    @Test func badInputIsReportedNotDropped() throws {
        // A workplace with no organisation row: the worker is rejected with a diagnostic.
        let (outputs, report, diagnostics) = try Self.upload(csv: T.exchangeCSV([Self.worker("A", at: "NOWHERE")]), organisations: Self.organisations)
        #expect(report.addsUp && report.collections[.ascwds]?.rejected == 1)
        #expect(diagnostics.contains("ascwds.workplace.no-organisation") && diagnostics.contains("NOWHERE") && diagnostics.contains("L101"))
        #expect(T.rows(outputs["ascwds-workers.csv"]!).count == 1)
        // A registered manager at a day centre (not CQC-regulated): error 1280 avoided by rejecting.
        var manager = Self.worker("M", at: "ASHDAY")
        manager.role = "R113"
        let (_, managerReport, managerDiagnostics) = try Self.upload(csv: T.exchangeCSV([manager]), organisations: Self.organisations)
        #expect(managerReport.collections[.ascwds]?.rejected == 1 && managerDiagnostics.contains("ascwds.mainjobrole.registered-manager-not-regulated"))
        // An unknown file among the previous upload's.
        let previous = ASCWDSPreviousUpload(files: [("notes.csv", "name,value\nx,1\n")])
        #expect(previous.diagnostics.map(\.rule) == ["ascwds.previous.unknown-file"])
        let (_, withUnknown, unknownDiagnostics) = try Self.upload(csv: T.exchangeCSV([Self.worker("A")]), previous: previous, organisations: Self.organisations)
        #expect(withUnknown.fileProblems >= 1 && unknownDiagnostics.contains("notes.csv"))
    }

    @Test func goldenFilesOfTheExampleUpload() throws {
        let (outputs, _, _) = try Self.upload(csv: try T.exampleCSV())
        try T.expectSnapshot(outputs["ascwds-workplaces.csv"]!, named: "ascwds-workplaces.csv")
        try T.expectSnapshot(outputs["ascwds-training.csv"]!, named: "ascwds-training.csv")
    }
}

/// The acceptance command, end to end: `wds project --to ascwds --year 2025 --organisations
/// Examples/organisations.csv Examples/posts.csv`, then the same with `--previous` naming the
/// first run's folder.
@Suite("ASC-WDS upload from the command line")
struct ASCWDSUploadCLITests {
    @Test func theExampleUploadAndASecondUploadAgainstIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wds-ascwds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first").path, second = folder.appendingPathComponent("second").path
        let posts = Paths.repository.appendingPathComponent("Examples/posts.csv").path
        let organisations = ASCWDSUploadTests.organisationsPath.path
        let run = wds("project", "--to", "ascwds", "--year", "2025", "--organisations", organisations, "--out-dir", first, posts)
        // 1: the example data has three invalid records, on purpose.
        #expect(run.status == 1 && run.err.contains("every record is accounted for"), "\(run.err)")
        func read(_ directory: String, _ name: String) throws -> String {
            try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
        }
        let upload = ASCWDSReferenceUploadValidator.Upload(workers: try read(first, "ascwds-workers.csv"), workplaces: try read(first, "ascwds-workplaces.csv"),
                                                           training: try read(first, "ascwds-training.csv"))
        let errors = ASCWDSReferenceUploadValidator(today: ASCWDSUploadTests.today).validate(upload).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(CSVReturnTesting.rows(upload.training!).count > 20)

        // Against the first run's folder (its diagnostics and reconciliation are passed over):
        // nothing changed, so every line is NOCHANGE, and nothing new is reported.
        let again = wds("project", "--to", "ascwds", "--year", "2025", "--organisations", organisations, "--previous", first, "--out-dir", second, posts)
        #expect(again.status == 1 && !again.err.contains("ascwds.previous"), "\(again.err)")
        let workers = CSVReturnTesting.rows(try read(second, "ascwds-workers.csv"))
        #expect(workers[0][2] == "CHGUNIQUEWRKID" && workers.count == CSVReturnTesting.rows(upload.workers).count)
        #expect(workers.dropFirst().allSatisfy { $0[3] == "NOCHANGE" && $0[2].isEmpty })
        #expect(CSVReturnTesting.rows(try read(second, "ascwds-workplaces.csv")).dropFirst().allSatisfy { $0[1] == "NOCHANGE" })
        #expect(try read(second, "diagnostics.csv").components(separatedBy: "\n").count == (try read(first, "diagnostics.csv")).components(separatedBy: "\n").count)

        // A file in the folder that is no upload file: reported by name, nothing else read from it.
        try "some notes\n".write(toFile: (first as NSString).appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let third = folder.appendingPathComponent("third").path
        let stray = wds("project", "--to", "ascwds", "--year", "2025", "--organisations", organisations, "--previous", first, "--out-dir", third, posts)
        #expect(stray.status == 1)
        let diagnostics = try read(third, "diagnostics.csv")
        #expect(diagnostics.contains("ascwds.previous.unknown-file") && diagnostics.contains("notes.txt"))
        // A --previous that is not a folder is a usage error.
        #expect(wds("project", "--to", "ascwds", "--previous", posts, "--out-dir", third, posts).status == 64)
    }
}
