import Foundation
import Testing
@testable import WorkforceStandards

/// Helpers for the ASC-WDS and LGES tests: running a CSV projection, reading its output,
/// golden files, and realistic records.
enum CSVReturnTesting {
    static let snapshots = Paths.fixtures.deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let examplePosts = Paths.repository.appendingPathComponent("Examples/posts.csv")
    /// The reference date of the golden files: the census day Examples/posts.csv was made for.
    static let referenceDate = SimpleDate(year: 2025, month: 11, day: 6)!
    static let settings = ProjectionSettings(referenceDate: referenceDate)

    /// What one record came to in a run.
    struct Outcome {
        var decision: ScopeDecision
        var problems: [RecordDiagnostic]
        var errors: [String] { problems.filter { $0.severity == .error }.map(\.rule) }
        var queries: [String] { problems.filter { $0.severity == .query }.map(\.rule) }
        var outOfScopeReason: String? { if case .outOfScope(let reason) = decision { return reason } else { return nil } }
    }

    /// Runs `type` over `records` as the pipeline does (scope, then project when in scope) and
    /// returns every output's text by name and each record's outcome.
    static func run<P: CollectionProjection>(_ type: P.Type, _ records: [PostRecord], settings: ProjectionSettings = settings) throws
        -> (outputs: [String: String], outcomes: [Outcome]) {
        var sinks: [String: MemorySink] = [:]
        for name in P.outputNames { sinks[name] = MemorySink() }
        let projection = try P(settings: settings, sinks: sinks)
        var outcomes: [Outcome] = []
        for record in records {
            let decision = projection.scope(record)
            outcomes.append(Outcome(decision: decision, problems: decision == .inScope ? projection.project(record) : []))
        }
        try projection.finish()
        return (sinks.mapValues(\.text), outcomes)
    }

    /// Runs the whole pipeline (reading, validation, projection) over exchange-format CSV, as
    /// `wds project` does.
    static func pipeline(_ type: CollectionProjection.Type, csv: Data, referenceDate: SimpleDate = referenceDate) throws
        -> (outputs: [String: String], report: ReconciliationReport, diagnostics: String) {
        let settings = ProjectionSettings(referenceDate: referenceDate)
        var sinks: [String: MemorySink] = [:]
        for name in type.outputNames { sinks[name] = MemorySink() }
        let projection = try type.init(settings: settings, sinks: sinks)
        let diagnostics = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection], diagnostics: diagnostics)
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        return (sinks.mapValues(\.text), report, diagnostics.text)
    }

    /// Exchange-format CSV for `records` (the header of the embedded standard's format).
    static func exchangeCSV(_ records: [PostRecord]) -> Data {
        let format = ExchangeFormat.standard
        var text = CSVWriter.line(format.header) + "\n"
        for record in records {
            text += CSVWriter.line(format.columns.map { PostRecordBinding.text($0.item.ref, of: record) }) + "\n"
        }
        return Data(text.utf8)
    }

    /// The golden input: Examples/posts.csv (written by `wds synth`).
    static func exampleCSV() throws -> Data {
        try #require(FileManager.default.contents(atPath: examplePosts.path), "Examples/posts.csv is missing")
    }

    /// CSV text as rows of cells (header first).
    static func rows(_ text: String) -> [[String]] { CSVParser.records(in: text).records.map(\.fields) }

    /// Every cell of a CSV output that a spreadsheet would run as a formula: it begins with
    /// =, +, -, @, tab or carriage return and is not a plain number.
    static func formulaCells(_ text: String) -> [String] {
        rows(text).flatMap { $0 }.filter { cell in
            guard let first = cell.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return false }
            return Double(cell) == nil
        }
    }

    /// Compares `text` with the golden file `name`; with RECORD_SNAPSHOTS=1 writes it instead
    /// and fails, so that a baseline is never recorded by accident.
    static func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("recorded \(url.path); run again without RECORD_SNAPSHOTS to compare", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(url.path): run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(got, want)).firstIndex { $0 != $1 } ?? min(got.count, want.count)
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1):
              expected: \(line < want.count ? String(want[line]) : "(end of file)")
              got:      \(line < got.count ? String(got[line]) : "(end of file)")
            (RECORD_SNAPSHOTS=1 re-records it when the change is intended)
            """, sourceLocation: sourceLocation)
    }

    // MARK: - realistic records

    static func date(_ text: String) -> SimpleDate { SimpleDate(text)! }

    /// A permanent, part-time care worker in a council care home, with every ASC-WDS item held.
    static func careWorker(_ id: String = "001") -> PostRecord {
        var r = PostRecord()
        r.line = 2
        r.staffID = "EMP" + id
        r.postID = "POST" + id
        r.niNumber = "JK123456C"
        r.familyName = "Okafor"
        r.givenNames = ["Grace"]
        r.dateOfBirth = date("1984-04-12")
        r.sex = "F"
        r.ethnicity = "B2"
        r.disability = "N"
        r.nationality = "826"
        r.britishCitizenship = "Y"
        r.countryOfBirth = "566"
        r.yearOfArrivalInUK = 2002
        r.homePostcode = "LS6 2AB"
        r.yearStartedInAdultSocialCare = 2008
        r.laNumber = "999"
        r.laGSSCode = "E10000999"
        r.workplaceID = "ELMHOUSE"
        r.cqcLocationID = "1-101234567"
        r.role = "R419"
        r.jobTitle = "Care Assistant"
        r.delegatedHealthcareActivities = "Y"
        r.careWorkforcePathway = "2"
        r.contractType = "PRM"
        r.contractStart = date("2019-03-04")
        r.workplaceStart = date("2019-03-04")
        r.origin = "ASC-IND"
        r.apprenticeship = "N"
        r.contractedWeeklyHours = 30
        r.fullTimeWeeklyHours = 37
        r.fte = 0.810811
        r.zeroHoursContract = "N"
        r.spinePoint = "SCP5"
        r.salaryScheme = "NJC"
        r.annualBasicPayFTE = 24_294
        r.payBasis = "A"
        r.payItems = [PayItem(type: "SHF", amount: 1_250.5)]
        r.absences = [Absence(category: "SIC", firstDay: date("2025-02-03"), lastDay: date("2025-02-05"), workingDaysLost: 3),
                      Absence(category: "ANN", firstDay: date("2025-08-04"), lastDay: date("2025-08-08"), workingDaysLost: nil)]
        r.awards = [Award(award: "2", year: 2011), Award(award: "98", year: 2023)]
        r.highestSocialCareQualificationLevel = "L3"
        r.highestOtherQualificationLevel = "L2"
        r.careCertificate = "COMP"
        r.level2AdultSocialCareCertificate = "PART"
        return r
    }

    /// The realistic set: care, nursing, social work, management, bank, agency, zero hours,
    /// hourly pay, an overseas recruit, a worker with little recorded, an "other" role.
    static func ascwdsRecords() -> [PostRecord] {
        var out: [PostRecord] = [careWorker()]

        var nurse = careWorker("002")
        nurse.niNumber = "JK654321A"
        nurse.role = "R247"
        nurse.jobTitle = "Staff Nurse"
        nurse.nmcRegistration = "RNA"
        nurse.sex = "M"
        nurse.ethnicity = "A1"
        nurse.nationality = "356"
        nurse.britishCitizenship = "N"
        nurse.countryOfBirth = "356"
        nurse.yearOfArrivalInUK = 2022
        nurse.healthAndCareVisa = "Y"
        nurse.recruitedFromOutsideUK = "Y"
        nurse.origin = "INT"
        nurse.contractedWeeklyHours = 37.5
        nurse.fullTimeWeeklyHours = 37.5
        nurse.fte = 1
        nurse.annualBasicPayFTE = 38_000
        nurse.awards = [Award(award: "28", year: 2019)]
        nurse.highestSocialCareQualificationLevel = "NONE"
        nurse.highestOtherQualificationLevel = "L6"
        out.append(nurse)

        var socialWorker = careWorker("003")
        socialWorker.niNumber = "JK111222B"
        socialWorker.role = "R242"
        socialWorker.jobTitle = "Social Worker (Adults)"
        socialWorker.approvedMentalHealthProfessional = "N"
        socialWorker.workplaceID = "ASC-NORTH"
        socialWorker.cqcLocationID = nil
        socialWorker.delegatedHealthcareActivities = "N"
        socialWorker.contractedWeeklyHours = 37
        socialWorker.fte = 1
        socialWorker.annualBasicPayFTE = 41_511
        socialWorker.spinePoint = "SCP31"
        socialWorker.awards = [Award(award: "16", year: 2015), Award(award: "19", year: 2018), Award(award: "22", year: 2020), Award(award: "26", year: 2021)]
        socialWorker.highestSocialCareQualificationLevel = "L6"
        socialWorker.absences = []
        out.append(socialWorker)

        var director = careWorker("004")
        director.niNumber = "JK222333D"
        director.role = "R104"
        director.jobTitle = "Director of Adult Social Services"
        director.workplaceID = "TOWNHALL"
        director.cqcLocationID = nil
        director.contractedWeeklyHours = 37
        director.fte = 1
        director.annualBasicPayFTE = 155_000
        director.salaryScheme = "JNCCO"
        director.spinePoint = nil
        director.payItems = []
        out.append(director)

        var bank = careWorker("005")
        bank.niNumber = "JK333444A"
        bank.role = "R418"
        bank.jobTitle = "Relief Home Carer"
        bank.contractType = "BNK"
        bank.contractedWeeklyHours = nil
        bank.fte = nil
        bank.averageWeeklyHours = 12.3
        bank.zeroHoursContract = "Y"
        bank.payBasis = "H"
        bank.hourlyRate = 12.6
        bank.annualBasicPayFTE = nil
        bank.payItems = []
        out.append(bank)

        var zeroHours = careWorker("006")
        zeroHours.niNumber = "JK444555B"
        zeroHours.role = "R418"
        zeroHours.contractType = "TMP"
        zeroHours.contractedWeeklyHours = nil
        zeroHours.fte = nil
        zeroHours.averageWeeklyHours = 20
        zeroHours.zeroHoursContract = "Y"
        zeroHours.payBasis = "H"
        zeroHours.hourlyRate = 12.6
        zeroHours.annualBasicPayFTE = nil
        out.append(zeroHours)

        var agency = careWorker("007")
        agency.niNumber = "JK555666C"
        agency.contractType = "SAG"
        agency.contractedWeeklyHours = nil
        agency.fte = nil
        agency.averageWeeklyHours = 36
        agency.zeroHoursContract = nil
        agency.payBasis = "NK"
        agency.annualBasicPayFTE = nil
        out.append(agency)

        var unknownZeroHours = careWorker("008")
        unknownZeroHours.niNumber = "JK666777D"
        unknownZeroHours.zeroHoursContract = "U"
        out.append(unknownZeroHours)

        var sparse = PostRecord()
        sparse.line = 10
        sparse.staffID = "EMP009"
        sparse.postID = "POST009"
        sparse.workplaceID = "ELMHOUSE"
        sparse.role = "R420"
        sparse.contractType = "FXT"
        sparse.contractStart = date("2025-01-06")
        out.append(sparse)

        var other = careWorker("010")
        other.niNumber = "JK777888A"
        other.role = "R430"
        other.jobTitle = "Passenger Assistant (Day Services)"
        other.contractedWeeklyHours = 18.75
        other.fte = 0.5
        out.append(other)

        var otherNoTitle = careWorker("011")
        otherNoTitle.niNumber = "JK888999B"
        otherNoTitle.role = "R430"
        otherNoTitle.jobTitle = nil
        out.append(otherNoTitle)

        var registeredManager = careWorker("012")
        registeredManager.niNumber = "JK999000C"
        registeredManager.role = "R113"
        registeredManager.jobTitle = "Registered Manager"
        registeredManager.contractedWeeklyHours = 37
        registeredManager.fte = 1
        registeredManager.annualBasicPayFTE = 45_000
        out.append(registeredManager)

        var dailyRate = careWorker("013")
        dailyRate.niNumber = "JK121212D"
        dailyRate.payBasis = "D"
        out.append(dailyRate)

        var nationalityUnknown = careWorker("014")
        nationalityUnknown.niNumber = "JK131313A"
        nationalityUnknown.nationality = "998"
        nationalityUnknown.britishCitizenship = "N"
        nationalityUnknown.healthAndCareVisa = "N"
        nationalityUnknown.countryOfBirth = "998"
        out.append(nationalityUnknown)

        for index in out.indices { out[index].line = index + 2 }
        return out
    }
}
