import Foundation
import Testing
@testable import WorkforceStandards

/// The ASC-WDS worker file: header, scope, rejection, every conditional column, and the file
/// checked by an independent implementation of ASC-WDS's validator (ASCWDSReferenceValidator).
@Suite("ASC-WDS projection")
struct ASCWDSProjectionTests {
    typealias T = CSVReturnTesting
    static let output = ASCWDSProjection.outputNames[0]
    /// The day the validator is imagined to run: a few weeks after the census day.
    static let validator = ASCWDSReferenceValidator(today: SimpleDate(year: 2025, month: 12, day: 1)!)

    /// The projected cells of one record, by column name.
    static func cells(_ record: PostRecord, settings: ProjectionSettings = T.settings) throws -> (cells: [String: String], outcome: T.Outcome) {
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, [record], settings: settings)
        let rows = T.rows(outputs[output]!)
        guard rows.count == 2 else { return ([:], outcomes[0]) }
        return (Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1])), outcomes[0])
    }

    // MARK: - header

    @Test func headerIsExactlyTheFixedColumnsOfTheWorkerFile() throws {
        #expect(ASCWDSWorkerRow.header == ASCWDSReferenceValidator.header)
        #expect(ASCWDSWorkerRow.header.count == 44)
        // The catalogue lists the same columns in the same order, plus the optional ones.
        let optional: Set<String> = ["CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD", "QUALACHnn", "QUALACHnnNOTES"]
        let catalogue = try #require(Registry.embedded.fields[.ascwds]).filter { !optional.contains($0.field) && !$0.field.contains("@") }
            .sorted { Int($0.position)! < Int($1.position)! }.map(\.field)
        #expect(catalogue == ASCWDSWorkerRow.header)
        let (outputs, _) = try T.run(ASCWDSProjection.self, [])
        #expect(outputs[Self.output] == ASCWDSWorkerRow.header.joined(separator: ",") + "\n")
        // The workplace and training files: their catalogue fields, in order, are the reference headers.
        let fields = try #require(Registry.embedded.fields[.ascwds])
        #expect(fields.filter { $0.field.hasSuffix("@workplace") }.map { String($0.field.dropLast("@workplace".count)) } == ASCWDSReferenceUploadValidator.workplaceHeader)
        #expect(fields.filter { $0.field.hasSuffix("@training") }.map { String($0.field.dropLast("@training".count)) } == ASCWDSReferenceUploadValidator.trainingHeader)
        #expect(ASCWDSWorkplaceFile.header == ASCWDSReferenceUploadValidator.workplaceHeader && ASCWDSWorkplaceFile.trainingHeader == ASCWDSReferenceUploadValidator.trainingHeader)
    }

    // MARK: - the validator's verdict

    @Test func realisticRecordsRaiseNoErrorInASCWDSValidation() throws {
        let records = T.ascwdsRecords()
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, records)
        for (record, outcome) in zip(records, outcomes) {
            #expect(outcome.decision == .inScope, "\(record.displayID): \(outcome.decision)")
            #expect(outcome.errors.isEmpty, "\(record.displayID): \(outcome.problems)")
        }
        let text = outputs[Self.output]!
        #expect(T.rows(text).count == records.count + 1)
        var validator = Self.validator
        validator.workplaces = Set(records.compactMap(\.workplaceID))
        validator.cqcRegulatedWorkplaces = Set(records.filter { $0.cqcLocationID != nil }.compactMap(\.workplaceID))
        let errors = validator.validate(text).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func exampleDataRaisesNoErrorInASCWDSValidation() throws {
        let (outputs, report, _) = try T.pipeline(ASCWDSProjection.self, csv: try T.exampleCSV())
        let text = outputs[Self.output]!
        let counts = try #require(report.collections[.ascwds])
        #expect(counts.projected > 10)
        #expect(T.rows(text).count == counts.projected + 1)
        #expect(report.addsUp)
        let errors = Self.validator.validate(text).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }

    // MARK: - the validator itself (so that it cannot pass vacuously)

    /// A worker line written by hand from the column rules, valid in every column.
    static let validLine: [String: String] = [
        "LOCALESTID": "HOME 1", "UNIQUEWORKERID": "W1", "STATUS": "new", "DISPLAYID": "W1", "NINUMBER": "AB 12 34 56 C",
        "POSTCODE": "SW1A 1AA", "DOB": "1/2/1980", "GENDER": "2", "ETHNICITY": "31", "NATIONALITY": "356", "BRITISHCITIZENSHIP": "2",
        "COUNTRYOFBIRTH": "356", "YEAROFENTRY": "2001", "DISABLED": "0", "CARECERT": "3", "L2CARECERT": "1;2024", "RECSOURCE": "16",
        "HANDCVISA": "1", "INOUTUK": "2", "STARTDATE": "01/06/2015", "STARTINSECT": "2010", "DHA": "1", "APPRENTICE": "999",
        "EMPLSTATUS": "1", "ZEROHRCONT": "2", "DAYSSICK": "4.5", "SALARYINT": "1", "SALARY": "21000", "HOURLYRATE": "",
        "MAINJOBROLE": "8", "MAINJRDESC": "", "CONTHOURS": "37.5", "AVGHOURS": "", "NMCREG": "", "AMHP": "", "SCQUAL": "1;0",
        "NONSCQUAL": "1", "CWPCATEGORY": "998", "QUALACH01": "98;2020", "QUALACH01NOTES": "", "QUALACH02": "", "QUALACH02NOTES": "",
        "QUALACH03": "", "QUALACH03NOTES": "",
    ]

    static func csv(_ lines: [[String: String]]) -> String {
        ([ASCWDSReferenceValidator.header] + lines.map { line in ASCWDSReferenceValidator.header.map { line[$0] ?? "" } })
            .map(CSVWriter.line).joined(separator: "\n") + "\n"
    }

    @Test func theHandWrittenLineIsValid() {
        let messages = Self.validator.validate(Self.csv([Self.validLine]))
        #expect(messages.isEmpty, "\(messages)")
    }

    /// One broken line per error-level rule of worker_validation_messages.csv.
    struct Broken: CustomTestStringConvertible, Sendable {
        var changes: [String: String]
        var code: Int
        var testDescription: String { "\(code) " + changes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
    }

    static let brokenLines: [Broken] = [
        Broken(changes: ["LOCALESTID": ""], code: 1010),
        Broken(changes: ["LOCALESTID": String(repeating: "L", count: 50)], code: 1010),
        Broken(changes: ["UNIQUEWORKERID": ""], code: 1020),
        Broken(changes: ["UNIQUEWORKERID": String(repeating: "é", count: 50)], code: 1020),
        Broken(changes: ["STATUS": "ADD"], code: 1040),
        Broken(changes: ["STATUS": "UPDATE"], code: 1040),
        Broken(changes: ["DISPLAYID": ""], code: 1050),
        Broken(changes: ["DISPLAYID": String(repeating: "D", count: 50)], code: 1050),
        Broken(changes: ["NINUMBER": "AB1234567C"], code: 1060),
        Broken(changes: ["NINUMBER": "A B123456C"], code: 1060),
        Broken(changes: ["POSTCODE": "SW1A1AA"], code: 1070),
        Broken(changes: ["POSTCODE": "SW1A  1AA"], code: 1070),
        Broken(changes: ["GENDER": "5"], code: 1090),
        Broken(changes: ["GENDER": "M"], code: 1090),
        Broken(changes: ["ETHNICITY": "30"], code: 1100),
        Broken(changes: ["ETHNICITY": "W1"], code: 1100),
        Broken(changes: ["NATIONALITY": "British"], code: 1110),
        Broken(changes: ["NATIONALITY": "3"], code: 1110),
        Broken(changes: ["BRITISHCITIZENSHIP": "3"], code: 1120),
        Broken(changes: ["COUNTRYOFBIRTH": "UK"], code: 1130),
        Broken(changes: ["COUNTRYOFBIRTH": "1000"], code: 1130),
        Broken(changes: ["YEAROFENTRY": "01"], code: 1380),
        Broken(changes: ["YEAROFENTRY": "2031"], code: 1380),
        Broken(changes: ["YEAROFENTRY": "1979"], code: 1380),
        Broken(changes: ["DISABLED": "4"], code: 1150),
        Broken(changes: ["CARECERT": "4"], code: 1160),
        Broken(changes: ["RECSOURCE": "3"], code: 1180),
        Broken(changes: ["RECSOURCE": "x"], code: 1180),
        Broken(changes: ["EMPLSTATUS": ""], code: 1220),
        Broken(changes: ["EMPLSTATUS": "6"], code: 1220),
        Broken(changes: ["ZEROHRCONT": "3"], code: 1230),
        Broken(changes: ["ZEROHRCONT": "1"], code: 1230),
        Broken(changes: ["ZEROHRCONT": "999", "CONTHOURS": "999"], code: 1230),
        Broken(changes: ["SALARYINT": "2"], code: 1250),
        Broken(changes: ["SALARYINT": "x"], code: 1250),
        Broken(changes: ["SALARYINT": "3", "HOURLYRATE": "11.5"], code: 1251),
        Broken(changes: ["HOURLYRATE": "11.50"], code: 1252),
        Broken(changes: ["SALARY": "499"], code: 1260),
        Broken(changes: ["SALARY": "200001"], code: 1260),
        Broken(changes: ["SALARY": "21000.50"], code: 1260),
        Broken(changes: ["SALARYINT": "3", "SALARY": "", "HOURLYRATE": "11.505"], code: 1270),
        Broken(changes: ["MAINJOBROLE": ""], code: 1280),
        Broken(changes: ["MAINJOBROLE": "22"], code: 1280),
        Broken(changes: ["MAINJOBROLE": "4", "LOCALESTID": "OFFICE"], code: 1280),
        Broken(changes: ["MAINJOBROLE": "23"], code: 1290),
        Broken(changes: ["MAINJOBROLE": "27", "MAINJRDESC": String(repeating: "d", count: 120)], code: 1290),
        Broken(changes: ["SCQUAL": "3"], code: 1360),
        Broken(changes: ["SCQUAL": "1"], code: 1360),
        Broken(changes: ["NONSCQUAL": "0"], code: 1370),
        Broken(changes: ["QUALACH01": "x;2020"], code: 5010),
        Broken(changes: ["QUALACH01": "500;2020"], code: 5010),
        Broken(changes: ["QUALACH01": "98;1900"], code: 5015),
        Broken(changes: ["QUALACH02": "98;20x0"], code: 5035),
        Broken(changes: ["QUALACH02": "999;2020"], code: 5030),
        Broken(changes: ["QUALACH03": "98;2026"], code: 5055),
        Broken(changes: ["QUALACH03": ";2020"], code: 5050),
    ]

    @Test(arguments: brokenLines)
    func theValidatorCatchesABrokenLine(_ broken: Broken) {
        var line = Self.validLine
        for (column, value) in broken.changes { line[column] = value }
        var validator = Self.validator
        validator.cqcRegulatedWorkplaces = ["HOME1"]
        let codes = validator.validate(Self.csv([line])).filter { $0.severity == .error }.map(\.code)
        #expect(codes.contains(broken.code), "got \(codes)")
    }

    @Test func theValidatorCatchesProblemsAcrossLines() {
        var second = Self.validLine
        second["NINUMBER"] = "AB 12 34 56 C"
        second["UNIQUEWORKERID"] = "W 1"
        second["CONTHOURS"] = "30"
        var validator = Self.validator
        validator.workplaces = ["OTHER"]
        let messages = validator.validate(Self.csv([Self.validLine, second]))
        let codes = Set(messages.filter { $0.severity == .error }.map(\.code))
        // 998 duplicate worker (white space is ignored in the key), 5570 NI over the hours
        // limit, 997 workplace not in the workplace file.
        #expect(codes == [998, 5570, 997], "\(messages)")
        // The header must be exactly the fixed columns.
        let wrongHeader = validator.validate("LOCALESTID,UNIQUEWORKERID\nA,B\n")
        #expect(wrongHeader.map(\.code) == [0])
        // NOCHANGE skips column checks, and needs an existing worker.
        var unchanged = Self.validLine
        unchanged["STATUS"] = "NOCHANGE"
        unchanged["GENDER"] = "9"
        var existing = Self.validator
        existing.existingWorkers = ["HOME1|W1"]
        #expect(existing.validate(Self.csv([unchanged])).isEmpty)
    }

    // MARK: - scope

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout PostRecord) -> Void
        /// A fragment of the out-of-scope reason, or nil for in scope.
        var reason: String?
        var testDescription: String { name }
    }

    static let scopeCases: [ScopeCase] = [
        ScopeCase(name: "care worker in post", change: { _ in }, reason: nil),
        ScopeCase(name: "leaves on the reference date", change: { $0.leavingDate = T.referenceDate }, reason: nil),
        ScopeCase(name: "vacancy", change: { $0 = PostRecord(); $0.postID = "V1"; $0.vacancy = Vacancy(role: "R419") }, reason: "vacancy"),
        ScopeCase(name: "vacancy at a workplace", change: { $0.vacancy = Vacancy(role: "R419") }, reason: "counted in VACANCIES"),
        ScopeCase(name: "left before the reference date", change: { $0.leavingDate = T.date("2025-10-31") }, reason: "left before"),
        ScopeCase(name: "left in the last 12 months", change: { $0.leavingDate = T.date("2025-10-31") }, reason: "counted in LEAVERS"),
        ScopeCase(name: "contract ended", change: { $0.contractEnd = T.date("2025-08-31") }, reason: "contract ended"),
        ScopeCase(name: "starts after the reference date", change: { $0.contractStart = T.date("2026-01-05"); $0.workplaceStart = nil }, reason: "starts after"),
        ScopeCase(name: "teacher", change: { $0.role = "R201" }, reason: "role not in ASC-WDS scope: school workforce role"),
        ScopeCase(name: "planner", change: { $0.role = "R101" }, reason: "not an adult social care role"),
        ScopeCase(name: "school cook", change: { $0.role = "R511"; $0.establishmentNumber = "2001" }, reason: "school post"),
        ScopeCase(name: "volunteer", change: { $0.contractType = "VOL" }, reason: "volunteers are not sent"),
        ScopeCase(name: "council HR adviser with no workplace", change: { $0.role = "R271"; $0.workplaceID = nil }, reason: "no workplace identifier"),
        ScopeCase(name: "HR adviser at a care home", change: { $0.role = "R271" }, reason: nil),
    ]

    @Test(arguments: scopeCases)
    func scope(_ scopeCase: ScopeCase) throws {
        var record = T.careWorker()
        scopeCase.change(&record)
        let projection = try ASCWDSProjection(settings: T.settings, sinks: Dictionary(uniqueKeysWithValues: ASCWDSProjection.outputNames.map { ($0, MemorySink()) }))
        switch (projection.scope(record), scopeCase.reason) {
        case (.inScope, nil): break
        case (.outOfScope(let reason), let fragment?): #expect(reason.contains(fragment), "\(reason)")
        case (let decision, _): Issue.record("\(scopeCase.name): \(decision)")
        }
    }

    // MARK: - rejection

    struct RejectCase: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout PostRecord) -> Void
        var rule: String
        var testDescription: String { name }
    }

    static let rejectCases: [RejectCase] = [
        RejectCase(name: "workplace id of 50 characters", change: { $0.workplaceID = String(repeating: "W", count: 50) }, rule: "ascwds.localestid.too-long"),
        RejectCase(name: "no staff id", change: { $0.staffID = nil }, rule: "ascwds.uniqueworkerid.missing"),
        RejectCase(name: "staff id too long once made safe", change: { $0.staffID = "-" + String(repeating: "9", count: 47) + "X" }, rule: "ascwds.uniqueworkerid.too-long"),
        RejectCase(name: "no contract type", change: { $0.contractType = nil }, rule: "ascwds.emplstatus.missing"),
        RejectCase(name: "contract type not in the map", change: { $0.contractType = "XYZ" }, rule: "ascwds.emplstatus.unmapped"),
    ]

    @Test(arguments: rejectCases)
    func rejection(_ rejectCase: RejectCase) throws {
        var record = T.careWorker()
        rejectCase.change(&record)
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, [record])
        #expect(outcomes[0].decision == .inScope)
        #expect(outcomes[0].errors.contains(rejectCase.rule), "\(outcomes[0].problems)")
        #expect(T.rows(outputs[Self.output]!).count == 1, "a rejected record writes no line")
        let diagnostic = try #require(outcomes[0].problems.first { $0.rule == rejectCase.rule })
        #expect(!diagnostic.itemRef.isEmpty && !diagnostic.itemName.isEmpty && !diagnostic.column.isEmpty && !diagnostic.expected.isEmpty)
    }

    @Test func buildingARowWithoutAWorkplaceIsAnError() {
        // The projection's scope keeps such records out; the row builder still refuses them.
        var record = T.careWorker()
        record.workplaceID = " "
        let (row, diagnostics) = ASCWDSWorkerRow.build(from: record, settings: T.settings)
        #expect(row == nil && diagnostics.map(\.rule) == ["ascwds.localestid.missing"])
        #expect(diagnostics[0].itemRef == "L101" && diagnostics[0].column == "workplace_identifier")
    }

    @Test func aRoleWhoseCodeIsNotYetValidIsRejected() throws {
        // R114 maps to 43 (deputy manager), accepted from 2023.
        var record = T.careWorker()
        record.role = "R114"
        let settings = ProjectionSettings(referenceDate: SimpleDate(year: 2022, month: 11, day: 3)!)
        let (_, outcome) = try Self.cells(record, settings: settings)
        #expect(outcome.errors == ["ascwds.mainjobrole.unmapped"])
        let (cells, current) = try Self.cells(record)
        #expect(current.errors.isEmpty && cells["MAINJOBROLE"] == "43")
    }

    @Test func aSecondPostOfTheSameWorkerAtOneWorkplaceIsRejected() throws {
        var second = T.careWorker()
        second.postID = "POST001B"
        var elsewhere = T.careWorker()
        elsewhere.postID = "POST001C"
        elsewhere.workplaceID = "OAK HOUSE"
        elsewhere.niNumber = nil
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, [T.careWorker(), second, elsewhere])
        #expect(outcomes.map(\.errors) == [[], ["ascwds.uniqueworkerid.duplicate"], []])
        #expect(T.rows(outputs[Self.output]!).count == 3)
        #expect(Self.validator.validate(outputs[Self.output]!).filter { $0.severity == .error }.isEmpty)
    }

    @Test func aNationalInsuranceNumberOverTheHoursLimitIsLeftOff() throws {
        var first = T.careWorker()
        first.contractedWeeklyHours = 37
        var second = T.careWorker("002")
        second.niNumber = first.niNumber
        second.workplaceID = "OAK HOUSE"
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, [first, second])
        #expect(outcomes[1].queries.contains("ascwds.ninumber.hours"))
        let rows = T.rows(outputs[Self.output]!)
        let ni = rows[0].firstIndex(of: "NINUMBER")!
        #expect(rows[1][ni] == "JK123456C" && rows[2][ni] == "")
        #expect(Self.validator.validate(outputs[Self.output]!).filter { $0.severity == .error }.isEmpty)
    }

    // MARK: - columns

    @Test func aCareWorkerLine() throws {
        let (cells, outcome) = try Self.cells(T.careWorker())
        #expect(outcome.errors.isEmpty)
        #expect(cells["LOCALESTID"] == "ELMHOUSE" && cells["UNIQUEWORKERID"] == "EMP001" && cells["DISPLAYID"] == "EMP001")
        #expect(cells["STATUS"] == "NEW")
        #expect(cells["DOB"] == "12/04/1984" && cells["STARTDATE"] == "04/03/2019")
        #expect(cells["GENDER"] == "2" && cells["ETHNICITY"] == "45" && cells["DISABLED"] == "0")
        // British nationals are not asked about citizenship or the visa.
        #expect(cells["NATIONALITY"] == "826" && cells["BRITISHCITIZENSHIP"] == "" && cells["HANDCVISA"] == "" && cells["INOUTUK"] == "")
        #expect(cells["COUNTRYOFBIRTH"] == "566" && cells["YEAROFENTRY"] == "2002")
        #expect(cells["EMPLSTATUS"] == "1" && cells["ZEROHRCONT"] == "2" && cells["CONTHOURS"] == "30" && cells["AVGHOURS"] == "")
        // SALARY = round(24294 x 0.810811) = round(19697.84).
        #expect(cells["SALARYINT"] == "1" && cells["SALARY"] == "19698" && cells["HOURLYRATE"] == "")
        #expect(cells["MAINJOBROLE"] == "8" && cells["MAINJRDESC"] == "" && cells["NMCREG"] == "" && cells["AMHP"] == "")
        #expect(cells["DAYSSICK"] == "3" && cells["STARTINSECT"] == "2008" && cells["RECSOURCE"] == "2" && cells["APPRENTICE"] == "2")
        #expect(cells["DHA"] == "1" && cells["CWPCATEGORY"] == "2" && cells["CARECERT"] == "1" && cells["L2CARECERT"] == "2")
        #expect(cells["SCQUAL"] == "1;3" && cells["NONSCQUAL"] == "1;2")
        #expect(cells["QUALACH01"] == "2;2011" && cells["QUALACH02"] == "98;2023" && cells["QUALACH03"] == "")
        #expect(cells["NINUMBER"] == "JK123456C" && cells["POSTCODE"] == "LS6 2AB")
        // Data minimisation: the names are nowhere in the line.
        #expect(!cells.values.contains { $0.contains("Okafor") || $0.contains("Grace") })
    }

    @Test func conditionalColumns() throws {
        let records = T.ascwdsRecords()
        let (outputs, outcomes) = try T.run(ASCWDSProjection.self, records)
        let rows = T.rows(outputs[Self.output]!)
        let lines = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        let byWorker = Dictionary(uniqueKeysWithValues: lines.map { ($0["UNIQUEWORKERID"]!, $0) })
        let queries = Dictionary(uniqueKeysWithValues: zip(records.map { $0.staffID! }, outcomes.map(\.queries)))

        let nurse = try #require(byWorker["EMP002"])
        #expect(nurse["MAINJOBROLE"] == "16" && nurse["NMCREG"] == "1")
        #expect(nurse["DHA"] == "", "registered nurses cannot carry out delegated healthcare activities in ASC-WDS")
        #expect(nurse["BRITISHCITIZENSHIP"] == "2" && nurse["HANDCVISA"] == "1" && nurse["INOUTUK"] == "1")
        #expect(nurse["SCQUAL"] == "2" && nurse["NONSCQUAL"] == "1;6" && nurse["SALARY"] == "38000")

        let socialWorker = try #require(byWorker["EMP003"])
        #expect(socialWorker["MAINJOBROLE"] == "6" && socialWorker["AMHP"] == "2" && socialWorker["NMCREG"] == "")
        #expect(socialWorker["DAYSSICK"] == "", "no absence records: DAYSSICK is not claimed")
        #expect([socialWorker["QUALACH01"], socialWorker["QUALACH02"], socialWorker["QUALACH03"]] == ["16;2015", "19;2018", "22;2020"])
        #expect(queries["EMP003"]!.contains("ascwds.qualach.more-than-three"))

        let director = try #require(byWorker["EMP004"])
        #expect(director["MAINJOBROLE"] == "1" && director["SALARY"] == "155000")

        let bank = try #require(byWorker["EMP005"])
        #expect(bank["EMPLSTATUS"] == "3" && bank["ZEROHRCONT"] == "1" && bank["CONTHOURS"] == "" && bank["AVGHOURS"] == "12.5")
        #expect(bank["SALARYINT"] == "3" && bank["HOURLYRATE"] == "12.60" && bank["SALARY"] == "")

        let zeroHours = try #require(byWorker["EMP006"])
        #expect(zeroHours["EMPLSTATUS"] == "2" && zeroHours["ZEROHRCONT"] == "1" && zeroHours["CONTHOURS"] == "" && zeroHours["AVGHOURS"] == "20")

        let agency = try #require(byWorker["EMP007"])
        #expect(agency["EMPLSTATUS"] == "4" && agency["AVGHOURS"] == "36" && agency["CONTHOURS"] == "")
        #expect(agency["SALARYINT"] == "999" && agency["SALARY"] == "" && agency["HOURLYRATE"] == "")

        // Zero hours "don't know" next to contracted hours would be error 1230: the hours win.
        let unknownZeroHours = try #require(byWorker["EMP008"])
        #expect(unknownZeroHours["ZEROHRCONT"] == "" && unknownZeroHours["CONTHOURS"] == "30")

        let sparse = try #require(byWorker["EMP009"])
        #expect(sparse["STARTINSECT"] == "999" && sparse["CONTHOURS"] == "" && sparse["SALARYINT"] == "" && sparse["MAINJOBROLE"] == "7")
        #expect(sparse["EMPLSTATUS"] == "2")

        let other = try #require(byWorker["EMP010"])
        #expect(other["MAINJOBROLE"] == "23" && other["MAINJRDESC"] == "Passenger Assistant (Day Services)")
        let otherNoTitle = try #require(byWorker["EMP011"])
        // R430's label in CodeSets/harmonised/role.csv.
        #expect(otherNoTitle["MAINJRDESC"] == "Passenger assistant")
        #expect(queries["EMP011"]!.contains("ascwds.mainjrdesc.from-role"))

        #expect(byWorker["EMP012"]?["MAINJOBROLE"] == "4")
        #expect(!queries["EMP012"]!.contains("ascwds.mainjobrole.registered-manager-without-cqc"))

        let dailyRate = try #require(byWorker["EMP013"])
        #expect(dailyRate["SALARYINT"] == "" && dailyRate["SALARY"] == "")
        #expect(queries["EMP013"]!.contains("ascwds.salaryint.dropped"))

        // Nationality not known and no British citizenship: the visa question is asked.
        let unknownNationality = try #require(byWorker["EMP014"])
        #expect(unknownNationality["NATIONALITY"] == "998" && unknownNationality["BRITISHCITIZENSHIP"] == "2" && unknownNationality["HANDCVISA"] == "2")
        #expect(unknownNationality["YEAROFENTRY"] == "2002", "country of birth not known is not the UK")
    }

    @Test func aRegisteredManagerWithoutACQCLocationGetsAQuery() throws {
        var record = T.careWorker()
        record.role = "R113"
        record.cqcLocationID = nil
        let (cells, outcome) = try Self.cells(record)
        #expect(cells["MAINJOBROLE"] == "4")
        #expect(outcome.queries.contains("ascwds.mainjobrole.registered-manager-without-cqc"))
    }

    @Test func salaryOutsideTheRangeIsLeftOff() throws {
        var record = T.careWorker()
        record.fte = 0.01
        record.contractedWeeklyHours = nil
        let (cells, outcome) = try Self.cells(record)
        #expect(cells["SALARYINT"] == "" && cells["SALARY"] == "")
        #expect(outcome.queries.contains("ascwds.salary.dropped"))
        var senior = T.careWorker()
        senior.role = "R104"
        senior.fte = 1
        senior.annualBasicPayFTE = 240_000
        #expect(try Self.cells(senior).cells["SALARY"] == "240000")
        senior.role = "R110"
        #expect(try Self.cells(senior).cells["SALARY"] == "")
    }

    @Test func valuesASCWDSWouldRejectAreLeftOffOptionalColumns() throws {
        var record = T.careWorker()
        record.yearOfArrivalInUK = 1980 // before the year of birth
        record.awards = [Award(award: "2", year: 1900)]
        record.homePostcode = "LS62AB" // no space: harmonised validation would stop it, a record built in code may not
        let (cells, outcome) = try Self.cells(record)
        #expect(cells["YEAROFENTRY"] == "" && cells["QUALACH01"] == "2" && cells["POSTCODE"] == "")
        #expect(Set(outcome.queries).isSuperset(of: ["ascwds.yearofentry.dropped", "ascwds.qualach01.dropped", "ascwds.postcode.dropped"]))
    }

    @Test func daysSickCountsSicknessInTheTwelveMonthsToTheReferenceDate() {
        let end = T.referenceDate
        let absences = [
            // 6 of its 12 calendar days fall in the 12 months from 2024-11-07: half of 10 days lost.
            Absence(category: "SIC", firstDay: T.date("2024-11-01"), lastDay: T.date("2024-11-12"), workingDaysLost: 10),
            Absence(category: "PRG", firstDay: T.date("2025-03-03"), lastDay: T.date("2025-03-03"), workingDaysLost: 1),
            Absence(category: "MAT", firstDay: T.date("2025-04-01"), lastDay: T.date("2025-06-30"), workingDaysLost: 60),
            Absence(category: "SIC", firstDay: T.date("2023-01-01"), lastDay: T.date("2023-01-02"), workingDaysLost: 2),
        ]
        #expect(ASCWDSMapper.daysSick(absences, to: end) == .value(6))
        #expect(ASCWDSMapper.daysSick([], to: end) == nil)
        #expect(ASCWDSMapper.daysSick([Absence(category: "SIC", firstDay: nil, lastDay: nil, workingDaysLost: 2)], to: end) == .notKnown)
        #expect(ASCWDSWorkerRow.amount(.value(6)) == "6" && ASCWDSWorkerRow.amount(.value(2.5)) == "2.5" && ASCWDSWorkerRow.amount(.notKnown) == "999")
    }

    // MARK: - files

    @Test func textThatSpreadsheetsWouldRunIsNeutralised() throws {
        var record = T.careWorker()
        record.staffID = "-EMP1"
        record.workplaceID = "@HOME"
        record.role = "R430"
        record.jobTitle = "=HYPERLINK(\"http://x\",\"y\")"
        let (outputs, _) = try T.run(ASCWDSProjection.self, [record] + T.ascwdsRecords().dropFirst())
        let text = outputs[Self.output]!
        #expect(T.formulaCells(text).isEmpty, "\(T.formulaCells(text))")
        #expect(text.contains("'-EMP1") && text.contains("'@HOME") && text.contains("\"'=HYPERLINK("))
        let example = try T.pipeline(ASCWDSProjection.self, csv: try T.exampleCSV()).outputs[Self.output]!
        #expect(T.formulaCells(example).isEmpty)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let csv = try T.exampleCSV()
        let first = try T.pipeline(ASCWDSProjection.self, csv: csv).outputs[Self.output]!
        let second = try T.pipeline(ASCWDSProjection.self, csv: csv).outputs[Self.output]!
        #expect(first == second)
        let records = T.ascwdsRecords()
        #expect(try T.run(ASCWDSProjection.self, records).outputs == T.run(ASCWDSProjection.self, records).outputs)
    }

    /// Streaming: each line is written as its record is projected; nothing waits for the end.
    @Test func eachLineIsWrittenAsItsRecordArrives() throws {
        let sink = MemorySink()
        var sinks: [String: TextSink] = Dictionary(uniqueKeysWithValues: ASCWDSProjection.outputNames.map { ($0, MemorySink()) })
        sinks[Self.output] = sink
        let projection = try ASCWDSProjection(settings: T.settings, sinks: sinks)
        var lines = 1
        for index in 0..<2_000 {
            var record = T.careWorker(String(index))
            record.niNumber = nil
            #expect(projection.scope(record) == .inScope)
            #expect(projection.project(record).allSatisfy { $0.severity == .query })
            lines += 1
            if index % 250 == 0 { #expect(sink.text.split(separator: "\n").count == lines) }
        }
        try projection.finish()
        #expect(sink.text.split(separator: "\n").count == 2_001)
    }

    @Test func goldenFileForTheExampleData() throws {
        let (outputs, _, _) = try T.pipeline(ASCWDSProjection.self, csv: try T.exampleCSV())
        try T.expectSnapshot(outputs[Self.output]!, named: Self.output)
    }
}
