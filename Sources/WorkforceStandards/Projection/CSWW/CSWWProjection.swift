/// The Children's Social Work Workforce projection: writes `csww.xml`, one return valid
/// against the schema of its collection year (``CSWWSchema``), for one authority: the one the
/// run names (``ProjectionSettings/localAuthority``, `--la`), else the one most records in
/// scope of the first batch give (``ProjectionPipeline`` shows each batch first), else that of
/// the first record in scope (a caller that scopes records one by one). From 2025 its LA-level
/// answers come from the organisation data.
///
/// The schema puts `LALevelVacancies` before the workers, but its figures (vacancy FTE,
/// agency workers covering vacancies) are known only after the last record. So each worker
/// is rendered as soon as it is mapped and kept in a temporary file; ``finish()`` writes the
/// header and LA-level figures and then copies the workers after them. Memory holds only
/// the totals and the SWE numbers already returned (to refuse a second record for the same
/// worker, and to count agency headcount once per person).
///
/// Records of another authority are out of scope: one return per authority. The schema
/// requires at least one worker: when none is in scope the file is still written (well-formed,
/// with the LA-level figures) but it is not a valid return; ``workerCount`` says so.
public final class CSWWProjection: CollectionProjection, PreviewingProjection {
    /// The collection: CSWW.
    public let collection: CollectionID = .csww
    /// The output files, by name.
    public static let outputNames = ["csww.xml"]
    /// Every rule the projection can raise (``CSWWRule``).
    public static var rules: [DiagnosticRule.Entry] { CSWWRule.entries }
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings
    /// How many workers have been written.
    public private(set) var workerCount = 0
    /// The authority the return is for: ``ProjectionSettings/localAuthority`` when given,
    /// else the one most records in scope of the first batch give, else that of the first
    /// record in scope.
    public private(set) var authority: String?
    /// How the authority was decided, for the run's diagnostic when records disagree.
    private var authorityChosen = "the authority of the first record in scope"
    /// The LA-level figures so far.
    public private(set) var vacancies = CSWWLALevelVacancies()

    private let mapping: CSWWMapping
    private let sink: TextSink
    private let spool: TextSpool
    /// SWE number fingerprint -> the input line of the post returned for it.
    private var returned = FingerprintTable()
    private var agencyCoveringVacancies = FingerprintTable(hasValues: false)
    /// How many records in scope (but for their authority) name each LA number: at most 1,000
    /// (three digits), so that the run can say when they disagree.
    private var authorities: [String: Int] = [:]

    /// Creates a run writing to the sink named `csww.xml`.
    ///
    /// - Throws: ``ProjectionError`` when the sink is missing or the temporary file cannot be made.
    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        guard let sink = sinks["csww.xml"] else { throw ProjectionError.missingOutput(collection: .csww, name: "csww.xml") }
        self.settings = settings
        self.sink = sink
        mapping = CSWWMapping(settings: settings)
        // Named by the run (`--la`): records of any other authority are out of scope.
        authority = settings.localAuthority
        spool = try TextSpool(prefix: "wds-csww")
    }

    var wantsPreview: Bool { authority == nil }

    /// Decides the authority from the first batch that has records in scope: the LA number
    /// most of them give (on a tie, the one met first).
    func preview(_ records: [PostRecord]) {
        var counts: [String: (count: Int, first: Int)] = [:]
        for (position, record) in records.enumerated() {
            guard mapping.scope(record) == .inScope, let lea = record.laNumber, CSWWMapping.isLANumber(lea) else { continue }
            counts[lea, default: (0, position)].count += 1
        }
        guard let most = counts.min(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.first < $1.value.first }) else { return }
        authority = most.key
        let inScope = counts.values.reduce(0) { $0 + $1.count }
        authorityChosen = "the authority most records in scope of the first batch give (\(most.value.count) of \(inScope))"
    }

    /// Whether a valid record belongs in CSWW's return, and if not, why.
    public func scope(_ record: PostRecord) -> ScopeDecision {
        let decision = mapping.scope(record)
        // A malformed LA number cannot name the return; the record is rejected when projected.
        guard decision == .inScope, let lea = record.laNumber, CSWWMapping.isLANumber(lea) else { return decision }
        authorities[lea, default: 0] += 1
        if let authority, lea != authority {
            return .outOfScope(reason: "another local authority: this return is for \(authority)")
        }
        authority = authority ?? lea
        return .inScope
    }

    /// Writes an in-scope record; returns the problems that stop it (empty when written).
    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        if record.vacancy != nil {
            let (fte, problems) = mapping.vacancyFTE(record)
            if let fte { vacancies.numberOfVacancies += fte }
            return problems
        }
        let (mapped, mappingProblems) = mapping.map(record)
        var problems = mappingProblems
        guard let worker = mapped else { return problems }
        let key = FingerprintTable.fingerprint(worker.sweNumber.uppercased())
        if let first = returned.value(for: key) {
            var duplicate = RecordProblems(labels: mapping.codes.labels, record: record)
            duplicate.add(.error, CSWWRule.sweNumberDuplicate, item: "R104", value: PostRecordBinding.text("R104", of: record),
                          message: "the worker was already returned from the post on line \(first); CSWW has one record per worker",
                          expected: "one post record per social worker in scope (add the FTE of several posts into one)")
            problems += duplicate.list
            return problems
        }
        returned.insert(key, value: UInt32(clamping: record.line))
        if authority == nil, let lea = record.laNumber { authority = lea }
        if worker.isAgencyWorker && record.coveringVacancy == true && mapping.isInPostOnReferenceDate(record) {
            if let fte = record.fte {
                vacancies.agencyFTE += fte
            } else {
                var noFTE = RecordProblems(labels: mapping.codes.labels, record: record)
                noFTE.add(.query, CSWWRule.agencyFteMissing, item: "H104", value: "",
                          message: "the agency worker covers a vacancy on \(settings.referenceDate) but has no FTE, so NoAgencyFTE leaves it out",
                          expected: "the full-time equivalent, 0 to 1")
                problems += noFTE.list
            }
            agencyCoveringVacancies.insert(key)
            vacancies.agencyHeadcount = agencyCoveringVacancies.count
        }
        spool.write(CSWWRenderer.worker(worker, schema: mapping.schema))
        workerCount += 1
        return problems
    }

    /// The authority's 2025 pay and allowance answers, as CSWW writes them.
    static func laLevelAnswers(of organisation: OrganisationRecord, codes: CollectionCodeLookup) -> [String: String] {
        var answers: [String: String] = [:]
        for answer in cswwLALevelAnswers {
            guard let value = organisation.values[answer.item] else { continue }
            if answer.element == "OtherAllowances" {
                answers[answer.element] = value
            } else if case .code(let code) = codes.translate(value, field: answer.element) {
                answers[answer.element] = code
            }
        }
        return answers
    }

    /// What the organisation data lacks for a CSWW return of `settings`' year: from 2025 the
    /// LA-level module needs the authority's nine pay and allowance answers (O107-O115), held on
    /// its own record (no establishment number). One diagnostic per missing answer, naming the
    /// authority's record, or one when there is no record for the authority (`authority`, or
    /// any) at all. A run reports them with the file's problems, once its records are read; the
    /// return is still written, without those elements, and so does not validate until they are
    /// given.
    public static func organisationProblems(settings: ProjectionSettings, authority: String? = nil) -> [RecordDiagnostic] {
        guard CSWWSchema(year: settings.collectionYear) >= .y2025 else { return [] }
        let labels = ItemLabels(registry: settings.registry)
        let authorities = settings.organisations?.records.filter { $0.establishmentNumber == nil && $0.workplaceID == nil && (authority == nil || $0.laNumber == authority) } ?? []
        guard !authorities.isEmpty else {
            return [RecordDiagnostic(.error, record: "organisations", line: 0, itemRef: "O107", itemName: labels["O107"]?.name ?? "",
                                     column: labels["O107"]?.column ?? "", rule: CSWWRule.laAnswersMissing.rawValue,
                                     message: "from 2025 CSWW's LALevel needs the authority's pay and allowance answers (O107-O115), and the run has no organisation record for the authority (one with no establishment number)",
                                     expected: "--organisations FILE with a row for the authority: local_authority_number, no establishment_number, and the nine answers")]
        }
        var problems: [RecordDiagnostic] = []
        for authority in authorities {
            for answer in cswwLALevelAnswers where authority.values[answer.item] == nil {
                problems.append(RecordDiagnostic(.error, record: "organisation line \(authority.line)", line: authority.line, itemRef: answer.item.rawValue,
                                                 itemName: labels[answer.item]?.name ?? "", column: labels[answer.item]?.column ?? "", rule: CSWWRule.laAnswersMissing.rawValue,
                                                 message: "CSWW \(settings.collectionYear) requires \(answer.element) in LALevel, and the authority \(authority.laNumber) has no \(answer.item)",
                                                 expected: answer.element == "OtherAllowances" ? "the other allowances in words, or None" : "NO, ALL or SOME"))
            }
        }
        return problems
    }

    /// When records in scope name more than one authority and the run named none (`--la`):
    /// an error when most of them name another authority than the return's (the first record
    /// in scope decided it: a mistyped LA number there put everyone else out of scope), else a
    /// query; both list the authorities with their counts.
    public var runDiagnostics: [RecordDiagnostic] { authorityDiagnostics + answerDiagnostics }

    /// From 2025: the authority's pay and allowance answers the return lacks (it has workers).
    private var answerDiagnostics: [RecordDiagnostic] {
        guard workerCount > 0, let authority else { return [] }
        return Self.organisationProblems(settings: settings, authority: authority)
    }

    private var authorityDiagnostics: [RecordDiagnostic] {
        guard settings.localAuthority == nil, authorities.count > 1, let authority else { return [] }
        let ranked = authorities.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let listed = ranked.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + (ranked.count > 10 ? ", ..." : "")
        let most = ranked[0].key
        return [RecordDiagnostic(most == authority ? .query : .error, record: "file", line: 0, itemRef: "O101", itemName: "Local Authority Number",
                                 column: "local_authority_number", value: authority, rule: CSWWRule.authoritySeveral.rawValue,
                                 message: "records in CSWW scope name \(authorities.count) local authorities, by records: \(listed); the return is for \(authority), \(authorityChosen), and the others are out of scope"
                                    + (most == authority ? "" : "; most records name \(most)"),
                                 expected: "one authority a return: name it with --la (ProjectionSettings.localAuthority)")]
    }

    /// Writes what comes after the records and closes the sinks.
    public func finish() throws {
        defer {
            sink.close()
            spool.discard()
        }
        if mapping.schema >= .y2025, let lea = authority, let organisation = settings.organisations?.organisation(lea: lea, estab: nil) {
            vacancies.answers = Self.laLevelAnswers(of: organisation, codes: mapping.codes)
        }
        sink.write(CSWWRenderer.opening(CSWWHeader(referenceDate: settings.referenceDate, lea: authority), vacancies, schema: mapping.schema))
        try spool.drain(into: sink)
        sink.write(CSWWRenderer.closing)
    }
}
