/// The Children's Social Work Workforce projection: writes `csww.xml`, one return valid
/// against the 2022 schema, for the authority of the first record in scope.
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
public final class CSWWProjection: CollectionProjection {
    public let collection: CollectionID = .csww
    public static let outputNames = ["csww.xml"]
    public let settings: ProjectionSettings
    /// How many workers have been written.
    public private(set) var workerCount = 0
    /// The authority the return is for: ``ProjectionSettings/localAuthority`` when given,
    /// else that of the first record in scope.
    public private(set) var authority: String?
    /// The LA-level figures so far.
    public private(set) var vacancies = CSWWLALevelVacancies()

    private let mapping: CSWWMapping
    private let sink: TextSink
    private let spool: TextSpool
    /// SWE number fingerprint -> the input line of the post returned for it.
    private var returned = FingerprintTable()
    private var agencyCoveringVacancies = FingerprintTable(hasValues: false)

    /// Creates a run writing to the sink named `csww.xml`.
    ///
    /// - Throws: ``XMLReturnError`` when the sink is missing or the temporary file cannot be made.
    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        guard let sink = sinks["csww.xml"] else { throw XMLReturnError.missingSink("csww.xml") }
        self.settings = settings
        self.sink = sink
        mapping = CSWWMapping(settings: settings)
        // Named by the run (`--la`): records of any other authority are out of scope.
        authority = settings.localAuthority
        spool = try TextSpool(prefix: "wds-csww")
    }

    public func scope(_ record: PostRecord) -> ScopeDecision {
        let decision = mapping.scope(record)
        // A malformed LA number cannot name the return; the record is rejected when projected.
        guard decision == .inScope, let lea = record.laNumber, CSWWMapping.isLANumber(lea) else { return decision }
        if let authority, lea != authority {
            return .outOfScope(reason: "another local authority: this return is for \(authority)")
        }
        authority = authority ?? lea
        return .inScope
    }

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
            var duplicate = DfEProblems(labels: mapping.codes.labels, record: record)
            duplicate.add(.error, "csww.swe-number.duplicate", item: "R104", value: PostRecordBinding.text("R104", of: record),
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
                var noFTE = DfEProblems(labels: mapping.codes.labels, record: record)
                noFTE.add(.query, "csww.agency-fte.missing", item: "H104", value: "",
                          message: "the agency worker covers a vacancy on \(settings.referenceDate) but has no FTE, so NoAgencyFTE leaves it out",
                          expected: "the full-time equivalent, 0 to 1")
                problems += noFTE.list
            }
            agencyCoveringVacancies.insert(key)
            vacancies.agencyHeadcount = agencyCoveringVacancies.count
        }
        spool.write(CSWWRenderer.worker(worker))
        workerCount += 1
        return problems
    }

    public func finish() throws {
        defer {
            sink.close()
            spool.discard()
        }
        sink.write(CSWWRenderer.opening(CSWWHeader(referenceDate: settings.referenceDate, lea: authority), vacancies))
        try spool.drain(into: sink)
        sink.write(CSWWRenderer.closing)
    }
}
