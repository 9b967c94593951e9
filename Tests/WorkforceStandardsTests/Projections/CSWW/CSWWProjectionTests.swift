import Foundation
import Testing
@testable import WorkforceStandards

@Suite("CSWW projection")
struct CSWWProjectionTests {
    static let referenceDate = SimpleDate("2025-09-30")!
    /// The rules of the 2022 schema (collection years 2022 and 2023) on this suite's dates;
    /// ``CSWWYearTests`` checks what 2024 and 2025 changed.
    static let settings = ProjectionSettings(referenceDate: referenceDate, collectionYear: 2023)

    static func date(_ text: String) -> SimpleDate { SimpleDate(text)! }

    /// A children's social worker employed all year, with every CSWW item held.
    static func socialWorker() -> PostRecord {
        var r = PostRecord()
        r.line = 3
        r.postID = "C1"
        r.staffID = "S9"
        r.dateOfBirth = date("1988-06-15")
        r.sex = "F"
        r.ethnicity = "W3"
        r.laNumber = "999"
        r.role = "R237"
        r.contractType = "PRM"
        r.contractStart = date("2019-01-07")
        r.workplaceStart = date("2019-01-07")
        r.fte = 0.8
        r.casesHeld = 17
        r.socialWorkEnglandNumber = "SW123456"
        r.qualifyingInstitutions = ["University of Northtown"]
        r.highestSocialCareQualificationLevel = "L6"
        r.stepUpToSocialWork = "N"
        r.frontlineProgramme = "Y"
        r.cfkssStatus = ["2"]
        r.absences = [Absence(category: "SIC", firstDay: date("2025-02-03"), lastDay: date("2025-02-07"), workingDaysLost: 5)]
        return r
    }

    static func agencyWorker() -> PostRecord {
        var r = socialWorker()
        r.postID = "C2"
        r.contractType = "SAG"
        r.coveringVacancy = true
        r.socialWorkEnglandNumber = "SW777"
        r.contractStart = date("2025-06-02")
        r.workplaceStart = date("2025-06-02")
        r.origin = "SW-AGY"
        r.fte = 1
        return r
    }

    static func run(_ records: [PostRecord], settings: ProjectionSettings = settings) throws
        -> (text: String, outcomes: [XMLReturnTesting.Outcome], projection: CSWWProjection) {
        try XMLReturnTesting.run(CSWWProjection.self, records, settings: settings)
    }

    static func worker(_ record: PostRecord) -> (worker: CSWWWorker?, problems: [RecordDiagnostic]) {
        CSWWMapping(settings: settings).map(record)
    }

    // MARK: - scope

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout PostRecord) -> Void
        let reason: String?
        var testDescription: String { name }
    }

    static let scopeCases: [ScopeCase] = [
        ScopeCase(name: "in post all year", change: { _ in }, reason: nil),
        ScopeCase(name: "started on the reference date", change: { $0.contractStart = referenceDate; $0.workplaceStart = referenceDate }, reason: nil),
        ScopeCase(name: "starts after the reference date", change: { $0.contractStart = date("2025-10-01"); $0.workplaceStart = date("2025-10-01") },
                  reason: "not in post in the year to 2025-09-30: starts after it"),
        ScopeCase(name: "start only in C104", change: { $0.contractStart = nil; $0.workplaceStart = date("2025-10-06") },
                  reason: "not in post in the year to 2025-09-30: starts after it"),
        ScopeCase(name: "left on the first day of the year", change: { $0.leavingDate = date("2024-10-01") }, reason: nil),
        ScopeCase(name: "left the day before the year", change: { $0.leavingDate = date("2024-09-30") },
                  reason: "not in post in the year to 2025-09-30: left before 2024-10-01"),
        ScopeCase(name: "contract ended before the year", change: { $0.contractEnd = date("2024-03-31") },
                  reason: "not in post in the year to 2025-09-30: left before 2024-10-01"),
        ScopeCase(name: "leaver in the year", change: { $0.leavingDate = date("2025-03-31") }, reason: nil),
        ScopeCase(name: "starter in the year", change: { $0.contractStart = date("2025-04-01"); $0.workplaceStart = date("2025-04-01") }, reason: nil),
        ScopeCase(name: "agency worker", change: { $0.contractType = "SAG" }, reason: nil),
        ScopeCase(name: "self-employed worker", change: { $0.contractType = "SOT" }, reason: nil),
        ScopeCase(name: "volunteer", change: { $0.contractType = "VOL" },
                  reason: "contract type not in CSWW scope: volunteers are not part of the children's social work workforce census"),
        ScopeCase(name: "adult care worker", change: { $0.role = "R418" },
                  reason: "role not in CSWW scope: not a registered children's social worker role"),
        ScopeCase(name: "adult social worker", change: { $0.role = "R242" },
                  reason: "role not in CSWW scope: adult social work; the CSWW covers children and family social workers only"),
        ScopeCase(name: "unregistered senior manager", change: { $0.role = "R107"; $0.socialWorkEnglandNumber = nil },
                  reason: "not registered with Social Work England: the role counts only registered social workers"),
        ScopeCase(name: "registered senior manager", change: { $0.role = "R107" }, reason: nil),
        ScopeCase(name: "social worker without a number is in scope (and rejected)", change: { $0.socialWorkEnglandNumber = nil }, reason: nil),
        ScopeCase(name: "vacant social worker post", change: { $0.vacancy = Vacancy(role: "R237", fte: 1) }, reason: nil),
        ScopeCase(name: "vacant care worker post", change: { $0.vacancy = Vacancy(role: "R418", fte: 1) },
                  reason: "vacancy not in CSWW scope: not a registered children's social worker role"),
        ScopeCase(name: "no job role", change: { $0.role = nil }, reason: "no job role"),
    ]

    @Test("scope", arguments: scopeCases)
    func scope(_ scopeCase: ScopeCase) {
        var record = Self.socialWorker()
        scopeCase.change(&record)
        #expect(CSWWMapping(settings: Self.settings).scope(record) == (scopeCase.reason.map { .outOfScope(reason: $0) } ?? .inScope))
    }

    @Test func theYearEndsOnTheReferenceDateGiven() {
        let mapping = CSWWMapping(settings: ProjectionSettings(referenceDate: Self.date("2024-02-29")))
        #expect(mapping.yearStart == Self.date("2023-03-01"))
        #expect(CSWWMapping(settings: Self.settings).yearStart == Self.date("2024-10-01"))
    }

    @Test func anotherAuthorityIsOutOfScope() throws {
        var other = Self.socialWorker()
        other.postID = "C9"
        other.socialWorkEnglandNumber = "SW99"
        other.laNumber = "201"
        let (text, outcomes, _) = try Self.run([Self.socialWorker(), other])
        #expect(outcomes[1].decision == .outOfScope(reason: "another local authority: this return is for 999"))
        #expect(text.contains("<LEA>999</LEA>"))
    }

    // MARK: - structure and codes

    @Test func writesTheWorkerInSchemaOrderWithCSWWCodes() throws {
        var leaver = Self.socialWorker()
        leaver.leavingDate = Self.date("2025-08-29")
        leaver.destination = "SW-LA"
        leaver.reasonForLeaving = "RESIGN"
        leaver.workplaceStart = Self.date("2024-11-04")
        leaver.contractStart = Self.date("2024-11-04")
        leaver.origin = "NQ-IMM"
        let (worker, problems) = Self.worker(leaver)
        #expect(problems.isEmpty, "\(problems)")
        let written = try #require(worker)
        #expect(written.agencyWorker == "0" && written.sweNumber == "SW123456")
        #expect(written.gender == "2" && written.ethnicity == "WOTH" && written.qualificationLevel == "1")
        #expect(written.stepUpGraduate == "0" && written.frontlineGraduate == "1" && written.orgRole == "5")
        #expect(written.roleStartDate == Self.date("2024-11-04") && written.startOrigin == "1")
        #expect(written.roleEndDate == Self.date("2025-08-29") && written.leaverDestination == "1" && written.reasonLeave == "1")
        #expect(written.fte30 == nil, "not in post on 30 September")
        #expect(written.absentAt30Sept == [], "not in post on 30 September")
        #expect(written.workingDaysLost == 5)
        #expect(written.contractWeeks == [42.7], "2024-11-04 to 2025-08-29 is 299 days")
        #expect(written.cfkssStatus == ["2"])

        let xml = CSWWRenderer.worker(written)
        let order = ["AgencyWorker", "SWENo", "FTE", "PersonBirthDate", "GenderCurrent", "Ethnicity", "QualInst", "QualLevel", "StepUpGrad",
                     "OrgRole", "RoleStartDate", "StartOrigin", "RoleEndDate", "LeaverDestination", "ReasonLeave", "Cases30",
                     "WorkingDaysLost", "ContractWeeks", "FrontlineGrad", "CFKSSstatus"]
        let positions = order.map { xml.range(of: "<\($0)>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(xml)")
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
        #expect(xml.contains("<FTE>0.800000</FTE>") && xml.contains("<WorkingDaysLost>5.00</WorkingDaysLost>")
                && xml.contains("<ContractWeeks>42.7</ContractWeeks>"))
    }

    @Test func inPostOnTheReferenceDate() throws {
        var record = Self.socialWorker()
        record.absences.append(Absence(category: "ANN", firstDay: Self.date("2025-09-29"), lastDay: Self.date("2025-10-03"), workingDaysLost: 5))
        let worker = try #require(Self.worker(record).worker)
        #expect(worker.fte30 == 0.8 && worker.cases30 == 17)
        #expect(worker.absentAt30Sept == ["1"] && worker.reasonsForAbsence == ["OTH"], "annual leave needing reallocation is OTH")
        #expect(worker.roleStartDate == nil && worker.roleEndDate == nil, "neither starter nor leaver")
        #expect(worker.workingDaysLost == 5, "annual leave is not sickness")
    }

    @Test func aChangeOfContractIsNotAStarterOrLeaver() throws {
        var record = Self.socialWorker()
        record.workplaceStart = Self.date("2025-01-06")
        record.origin = "CHANGE"
        let worker = try #require(Self.worker(record).worker)
        #expect(worker.roleStartDate == nil && worker.startOrigin == nil)
    }

    @Test func sicknessAcrossTheYearStartCountsItsShareInTheYear() throws {
        var record = Self.socialWorker()
        // 10 calendar days, 4 of them in the year (1 to 4 October): 8 days lost * 4/10 = 3.2 -> 3.0.
        record.absences = [Absence(category: "SIC", firstDay: Self.date("2024-09-25"), lastDay: Self.date("2024-10-04"), workingDaysLost: 8),
                           Absence(category: "PRG", firstDay: Self.date("2025-05-01"), lastDay: Self.date("2025-05-02"), workingDaysLost: 1.5),
                           Absence(category: "SIC", firstDay: Self.date("2024-06-01"), lastDay: Self.date("2024-06-03"), workingDaysLost: 3)]
        #expect(try #require(Self.worker(record).worker).workingDaysLost == 4.5)
    }

    /// DfE matches a worker across years by SWE number, so every year returns it as registered
    /// (research notes lg/SOURCES.md): two letters and one to ten digits, never padded.
    @Test("SWE numbers are returned as registered", arguments: [2022, 2023, 2024, 2025])
    func sweNumber(year: Int) {
        var settings = ProjectionSettings(referenceDate: SimpleDate("\(year)-09-30")!, collectionYear: year)
        settings.organisations = OrganisationDirectory([])
        for given in ["SW100031", "SW123456", "sw1", "AB1234567890"] {
            var record = Self.socialWorker()
            record.socialWorkEnglandNumber = given
            record.annualBasicPayFTE = 41_000   // BaseSalary, asked from 2025
            let (worker, problems) = CSWWMapping(settings: settings).map(record)
            #expect(worker?.sweNumber == given, "\(year): \(problems.map(\.rule))")
        }
    }

    @Test("SWE numbers the schema cannot hold", arguments: ["SW", "S1234", "SW12345678901", "SW12 345", "ŚW123", "SW１２３"])
    func badSWENumber(_ given: String) {
        #expect(CSWWMapping.schemaSWENumber(given) == nil)
    }

    // MARK: - LA-level figures

    @Test func laLevelFiguresComeFromVacanciesAndAgencyWorkersCoveringThem() throws {
        var vacancy1 = PostRecord(), vacancy2 = PostRecord(), careVacancy = PostRecord()
        vacancy1.postID = "V1"; vacancy1.laNumber = "999"; vacancy1.vacancy = Vacancy(role: "R237", fte: 1)
        vacancy2.postID = "V2"; vacancy2.laNumber = "999"; vacancy2.vacancy = Vacancy(role: "R238", fte: 0.5)
        careVacancy.postID = "V3"; careVacancy.laNumber = "999"; careVacancy.vacancy = Vacancy(role: "R418", fte: 1)
        var notCovering = Self.agencyWorker()
        notCovering.postID = "C3"; notCovering.socialWorkEnglandNumber = "SW778"; notCovering.coveringVacancy = false
        var leftAgency = Self.agencyWorker()
        leftAgency.postID = "C4"; leftAgency.socialWorkEnglandNumber = "SW779"; leftAgency.leavingDate = Self.date("2025-08-01")
        var partTime = Self.agencyWorker()
        partTime.postID = "C5"; partTime.socialWorkEnglandNumber = "SW780"; partTime.fte = 0.6
        let records = [Self.socialWorker(), vacancy1, Self.agencyWorker(), vacancy2, careVacancy, notCovering, leftAgency, partTime]
        let (text, outcomes, projection) = try Self.run(records)
        #expect(outcomes.allSatisfy { $0.errors.isEmpty })
        #expect(projection.vacancies == CSWWLALevelVacancies(numberOfVacancies: 1.5, agencyFTE: 1.6, agencyHeadcount: 2))
        #expect(text.contains("<NumberOfVacancies>1.50</NumberOfVacancies>") && text.contains("<NoAgencyFTE>1.60</NoAgencyFTE>")
                && text.contains("<NoAgencyHeadcount>2</NoAgencyHeadcount>"))
        #expect(projection.workerCount == 5)
        #expect(text.components(separatedBy: "<AgencyWorker>1</AgencyWorker>").count == 5)
        try XMLReturnTesting.expectValidCSWW(text)
    }

    @Test func anAgencyWorkerCoveringAVacancyWithoutFTEIsQueried() throws {
        var record = Self.agencyWorker()
        record.fte = nil
        let (_, outcomes, projection) = try Self.run([record])
        #expect(outcomes[0].queries == ["csww.agency-fte.missing"])
        #expect(projection.vacancies == CSWWLALevelVacancies(numberOfVacancies: 0, agencyFTE: 0, agencyHeadcount: 1))
    }

    // MARK: - rejections and queries

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: String
        let item: String
        let change: @Sendable (inout PostRecord) -> Void
        var testDescription: String { rule }
    }

    static let errorRules: [RuleCase] = [
        RuleCase(rule: "csww.swe-number.missing", item: "R104") { $0.socialWorkEnglandNumber = nil },
        RuleCase(rule: "csww.swe-number.format", item: "R104") { $0.socialWorkEnglandNumber = "SW-12" },
        RuleCase(rule: "csww.agency-worker.missing", item: "C101") { $0.contractType = nil },
        RuleCase(rule: "csww.agency-worker.unmapped", item: "C101") { $0.contractType = "XYZ" },
        RuleCase(rule: "csww.la-number.missing", item: "O101") { $0.laNumber = nil },
        RuleCase(rule: "csww.la-number.format", item: "O101") { $0.laNumber = "99" },
        RuleCase(rule: "csww.fte.range", item: "H104") { $0.fte = 1.5 },
        RuleCase(rule: "csww.qualifying-institution.missing", item: "Q108") { $0.qualifyingInstitutions = [] },
        RuleCase(rule: "csww.org-role.unmapped", item: "J101") { $0.role = "R418" },
    ]

    @Test("what the schema requires rejects the record", arguments: errorRules)
    func errorRule(_ ruleCase: RuleCase) throws {
        var record = Self.socialWorker()
        ruleCase.change(&record)
        let (worker, problems) = Self.worker(record)
        #expect(worker == nil)
        let problem = try #require(problems.first { $0.rule == ruleCase.rule }, "\(problems.map(\.rule))")
        #expect(problem.severity == .error && problem.itemRef == ruleCase.item)
        let item = try #require(ItemColumns.byRef[ruleCase.item], "\(ruleCase.item) is not in ItemColumns")
        #expect(problem.itemName == item.name && problem.column == item.column)
        #expect(problem.record == "C1" && problem.line == 3 && !problem.expected.isEmpty)
    }

    static let vacancyRules: [(String, Double?)] = [("csww.vacancy-fte.missing", nil), ("csww.vacancy-fte.range", 2), ("csww.vacancy-fte.range", .nan)]

    @Test("a vacancy needs its FTE", arguments: vacancyRules)
    func vacancyRule(_ rule: String, _ fte: Double?) throws {
        var record = PostRecord()
        record.postID = "V1"
        record.laNumber = "999"
        record.vacancy = Vacancy(role: "R237", fte: fte)
        let (_, outcomes, projection) = try Self.run([record])
        #expect(outcomes[0].errors == [rule])
        #expect(projection.vacancies.numberOfVacancies == 0)
    }

    @Test func aSecondPostOfTheSameWorkerIsRejected() throws {
        var first = Self.socialWorker()
        first.line = 2
        var second = Self.socialWorker()
        second.postID = "C7"
        second.line = 3
        second.socialWorkEnglandNumber = "sw123456"
        let (text, outcomes, _) = try Self.run([first, second])
        #expect(outcomes[1].errors == ["csww.swe-number.duplicate"])
        // The run keeps fingerprints, not ids, so it names the first post by its input line.
        #expect(outcomes[1].problems.first?.message.contains("line 2") == true)
        #expect(text.components(separatedBy: "<CSWWWorker>").count == 2)
    }

    static let queryRules: [RuleCase] = [
        RuleCase(rule: "csww.birth-date.missing", item: "P107") { $0.dateOfBirth = nil },
        RuleCase(rule: "csww.gender.missing", item: "P108") { $0.sex = nil },
        RuleCase(rule: "csww.ethnicity.missing", item: "P109") { $0.ethnicity = nil },
        RuleCase(rule: "csww.ethnicity.unmapped", item: "P109") { $0.ethnicity = "ZZ" },
        RuleCase(rule: "csww.step-up.missing", item: "Q111") { $0.stepUpToSocialWork = nil },
        RuleCase(rule: "csww.step-up.unmapped", item: "Q111") { $0.stepUpToSocialWork = "U" },
        RuleCase(rule: "csww.frontline.missing", item: "Q112") { $0.frontlineProgramme = nil },
        RuleCase(rule: "csww.fte.missing", item: "H104") { $0.fte = nil },
        RuleCase(rule: "csww.qualification-level.unmapped", item: "Q106") { $0.highestSocialCareQualificationLevel = "ZZ" },
        RuleCase(rule: "csww.start-origin.missing", item: "C106") { $0.workplaceStart = SimpleDate("2025-01-06") },
        RuleCase(rule: "csww.start-origin.unmapped", item: "C106") { $0.workplaceStart = SimpleDate("2025-01-06"); $0.origin = "ZZ" },
        RuleCase(rule: "csww.leaver-destination.missing", item: "C107") { $0.leavingDate = SimpleDate("2025-01-31"); $0.reasonForLeaving = "RESIGN" },
        RuleCase(rule: "csww.reason-leave.missing", item: "C108") { $0.leavingDate = SimpleDate("2025-01-31"); $0.destination = "SW-LA" },
        RuleCase(rule: "csww.leaving-date.missing", item: "C105") { $0.contractEnd = SimpleDate("2025-03-31") },
        RuleCase(rule: "csww.working-days-lost.missing", item: "A104") {
            $0.absences = [Absence(category: "SIC", firstDay: SimpleDate("2025-02-03"), lastDay: nil, workingDaysLost: nil)]
        },
        RuleCase(rule: "csww.reason-absence.unmapped", item: "A101") {
            $0.absences = [Absence(category: "ZZZ", firstDay: SimpleDate("2025-09-29"), lastDay: nil, workingDaysLost: nil)]
        },
        RuleCase(rule: "csww.cfkss-status.unmapped", item: "R107") { $0.cfkssStatus = ["9"] },
    ]

    /// The record is written; the query says what is missing or was left out.
    @Test("queries", arguments: queryRules)
    func queryRule(_ ruleCase: RuleCase) throws {
        var record = Self.socialWorker()
        ruleCase.change(&record)
        let (worker, problems) = Self.worker(record)
        #expect(worker != nil)
        #expect(problems.map(\.rule) == [ruleCase.rule])
        #expect(problems.first?.severity == .query && problems.first?.itemRef == ruleCase.item)
    }

    @Test func agencyWorkersAreNotAskedForEmployeeItems() throws {
        var record = Self.agencyWorker()
        record.dateOfBirth = nil
        record.sex = nil
        record.ethnicity = nil
        record.stepUpToSocialWork = nil
        record.frontlineProgramme = nil
        record.qualifyingInstitutions = []
        let (worker, problems) = Self.worker(record)
        #expect(problems.map(\.rule) == ["csww.qualifying-institution.missing"] && problems.first?.severity == .query)
        #expect(worker?.qualifyingInstitutions == [""], "the schema requires one QualInst")
        #expect(worker?.agencyWorker == "1" && worker?.startOrigin == "4")
    }

    // MARK: - XML

    @Test func aFullReturnIsValidAgainstTheSchema() throws {
        var leaver = Self.socialWorker()
        leaver.postID = "C3"
        leaver.socialWorkEnglandNumber = "SW3"
        leaver.leavingDate = Self.date("2025-08-29")
        leaver.destination = "SW-OS"
        leaver.reasonForLeaving = "RET-AGE"
        leaver.fte = 0
        var starter = Self.socialWorker()
        starter.postID = "C4"
        starter.socialWorkEnglandNumber = "SW4"
        starter.contractStart = Self.date("2025-03-03")
        starter.workplaceStart = Self.date("2025-03-03")
        starter.origin = "SW-LA"
        starter.role = "R111"
        starter.cfkssStatus = ["1", "2", "3", "4"]
        starter.absences = [Absence(category: "MAT", firstDay: Self.date("2025-09-01"), lastDay: nil, workingDaysLost: nil)]
        var vacancy = PostRecord()
        vacancy.postID = "V1"
        vacancy.laNumber = "999"
        vacancy.vacancy = Vacancy(role: "R237", fte: 0.75)
        let (text, outcomes, _) = try Self.run([Self.socialWorker(), leaver, starter, Self.agencyWorker(), vacancy])
        #expect(outcomes.allSatisfy { $0.errors.isEmpty }, "\(outcomes.map(\.errors))")
        for fragment in ["<Collection>CSWW</Collection>", "<Year>2025</Year>", "<ReferenceDate>2025-09-30</ReferenceDate>",
                         "<SourceLevel>L</SourceLevel>", "<SoftwareCode>wds</SoftwareCode>", "<DateTime>2025-09-30T00:00:00</DateTime>",
                         "<RoleEndDate>2025-08-29</RoleEndDate>", "<ReasonLeave>5</ReasonLeave>", "<LeaverDestination>2</LeaverDestination>",
                         "<StartOrigin>2</StartOrigin>", "<OrgRole>3</OrgRole>", "<ReasonAbsence>MAT</ReasonAbsence>",
                         "<Absat30Sept>1</Absat30Sept>", "<NumberOfVacancies>0.75</NumberOfVacancies>"] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
        try XMLReturnTesting.expectValidCSWW(text)
    }

    @Test("hostile text stays valid", arguments: hostileTexts)
    func hostileText(_ text: String) throws {
        var record = Self.socialWorker()
        record.qualifyingInstitutions = [text, "University of " + text]
        record.postID = text
        let (xml, outcomes, _) = try Self.run([record])
        #expect(outcomes[0].errors.isEmpty)
        try XMLReturnTesting.expectValidCSWW(xml)
    }

    @Test func anEmptyRunIsWellFormedButNotAValidReturn() throws {
        let (text, _, projection) = try Self.run([])
        #expect(projection.workerCount == 0)
        try XMLReturnTesting.expectWellFormed(text)
        let result = try #require(try XMLReturnTesting.xmllint(["--noout", "--schema", XMLReturnTesting.schema(.y2022).path], text))
        #expect(result.status != 0, "the schema requires at least one CSWWWorker")
    }

    @Test func theSchemaCatchesAnInvalidReturn() throws {
        let text = try Self.run([Self.socialWorker()]).text.replacingOccurrences(of: "<OrgRole>5</OrgRole>", with: "<OrgRole>7</OrgRole>")
        let result = try #require(try XMLReturnTesting.xmllint(["--noout", "--schema", XMLReturnTesting.schema(.y2022).path], text))
        #expect(result.status != 0 && result.output.contains("OrgRole"), "the validation really runs: \(result.output)")
    }

    @Test func sameRecordsGiveTheSameBytes() throws {
        let records = (0..<40).map { index -> PostRecord in
            var record = index % 3 == 0 ? Self.agencyWorker() : Self.socialWorker()
            record.postID = "C\(index)"
            record.socialWorkEnglandNumber = "SW\(1000 + index)"
            return record
        }
        #expect(try Self.run(records).text == Self.run(records).text)
    }

    /// Workers wait in a temporary file, not in memory: nothing reaches the output before
    /// `finish()`, and everything is there after, in input order.
    @Test func workersAreSpooledUntilTheLALevelFiguresAreKnown() throws {
        let sink = MemorySink()
        let projection = try CSWWProjection(settings: Self.settings, sinks: ["csww.xml": sink])
        // Enough workers to pass the spool's 64 KiB buffer several times, with multi-byte text.
        for index in 0..<400 {
            var record = Self.socialWorker()
            record.postID = "C\(index)"
            record.socialWorkEnglandNumber = "SW\(10_000 + index)"
            record.qualifyingInstitutions = ["Université de Genève 👩🏽‍🏫 \(index)"]
            #expect(projection.scope(record) == .inScope)
            #expect(projection.project(record).isEmpty)
        }
        #expect(sink.text.isEmpty)
        try projection.finish()
        #expect(sink.text.components(separatedBy: "<CSWWWorker>").count == 401)
        #expect(sink.text.contains("<SWENo>SW10000</SWENo>") && sink.text.contains("<SWENo>SW10399</SWENo>"))
        #expect(sink.text.range(of: "<SWENo>SW10000<")!.lowerBound < sink.text.range(of: "<SWENo>SW10399<")!.lowerBound)
        #expect(sink.text.contains("Université de Genève 👩🏽‍🏫 399"))
        try XMLReturnTesting.expectValidCSWW(sink.text)
    }

    // MARK: - golden file

    /// `wds project --to csww --year 2025 --organisations Examples/organisations.csv Examples/posts.csv`,
    /// through the same pipeline.
    @Test func exampleMatchesGoldenFile() throws {
        let text = try CSWWYearTests.example(year: 2025).text
        try XMLReturnTesting.expectValidCSWW(text, schema: .y2025)
        try XMLReturnTesting.expectSnapshot(text, named: "csww.xml")
        #expect(try CSWWYearTests.example(year: 2025).text == text, "same input, same bytes")
    }
}

@Suite("CSWW by census year")
struct CSWWYearTests {
    /// The example data projected for census year `year` with the example organisation data,
    /// with the reconciliation CSV (each record's outcome by input line).
    static func example(year: Int) throws -> (text: String, report: ReconciliationReport, reconciliation: String) {
        let csv = try XMLReturnTesting.exampleCSV()
        var settings = ProjectionSettings(collection: .csww, year: year)
        let organisations = OrganisationFile.read(try String(contentsOf: Paths.repository.appendingPathComponent("Examples/organisations.csv"), encoding: .utf8))
        #expect(organisations.diagnostics.isEmpty, "\(organisations.diagnostics)")
        settings.organisations = organisations.directory
        #expect(CSWWProjection.organisationProblems(settings: settings).isEmpty)
        let sink = MemorySink(), reconciliation = MemorySink()
        let projection = try CSWWProjection(settings: settings, sinks: ["csww.xml": sink])
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection], reconciliation: reconciliation)
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        #expect(report.addsUp)
        #expect(try #require(report.collections[.csww]).projected > 0)
        return (sink.text, report, reconciliation.text)
    }

    /// The SWE numbers of the example data's records that the reconciliation says were
    /// projected, as the input file holds them, in input order (one record a line: line 2 is
    /// the first data row). Vacancies have none.
    static func projectedSWENumbers(reconciliation: String) throws -> [String] {
        let text = String(decoding: try XMLReturnTesting.exampleCSV(), as: UTF8.self)
        let rows = CSVParser.records(in: text).records.map(\.fields)
        let column = try #require(rows.first?.firstIndex(of: "social_work_england_registration_number"))
        let outcomes = CSVParser.records(in: reconciliation).records.map(\.fields)
        let line = try #require(outcomes.first?.firstIndex(of: "line")), csww = try #require(outcomes.first?.firstIndex(of: "csww"))
        return try outcomes.dropFirst().filter { $0[csww] == "projected" }.compactMap { outcome in
            let number = try #require(Int(outcome[line]).flatMap { rows.indices.contains($0 - 1) ? rows[$0 - 1][column] : nil })
            return number.isEmpty ? nil : number
        }
    }

    /// Each year's return is valid against that year's schema (xmllint), with reference date
    /// 30 September, and has the SWE number of every worker projected exactly as the input holds
    /// it (SW100031, not SW0000100031): DfE matches a worker across years by it.
    @Test("the example data for each year", arguments: [(2023, CSWWSchema.y2022), (2024, .y2024), (2025, .y2025)])
    func eachYearAgainstItsSchema(year: Int, schema: CSWWSchema) throws {
        let (text, _, reconciliation) = try Self.example(year: year)
        try XMLReturnTesting.expectValidCSWW(text, schema: schema)
        #expect(text.contains("<ReferenceDate>\(year)-09-30</ReferenceDate>") && text.contains("<Year>\(year)</Year>"))
        let written = text.components(separatedBy: "<SWENo>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let held = try Self.projectedSWENumbers(reconciliation: reconciliation)
        #expect(held.contains { $0.count < 12 }, "a number of fewer than ten digits, so that padding would show: \(held)")
        #expect(written == held, "written \(written), held \(held)")
        if schema == .y2022 {
            // Social Finance's first transcription of the 2022 schema wanted ten digits: the
            // later one (csww_2023.xsd) is what makes an as-registered return valid.
            let first = Paths.fixtures.appendingPathComponent("csww_2022.xsd").path
            let result = try #require(try XMLReturnTesting.xmllint(["--noout", "--schema", first], text))
            #expect(result.status != 0 && result.output.contains("SWENo"), "\(result.output)")
        }
        #expect(text.contains("<Sex>") == (schema >= .y2024) && text.contains("<GenderCurrent>") == (schema < .y2024))
        #expect(text.contains("<QualInst>") == (schema < .y2025) && text.contains("<LALevel>") == (schema >= .y2025))
    }

    /// csww_2023.xsd is csww_2022.xsd with the `swetype` pattern relaxed and nothing else
    /// changed (csww_2023.xsd.SOURCE.md).
    @Test func the2023SchemaDiffersFromThe2022TranscriptionOnlyInTheSWEPattern() throws {
        func lines(_ name: String) throws -> [Substring] {
            try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        }
        let old = try lines("csww_2022.xsd"), new = try lines("csww_2023.xsd")
        #expect(old.count == new.count)
        let changed = zip(old, new).filter { $0 != $1 }
        #expect(changed.map { "\($0.0.trimmingCharacters(in: .whitespaces)) -> \($0.1.trimmingCharacters(in: .whitespaces))" }
                == [#"<xs:pattern value="[A-Za-z]{2}\d{10}"/> -> <xs:pattern value="[A-Za-z]{2}\d{1,10}"/>"#])
    }

    @Test func in2025TheLALevelHasTheAuthoritysAnswersAndWorkersTheirPay() throws {
        let text = try Self.example(year: 2025).text
        for fragment in ["<RecruitmentBonus>2</RecruitmentBonus>", "<RetentionBonus>1</RetentionBonus>", "<PerformanceAward>0</PerformanceAward>",
                         "<CostDBS>1</CostDBS>", "<OtherAllowances>Lease car scheme for children&apos;s social workers</OtherAllowances>",
                         "<BaseSalary>"] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
        #expect(!text.contains("<CFKSSstatus>"))
    }

    @Test func basePayAndPaymentsOfTheYear() throws {
        var settings = ProjectionSettings(collection: .csww, year: 2025)
        settings.organisations = OrganisationDirectory([])
        var record = CSWWProjectionTests.socialWorker()
        record.annualBasicPayFTE = 41_000
        record.payItems = [PayItem(type: "RAR", amount: 2_000), PayItem(type: "RCC", amount: 1_000, startDate: SimpleDate("2025-01-06")),
                           PayItem(type: "STB", amount: 450), PayItem(type: "RAR", amount: 9_999, endDate: SimpleDate("2024-09-30"))]
        let (worker, problems) = CSWWMapping(settings: settings).map(record)
        #expect(problems.isEmpty, "\(problems)")
        #expect(worker?.baseSalary == 41_000 && worker?.rrPayments == 3_000 && worker?.otherPayments == 450)
        var agency = CSWWProjectionTests.agencyWorker()
        agency.annualBasicPayFTE = 50_000
        #expect(CSWWMapping(settings: settings).map(agency).worker?.baseSalary == nil, "BaseSalary is for permanently employed practitioners")
        record.annualBasicPayFTE = nil
        #expect(CSWWMapping(settings: settings).map(record).problems.map(\.rule) == ["csww.base-salary.missing"])
    }

    @Test func missingAnswersAreNamedBeforeTheRun() {
        var settings = ProjectionSettings(collection: .csww, year: 2025)
        #expect(CSWWProjection.organisationProblems(settings: settings).map(\.rule) == ["csww.la-answers.missing"], "no organisation data at all")
        settings.organisations = OrganisationFile.read("local_authority_number,establishment_number,recruitment_bonus_eligibility\n999,,NO\n").directory
        let problems = CSWWProjection.organisationProblems(settings: settings)
        #expect(problems.map(\.itemRef) == ["O108", "O109", "O110", "O111", "O112", "O113", "O114", "O115"])
        #expect(problems.first?.record == "organisation line 2")
        #expect(CSWWProjection.organisationProblems(settings: ProjectionSettings(collection: .csww, year: 2024)).isEmpty, "asked from 2025 only")
    }
}
