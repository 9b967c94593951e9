import Foundation
import Testing
@testable import WorkforceStandards

@Suite("SWF projection")
struct SWFProjectionTests {
    static let censusDay = SimpleDate("2025-11-06")!
    static let settings = ProjectionSettings(referenceDate: censusDay)

    static func date(_ text: String) -> SimpleDate { SimpleDate(text)! }

    /// A classroom teacher in a school, in post on census day, with every SWF module filled.
    static func teacher() -> PostRecord {
        var r = PostRecord()
        r.line = 2
        r.postID = "P1"
        r.staffID = "S1"
        r.teacherReferenceNumber = "1234567"
        r.niNumber = "AB123456C"
        r.familyName = "Smith"
        r.givenNames = ["Ann", "Marie"]
        r.formerFamilyNames = ["Jones"]
        r.dateOfBirth = date("1985-03-04")
        r.sex = "F"
        r.ethnicity = "W1"
        r.disability = "N"
        r.laNumber = "999"
        r.establishmentNumber = "2001"
        r.role = "R206"
        r.contractType = "PRM"
        r.contractStart = date("2020-09-01")
        r.workplaceStart = date("2020-09-01")
        r.origin = "PUB"
        r.contractedWeeklyHours = 32.5
        r.fullTimeWeeklyHours = 32.5
        r.weeksPerYear = 52
        r.fte = 1
        r.payScale = "TE"
        r.spinePoint = "M3"
        r.annualBasicPayFTE = 35674
        r.payBasis = "A"
        r.safeguardedSalary = false
        r.payItems = [PayItem(type: "SEN", amount: 2539)]
        r.qualifiedTeacherStatus = true
        r.qtsRoute = "FLEX"
        r.qualifications = [Qualification(type: "FRST", subject: "G100", degreeClass: nil)]
        r.absences = [Absence(category: "SIC", firstDay: date("2025-01-13"), lastDay: date("2025-01-15"), workingDaysLost: 3)]
        return r
    }

    static func run(_ records: [PostRecord], settings: ProjectionSettings = settings) throws -> (text: String, outcomes: [XMLReturnTesting.Outcome]) {
        let result = try XMLReturnTesting.run(SWFProjection.self, records, settings: settings)
        return (result.text, result.outcomes)
    }

    static func decision(_ change: (inout PostRecord) -> Void) -> ScopeDecision {
        var record = teacher()
        change(&record)
        return SWFMapping(settings: settings).scope(record)
    }

    // MARK: - scope

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout PostRecord) -> Void
        let reason: String?
        var testDescription: String { name }
    }

    static let scopeCases: [ScopeCase] = [
        ScopeCase(name: "teacher in post", change: { _ in }, reason: nil),
        ScopeCase(name: "starts on census day", change: { $0.contractStart = censusDay }, reason: nil),
        ScopeCase(name: "starts the day after census day", change: { $0.contractStart = date("2025-11-07") },
                  reason: "contract not live on census day 2025-11-06: starts after it"),
        ScopeCase(name: "contract ends on census day", change: { $0.contractEnd = censusDay }, reason: nil),
        ScopeCase(name: "contract ended the day before", change: { $0.contractEnd = date("2025-11-05") },
                  reason: "contract not live on census day 2025-11-06: ended before it"),
        ScopeCase(name: "leaver before census day", change: { $0.leavingDate = date("2025-07-31"); $0.destination = "PRIV" },
                  reason: "contract not live on census day 2025-11-06: ended before it"),
        ScopeCase(name: "leaving after census day", change: { $0.leavingDate = date("2025-12-31") }, reason: nil),
        ScopeCase(name: "27-day contract over census day", change: { $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-27") },
                  reason: "contract under 28 days"),
        ScopeCase(name: "28-day contract over census day", change: { $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-28") },
                  reason: nil),
        ScopeCase(name: "short stay with no end date", change: { $0.contractStart = date("2025-11-03"); $0.contractType = "TMP" }, reason: nil),
        ScopeCase(name: "leaving date makes the contract short", change: { $0.contractStart = date("2025-11-01"); $0.leavingDate = date("2025-11-10") },
                  reason: "contract under 28 days"),
        ScopeCase(name: "children's social worker", change: { $0.role = "R237" },
                  reason: "role not in SWF scope: not school workforce; a children's social care role"),
        ScopeCase(name: "vacancy", change: { $0.vacancy = Vacancy(role: "R206", fte: 1) },
                  reason: "vacancy: the SWF school vacancy module is not written"),
        ScopeCase(name: "volunteer", change: { $0.contractType = "VOL" },
                  reason: "contract type not in SWF scope: volunteers are not part of the school workforce census"),
        ScopeCase(name: "no LA number", change: { $0.laNumber = nil },
                  reason: "not in a school or with a local authority: no O101 Local Authority Number"),
        ScopeCase(name: "agency teaching assistant", change: { $0.role = "R401"; $0.contractType = "SAG" },
                  reason: "third-party support staff: SWF counts them per school, not as individuals"),
        ScopeCase(name: "agency teacher", change: { $0.contractType = "SAG" }, reason: nil),
        ScopeCase(name: "teaching assistant under an LA service agreement", change: { $0.role = "R401"; $0.contractType = "SLA" }, reason: nil),
        ScopeCase(name: "centrally employed teacher", change: { $0.establishmentNumber = nil }, reason: nil),
        ScopeCase(name: "no job role", change: { $0.role = nil }, reason: "no job role"),
    ]

    @Test("scope", arguments: scopeCases)
    func scope(_ scopeCase: ScopeCase) {
        let decision = Self.decision(scopeCase.change)
        #expect(decision == (scopeCase.reason.map { .outOfScope(reason: $0) } ?? .inScope))
    }

    @Test func anotherAuthorityIsOutOfScope() throws {
        var other = Self.teacher()
        other.postID = "P2"
        other.laNumber = "888"
        let (text, outcomes) = try Self.run([Self.teacher(), other])
        #expect(outcomes[1].decision == .outOfScope(reason: "another local authority: this return is for 999"))
        #expect(text.contains("<LEA>999</LEA>"))
        #expect(text.components(separatedBy: "<SchoolWorkforceMember>").count == 2)
    }

    // MARK: - structure and codes

    @Test func writesEveryModuleWithCBDSNamesAndFormats() throws {
        let (text, outcomes) = try Self.run([Self.teacher()])
        #expect(outcomes[0].problems.isEmpty, "\(outcomes[0].problems)")
        for fragment in [
            "<Collection>SWF</Collection>", "<Year>2025</Year>", "<ReferenceDate>2025-11-06</ReferenceDate>", "<SourceLevel>L</SourceLevel>",
            "<LEA>999</LEA>", "<SoftwareCode>wds</SoftwareCode>", "<DateTime>2025-11-06T00:00:00</DateTime>", "<CBDSLevel>Workforce</CBDSLevel>",
            "<TeacherNumber>1234567</TeacherNumber>", "<PersonFamilyName>Smith</PersonFamilyName>",
            "<PersonGivenName>Ann</PersonGivenName>", "<PersonGivenName>Marie</PersonGivenName>",
            "<FormerFamilyNames>", "<PersonFamilyName>Jones</PersonFamilyName>", "<NINumber>AB123456C</NINumber>", "<Sex>F</Sex>",
            "<PersonBirthDate>1985-03-04</PersonBirthDate>", "<Ethnicity>WBRI</Ethnicity>", "<QTStatus>true</QTStatus>",
            "<DisabilityIndicator>NO</DisabilityIndicator>", "<QTSRoute>FLEX</QTSRoute>",
            "<ContractType>PRM</ContractType>", "<ContractStart>2020-09-01</ContractStart>", "<Post>TCH</Post>",
            "<SchoolArrivalDate>2020-09-01</SchoolArrivalDate>", "<DailyRate>N</DailyRate>", "<Origin>EMPPUB</Origin>",
            "<LEASchoolLevel>S</LEASchoolLevel>", "<Estab>2001</Estab>", "<RoleIdentifier>TCHR</RoleIdentifier>",
            "<HoursPerWeek>32.50</HoursPerWeek>", "<FTEHours>32.50</FTEHours>", "<WeeksPerYear>52</WeeksPerYear>", "<Scale>TE</Scale>",
            "<SpinePoint>M3</SpinePoint>", "<SafeguardedSalary>false</SafeguardedSalary>", "<TotalPay>35674.00</TotalPay>",
            "<PaymentType>SEN</PaymentType>", "<PaymentAmount>2539.00</PaymentAmount>",
            "<FirstDayOfAbsence>2025-01-13</FirstDayOfAbsence>", "<LastDayOfAbsence>2025-01-15</LastDayOfAbsence>",
            "<WorkingDaysLost>3.0</WorkingDaysLost>", "<AbsenceCategory>SIC</AbsenceCategory>",
            "<QualificationCode>FRST</QualificationCode>", "<QualificationSubject>G100</QualificationSubject>",
        ] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
        #expect(!text.contains("<GenderCurrent>"))
        try XMLReturnTesting.expectWellFormed(text)
    }

    @Test("sex is GenderCurrent to 2022 and Sex from 2023", arguments: [(2022, "<GenderCurrent>2</GenderCurrent>"), (2023, "<Sex>F</Sex>"), (2025, "<Sex>F</Sex>")])
    func sexByYear(year: Int, element: String) throws {
        let settings = ProjectionSettings(referenceDate: SimpleDate(year: year, month: 11, day: 3)!)
        var record = Self.teacher()
        record.contractStart = Self.date("2015-09-01")
        let (text, outcomes) = try Self.run([record], settings: settings)
        #expect(outcomes[0].errors.isEmpty)
        #expect(text.contains(element))
    }

    @Test func codesAreTranslatedThroughTheItemMaps() throws {
        var record = Self.teacher()
        record.contractType = "BNK"
        record.payItems = [PayItem(type: "OVT", amount: 120)]
        record.spinePoint = "SCP5"
        record.payScale = "NJ"
        record.destination = "PRIV"
        record.absences.append(Absence(category: "ANN", firstDay: Self.date("2025-04-01"), lastDay: Self.date("2025-04-04"), workingDaysLost: 4))
        let (text, outcomes) = try Self.run([record])
        #expect(outcomes[0].problems.isEmpty, "\(outcomes[0].problems)")
        #expect(text.contains("<ContractType>TMP</ContractType>"), "bank work is temporary in SWF")
        #expect(text.contains("<PaymentType>OTH</PaymentType>"), "overtime is Other")
        #expect(text.contains("<DestinationCode>OTHERE</DestinationCode>"), "PRISEC is a 2026 code: 2025 uses OTHERE")
        #expect(!text.contains("<SpinePoint>"), "NJC points are not collected")
        #expect(!text.contains("ANN") && text.components(separatedBy: "<Absence>").count == 2, "annual leave is not collected")
    }

    /// PRG (pregnancy-related absence) is an SWF code from 2026; earlier years record it as sickness.
    @Test("codes follow the collection year", arguments: [("2025-11-06", "SIC"), ("2026-11-05", "PRG")])
    func codesFollowTheCollectionYear(_ censusDay: String, _ category: String) throws {
        let census = Self.date(censusDay)
        let sick = SimpleDate(year: census.year, month: 3, day: 3)!
        var record = Self.teacher()
        record.absences = [Absence(category: "PRG", firstDay: sick, lastDay: sick.adding(days: 1), workingDaysLost: 2)]
        let (text, outcomes) = try Self.run([record], settings: ProjectionSettings(referenceDate: census))
        #expect(outcomes[0].errors.isEmpty)
        #expect(text.contains("<AbsenceCategory>\(category)</AbsenceCategory>"))
    }

    @Test func centralStaffAreLAAndDailyRateDropsPayments() throws {
        var record = Self.teacher()
        record.establishmentNumber = nil
        record.payBasis = "D"
        let (text, _) = try Self.run([record])
        #expect(text.contains("<LEASchoolLevel>L</LEASchoolLevel>"))
        #expect(!text.contains("<Estab>"))
        #expect(text.contains("<DailyRate>Y</DailyRate>"))
        #expect(!text.contains("<Payments>"), "CBDS 400139: no payment items at a daily rate")
    }

    @Test func absencesAreThoseOfThePreviousAcademicYear() throws {
        var record = Self.teacher()
        record.absences = [
            Absence(category: "SIC", firstDay: Self.date("2024-08-20"), lastDay: Self.date("2024-08-30"), workingDaysLost: 5),
            Absence(category: "SIC", firstDay: Self.date("2024-08-28"), lastDay: Self.date("2024-09-03"), workingDaysLost: 3),
            Absence(category: "MAT", firstDay: Self.date("2025-03-01"), lastDay: nil, workingDaysLost: nil),
            Absence(category: "SIC", firstDay: Self.date("2025-09-10"), lastDay: Self.date("2025-09-12"), workingDaysLost: 3),
        ]
        let (text, outcomes) = try Self.run([record])
        #expect(outcomes[0].problems.isEmpty, "\(outcomes[0].problems)")
        #expect(!text.contains("2024-08-20") && !text.contains("2025-09-10"))
        #expect(text.contains("2024-08-28") && text.contains("<AbsenceCategory>MAT</AbsenceCategory>"))
    }

    // MARK: - rejections

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: String
        let item: String
        let change: @Sendable (inout PostRecord) -> Void
        var testDescription: String { rule }
    }

    static let errorRules: [RuleCase] = [
        RuleCase(rule: "swf.family-name.missing", item: "P104") { $0.familyName = nil },
        RuleCase(rule: "swf.given-name.missing", item: "P105") { $0.givenNames = [] },
        RuleCase(rule: "swf.ni-number.missing", item: "P102") { $0.niNumber = nil },
        RuleCase(rule: "swf.sex.missing", item: "P108") { $0.sex = nil },
        RuleCase(rule: "swf.sex.unmapped", item: "P108") { $0.sex = "U" },
        RuleCase(rule: "swf.birth-date.missing", item: "P107") { $0.dateOfBirth = nil },
        RuleCase(rule: "swf.contract-type.missing", item: "C101") { $0.contractType = nil },
        RuleCase(rule: "swf.contract-type.unmapped", item: "C101") { $0.contractType = "XYZ" },
        RuleCase(rule: "swf.contract-start.missing", item: "C102") { $0.contractStart = nil },
        RuleCase(rule: "swf.post.unmapped", item: "J101") { $0.role = "R237" },
        RuleCase(rule: "swf.role-identifier.unmapped", item: "J101") { $0.role = "R237" },
        RuleCase(rule: "swf.payment-type.unmapped", item: "S508") { $0.payItems = [PayItem(type: "TLR", amount: 3214)] },
        RuleCase(rule: "swf.payment-amount.missing", item: "S509") { $0.payItems = [PayItem(type: "SEN", amount: nil)] },
        RuleCase(rule: "swf.absence-first-day.missing", item: "A102") {
            $0.absences = [Absence(category: "SIC", firstDay: nil, lastDay: nil, workingDaysLost: 2)]
        },
        RuleCase(rule: "swf.absence-category.unmapped", item: "A101") {
            $0.absences = [Absence(category: "XYZ", firstDay: SimpleDate("2025-02-03"), lastDay: nil, workingDaysLost: 1)]
        },
        RuleCase(rule: "swf.working-days-lost.missing", item: "A104") {
            $0.absences = [Absence(category: "SIC", firstDay: SimpleDate("2025-02-03"), lastDay: SimpleDate("2025-02-04"), workingDaysLost: nil)]
        },
        RuleCase(rule: "swf.qualification-code.unmapped", item: "Q101") { $0.qualifications = [Qualification(type: "XYZ", subject: "G100", degreeClass: nil)] },
        RuleCase(rule: "swf.qualification-subject.missing", item: "Q102") { $0.qualifications = [Qualification(type: "FRST", subject: nil, degreeClass: nil)] },
        RuleCase(rule: "swf.qualification-subject.unmapped", item: "Q102") { $0.qualifications = [Qualification(type: "FRST", subject: "ZZZZ", degreeClass: nil)] },
    ]

    /// Each rule rejects the record (mapped directly, as a record in scope would be) and names
    /// the item, its exchange column, the value and what is valid.
    @Test("required items reject the record", arguments: errorRules)
    func errorRule(_ ruleCase: RuleCase) throws {
        var record = Self.teacher()
        ruleCase.change(&record)
        let (member, problems) = SWFMapping(settings: Self.settings).map(record)
        #expect(member == nil)
        let problem = try #require(problems.first { $0.rule == ruleCase.rule }, "\(problems.map(\.rule))")
        #expect(problem.severity == .error)
        #expect(problem.itemRef == ruleCase.item)
        let item = try #require(Registry.embedded.item(ItemReference(ruleCase.item)))
        #expect(problem.itemName == item.name)
        #expect(problem.column == ExchangeFormat.columnName(for: item))
        #expect(problem.record == "P1" && problem.line == 2)
        #expect(!problem.message.isEmpty && !problem.expected.isEmpty)
    }

    @Test func rejectedRecordsWriteNothing() throws {
        var record = Self.teacher()
        record.niNumber = nil
        let (text, outcomes) = try Self.run([record])
        #expect(outcomes[0].errors == ["swf.ni-number.missing"])
        #expect(!text.contains("<SchoolWorkforceMember>"))
        try XMLReturnTesting.expectWellFormed(text)
    }

    static let queryRules: [RuleCase] = [
        RuleCase(rule: "swf.ethnicity.unmapped", item: "P109") { $0.ethnicity = "ZZ" },
        RuleCase(rule: "swf.disability.unmapped", item: "P110") { $0.disability = "ZZ" },
        RuleCase(rule: "swf.qts-route.unmapped", item: "R102") { $0.qtsRoute = "ZZ" },
        RuleCase(rule: "swf.destination.unmapped", item: "C107") { $0.destination = "ZZ" },
        RuleCase(rule: "swf.origin.unmapped", item: "C106") { $0.origin = "ZZ" },
        RuleCase(rule: "swf.pay-scale.unmapped", item: "S501") { $0.payScale = "ZZ" },
        RuleCase(rule: "swf.regional-pay-spine.unmapped", item: "S503") { $0.regionalPaySpine = "ZZ" },
        RuleCase(rule: "swf.spine-point.unmapped", item: "S502") { $0.spinePoint = "ZZ" },
    ]

    /// An optional code the map has no row for is left out, with a query; the record is written.
    @Test("optional codes with no map row are queried", arguments: queryRules)
    func queryRule(_ ruleCase: RuleCase) throws {
        var record = Self.teacher()
        ruleCase.change(&record)
        let (member, problems) = SWFMapping(settings: Self.settings).map(record)
        #expect(member != nil)
        #expect(problems.map(\.rule) == [ruleCase.rule])
        #expect(problems.first?.severity == .query && problems.first?.itemRef == ruleCase.item && problems.first?.value == "ZZ")
    }

    // MARK: - XML

    @Test("hostile text stays well-formed", arguments: hostileTexts)
    func hostileText(_ text: String) throws {
        var record = Self.teacher()
        record.familyName = text
        record.givenNames = [text, "x" + text]
        record.formerFamilyNames = [text]
        record.niNumber = text
        record.teacherReferenceNumber = text
        record.laNumber = text
        record.establishmentNumber = text
        let (xml, outcomes) = try Self.run([record])
        #expect(outcomes[0].errors.isEmpty)
        #expect(xml.contains("<SchoolWorkforceMember>"))
        try XMLReturnTesting.expectWellFormed(xml)
    }

    @Test func emptyRunIsWellFormed() throws {
        let (text, _) = try Self.run([])
        #expect(text.hasSuffix("  </SchoolWorkforceMembers>\n</Message>\n"))
        try XMLReturnTesting.expectWellFormed(text)
    }

    @Test func sameRecordsGiveTheSameBytes() throws {
        let records = (0..<50).map { index -> PostRecord in
            var record = Self.teacher()
            record.postID = "P\(index)"
            record.familyName = "Name \(index) & <\(index)>"
            return record
        }
        #expect(try Self.run(records).text == Self.run(records).text)
    }

    /// Each member is written as soon as it is mapped: nothing waits for the end of the run,
    /// so memory does not grow with the input.
    @Test func membersAreWrittenAsTheyAreProjected() throws {
        let sink = MemorySink()
        let projection = try SWFProjection(settings: Self.settings, sinks: ["swf.xml": sink])
        var lengths: [Int] = []
        for index in 0..<5 {
            var record = Self.teacher()
            record.postID = "P\(index)"
            #expect(projection.scope(record) == .inScope)
            #expect(projection.project(record).isEmpty)
            lengths.append(sink.text.utf8.count)
        }
        #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $0 < $1 })
        #expect(projection.memberCount == 5)
        try projection.finish()
    }

    @Test func missingSinkIsAnError() {
        #expect(throws: XMLReturnError.self) { try SWFProjection(settings: Self.settings, sinks: [:]) }
    }

    // MARK: - golden file

    /// `wds project --to swf --reference-date 2025-11-06 Examples/posts.csv`, through the same pipeline.
    @Test func exampleMatchesGoldenFile() throws {
        let csv = try XMLReturnTesting.exampleCSV()
        let (text, report) = try XMLReturnTesting.pipeline(SWFProjection.self, csv: csv, referenceDate: Self.censusDay)
        #expect(report.addsUp)
        let counts = try #require(report.collections["swf"])
        #expect(counts.projected > 0)
        try XMLReturnTesting.expectWellFormed(text)
        try XMLReturnTesting.expectSnapshot(text, named: "swf.xml")
        let again = try XMLReturnTesting.pipeline(SWFProjection.self, csv: csv, referenceDate: Self.censusDay)
        #expect(again.text == text, "same input, same bytes")
    }
}
