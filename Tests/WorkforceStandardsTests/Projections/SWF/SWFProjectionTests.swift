import Foundation
import Testing
@testable import WorkforceStandards

@Suite("SWF projection")
struct SWFProjectionTests {
    /// The categories of SPECIFICATION.md 1.1 (Aspen and Oracle): a teaching assistant by the
    /// post TAS; other support staff by a support post (SUP, and since its split OSP, LNT and
    /// SBP; Aspen also AVT); a teacher on a service agreement (SLA, SAG, SOT) is category 2, on
    /// a contract category 1. Codes are compared as written.
    @Test("staff categories", arguments: [
        ("TAS", "PRM", SWFStaffCategory.teachingAssistant), ("TAS", "SAG", .teachingAssistant),
        ("SUP", "PRM", .otherSupport), ("OSP", "FXT", .otherSupport), ("LNT", "PRM", .otherSupport),
        ("SBP", "TMP", .otherSupport), ("AVT", "SLA", .otherSupport),
        ("TCH", "PRM", .teacher), ("HDT", "FXT", .teacher), ("DHT", "TMP", .teacher),
        ("TCH", "SLA", .agencyTeacher), ("AHT", "SAG", .agencyTeacher), ("TCH", "SOT", .agencyTeacher),
        ("tas", "PRM", .teacher), ("TASS", "PRM", .teacher), ("TA", "PRM", .teacher), ("TCH", "sla", .teacher), ("TCH", "SLAX", .teacher),
    ])
    func staffCategories(post: String, contractType: String, category: SWFStaffCategory) {
        #expect(SWFStaffCategory(post: post, contractType: contractType) == category, "\(post) \(contractType)")
    }

    static let censusDay = SimpleDate("2025-11-06")!
    static let settings = ProjectionSettings(collection: .swf, year: 2025)

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
        r.payReviewDate = date("2025-09-01")
        r.payItems = [PayItem(type: "SEN", amount: 2539)]
        r.qualifiedTeacherStatus = true
        r.qtsRoute = "FLEX"
        r.seniorLeadershipTeam = false
        r.qualifications = [Qualification(type: "FRST", subject: "G100", degreeClass: "02")]
        r.absences = [Absence(category: "SIC", firstDay: date("2025-01-13"), lastDay: date("2025-01-15"), workingDaysLost: 3)]
        return r
    }

    /// A term-time teaching assistant on 15 of 37 hours in the same school.
    static func assistant(line: Int = 3) -> PostRecord {
        var r = teacher()
        r.line = line
        r.postID = "P\(line)"
        r.staffID = "S\(line)"
        r.teacherReferenceNumber = nil
        r.niNumber = "CE\(100000 + line)A"
        r.familyName = "Patel"
        r.givenNames = ["Priya"]
        r.formerFamilyNames = []
        r.role = "R401"
        r.qualifiedTeacherStatus = nil
        r.qtsRoute = nil
        r.contractedWeeklyHours = 15
        r.fullTimeWeeklyHours = 37
        r.weeksPerYear = 39
        r.fte = 0.4054
        r.payScale = "NJ"
        r.spinePoint = "SCP5"
        r.annualBasicPayFTE = 25550
        r.payItems = []
        r.qualifications = []
        r.payReviewDate = nil
        return r
    }

    /// Every output of a run over `records`, by name, and each record's outcome.
    static func run(_ records: [PostRecord], settings: ProjectionSettings = settings) throws
        -> (outputs: [String: String], outcomes: [XMLReturnTesting.Outcome], projection: SWFProjection) {
        let index = MemorySink()
        let projection = try SWFProjection(settings: settings, sinks: [SWFProjection.indexName: index])
        var outcomes: [XMLReturnTesting.Outcome] = []
        for record in records {
            let decision = projection.scope(record)
            outcomes.append(XMLReturnTesting.Outcome(decision: decision, problems: decision == .inScope ? projection.project(record) : []))
        }
        try projection.finish()
        var outputs = projection.outputs
        outputs[SWFProjection.indexName] = index.text
        return (outputs, outcomes, projection)
    }

    /// The one message of a run over `records` (a school's, unless `la`).
    static func message(_ records: [PostRecord], la: Bool = false, settings: ProjectionSettings = settings) throws -> String {
        let outputs = try run(records, settings: settings).outputs
        return try #require(outputs[la ? "swf/999-LA.xml" : "swf/999-2001.xml"], "outputs: \(outputs.keys.sorted())")
    }

    static func use(_ change: (inout PostRecord) -> Void) -> SWFRecordUse {
        var record = teacher()
        change(&record)
        return SWFMapping(settings: settings).use(of: record)
    }

    // MARK: - scope and the census window

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout PostRecord) -> Void
        let use: SWFRecordUse
        var testDescription: String { name }
    }

    static let scopeCases: [ScopeCase] = [
        ScopeCase(name: "teacher in post", change: { _ in }, use: .member),
        ScopeCase(name: "starts on census day", change: { $0.contractStart = censusDay }, use: .member),
        ScopeCase(name: "starts the day after census day", change: { $0.contractStart = date("2025-11-07") },
                  use: .outOfScope(reason: "contract not started by census day 2025-11-06")),
        ScopeCase(name: "contract ends on census day", change: { $0.contractEnd = censusDay }, use: .member),
        ScopeCase(name: "leaver on 1 September of the previous year: in the window", change: { $0.leavingDate = date("2024-09-01"); $0.destination = "PRIV" },
                  use: .member),
        ScopeCase(name: "leaver on 31 August of the previous year: before the window", change: { $0.leavingDate = date("2024-08-31") },
                  use: .outOfScope(reason: "contract ended before 2024-09-01, the start of the census window (1 September of the previous year)")),
        ScopeCase(name: "contract end on 31 August of the previous year", change: { $0.contractEnd = date("2024-08-31") },
                  use: .outOfScope(reason: "contract ended before 2024-09-01, the start of the census window (1 September of the previous year)")),
        ScopeCase(name: "leaving after census day", change: { $0.leavingDate = date("2025-12-31") }, use: .member),
        ScopeCase(name: "27-day temporary contract over census day: an occasional teacher",
                  change: { $0.contractType = "TMP"; $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-27") }, use: .occasionalTeacher),
        ScopeCase(name: "28-day temporary contract over census day",
                  change: { $0.contractType = "TMP"; $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-28") }, use: .member),
        ScopeCase(name: "temporary contract with no end date, 27 days by census day",
                  change: { $0.contractType = "TMP"; $0.contractStart = date("2025-10-11") }, use: .occasionalTeacher),
        ScopeCase(name: "temporary contract with no end date, 28 days by census day",
                  change: { $0.contractType = "TMP"; $0.contractStart = date("2025-10-10") }, use: .member),
        ScopeCase(name: "permanent contract started the day before census day", change: { $0.contractStart = date("2025-11-05") }, use: .member),
        ScopeCase(name: "27-day contract of a centrally employed teacher",
                  change: { $0.contractType = "TMP"; $0.establishmentNumber = nil; $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-27") },
                  use: .outOfScope(reason: "contract of under 28 days with the authority: SWF counts short contracts per school only")),
        ScopeCase(name: "27-day temporary contract that ended before census day",
                  change: { $0.contractType = "TMP"; $0.contractStart = date("2025-06-02"); $0.contractEnd = date("2025-06-28") },
                  use: .outOfScope(reason: "contract of under 28 days that ended before census day")),
        ScopeCase(name: "27-day contract of a teaching assistant",
                  change: { $0.role = "R401"; $0.contractType = "TMP"; $0.contractStart = date("2025-11-01"); $0.contractEnd = date("2025-11-27") },
                  use: .supportHeadcount(category: "SCHLA")),
        ScopeCase(name: "agency teaching assistant", change: { $0.role = "R401"; $0.contractType = "SAG" }, use: .supportHeadcount(category: "OTHTP")),
        ScopeCase(name: "contract cleaner", change: { $0.role = "R601"; $0.contractType = "SAG" }, use: .supportHeadcount(category: "CLEAN")),
        ScopeCase(name: "agency cook", change: { $0.role = "R511"; $0.contractType = "SOT" }, use: .supportHeadcount(category: "CATER")),
        ScopeCase(name: "agency teaching assistant not in a school", change: { $0.role = "R401"; $0.contractType = "SAG"; $0.establishmentNumber = nil },
                  use: .outOfScope(reason: "third-party support staff: SWF counts them per school on census day, and this one is not in a school that day")),
        ScopeCase(name: "agency teacher", change: { $0.contractType = "SAG" }, use: .member),
        ScopeCase(name: "teaching assistant under an LA service agreement", change: { $0.role = "R401"; $0.contractType = "SLA" }, use: .member),
        ScopeCase(name: "centrally employed teacher", change: { $0.establishmentNumber = nil }, use: .member),
        ScopeCase(name: "centrally employed educational psychologist", change: { $0.establishmentNumber = nil; $0.role = "R222" }, use: .member),
        ScopeCase(name: "centrally employed teaching assistant", change: { $0.establishmentNumber = nil; $0.role = "R401" }, use: .member),
        ScopeCase(name: "administrative officer of the council", change: { $0.establishmentNumber = nil; $0.role = "R301" },
                  use: .outOfScope(reason: "centrally employed (no O102 Establishment Number) in a role that does not serve schools: the SWF LA return covers centrally employed teachers, teaching assistants and education staff")),
        ScopeCase(name: "administrative officer in a school", change: { $0.role = "R301" }, use: .member),
        ScopeCase(name: "teacher vacancy in a school", change: { $0.vacancy = Vacancy(role: "R206", fte: 1) }, use: .vacancy),
        ScopeCase(name: "support vacancy", change: { $0.vacancy = Vacancy(role: "R401", fte: 1) },
                  use: .outOfScope(reason: "vacancy for a post SWF does not collect vacancies for (teacher posts only)")),
        ScopeCase(name: "vacancy with the authority", change: { $0.vacancy = Vacancy(role: "R206", fte: 1); $0.establishmentNumber = nil },
                  use: .outOfScope(reason: "vacancy not in a school: SWF returns vacancies in each school's module")),
        ScopeCase(name: "children's social worker", change: { $0.role = "R237" },
                  use: .outOfScope(reason: "role not in SWF scope: not school workforce; a children's social care role")),
        ScopeCase(name: "volunteer", change: { $0.contractType = "VOL" },
                  use: .outOfScope(reason: "contract type not in SWF scope: volunteers are not part of the school workforce census")),
        ScopeCase(name: "no LA number", change: { $0.laNumber = nil },
                  use: .outOfScope(reason: "not in a school or with a local authority: no O101 Local Authority Number")),
        ScopeCase(name: "no job role", change: { $0.role = nil }, use: .outOfScope(reason: "no job role")),
    ]

    @Test("scope", arguments: scopeCases)
    func scope(_ scopeCase: ScopeCase) {
        #expect(Self.use(scopeCase.change) == scopeCase.use)
    }

    @Test func theWindowsFollowTheCensusDay() {
        #expect(SWFMapping.contractWindowStart(censusDay: Self.censusDay) == Self.date("2024-09-01"))
        #expect(SWFMapping.absenceYear(censusDay: Self.censusDay) == Self.date("2024-09-01")...Self.date("2025-08-31"))
        #expect(SWFMapping.paymentWindow(censusDay: Self.censusDay) == Self.date("2024-11-06")...Self.censusDay)
    }

    /// Absences of the previous academic year only: 1 September 2024 to 31 August 2025.
    @Test("absence at the edges of the academic year", arguments: [
        ("2024-08-31", false), ("2024-09-01", true), ("2025-08-31", true), ("2025-09-01", false),
    ])
    func absenceAtTheEdges(day: String, returned: Bool) throws {
        var record = Self.teacher()
        record.absences = [Absence(category: "SIC", firstDay: Self.date(day), lastDay: Self.date(day), workingDaysLost: 1)]
        let xml = try Self.message([record])
        #expect(xml.contains("<FirstDayOfAbsence>\(day)</FirstDayOfAbsence>") == returned)
    }

    /// Additional payments of the 12 months to census day: one that ended 12 months before
    /// census day is returned, one that ended 12 months and a day before is not.
    @Test("payment at the edge of the 12 months", arguments: [
        ("2024-11-06", true), ("2024-11-05", false),
    ])
    func paymentAtTheEdge(end: String, returned: Bool) throws {
        var record = Self.teacher()
        record.payItems = [PayItem(type: "SEN", amount: 2539, startDate: Self.date("2023-09-01"), endDate: Self.date(end))]
        let xml = try Self.message([record])
        #expect(xml.contains("<PaymentType>SEN</PaymentType>") == returned)
    }

    @Test func aPaymentStartingAfterCensusDayIsNotReturned() throws {
        var record = Self.teacher()
        record.payItems = [PayItem(type: "SEN", amount: 2539, startDate: Self.date("2025-11-07"))]
        #expect(!(try Self.message([record])).contains("<AdditionalPayments>"))
    }

    // MARK: - the message

    /// Every element of a teacher's member, under the names and nesting of the post-2013
    /// message (research notes section 7.4).
    @Test func aTeacherIsWrittenInThePost2013Message() throws {
        let (outputs, outcomes, _) = try Self.run([Self.teacher()])
        #expect(outcomes[0].problems.isEmpty, "\(outcomes[0].problems)")
        let xml = try #require(outputs["swf/999-2001.xml"])
        for fragment in [
            "<Collection>School Workforce Census</Collection>", "<Year>2025</Year>", "<ReferenceDate>2025-11-06</ReferenceDate>",
            "<SourceLevel>S</SourceLevel>", "<LEA>999</LEA>", "<Estab>2001</Estab>", "<DateTime>2025-11-06T00:00:00</DateTime>",
            "<ContractOrServiceIncluded>true</ContractOrServiceIncluded>",
            "<TeacherNumber>1234567</TeacherNumber>",
            "<StaffMemberName>\n          <PersonFamilyName>Smith</PersonFamilyName>\n          <GivenNames>\n            <GivenName>\n              <PersonGivenName>Ann</PersonGivenName>",
            "<PersonGivenName>Marie</PersonGivenName>", "<FormerFamilyNames>\n          <PersonFamilyName>Jones</PersonFamilyName>",
            "<NINumber>AB123456C</NINumber>", "<Sex>F</Sex>", "<PersonBirthDate>1985-03-04</PersonBirthDate>", "<Ethnicity>WBRI</Ethnicity>",
            "<Disability>NO</Disability>\n        <QTS>true</QTS>\n        <QTLS>false</QTLS>\n        <EYTS>false</EYTS>",
            "<QTSRoute>FLEX</QTSRoute>", "<SLT>false</SLT>",
            "<ContractOrServiceGroup>\n        <ContractOrService>\n          <ContractType>PRM</ContractType>",
            "<ContractStart>2020-09-01</ContractStart>", "<Post>TCH</Post>", "<SchoolArrivalDate>2020-09-01</SchoolArrivalDate>",
            "<DailyRate>N</DailyRate>", "<Origin>EMPPUB</Origin>", "<PayReviewDate>2025-09-01</PayReviewDate>", "<LASchoolLevel>S</LASchoolLevel>",
            "<PostLevelDetails>\n            <Payments>\n              <PayRange>MS</PayRange>\n              <BasePay>35674.00</BasePay>\n              <SafeguardedSalary>false</SafeguardedSalary>",
            "<AdditionalPayments>\n              <AdditionalPayment>\n                <PaymentType>SEN</PaymentType>\n                <PaymentAmount>2539.00</PaymentAmount>",
            "<Hours>\n              <HoursPerWeek>32.50</HoursPerWeek>\n              <FTEHours>32.50</FTEHours>\n              <WeeksPerYear>52</WeeksPerYear>",
            "</PostLevelDetails>\n          <Roles>\n            <Role>\n              <RoleIdentifier>TCHR</RoleIdentifier>",
            "<Absences>\n        <Absence>\n          <FirstDayOfAbsence>2025-01-13</FirstDayOfAbsence>",
            "<WorkingDaysLost>3.0</WorkingDaysLost>", "<AbsenceCategory>SIC</AbsenceCategory>",
            "<Qualification>\n          <QualificationCode>FRST</QualificationCode>\n          <ClassOfDegree>02</ClassOfDegree>\n          <Subjects>\n            <QualificationSubject>G100</QualificationSubject>",
            "<School>\n    <ReferenceDate>2025-11-06</ReferenceDate>\n    <Estab>2001</Estab>\n  </School>",
        ] {
            #expect(xml.contains(fragment), "missing \(fragment)")
        }
        for retired in ["<Contracts>", "<QTStatus>", "<DisabilityIndicator>", "<LEASchoolLevel>", "<TotalPay>", "<Scale>", "<SpinePoint>",
                        "<CBDSLevel>", "<GenderCurrent>", "<OverseasTrndTchr>"] {
            #expect(!xml.contains(retired), "\(retired) is not an element of the post-2013 message")
        }
        try XMLReturnTesting.expectWellFormed(xml)
    }

    @Test("sex is GenderCurrent to 2022 and Sex from 2023; SLT from 2023", arguments: [
        (2022, "<GenderCurrent>2</GenderCurrent>", false), (2023, "<Sex>F</Sex>", true), (2025, "<Sex>F</Sex>", true),
    ])
    func sexAndSLTByYear(year: Int, element: String, slt: Bool) throws {
        var record = Self.teacher()
        record.contractStart = Self.date("2015-09-01")
        let xml = try Self.message([record], settings: ProjectionSettings(collection: .swf, year: year))
        #expect(xml.contains(element))
        #expect(xml.contains("<SLT>") == slt)
        #expect(xml.contains("<Year>\(year)</Year>"))
    }

    @Test func theYearTakesItsCensusDay() {
        #expect(ProjectionSettings(collection: .swf, year: 2018).referenceDate == Self.date("2018-11-08"), "2018 was not the first Thursday")
        #expect(ProjectionSettings(collection: .swf, year: 2024).referenceDate == Self.date("2024-11-07"))
        #expect(CollectionCalendar.swfCensusDay(2026).date == Self.date("2026-11-05"), "a year not listed: the first Thursday")
        #expect(CollectionCalendar.swfCensusDay(2026).isKnown == false)
        #expect(ProjectionSettings(collection: .csww, year: 2025).referenceDate == Self.date("2025-09-30"))
        #expect(CollectionCalendar.latestYear(of: .swf, onOrBefore: Self.date("2026-11-04")) == 2025)
        #expect(CollectionCalendar.latestYear(of: .swf, onOrBefore: Self.date("2026-11-05")) == 2026)
    }

    @Test func the2020CensusCollectedNoAbsencesOrQualifications() throws {
        let xml = try Self.message([Self.teacher()], settings: ProjectionSettings(collection: .swf, year: 2020))
        #expect(xml.contains("<AbsencesIncluded>false</AbsencesIncluded>") && xml.contains("<QualificationsIncluded>false</QualificationsIncluded>"))
        #expect(!xml.contains("<PayReviewDate>"))
    }

    /// Base pay is the actual pay for the hours and weeks worked (DfE, quoted by ScholarPack).
    @Test func basePayIsActualPay() throws {
        let xml = try Self.message([Self.assistant()])
        // 25,550 x 15/37 x 39/52, to the penny.
        #expect(xml.contains("<BasePay>7768.58</BasePay>"), "\(xml)")
        var paid = Self.assistant()
        paid.annualBasicPayActual = 8123.45
        #expect(try Self.message([paid]).contains("<BasePay>8123.45</BasePay>"), "S511 when held")
        var daily = Self.teacher()
        daily.payBasis = "D"
        let dailyXML = try Self.message([daily])
        #expect(dailyXML.contains("<DailyRate>Y</DailyRate>"))
        #expect(!dailyXML.contains("<BasePay>") && !dailyXML.contains("<AdditionalPayments>"), "rules 4550 and CBDS 400139")
    }

    /// A teaching assistant (category 3) gets no QTS route, destination or safeguarded salary;
    /// other support staff (category 4) no QTS flags, absences or qualifications (research notes 3.6).
    @Test func itemsFollowTheStaffCategory() throws {
        let assistant = try Self.message([Self.assistant()])
        #expect(assistant.contains("<QTS>false</QTS>"), "a teaching assistant with no QTS recorded has none")
        #expect(assistant.contains("<QTLS>false</QTLS>") && !assistant.contains("<QTSRoute>") && !assistant.contains("<SafeguardedSalary>"))
        #expect(assistant.contains("<Absences>"))
        var caretaker = Self.assistant()
        caretaker.role = "R431"
        let support = try Self.message([caretaker])
        #expect(support.contains("<Post>OSP</Post>"), "SUP is retired: other support staff are OSP")
        #expect(!support.contains("<QTLS>") && !support.contains("<Absences>") && !support.contains("<PayRange>"))
    }

    @Test("posts are those current in the year", arguments: [
        ("R431", 2018, "SUP"), ("R431", 2019, "OSP"), ("R276", 2022, "OSP"), ("R276", 2023, "SBP"), ("R211", 2013, "AST"), ("R211", 2025, "TCH"),
    ])
    func postsByYear(role: String, year: Int, post: String) throws {
        let codes = CollectionCodeLookup(registry: .embedded, collection: .swf, year: year)
        #expect(codes.translate(role, field: "Post") == .code(post))
    }

    /// Every map into an SWF code list, resolved for each census year, writes only codes that
    /// list dates as valid that year; and the dates the evidence gives hold (research notes 7.2).
    @Test func everyCodeWrittenIsValidInItsYear() throws {
        let registry = Registry.embedded
        let maps = registry.maps.filter { $0.targetSet.rawValue.hasPrefix("swf.") }
        #expect(maps.count >= 20)
        for map in maps {
            let target = try #require(registry.codeSet(map.targetSet))
            for year in 2010...2026 {
                let compiled = CompiledMap(map, year: year, registry: registry)
                for source in map.orderedSourceCodes {
                    if case .code(let code)? = compiled.outcome(for: source) {
                        #expect(target.hasCode(code, validInYear: year), "\(map.id) writes \(code) for \(source) in \(year)")
                    }
                }
            }
        }
        let payments = try #require(registry.codeSet("swf.additional-payment-type"))
        #expect(payments.hasCode("TL3", validInYear: 2019) && payments.hasCode("TLE", validInYear: 2025), "TL3 was in use by 2019 (Oracle 2019, rule 4833)")
        #expect(!payments.hasCode("TLR", validInYear: 2025))
        let routes = try #require(registry.codeSet("swf.qts-route"))
        #expect(routes.hasCode("GTPR", validInYear: 2025), "GTPR was reinstated in 2019 (DfE 2019 technical information)")
        let posts = try #require(registry.codeSet("swf.post"))
        #expect(!posts.hasCode("SUP", validInYear: 2025), "SUP is no longer in use (ScholarPack)")
        #expect(posts.hasCode("OSP", validInYear: 2019) && posts.hasCode("SBP", validInYear: 2023) && !posts.hasCode("SBP", validInYear: 2022))
    }

    // MARK: - one member per person

    @Test func twoPostsOfOnePersonAreOneMember() throws {
        var second = Self.teacher()
        second.line = 3
        second.postID = "P2"
        second.role = "R605"
        second.contractedWeeklyHours = 5
        second.fullTimeWeeklyHours = 37
        second.annualBasicPayFTE = 24000
        second.payScale = "NJ"
        second.payItems = []
        let (outputs, outcomes, projection) = try Self.run([Self.teacher(), second])
        #expect(outcomes.allSatisfy { $0.problems.isEmpty }, "\(outcomes.map(\.problems))")
        let xml = try #require(outputs["swf/999-2001.xml"])
        #expect(xml.components(separatedBy: "<SchoolWorkforceMember>").count == 2)
        #expect(xml.components(separatedBy: "<ContractOrService>").count == 3)
        #expect(xml.components(separatedBy: "<NINumber>").count == 2 && xml.components(separatedBy: "<TeacherNumber>").count == 2)
        #expect(xml.components(separatedBy: "<Absence>").count == 2, "the absence both posts carry is written once")
        #expect(xml.contains("<RoleIdentifier>MIDS</RoleIdentifier>"))
        #expect(xml.contains("<QTSRoute>FLEX</QTSRoute>"), "the details are those of the teacher post (the lower category)")
        #expect(projection.memberCount == 1 && projection.contractCount == 2)
        try XMLReturnTesting.expectWellFormed(xml)
    }

    @Test func postsWithTheSameNINumberButAnotherStaffIdentifierAreJoined() throws {
        var second = Self.teacher()
        second.line = 3
        second.postID = "P2"
        second.staffID = "S99"
        let (outputs, outcomes, _) = try Self.run([Self.teacher(), second])
        #expect(outcomes[1].queries == ["swf.person.joined"])
        #expect(try #require(outputs["swf/999-2001.xml"]).components(separatedBy: "<SchoolWorkforceMember>").count == 2)
    }

    @Test func detailsThatDisagreeAreQueriedWithBothRecords() throws {
        var second = Self.teacher()
        second.line = 9
        second.postID = "P2"
        second.dateOfBirth = Self.date("1985-03-05")
        let (outputs, outcomes, _) = try Self.run([Self.teacher(), second])
        let problem = try #require(outcomes[1].problems.first)
        #expect(problem.rule == "swf.person.details-differ" && problem.severity == .query && problem.itemRef == "P107")
        #expect(problem.value == "1985-03-05" && problem.line == 9 && problem.message.contains("line 2"))
        #expect(try #require(outputs["swf/999-2001.xml"]).contains("<PersonBirthDate>1985-03-04</PersonBirthDate>"))
    }

    @Test func identifiersOfTwoPeopleRejectThePost() throws {
        var other = Self.assistant(line: 3)
        other.teacherReferenceNumber = "7654321"
        var confused = Self.assistant(line: 4)
        confused.staffID = "S1"
        confused.niNumber = other.niNumber
        let (_, outcomes, _) = try Self.run([Self.teacher(), other, confused])
        #expect(outcomes[2].errors == ["swf.person.identity-conflict"])
    }

    @Test func thePeopleOfDifferentSchoolsAreSeparateMembers() throws {
        var elsewhere = Self.teacher()
        elsewhere.line = 3
        elsewhere.establishmentNumber = "2002"
        let (outputs, _, _) = try Self.run([Self.teacher(), elsewhere])
        #expect(outputs["swf/999-2001.xml"]?.contains("<NINumber>AB123456C</NINumber>") == true)
        #expect(outputs["swf/999-2002.xml"]?.contains("<NINumber>AB123456C</NINumber>") == true)
    }

    // MARK: - school and LA messages

    @Test func schoolsAndTheAuthorityHaveMessagesOfTheirOwn() throws {
        var central = Self.teacher()
        central.line = 3
        central.postID = "P3"
        central.staffID = "S3"
        central.teacherReferenceNumber = "7654321"
        central.niNumber = "CE123456A"
        central.establishmentNumber = nil
        var otherAuthority = Self.assistant(line: 4)
        otherAuthority.laNumber = "888"
        let (outputs, _, projection) = try Self.run([Self.teacher(), central, otherAuthority])
        #expect(Set(outputs.keys) == ["swf/index.csv", "swf/about.txt", "swf/999-LA.xml", "swf/999-2001.xml", "swf/888-2001.xml"])
        let la = try #require(outputs["swf/999-LA.xml"])
        #expect(la.contains("<SourceLevel>L</SourceLevel>") && !la.contains("<Estab>") && la.contains("<LASchoolLevel>L</LASchoolLevel>"))
        #expect(la.contains("<LA>\n    <EducationalPsychologists>"))
        #expect(outputs["swf/888-2001.xml"]?.contains("<LEA>888</LEA>") == true, "another authority's records are its own messages, not dropped")
        #expect(projection.messages.map(\.file) == ["swf/888-2001.xml", "swf/999-LA.xml", "swf/999-2001.xml"])
        let index = try #require(outputs["swf/index.csv"]).split(separator: "\n")
        #expect(index.first == "file,source_level,la_number,establishment_number,organisation_name,members,contracts,leavers,vacancies,occasional_teachers,third_party_support_headcount,educational_psychologists")
        #expect(index.contains("999-2001.xml,S,999,2001,,1,1,0,0,0,0,"))
        for xml in outputs.values where xml.hasPrefix("<?xml") { try XMLReturnTesting.expectWellFormed(xml) }
    }

    @Test func theLAModuleCountsEducationalPsychologists() throws {
        func psychologist(_ line: Int, fte: Double) -> PostRecord {
            var r = Self.assistant(line: line)
            r.role = "R222"
            r.establishmentNumber = nil
            r.fte = fte
            return r
        }
        var leaver = psychologist(6, fte: 1)
        leaver.leavingDate = Self.date("2025-07-31")
        let xml = try Self.message([psychologist(3, fte: 1), psychologist(4, fte: 0.6), psychologist(5, fte: 0.5), leaver], la: true)
        #expect(xml.contains("<EdPsychsFT>1</EdPsychsFT>\n      <EdPsychsPT>2</EdPsychsPT>\n      <EdPsychsFTE>1.1</EdPsychsFTE>"), "\(xml)")
    }

    @Test func theSchoolModuleHasVacanciesOccasionalsAndThirdPartySupport() throws {
        var vacancy = PostRecord()
        vacancy.line = 3
        vacancy.postID = "V1"
        vacancy.laNumber = "999"
        vacancy.establishmentNumber = "2001"
        vacancy.vacancy = Vacancy(role: "R206", workingPattern: "FT", temporarilyFilled: true, advertised: true, fte: 1)
        func occasional(_ line: Int, qts: Bool?) -> PostRecord {
            var r = Self.teacher()
            r.line = line
            r.contractType = "TMP"
            r.contractStart = Self.date("2025-11-03")
            r.contractEnd = Self.date("2025-11-14")
            r.qualifiedTeacherStatus = qts
            return r
        }
        var cleaner = Self.assistant(line: 7)
        cleaner.role = "R601"
        cleaner.contractType = "SAG"
        let (outputs, outcomes, _) = try Self.run([vacancy, occasional(4, qts: true), occasional(5, qts: false), occasional(6, qts: nil), cleaner, cleaner])
        #expect(outcomes.allSatisfy { $0.decision == .inScope && $0.problems.isEmpty })
        let xml = try #require(outputs["swf/999-2001.xml"])
        for fragment in [
            "<Vacancy>\n        <VacancyPost>TCH</VacancyPost>\n        <Tenure>F</Tenure>\n        <VacancyTemporarilyFilled>true</VacancyTemporarilyFilled>\n        <VacancyAdvertised>true</VacancyAdvertised>",
            "<Occasionals>\n        <OccasionalsQTS>1</OccasionalsQTS>\n        <OccasionalsNOTQTS>1</OccasionalsNOTQTS>\n        <OccasionalsNOTKNWN>1</OccasionalsNOTKNWN>",
            "<AgencyTPsupportCount>\n          <AgencyTPsupportCategory>CLEAN</AgencyTPsupportCategory>\n          <SupHeadCount>2</SupHeadCount>",
        ] {
            #expect(xml.contains(fragment), "missing \(fragment)")
        }
        #expect(!xml.contains("<SchoolWorkforceMember>"))
        try XMLReturnTesting.expectWellFormed(xml)
    }

    // MARK: - organisation data

    static let organisations = OrganisationFile.read("""
        local_authority_number,establishment_number,organisation_name,swf_returned_by_the_authority
        999,2001,St Mary's C of E Primary,Y
        999,2002,Northtown Academy,N
        """)

    @Test func theOrganisationDataSaysWhichSchoolsTheAuthorityReturns() throws {
        #expect(Self.organisations.diagnostics.isEmpty)
        var settings = Self.settings
        settings.organisations = Self.organisations.directory
        var academy = Self.assistant(line: 3)
        academy.establishmentNumber = "2002"
        var unknown = Self.assistant(line: 4)
        unknown.establishmentNumber = "2003"
        var alsoUnknown = Self.assistant(line: 5)
        alsoUnknown.establishmentNumber = "2003"
        let (outputs, outcomes, _) = try Self.run([Self.teacher(), academy, unknown, alsoUnknown], settings: settings)
        #expect(outcomes[1].decision == .outOfScope(reason: "the school sends its own SWF return (O106 SWF Returned by the Authority is false in the organisation data)"))
        #expect(outcomes[2].queries == ["swf.organisation.missing"], "a school with no organisation record is said once")
        #expect(outcomes[3].problems.isEmpty)
        #expect(outputs.keys.contains("swf/999-2001-st-marys-c-of-e-primary.xml"), "\(outputs.keys.sorted())")
        #expect(outputs.keys.contains("swf/999-2003.xml") && !outputs.keys.contains { $0.contains("2002") })
        #expect(outputs["swf/index.csv"]?.contains("999-2001-st-marys-c-of-e-primary.xml,S,999,2001,St Mary's C of E Primary,1,1,") == true)
    }

    @Test func theOrganisationFileIsCheckedWithTheItemRules() {
        let (directory, diagnostics) = OrganisationFile.read("""
            local_authority_number,establishment_number,swf_returned_by_the_authority,head_teacher
            999,2001,maybe,Ms A
            99,2002,Y,Mr B
            999,2003,N,Ms C
            999,2003,Y,Mr D
            """)
        #expect(diagnostics.map(\.rule) == ["organisations.unknown-column", "format.boolean", "format.pattern", "organisations.duplicate"], "\(diagnostics.map(\.rule))")
        #expect(diagnostics[1].record == "organisation line 2" && diagnostics[1].itemRef == "O106" && diagnostics[1].value == "maybe")
        #expect(diagnostics[2].itemRef == "O101" && diagnostics[2].column == "local_authority_number" && diagnostics[2].value == "99")
        #expect(diagnostics[3].line == 5 && diagnostics[3].message.contains("line 4"))
        #expect(directory.records.map(\.establishmentNumber) == ["2003"], "records with errors are left out")
    }

    // MARK: - rejections and queries

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
        RuleCase(rule: "swf.qts.missing", item: "R101") { $0.qualifiedTeacherStatus = nil },
        RuleCase(rule: "swf.destination.missing", item: "C107") { $0.leavingDate = SimpleDate("2025-07-31"); $0.destination = nil },
        RuleCase(rule: "swf.payment-type.unmapped", item: "S508") { $0.payItems = [PayItem(type: "ZZZ", amount: 3214)] },
        RuleCase(rule: "swf.payment-amount.missing", item: "S509") { $0.payItems = [PayItem(type: "SEN", amount: nil)] },
        RuleCase(rule: "swf.tlr3-dates.missing", item: "S514") { $0.payItems = [PayItem(type: "TL3", amount: 1200, startDate: SimpleDate("2025-01-06"))] },
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
        let (part, problems) = SWFMapping(settings: Self.settings).map(record)
        #expect(part == nil)
        let problem = try #require(problems.first { $0.rule == ruleCase.rule }, "\(problems.map(\.rule))")
        #expect(problem.severity == .error)
        #expect(problem.itemRef == ruleCase.item)
        let item = try #require(ItemColumns.byRef[ruleCase.item], "\(ruleCase.item) is not in ItemColumns")
        #expect(problem.itemName == item.name)
        #expect(problem.column == item.column)
        #expect(problem.record == "P1" && problem.line == 2)
        #expect(!problem.message.isEmpty && !problem.expected.isEmpty)
    }

    @Test func aTLR3PaymentCarriesItsDatesAndOthersDoNot() throws {
        var record = Self.teacher()
        record.payItems = [PayItem(type: "TL3", amount: 1200, startDate: Self.date("2025-01-06"), endDate: Self.date("2025-07-18")),
                           PayItem(type: "TLE", amount: 3214, startDate: Self.date("2024-09-01"))]
        let xml = try Self.message([record])
        #expect(xml.contains("<PaymentType>TL3</PaymentType>\n                <PaymentAmount>1200.00</PaymentAmount>\n                <PayStartDate>2025-01-06</PayStartDate>\n                <PayEndDate>2025-07-18</PayEndDate>"))
        #expect(xml.contains("<PaymentType>TLE</PaymentType>\n                <PaymentAmount>3214.00</PaymentAmount>\n              </AdditionalPayment>"))
    }

    @Test func rejectedRecordsWriteNothing() throws {
        var record = Self.teacher()
        record.niNumber = nil
        let (outputs, outcomes, _) = try Self.run([record])
        #expect(outcomes[0].errors == ["swf.ni-number.missing"])
        #expect(outputs["swf/999-2001.xml"].map { !$0.contains("<SchoolWorkforceMember>") } ?? true)
    }

    static let queryRules: [RuleCase] = [
        RuleCase(rule: "swf.ethnicity.unmapped", item: "P109") { $0.ethnicity = "ZZ" },
        RuleCase(rule: "swf.disability.unmapped", item: "P110") { $0.disability = "ZZ" },
        RuleCase(rule: "swf.qts-route.unmapped", item: "R102") { $0.qtsRoute = "ZZ" },
        RuleCase(rule: "swf.destination.unmapped", item: "C107") { $0.leavingDate = SimpleDate("2025-07-31"); $0.destination = "ZZ" },
        RuleCase(rule: "swf.origin.unmapped", item: "C106") { $0.origin = "ZZ" },
        RuleCase(rule: "swf.pay-range.unmapped", item: "S501") { $0.payScale = "ZZ" },
        RuleCase(rule: "swf.class-of-degree.unmapped", item: "Q103") { $0.qualifications = [Qualification(type: "FRST", subject: "G100", degreeClass: "ZZ")] },
    ]

    /// An optional code the map has no row for is left out, with a query; the record is written.
    @Test("optional codes with no map row are queried", arguments: queryRules)
    func queryRule(_ ruleCase: RuleCase) throws {
        var record = Self.teacher()
        ruleCase.change(&record)
        let (part, problems) = SWFMapping(settings: Self.settings).map(record)
        #expect(part != nil)
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
        let (outputs, outcomes, _) = try Self.run([record])
        #expect(outcomes[0].errors.isEmpty)
        let messages = outputs.filter { $0.key.hasSuffix(".xml") }
        #expect(messages.count == 1)
        for (name, xml) in messages {
            #expect(!name.dropFirst(4).contains("/"), "a file name cannot leave the folder: \(name)")
            #expect(xml.contains("<SchoolWorkforceMember>"))
            try XMLReturnTesting.expectWellFormed(xml)
        }
    }

    @Test func anEmptyRunWritesAnIndexAndNoMessage() throws {
        let (outputs, _, _) = try Self.run([])
        #expect(outputs.keys.sorted() == ["swf/about.txt", "swf/index.csv"])
        #expect(outputs["swf/index.csv"]?.split(separator: "\n").count == 1)
    }

    @Test func sameRecordsGiveTheSameBytes() throws {
        let records = (0..<50).map { index -> PostRecord in
            var record = Self.teacher()
            record.line = index + 2
            record.postID = "P\(index)"
            record.staffID = "S\(index)"
            record.niNumber = "AB\(100000 + index)C"
            record.teacherReferenceNumber = String(2_000_000 + index)
            record.establishmentNumber = String(2001 + index % 3)
            record.familyName = "Name \(index) & <\(index)>"
            return record
        }
        #expect(try Self.run(records).outputs == Self.run(records).outputs)
    }

    @Test func missingSinkIsAnError() {
        #expect(throws: ProjectionError.missingOutput(collection: .swf, name: "swf/index.csv")) { try SWFProjection(settings: Self.settings, sinks: [:]) }
    }

    // MARK: - the example data

    /// Every element path of every message written for the example data is one that a real
    /// generator writes (Tests/.../Fixtures/swf, copied with its provenance).
    @Test func everyElementIsOneRealGeneratorsWrite() throws {
        let allowed = try SWFElementPaths.allowed()
        let outputs = try Self.exampleOutputs()
        var seen = Set<String>()
        for (name, xml) in outputs where name.hasSuffix(".xml") {
            for path in try SWFElementPaths.paths(in: xml) {
                seen.insert(path)
                #expect(allowed.contains(path), "\(name): \(path) is not written by any real generator")
            }
        }
        // The example data exercises every module.
        for path in ["Message/SchoolWorkforceMembers/SchoolWorkforceMember/ContractOrServiceGroup/ContractOrService/DestinationCode",
                     "Message/School/Vacancies/Vacancy/VacancyPost", "Message/School/StaffInformation/Occasionals/OccasionalsQTS",
                     "Message/School/StaffInformation/AgencyTPsupport/AgencyTPsupportCount/SupHeadCount",
                     "Message/LA/EducationalPsychologists/EdPsychsFTE",
                     "Message/SchoolWorkforceMembers/SchoolWorkforceMember/ContractOrServiceGroup/ContractOrService/PostLevelDetails/AdditionalPayments/AdditionalPayment/PayEndDate"] {
            #expect(seen.contains(path), "the example data writes no \(path)")
        }
    }

    /// No teacher number or NI number twice in a message, and people with two posts are one member.
    @Test func theExampleMessagesHaveOneMemberPerPerson() throws {
        let outputs = try Self.exampleOutputs()
        var contractsMoreThanMembers = false
        for (name, xml) in outputs where name.hasSuffix(".xml") {
            for element in ["TeacherNumber", "NINumber"] {
                let values = xml.components(separatedBy: "<\(element)>").dropFirst().map { $0.prefix { $0 != "<" } }
                #expect(Set(values).count == values.count, "\(name): a \(element) appears twice")
            }
            let members = xml.components(separatedBy: "<SchoolWorkforceMember>").count - 1
            let contracts = xml.components(separatedBy: "<ContractOrService>").count - 1
            if contracts > members { contractsMoreThanMembers = true }
            #expect(xml.contains("<Collection>School Workforce Census</Collection>"))
            try XMLReturnTesting.expectWellFormed(xml)
        }
        #expect(contractsMoreThanMembers, "the example data has a person with two posts")
    }

    /// `wds project --to swf --year 2025 Examples/posts.csv`, through the same pipeline, against
    /// the golden files (the index and every message).
    @Test func exampleMatchesGoldenFiles() throws {
        let outputs = try Self.exampleOutputs()
        for (name, text) in outputs.sorted(by: { $0.key < $1.key }) {
            try XMLReturnTesting.expectSnapshot(text, named: name)
        }
        let recorded = try FileManager.default.contentsOfDirectory(atPath: XMLReturnTesting.snapshots.appendingPathComponent("swf").path)
        #expect(Set(recorded.map { "swf/" + $0 }) == Set(outputs.keys), "a golden file with no output, or an output with no golden file")
        #expect(try Self.exampleOutputs() == outputs, "same input, same bytes")
    }

    /// The example data has no record rejected for a code valid in 2025.
    @Test func noExampleRecordIsRejectedForACodeValidIn2025() throws {
        let (_, report, diagnostics) = try Self.examplePipeline()
        #expect(report.addsUp)
        let unmapped = diagnostics.filter { $0.contains(",error,swf.") && $0.contains(".unmapped,") && !$0.contains(",swf.sex.unmapped,P108,Sex,sex,U,") }
        #expect(unmapped.isEmpty, "\(unmapped)")
    }

    /// `wds project --to swf --year 2025 --organisations Examples/organisations.csv Examples/posts.csv`.
    static func examplePipeline() throws -> (outputs: [String: String], report: ReconciliationReport, diagnostics: [String]) {
        let csv = try XMLReturnTesting.exampleCSV()
        let organisationsFile = Paths.repository.appendingPathComponent("Examples/organisations.csv")
        let organisations = OrganisationFile.read(try String(contentsOf: organisationsFile, encoding: .utf8))
        #expect(organisations.diagnostics.isEmpty, "\(organisations.diagnostics)")
        var settings = Self.settings
        settings.organisations = organisations.directory
        let index = MemorySink()
        let projection = try SWFProjection(settings: settings, sinks: [SWFProjection.indexName: index])
        let diagnostics = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [projection], diagnostics: diagnostics)
        csv.withUnsafeBytes { pipeline.feed($0.bindMemory(to: UInt8.self)) }
        let report = try pipeline.finish()
        var outputs = projection.outputs
        outputs[SWFProjection.indexName] = index.text
        return (outputs, report, diagnostics.text.split(separator: "\n").map(String.init))
    }

    static func exampleOutputs() throws -> [String: String] { try examplePipeline().outputs }
}

/// The element paths real SWF generators write, from the fixtures copied into `Fixtures/swf`.
enum SWFElementPaths {
    static let member = "Message/SchoolWorkforceMembers/SchoolWorkforceMember"

    /// Every allowed path, with its ancestors.
    static func allowed() throws -> Set<String> {
        var paths = Set<String>()
        for (file, generators) in [("swf_message_elements_observed.csv", ["oracle_ebs_2019", "aspen_2012", "myportal_2026"]),
                                   ("swf_school_module_elements_aspen2012.csv", ["aspen_2012"])] {
            let url = Paths.fixtures.appendingPathComponent("swf").appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let rows = CSVParser.records(in: text).records.map(\.fields)
            let header = try #require(rows.first)
            let pathColumn = try #require(header.firstIndex(of: "path"))
            let columns = generators.compactMap { header.firstIndex(of: $0) }
            for row in rows.dropFirst() where columns.contains(where: { row[$0].hasPrefix("Y") }) {
                for path in expand(row[pathColumn]) {
                    var parts = path.split(separator: "/").map(String.init)
                    while !parts.isEmpty {
                        paths.insert(parts.joined(separator: "/"))
                        parts.removeLast()
                    }
                }
            }
        }
        return paths
    }

    /// `.../X` made absolute, `{a|b}` expanded.
    static func expand(_ path: String) -> [String] {
        var absolute = path
        if path.hasPrefix(".../ContractOrService/") {
            absolute = member + "/ContractOrServiceGroup" + path.dropFirst(3)
        } else if path.hasPrefix(".../") {
            absolute = member + path.dropFirst(3)
        }
        guard let open = absolute.firstIndex(of: "{"), let close = absolute.firstIndex(of: "}") else { return [absolute] }
        let head = absolute[..<open], tail = absolute[absolute.index(after: close)...]
        return absolute[absolute.index(after: open)..<close].split(separator: "|").flatMap { expand(String(head) + $0 + tail) }
    }

    /// The path of every element in `xml` (the files are indented one element a line).
    static func paths(in xml: String) throws -> [String] {
        var stack: [String] = []
        var result: [String] = []
        for line in xml.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("<"), !trimmed.hasPrefix("<?") else { continue }
            if trimmed.hasPrefix("</") {
                stack.removeLast()
                continue
            }
            let name = String(trimmed.dropFirst().prefix { $0 != ">" && $0 != " " })
            stack.append(name)
            result.append(stack.joined(separator: "/"))
            if trimmed.contains("</") { stack.removeLast() }
        }
        return result
    }
}
