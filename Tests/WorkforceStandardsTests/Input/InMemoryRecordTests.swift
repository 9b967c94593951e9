import Foundation
import Testing
import WorkforceStandards   // not @testable: what an HR system linking the library can call

/// Records built in memory get exactly the checks a CSV row gets (issue 20, item 1 and
/// acceptance 2): for every value rule and record rule a record can break, the record built
/// with `PostRecord`'s properties and the same record written as exchange-format CSV by hand
/// (``Hostile/careWorker``, one value changed) give the same diagnostics and the same outputs
/// in every collection. Each case also names the rule it must break, from the item files'
/// rules (`Standards/items`) and the record rules' documentation, so neither side can pass by
/// breaking nothing.
///
/// Rules a record in memory cannot break, and so not here: `format.integer`, `format.date` and
/// `format.boolean` (the properties are `Int`, `SimpleDate` and `Bool`), `group.length` (a
/// group is an array of entries) and `code.domain-missing` (every coded item of the embedded
/// standard has its domain); `csv.*`, `row.*` and `header.*` are about a file's syntax and
/// shape (HostileInputTests covers them).
@Suite("records in memory: the same checks as CSV")
struct InMemoryRecordTests {
    static let referenceDate = Hostile.referenceDate
    static func date(_ text: String) -> SimpleDate { SimpleDate(text)! }

    /// ``Hostile/careWorker`` built with the record's properties, on line 2 as in a file.
    static func careWorker() -> PostRecord {
        var record = PostRecord()
        record.line = 2
        record.postID = "P1"
        record.staffID = "S1"
        record.niNumber = "AB123456C"
        record.familyName = "Taylor"
        record.givenNames = ["Ruby"]
        record.dateOfBirth = date("1980-05-17")
        record.sex = "F"
        record.ethnicity = "W1"
        record.role = "R418"
        record.laGSSCode = "E10000999"
        record.workplaceID = "ELMHOUSE"
        record.contractType = "PRM"
        record.contractStart = date("2020-01-06")
        record.contractedWeeklyHours = 37
        record.fullTimeWeeklyHours = 37
        record.fte = 1
        record.annualBasicPayFTE = 24500
        record.payBasis = "A"
        record.salaryScheme = "NJC"
        return record
    }

    struct Case: Sendable, CustomStringConvertible {
        /// The rule the changed value must break.
        var rule: String
        /// The change, written in the CSV row.
        var csv: [String: String]
        /// The same change, made to the record in memory.
        var memory: @Sendable (inout PostRecord) -> Void
        var description: String { "\(rule) \(csv.keys.sorted().joined(separator: ","))" }
    }

    static let longName = String(repeating: "a", count: 101)
    static let manyNames = Array(repeating: "A", count: 10_001)

    static let cases: [Case] = [
        // Value rules: code sets, patterns, lengths, ranges, numbers.
        Case(rule: "code.unknown", csv: ["sex": "Female"]) { $0.sex = "Female" },
        Case(rule: "code.unknown", csv: ["job_role": "R999"]) { $0.role = "R999" },
        Case(rule: "code.collection", csv: ["ethnicity": "WBRI"]) { $0.ethnicity = "WBRI" },
        Case(rule: "format.pattern", csv: ["national_insurance_number": "AB12345"]) { $0.niNumber = "AB12345" },
        Case(rule: "format.pattern", csv: ["family_name": "Taylor  Smith"]) { $0.familyName = "Taylor  Smith" },
        Case(rule: "format.length", csv: ["family_name": longName]) { $0.familyName = longName },
        Case(rule: "format.control-character", csv: ["family_name": "Tay\u{7}lor"]) { $0.familyName = "Tay\u{7}lor" },
        Case(rule: "range.maximum", csv: ["contracted_weekly_hours": "80"]) { $0.contractedWeeklyHours = 80 },
        Case(rule: "range.minimum", csv: ["contracted_weekly_hours": "-1"]) { $0.contractedWeeklyHours = -1 },
        Case(rule: "format.decimal", csv: ["full_time_equivalent": "nan"]) { $0.fte = .nan },
        Case(rule: "list.too-long", csv: ["given_names": manyNames.joined(separator: ";")]) { $0.givenNames = manyNames },
        // A code in another case is read as the code set writes it: no diagnostic, same outputs.
        Case(rule: "", csv: ["sex": "f", "ethnicity": "w1"]) { $0.sex = "f"; $0.ethnicity = "w1" },
        // Record rules.
        Case(rule: "post.invisible-characters", csv: ["post_identifier": "P\u{200B}1"]) { $0.postID = "P\u{200B}1" },
        Case(rule: "post.missing", csv: ["post_identifier": ""]) { $0.postID = nil },
        Case(rule: "vacancy.with-person", csv: ["vacancy_role": "R418"]) { $0.vacancy = Vacancy(role: "R418") },
        Case(rule: "person.missing-id", csv: ["staff_identifier": ""]) { $0.staffID = nil },
        Case(rule: "role.missing", csv: ["job_role": ""]) { $0.role = nil },
        Case(rule: "birth.future", csv: ["date_of_birth": "2031-05-01"]) { $0.dateOfBirth = date("2031-05-01") },
        Case(rule: "birth.age", csv: ["date_of_birth": "2019-05-01"]) { $0.dateOfBirth = date("2019-05-01") },
        Case(rule: "contract.end-before-start", csv: ["contract_end_date": "2019-01-01"]) { $0.contractEnd = date("2019-01-01") },
        Case(rule: "contract.leaving-before-start", csv: ["leaving_date": "2019-01-01"]) { $0.leavingDate = date("2019-01-01") },
        Case(rule: "contract.start-too-young", csv: ["contract_start_date": "1990-01-01"]) { $0.contractStart = date("1990-01-01") },
        Case(rule: "contract.start-missing", csv: ["contract_start_date": ""]) { $0.contractStart = nil },
        Case(rule: "hours.over-full-time", csv: ["contracted_weekly_hours": "60"]) { $0.contractedWeeklyHours = 60 },
        Case(rule: "fte.inconsistent", csv: ["full_time_equivalent": "0.5"]) { $0.fte = 0.5 },
        Case(rule: "pay.missing", csv: ["annual_basic_pay_fte": ""]) { $0.annualBasicPayFTE = nil },
        Case(rule: "absence.end-before-start",
             csv: ["absence_category": "ANN", "first_day_of_absence": "2025-03-10", "last_day_of_absence": "2025-03-01"]) {
            $0.absences = [Absence(category: "ANN", firstDay: date("2025-03-10"), lastDay: date("2025-03-01"), workingDaysLost: nil)]
        },
    ]

    /// The second record of the cases across records: another person in another post.
    static let second: [String: String] = ["post_identifier": "P2", "staff_identifier": "S2", "national_insurance_number": "CE654321A"]
    static func secondRecord(_ change: (inout PostRecord) -> Void = { _ in }) -> PostRecord {
        var record = careWorker()
        record.line = 3
        record.postID = "P2"
        record.staffID = "S2"
        record.niNumber = "CE654321A"
        change(&record)
        return record
    }

    /// The cases across records: (rule, the second row's change, the same change in memory).
    static let acrossRecords: [Case] = [
        Case(rule: "post.duplicate", csv: ["post_identifier": "p1"]) { $0.postID = "p1" },
        Case(rule: "person.ni-shared", csv: ["national_insurance_number": "AB123456C"]) { $0.niNumber = "AB123456C" },
    ]

    /// The whole pipeline, all four collections on one thread, over `csv`: every output, the
    /// diagnostics as values and as CSV, and the reconciliation.
    static func runCSV(_ csv: [UInt8]) throws -> (outputs: [String: String], diagnostics: [RecordDiagnostic], csv: String, reconciliation: String, report: ReconciliationReport) {
        let settings = ProjectionSettings(referenceDate: referenceDate)
        var sinks: [String: MemorySink] = [:]
        let projections = try ProjectionCatalogue.make(CollectionID.allCases, settings: settings) { name in
            let sink = MemorySink(); sinks[name] = sink; return sink
        }
        let diagnosticsSink = MemorySink(), reconciliation = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnosticsSink,
                                          reconciliation: reconciliation, threads: 1)
        var diagnostics: [RecordDiagnostic] = []
        pipeline.diagnosticHandler = { diagnostics.append($0) }
        pipeline.feed(csv)
        let report = try pipeline.finish()
        return (sinks.mapValues(\.text), diagnostics, diagnosticsSink.text, reconciliation.text, report)
    }

    /// The checks and the outputs of `records` in memory and of `rows` in CSV are the same.
    static func expectSame(_ records: [PostRecord], _ rows: [[String: String]], rule: String) throws {
        let file = try runCSV(Hostile.file(rows.map { Hostile.line($0) }.joined(separator: "\n")))
        // Checks: the validator alone.
        var validator = RecordValidator(referenceDate: referenceDate)
        let validations = records.map { validator.validate($0) }
        let inMemory = validations.flatMap(\.diagnostics)
        // The standard's own rules (the collections' rules come from the projections, below).
        let standard = file.diagnostics.filter { $0.collection == "all" }
        #expect(inMemory == standard, "validator: \(inMemory.map(\.rule)) vs CSV: \(standard.map(\.rule))")
        if rule.isEmpty {
            #expect(standard.isEmpty)
        } else {
            #expect(standard.contains { $0.rule == rule }, "CSV breaks \(rule): \(standard.map(\.rule))")
        }
        #expect(validations.map(\.isValid) == standard.reduce(into: Array(repeating: true, count: records.count)) { valid, diagnostic in
            if diagnostic.severity == .error, valid.indices.contains(diagnostic.line - 2) { valid[diagnostic.line - 2] = false }
        })
        // Outputs: the records in memory through the pipeline, every collection.
        let settings = ProjectionSettings(referenceDate: referenceDate)
        let run = try ProjectionPipeline.project(records, to: CollectionID.allCases, settings: settings)
        #expect(run.diagnostics == file.diagnostics)
        #expect(RecordDiagnostic.csv(run.diagnostics) == file.csv, "CSV is one renderer of the same values")
        #expect(run.reconciliation == file.reconciliation)
        #expect(run.report == file.report)
        #expect(run.report.addsUp)
        #expect(run.outputs.keys.sorted() == file.outputs.keys.sorted())
        for (name, text) in file.outputs { #expect(run.outputs[name] == text, "\(name)") }
    }

    @Test("the care worker in memory: no diagnostic, projected as from CSV")
    func cleanRecord() throws {
        try Self.expectSame([Self.careWorker()], [Hostile.careWorker], rule: "")
        var validator = RecordValidator(referenceDate: Self.referenceDate)
        let result = validator.validate(Self.careWorker())
        #expect(result.record == Self.careWorker(), "a valid record reads back as it was built")
        let run = try ProjectionPipeline.project([Self.careWorker()], to: [.ascwds], settings: ProjectionSettings(referenceDate: Self.referenceDate))
        // Header and one worker (Hostile.careWorker is projected in ASC-WDS).
        #expect(run.outputs["ascwds-workers.csv"]?.split(separator: "\n").count == 2)
        #expect(run.report.collections[.ascwds]?.projected == 1)
    }

    @Test("one value or record rule broken", arguments: cases)
    func oneRecord(_ change: Case) throws {
        var record = Self.careWorker()
        change.memory(&record)
        try Self.expectSame([record], [Hostile.with(Hostile.careWorker, change.csv)], rule: change.rule)
    }

    @Test("rules across records", arguments: acrossRecords)
    func twoRecords(_ change: Case) throws {
        try Self.expectSame([Self.careWorker(), Self.secondRecord(change.memory)],
                            [Hostile.careWorker, Hostile.with(Hostile.with(Hostile.careWorker, Self.second), change.csv)],
                            rule: change.rule)
    }

    @Test("a malformed NI number is not projected: the record is rejected everywhere")
    func malformedNotProjected() throws {
        var record = Self.careWorker()
        record.niNumber = "AB12345"
        let run = try ProjectionPipeline.project([record], to: [.ascwds], settings: ProjectionSettings(referenceDate: Self.referenceDate))
        #expect(run.report.rejected == 1)
        #expect(run.outputs["ascwds-workers.csv"]?.contains("AB12345") == false)
        #expect(run.diagnostics.map(\.rule) == ["format.pattern"])
        #expect(run.diagnostics.first?.itemRef == "P102")
        #expect(run.diagnostics.first?.column == "national_insurance_number")
        #expect(run.diagnostics.first?.value == "AB12345")
        #expect(run.diagnostics.first?.collection == "all")
    }
}

/// Organisation records built in memory get the organisation file's checks: the same
/// diagnostics and the same directory as the rows written by hand (the columns of
/// Examples/organisations.csv).
@Suite("organisation records in memory: the same checks as the file")
struct InMemoryOrganisationTests {
    /// The authority's own row and one school, written as Examples/organisations.csv writes them.
    static let header = "local_authority_number,establishment_number,organisation_name,swf_returned_by_the_authority,region"
    static func file(_ rows: String...) -> String { ([header] + rows).map { $0 + "\n" }.joined() }

    struct Case: Sendable, CustomStringConvertible {
        var rule: String
        var rows: [String]
        var records: [OrganisationRecord]
        var description: String { rule.isEmpty ? "valid" : rule }
    }

    static let cases: [Case] = [
        Case(rule: "", rows: ["999,,Northshire County Council,Y,E12000002", "999,2000,Northtown Primary School,Y,"],
             records: [OrganisationRecord(laNumber: "999", establishmentNumber: nil, name: "Northshire County Council", swfReturnedByAuthority: true,
                                          values: ["O150": "E12000002"]),
                       OrganisationRecord(laNumber: "999", establishmentNumber: "2000", name: "Northtown Primary School", swfReturnedByAuthority: true)]),
        // O101 is three digits (Standards/items/organisation.txt).
        Case(rule: "format.pattern", rows: ["99A,2000,Northtown Primary School,Y,"],
             records: [OrganisationRecord(laNumber: "99A", establishmentNumber: "2000", name: "Northtown Primary School", swfReturnedByAuthority: true)]),
        Case(rule: "format.length", rows: ["9999,2000,Northtown Primary School,Y,"],
             records: [OrganisationRecord(laNumber: "9999", establishmentNumber: "2000", name: "Northtown Primary School", swfReturnedByAuthority: true)]),
        // O150 Region is a code of harmonised.region.
        Case(rule: "code.unknown", rows: ["999,,Northshire County Council,Y,Narnia"],
             records: [OrganisationRecord(laNumber: "999", establishmentNumber: nil, name: "Northshire County Council", swfReturnedByAuthority: true,
                                          values: ["O150": "Narnia"])]),
        Case(rule: "organisations.duplicate", rows: ["999,2000,Northtown Primary School,Y,", "999,2000,Northtown Primary,N,"],
             records: [OrganisationRecord(laNumber: "999", establishmentNumber: "2000", name: "Northtown Primary School", swfReturnedByAuthority: true),
                       OrganisationRecord(laNumber: "999", establishmentNumber: "2000", name: "Northtown Primary", swfReturnedByAuthority: false)]),
    ]

    @Test("the same diagnostics and directory", arguments: cases)
    func same(_ change: Case) {
        let fromFile = OrganisationFile.read(Self.file(change.rows.joined(separator: "\n")))
        let inMemory = OrganisationFile.validate(change.records)
        #expect(inMemory.diagnostics == fromFile.diagnostics)
        #expect(inMemory.directory.records.map(\.laNumber) == fromFile.directory.records.map(\.laNumber))
        #expect(inMemory.directory.records.map(\.establishmentNumber) == fromFile.directory.records.map(\.establishmentNumber))
        #expect(inMemory.directory.records.map(\.name) == fromFile.directory.records.map(\.name))
        #expect(inMemory.directory.records.map(\.swfReturnedByAuthority) == fromFile.directory.records.map(\.swfReturnedByAuthority))
        #expect(inMemory.directory.records.map(\.values) == fromFile.directory.records.map(\.values))
        if change.rule.isEmpty {
            #expect(fromFile.diagnostics.isEmpty)
            #expect(fromFile.directory.records.count == 2)
        } else {
            #expect(fromFile.diagnostics.map(\.rule) == [change.rule])
        }
    }
}
