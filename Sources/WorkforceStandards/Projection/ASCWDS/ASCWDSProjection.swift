/// The ASC-WDS projection: the bulk upload that Skills for Care's Adult Social Care Workforce
/// Data Set accepts, as three files: the staff file (`ascwds-workers.csv`, one line per adult
/// social care worker in post on the reference date), the workplace file
/// (`ascwds-workplaces.csv`, one line per workplace of the council's account, mandatory in every
/// upload) and the training file (`ascwds-training.csv`, one line per training record, Q114-Q118).
///
/// The worker header is exactly the 44 fixed columns (``ASCWDSWorkerRow/header``), with
/// CHGUNIQUEWRKID after UNIQUEWORKERID when there is a previous upload; every line is built so
/// that ASC-WDS's own validator raises no error-level message: mandatory columns that cannot be
/// answered reject the record (error diagnostics, counted as rejected), and optional values
/// ASC-WDS would reject are left empty with a query. Worker and training lines are written as
/// soon as their record is projected, so memory does not grow with the output.
///
/// Scope: a person in post (not a vacancy) whose role maps to `ascwds.job-role`; who has not
/// left before the reference date and whose contract neither ended before it nor starts after
/// it; whose contract type is not explicitly unmatched in ASC-WDS EMPLSTATUS (volunteers); and
/// whose post is at a workplace: not a school (O102 Establishment Number), and with an L101
/// Workplace Identifier for LOCALESTID. The last two keep council-wide generic roles
/// (administrators, ICT, HR), which map to ASC-WDS codes, out of the file unless they work at an
/// adult social care workplace. Vacancies and leavers at a workplace are out of scope of the
/// staff file but counted in the workplace file (VACANCIES, LEAVERS and REASONS), and the
/// reconciliation says so.
///
/// The workplace file: the facts of each workplace come from the organisation data (its rows
/// with L101; with organisation data, a worker at a workplace it does not hold is rejected, since
/// ASC-WDS would reject the line, error 997); TOTALPERMTEMP is the number of staff lines written
/// for the workplace, and STARTERS, LEAVERS and VACANCIES are counted per ASC-WDS job role while
/// the records stream past (`ASCWDSWorkplaceTally`: a table look-up and an addition per record).
///
/// The lifecycle: with ``ProjectionSettings/ascwdsPrevious`` (what ASC-WDS holds), a worker or
/// workplace it does not hold is NEW, one whose columns are as held NOCHANGE, else UPDATE; a
/// worker held at the same workplace under another staff identifier with the same National
/// Insurance number is UPDATE with CHGUNIQUEWRKID; a held worker absent from the file is
/// written DELETE with the columns held. Without it every line is NEW.
///
/// Across records it remembers, as 64-bit hashes (about 16 bytes per worker), the workers
/// already written for each workplace (ASC-WDS error 998 for a second line of the same worker:
/// a person with two posts at one workplace keeps the first post read) and the weekly hours
/// already written against each National Insurance number (error 5570 above 65 hours: the number
/// is left off the later line); and the counts per workplace and job role.
public final class ASCWDSProjection: CollectionProjection {
    /// The collection: ASC-WDS.
    public let collection = CollectionID.ascwds
    /// The worker (staff) file, the workplace file and the training file of the upload.
    public static let outputNames = ["ascwds-workers.csv", "ascwds-workplaces.csv", "ascwds-training.csv"]
    /// Every rule the projection can raise (``ASCWDSRule``).
    public static var rules: [DiagnosticRule.Entry] { ASCWDSRule.entries }
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings

    let mapper: ASCWDSMapper
    private let sink: TextSink
    private let workplaceSink: TextSink
    private let trainingSink: TextSink
    /// `sink` and `trainingSink`, for the lines written per record.
    private let output: UTF8Output
    private let trainingOutput: UTF8Output
    /// What ASC-WDS holds already (``ProjectionSettings/ascwdsPrevious``), or nil: every line NEW.
    private let previous: ASCWDSPreviousUpload?
    /// Which previous workers this file has written (UPDATE or NOCHANGE), by index.
    private var previousSeen: [Bool] = []
    /// The counts per workplace and job role.
    var tally = ASCWDSWorkplaceTally()
    /// Problems with the run as a whole (organisation data, previous upload).
    private var problems: [RecordDiagnostic] = []
    /// The first day of the 12 months to the reference date (starters and leavers).
    let windowStart: SimpleDate
    let reasonMap: CompiledMap?
    /// The training file's coded columns, each with its map found once.
    private let trainingCategory: CollectionCodeLookup.Field
    private let trainingAccredited: CollectionCodeLookup.Field
    let leaverCounted: String
    let vacancyCounted: String
    let vacancyNotCounted = "a vacancy: the ASC-WDS worker file holds people in post, and the workplace file counts only vacancies at a workplace (L101) in a role with an ASC-WDS code"
    /// Hashes of LOCALESTID + UNIQUEWORKERID (white space removed, as ASC-WDS keys them).
    private var workerKeys = FingerprintTable(hasValues: false)
    /// Weekly hours written so far against each National Insurance number (fingerprint), in
    /// hundredths of an hour.
    private var hoursByNINumber = FingerprintTable()
    /// The line each worker is written into (its buffer kept from worker to worker).
    private var line = CSVLine()

    /// The code set scope is decided against.
    static let jobRoles: CodeSetID = "ascwds.job-role"
    let roleScope: RoleScope
    let inPost: InPostRule
    /// The employment-status map, asked about every record.
    let employmentStatuses: CompiledMap?

    /// The map that gives REASONS codes (a derived column, so no item names it).
    static let reasonMapID: ConceptMapID = "harmonised.reason-for-leaving--ascwds.workplace-leave-reason"
    /// REASONS code for a leaver whose reason is not recorded or has no code: 15 Other.
    static let otherReason = 15

    /// A run writing to `sinks`, one per name of ``outputNames``.
    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        for name in Self.outputNames where sinks[name] == nil { throw ProjectionError.missingOutput(collection: .ascwds, name: name) }
        self.settings = settings
        sink = sinks[Self.outputNames[0]]!
        workplaceSink = sinks[Self.outputNames[1]]!
        trainingSink = sinks[Self.outputNames[2]]!
        output = UTF8Output(sink)
        trainingOutput = UTF8Output(trainingSink)
        previous = settings.ascwdsPrevious
        previousSeen = Array(repeating: false, count: settings.ascwdsPrevious?.workers.count ?? 0)
        mapper = ASCWDSMapper(settings: settings)
        roleScope = RoleScope(registry: settings.registry, set: Self.jobRoles, prefix: "role not in ASC-WDS scope: ")
        inPost = InPostRule(date: settings.referenceDate)
        employmentStatuses = mapper.codes.compiledMap(field: ASCWDSMapper.employmentStatusColumn)
        let end = settings.referenceDate
        windowStart = (SimpleDate(year: end.year - 1, month: end.month, day: end.day) ?? SimpleDate(year: end.year - 1, month: 2, day: 28)!).adding(days: 1)
        reasonMap = mapper.codes.compiledMap(id: Self.reasonMapID)
        trainingCategory = mapper.codes.field("CATEGORY@training")
        trainingAccredited = mapper.codes.field("ACCREDITED@training")
        leaverCounted = "left before the reference date (C105 Leaving Date before \(end)): counted in LEAVERS of its workplace in the workplace file"
        vacancyCounted = "a vacancy: counted in VACANCIES of its workplace in the workplace file (the worker file holds people in post)"
        if let previous { problems += previous.diagnostics }
        // The account's workplaces come first, in the organisation data's order.
        for workplace in settings.organisations?.workplaces ?? [] { _ = tally.slot(workplace.workplaceID!) }
        var header = ASCWDSWorkerRow.header
        // With a previous upload a worker's identifier may change: the optional column is then
        // always written (an accepted form of the header), so the header does not depend on the data.
        if previous != nil { header.insert("CHGUNIQUEWRKID", at: 2) }
        sink.write(SafeCSV.line(header) + "\n")
        trainingSink.write(SafeCSV.line(ASCWDSWorkplaceFile.trainingHeader) + "\n")
    }

    /// Writes an in-scope record; returns the problems that stop it (empty when written).
    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        let (built, diagnostics) = mapper.build(record)
        guard var row = built else { return diagnostics }
        var problems = diagnostics
        // The spreadsheet guard (SafeCSV) may prefix a character: keys and lengths are those of
        // the text ASC-WDS will read.
        let cells = [SafeCSV.neutralise(row.localEstablishmentID), SafeCSV.neutralise(row.uniqueWorkerID)]
        for (index, name) in ["LOCALESTID", "UNIQUEWORKERID"].enumerated() where ASCWDSMapper.length(cells[index]) >= ASCWDSMapper.Limit.identifierLength {
            problems.append(diagnostic(.error, record, index == 0 ? "L101" : "P103", cells[index], rule: index == 0 ? .localestidTooLong : .uniqueworkeridTooLong,
                                       "ASC-WDS \(name) must be shorter than \(ASCWDSMapper.Limit.identifierLength) characters as written",
                                       expected: "an identifier that does not begin with =, +, - or @ and is at most 48 characters"))
        }
        let key = RecordRules.hash(Self.stripped(cells[0]) + "\u{1F}" + Self.stripped(cells[1]))
        if workerKeys.contains(key) {
            problems.append(diagnostic(.error, record, "P103", row.uniqueWorkerID, rule: .uniqueworkeridDuplicate,
                                       "ASC-WDS holds one record per worker at a workplace (error 998), and this worker is already in the file at \(row.localEstablishmentID)",
                                       expected: "one post per staff identifier and workplace: ASC-WDS records the main job"))
        }
        // The workplace file must name the workplace (error 997 otherwise), and needs its facts.
        let organisation = settings.organisations.flatMap { _ in facts(of: row.localEstablishmentID) }
        if let organisations = settings.organisations, organisation == nil {
            problems.append(diagnostic(.error, record, "L101", row.localEstablishmentID, rule: .workplaceNoOrganisation,
                                       "the organisation data has no record for workplace \(row.localEstablishmentID), so the workplace file cannot name it, and ASC-WDS rejects a worker whose LOCALESTID is not in the workplace file (error 997)",
                                       expected: "a row of the organisation file with workplace_identifier \(row.localEstablishmentID) (of \(organisations.workplaces.count) workplaces held)"))
        }
        if let organisation {
            let regulated = organisation.regulated
            // A registered manager at a workplace that is not CQC-regulated: error 1280 in the cross-check.
            if row.mainJobRole == "4" && !regulated {
                problems.append(diagnostic(.error, record, "J101", record.role ?? "", rule: .mainjobroleRegisteredManagerNotRegulated,
                                           "ASC-WDS rejects MAINJOBROLE 4 (registered manager) at a workplace that is not CQC-regulated (error 1280), and workplace \(row.localEstablishmentID) has main service \(organisation.record.values["O126"] ?? "(none)")",
                                           expected: "a CQC-regulated main service (O126) for the workplace, or a role other than registered manager"))
            }
            // The DHA cross-check (warnings 5662, 5663): the answer is ignored unless the
            // workplace says yes and its main service can carry out delegated healthcare activities.
            if let dha = row.delegatedHealthcareActivities, !organisation.allowsDHA {
                row.delegatedHealthcareActivities = nil
                problems.append(diagnostic(.query, record, "J104", dha, rule: .dhaWorkplace,
                                           "ASC-WDS DHA left empty: workplace \(row.localEstablishmentID) does not carry out delegated healthcare activities (its O129 answer or its main service; warnings 5662, 5663)",
                                           expected: "a workplace whose O129 is Y and whose main service can carry out delegated healthcare activities"))
            }
        }
        // Lifecycle against what ASC-WDS holds.
        var changedFrom: String?
        if let previous, !problems.contains(where: { $0.severity == .error }) {
            if let held = previous.worker(workplace: row.localEstablishmentID, uniqueWorkerID: SafeCSV.neutralise(row.uniqueWorkerID)) ?? previous.worker(workplace: row.localEstablishmentID, uniqueWorkerID: row.uniqueWorkerID) {
                previousSeen[held.index] = true
                row.status = Self.unchanged(row, held.worker) ? .noChange : .update
            } else if let ni = row.niNumber, let held = previous.worker(workplace: row.localEstablishmentID, niNumber: ni), !previousSeen[held.index],
                      previous.worker(workplace: row.localEstablishmentID, uniqueWorkerID: row.uniqueWorkerID) == nil {
                // The same person (National Insurance number) at the same workplace under a new
                // identifier: UNIQUEWORKERID names the record ASC-WDS holds, CHGUNIQUEWRKID the new one.
                previousSeen[held.index] = true
                row.status = .update
                changedFrom = held.worker.uniqueWorkerID
                problems.append(diagnostic(.query, record, "P103", row.uniqueWorkerID, rule: .uniqueworkeridChanged,
                                           "the worker ASC-WDS holds as \(held.worker.uniqueWorkerID) at \(row.localEstablishmentID) (same National Insurance number) now has staff identifier \(row.uniqueWorkerID): written with CHGUNIQUEWRKID",
                                           expected: "a stable staff identifier; a change is carried to ASC-WDS by CHGUNIQUEWRKID"))
            } else {
                row.status = .new
                let elsewhere = previous.workers(uniqueWorkerID: row.uniqueWorkerID).filter { $0.worker.workplace != row.localEstablishmentID }
                if let moved = elsewhere.first {
                    problems.append(diagnostic(.query, record, "L101", row.localEstablishmentID, rule: .workerMovedWorkplace,
                                               "the worker ASC-WDS holds at workplace \(moved.worker.workplace) is now at \(row.localEstablishmentID): written NEW here, and DELETE at \(moved.worker.workplace) unless still there (TRANSFERSTAFFRECORD, which would keep the record's history, is not written)",
                                               expected: "the worker's move confirmed, or the workplace identifier (L101) corrected"))
                }
            }
        }
        if problems.contains(where: { $0.severity == .error }) { return problems }
        workerKeys.insert(key)
        // The line names the held record by its old identifier: a later record under that
        // identifier would be a second line for it (error 998).
        if let changedFrom { workerKeys.insert(RecordRules.hash(Self.stripped(cells[0]) + "\u{1F}" + Self.stripped(SafeCSV.neutralise(changedFrom)))) }
        if let ni = row.niNumber {
            let niKey = RecordRules.hash(ni.removingWhitespace().uppercased())
            let total = Double(hoursByNINumber.value(for: niKey) ?? 0) / 100 + Self.hours(of: row)
            if total > ASCWDSMapper.Limit.hoursPerNINumber {
                row.niNumber = nil
                problems.append(diagnostic(.query, record, "P102", ni, rule: .ninumberHours,
                                           "ASC-WDS rejects a National Insurance number whose records add up to more than \(formatNumber(ASCWDSMapper.Limit.hoursPerNINumber)) hours a week (error 5570): NINUMBER is left empty on this line",
                                           expected: "weekly hours across the person's posts within the limit"))
            } else {
                hoursByNINumber.set(niKey, value: UInt32((total * 100).rounded()))
            }
        }
        if previous != nil {
            var cells = row.cells
            cells.insert(changedFrom == nil ? "" : row.uniqueWorkerID, at: 2)
            if let changedFrom { cells[1] = changedFrom }
            sink.write(SafeCSV.line(cells) + "\n")
        } else {
            line.removeAll()
            row.write(to: &line)
            line.endLine()
            line.withBytes { output.write(utf8: $0) }
        }
        if let code = Int(row.mainJobRole) { tally.add(.staff, workplace: tally.slot(row.localEstablishmentID), role: code) }
        if !record.trainings.isEmpty { problems += writeTraining(record, row: row) }
        return problems
    }

    /// Problems with the run as a whole (such as workplaces with no organisation data), reported once.
    public var runDiagnostics: [RecordDiagnostic] {
        var all = problems + workplacesWithoutStaff
        if settings.organisations == nil && !tally.ids.isEmpty {
            all.append(RecordDiagnostic(.query, record: "ascwds-workplaces.csv", line: 0, itemRef: "O105", itemName: settings.registry.item("O105")?.name ?? "",
                                        column: "organisation_name", rule: ASCWDSRule.workplaceNoOrganisationData.rawValue,
                                        message: "no organisation data (--organisations): the workplace file has no ESTNAME or MAINSERVICE, which ASC-WDS requires, for its \(tally.ids.count) workplace(s)",
                                        expected: "an organisation file with a row per workplace (workplace_identifier, organisation_name, main_service ...)"))
        }
        if let organisations = settings.organisations {
            for organisation in organisations.workplaces {
                for (ref, column, rule) in [(ItemReference("O105"), "ESTNAME", ASCWDSRule.workplaceEstnameMissing), (ItemReference("O126"), "MAINSERVICE", .workplaceMainserviceMissing)] where organisation.values[ref] == nil {
                    all.append(workplaceProblem(organisation, ref, "", rule: rule,
                                                "ASC-WDS \(column) is mandatory in the workplace file and workplace \(organisation.workplaceID!) has no \(settings.registry.item(ref)?.name ?? ref.rawValue)",
                                                expected: "the workplace's \(settings.registry.item(ref)?.name ?? ref.rawValue)"))
                }
                if isCQCRegulated(organisation) && organisation.values["L102"] == nil {
                    all.append(workplaceProblem(organisation, "L102", "", rule: .workplaceLocationidMissing,
                                                "workplace \(organisation.workplaceID!) has a CQC-regulated main service (REGTYPE 2) but no CQC location ID: ASC-WDS asks for LOCATIONID",
                                                expected: "the CQC location ID (1-digits)"))
                }
            }
        }
        return all
    }

    private func workplaceProblem(_ organisation: OrganisationRecord, _ ref: ItemReference, _ value: String, rule: ASCWDSRule, _ message: String, expected: String) -> RecordDiagnostic {
        let item = settings.registry.item(ref)
        return RecordDiagnostic(.error, record: "organisation line \(organisation.line)", line: organisation.line, itemRef: ref.rawValue, itemName: item?.name ?? "",
                                column: item.map(ExchangeFormat.columnName(for:)) ?? "", value: value, rule: rule.rawValue, message: message, expected: expected)
    }

    /// Writes what comes after the records and closes the sinks.
    public func finish() throws {
        // Workers ASC-WDS holds that this file does not have: DELETE. ASC-WDS validates no
        // column but the keys of a DELETE line, so the line holds only them and DISPLAYID: a
        // National Insurance number or hours on it could only count against the worker's new line.
        if let previous {
            var header = ASCWDSWorkerRow.header
            header.insert("CHGUNIQUEWRKID", at: 2)
            let kept: Set<String> = ["LOCALESTID", "UNIQUEWORKERID", "DISPLAYID"]
            for (index, worker) in previous.workers.enumerated() where !previousSeen[index] {
                let cells = header.map { column -> String in
                    column == "STATUS" ? ASCWDSWorkerRow.Status.delete.rawValue : kept.contains(column) ? SafeCSV.unneutralised(worker.cells[column] ?? "") : ""
                }
                sink.write(SafeCSV.line(cells) + "\n")
            }
        }
        sink.close()
        writeWorkplaces()
        workplaceSink.close()
        trainingSink.close()
    }

    // MARK: - the workplace file

    private func service(_ organisation: OrganisationRecord) -> Code? {
        guard case .code(let code) = mapper.lookup(organisation.values["O126"], column: mapper.codes.field("MAINSERVICE@workplace")) else { return nil }
        return mapper.codes.targetSet(of: "MAINSERVICE@workplace")?.code(code)
    }

    /// What a worker line needs to know of its workplace, found once per workplace.
    struct WorkplaceFacts {
        var record: OrganisationRecord
        var regulated: Bool
        var allowsDHA: Bool
    }
    /// The organisation record and facts of each workplace met, by LOCALESTID (nil: none held).
    private var workplaceFacts = StringTable<WorkplaceFacts?>()

    private func facts(of workplace: String) -> WorkplaceFacts? {
        if let known = workplaceFacts[workplace] { return known }
        let facts = settings.organisations?.organisation(workplace: workplace).map {
            WorkplaceFacts(record: $0, regulated: isCQCRegulated($0), allowsDHA: workplaceAllowsDHA($0))
        }
        workplaceFacts[workplace] = .some(facts)
        return facts
    }

    /// REGTYPE 2: the main service is one CQC regulates (the services code set says which).
    private func isCQCRegulated(_ organisation: OrganisationRecord) -> Bool {
        service(organisation)?.attributes["cqc_regulated"] == "yes"
    }

    private func workplaceAllowsDHA(_ organisation: OrganisationRecord) -> Bool {
        guard organisation.values["O129"] == "Y" else { return false }
        return service(organisation)?.attributes["can_do_delegated_healthcare_activities"] == "yes"
    }

    /// A workplace is written when it has staff in the worker file (or is a head office, the
    /// only workplace ASC-WDS takes with TOTALPERMTEMP 0, error 1200).
    private func isWritten(slot: Int, organisation: OrganisationRecord?) -> Bool {
        tally.total(.staff, workplace: slot) > 0 || organisation.flatMap(service)?.value == ASCWDSWorkplaceFile.headOfficeService
    }

    /// The workplaces left out for want of staff, each with a diagnostic (computed at the end).
    private var workplacesWithoutStaff: [RecordDiagnostic] {
        tally.ids.enumerated().compactMap { slot, id in
            let organisation = settings.organisations?.organisation(workplace: id)
            guard !isWritten(slot: slot, organisation: organisation) else { return nil }
            let figures = tally.total(.leavers, workplace: slot) + tally.total(.vacancies, workplace: slot) + tally.total(.starters, workplace: slot)
            let item = settings.registry.item("L101")
            return RecordDiagnostic(.query, record: organisation.map { "organisation line \($0.line)" } ?? "ascwds-workplaces.csv", line: organisation?.line ?? 0,
                                    itemRef: "L101", itemName: item?.name ?? "", column: "workplace_identifier", value: id, rule: ASCWDSRule.workplaceNoStaff.rawValue,
                                    message: "workplace \(id) has no worker in the worker file, and ASC-WDS accepts TOTALPERMTEMP 0 only for a head office (error 1200): its line is not written as a new or updated workplace"
                                        + (figures > 0 ? " (and its \(figures) starter, leaver or vacancy count(s) with it)" : "")
                                        + (previous?.workplace(id) != nil ? "; as ASC-WDS holds it, the line is written NOCHANGE with the columns held (the counts ASC-WDS holds stay as they were)" : ""),
                                    expected: "staff at the workplace, or main service 72 (head office)")
        }
    }

    private func writeWorkplaces() {
        workplaceSink.write(SafeCSV.line(ASCWDSWorkplaceFile.header) + "\n")
        for (slot, id) in tally.ids.enumerated() {
            let organisation = settings.organisations?.organisation(workplace: id)
            guard isWritten(slot: slot, organisation: organisation) else {
                // A workplace ASC-WDS holds keeps its line as held (NOCHANGE), so that the DELETE
                // lines of its workers name a workplace of the file (error 997 otherwise).
                if let held = previous?.workplace(id) {
                    let cells = ASCWDSWorkplaceFile.header.map { column in column == "STATUS" ? ASCWDSWorkerRow.Status.noChange.rawValue : SafeCSV.unneutralised(held.cells[column] ?? "") }
                    workplaceSink.write(SafeCSV.line(cells) + "\n")
                }
                continue
            }
            var cells = workplaceCells(slot: slot, id: id, organisation: organisation)
            if let previous {
                if let held = previous.workplace(id) {
                    let same = ASCWDSWorkplaceFile.header.indices.allSatisfy { index in
                        index == 1 || SafeCSV.neutralise(cells[index]) == (held.cells[ASCWDSWorkplaceFile.header[index]] ?? "")
                    }
                    cells[1] = same ? ASCWDSWorkerRow.Status.noChange.rawValue : ASCWDSWorkerRow.Status.update.rawValue
                }
            }
            workplaceSink.write(SafeCSV.line(cells) + "\n")
        }
        // Workplaces ASC-WDS holds that are neither in the organisation data nor met in the records.
        // As for workers, a DELETE line holds the keys and the name only.
        for held in previous?.workplaces ?? [] where !tally.contains(held.id) {
            let cells = ASCWDSWorkplaceFile.header.map { column in
                column == "STATUS" ? ASCWDSWorkerRow.Status.delete.rawValue : ["LOCALESTID", "ESTNAME"].contains(column) ? SafeCSV.unneutralised(held.cells[column] ?? "") : ""
            }
            workplaceSink.write(SafeCSV.line(cells) + "\n")
        }
    }

    private func workplaceCells(slot: Int, id: String, organisation: OrganisationRecord?) -> [String] {
        var cells: [String: String] = ["LOCALESTID": id, "STATUS": ASCWDSWorkerRow.Status.new.rawValue]
        if let organisation {
            let values = organisation.values
            cells["ESTNAME"] = organisation.name ?? ""
            for (ref, column) in [("O120", "ADDRESS1"), ("O121", "ADDRESS2"), ("O122", "ADDRESS3"), ("O123", "POSTTOWN"), ("O124", "POSTCODE")] {
                cells[column] = values[ItemReference(ref)] ?? ""
            }
            cells["ESTTYPE"] = ASCWDSWorkplaceFile.councilEmployerType
            func flag(_ ref: ItemReference) -> String { values[ref].map { $0 == "Y" ? "1" : $0 == "N" ? "0" : "" } ?? "" }
            cells["PERMCQC"] = flag("O130")
            cells["PERMLA"] = flag("O131")
            let regulated = isCQCRegulated(organisation)
            cells["REGTYPE"] = regulated ? "2" : "0"
            if regulated {
                cells["PROVNUM"] = values["O125"] ?? ""
                cells["LOCATIONID"] = values["L102"] ?? ""
            }
            if let service = service(organisation) {
                cells["MAINSERVICE"] = service.value
                cells["ALLSERVICES"] = service.value
                cells["CAPACITY"] = values["O127"] ?? ""
                cells["UTILISATION"] = values["O128"] ?? ""
            }
            if case .code(let dha) = mapper.lookup(values["O129"], column: mapper.codes.field("DHA@workplace")) { cells["DHA"] = dha }
        }
        let roles = tally.roles(workplace: slot)
        let staff = tally.total(.staff, workplace: slot)
        cells["TOTALPERMTEMP"] = String(min(staff, ASCWDSWorkplaceFile.largestCount))
        if !roles.isEmpty {
            cells["ALLJOBROLES"] = roles.map(String.init).joined(separator: ";")
            for (count, column) in [(ASCWDSWorkplaceTally.Count.starters, "STARTERS"), (.leavers, "LEAVERS"), (.vacancies, "VACANCIES")] {
                cells[column] = roles.map { String(min(tally.count(count, workplace: slot, role: $0), ASCWDSWorkplaceFile.largestCount)) }.joined(separator: ";")
            }
        }
        let reasons = tally.reasons(workplace: slot)
        if !reasons.isEmpty {
            cells["REASONS"] = reasons.map { String($0.code) }.joined(separator: ";")
            cells["REASONNOS"] = reasons.map { String($0.count) }.joined(separator: ";")
        }
        return ASCWDSWorkplaceFile.header.map { cells[$0] ?? "" }
    }

    // MARK: - the training file

    /// One training line per training record of a worker just written; a record ASC-WDS would
    /// reject is left out with a query (the worker line stands).
    private func writeTraining(_ record: PostRecord, row: ASCWDSWorkerRow) -> [RecordDiagnostic] {
        var problems: [RecordDiagnostic] = []
        let category = trainingCategory, accredited = trainingAccredited
        for (index, training) in record.trainings.enumerated() {
            guard case .code(let code) = mapper.lookup(training.category, column: category) else {
                problems.append(diagnostic(.query, record, "Q114", training.category, rule: .trainingCategory,
                                           "training record \(index + 1) is not written: its category has no ASC-WDS code (CATEGORY is mandatory, error 1050)",
                                           expected: "a harmonised.training-category code"))
                continue
            }
            // TRAININGNAME: at most 120 characters as written (error 1040); Q115 allows no more,
            // but a record built in code may hold any text.
            var name = String((training.name ?? "").prefix(ASCWDSWorkplaceFile.trainingNameLength + 1))
            while ASCWDSMapper.length(SafeCSV.neutralise(name)) > ASCWDSWorkplaceFile.trainingNameLength { name.removeLast() }
            var expires = training.expires
            if let completed = training.completed, let end = expires, end < completed {
                expires = nil
                problems.append(diagnostic(.query, record, "Q118", end.description, rule: .trainingExpiryBeforeCompletion,
                                           "training record \(index + 1): EXPIRYDATE left empty, it is before the date completed (error 1030)",
                                           expected: "an expiry date after \(completed)"))
            }
            var completed = training.completed
            if let done = completed, done > settings.referenceDate {
                completed = nil
                problems.append(diagnostic(.query, record, "Q117", done.description, rule: .trainingCompletedInFuture,
                                           "training record \(index + 1): DATECOMPLETED left empty, it is after the reference date",
                                           expected: "a date on or before \(settings.referenceDate)"))
            }
            // WHODELIVERED, PROVIDERNAME, HOWDELIVERED, VALIDITY and NOTES: not held (their
            // codes and formats are not known to this project), so empty.
            line.removeAll()
            line.text(row.localEstablishmentID)
            line.text(row.uniqueWorkerID)
            line.text(code)
            line.text(name)
            line.text(mapper.lookup(training.accredited, column: accredited).code)
            for _ in 0..<4 { line.text(nil) }
            if let completed { line.dayMonthYear(completed) } else { line.text(nil) }
            if let expires { line.dayMonthYear(expires) } else { line.text(nil) }
            line.text(nil)
            line.endLine()
            line.withBytes { trainingOutput.write(utf8: $0) }
        }
        return problems
    }

    /// Whether every column of `row` is as ASC-WDS holds it (the spreadsheet guard applied, as written).
    static func unchanged(_ row: ASCWDSWorkerRow, _ held: ASCWDSPreviousUpload.Worker) -> Bool {
        let cells = row.cells
        for (index, column) in ASCWDSWorkerRow.header.enumerated() where column != "STATUS" && column != "LOCALESTID" && column != "UNIQUEWORKERID" {
            if SafeCSV.neutralise(cells[index]) != (held.cells[column] ?? "") { return false }
        }
        return true
    }

    // MARK: -

    /// The hours ASC-WDS adds up per National Insurance number: contracted hours, else average
    /// hours; "don't know" counts as none.
    static func hours(of row: ASCWDSWorkerRow) -> Double {
        if case .value(let hours)? = row.contractedHours, hours > 0 { return hours }
        if case .value(let hours)? = row.averageHours, hours > 0 { return hours }
        return 0
    }

    static func stripped(_ text: String) -> String {
        text.removingWhitespace()
    }

    private func diagnostic(_ severity: RecordDiagnostic.Severity, _ record: PostRecord, _ ref: ItemReference, _ value: String, rule: ASCWDSRule, _ message: String,
                            expected: String) -> RecordDiagnostic {
        RecordProblems.one(severity, labels: mapper.codes.labels, record: record, ref, value, rule: rule, message, expected: expected)
    }
}
