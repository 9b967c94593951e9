/// The ASC-WDS projection: the worker bulk-upload file (`ascwds-workers.csv`) that Skills for
/// Care's Adult Social Care Workforce Data Set accepts, one line per adult social care worker in
/// post on the reference date.
///
/// The header is exactly the 44 fixed columns (``ASCWDSWorkerRow/header``), and every line is
/// built so that ASC-WDS's own validator raises no error-level message: mandatory columns that
/// cannot be answered reject the record (error diagnostics, counted as rejected), and optional
/// values ASC-WDS would reject are left empty with a query. Every line is written as soon as its
/// record is projected, so memory does not grow with the output.
///
/// Scope: a person in post (not a vacancy) whose role maps to `ascwds.job-role`; who has not
/// left before the reference date and whose contract neither ended before it nor starts after
/// it; whose contract type is not explicitly unmatched in ASC-WDS EMPLSTATUS (volunteers); and
/// whose post is at a workplace: not a school (O102 Establishment Number), and with an L101
/// Workplace Identifier for LOCALESTID. The last two keep council-wide generic roles
/// (administrators, ICT, HR), which map to ASC-WDS codes, out of the file unless they work at an
/// adult social care workplace.
///
/// Across records it remembers two things, as 64-bit hashes (about 16 bytes per worker, the
/// only state that grows with the input): the workers already written for each workplace
/// (ASC-WDS error 998 for a second line of the same worker: a person with two posts at one
/// workplace keeps the first post read) and the weekly hours already written against each
/// National Insurance number (error 5570 above 65 hours: the number is left off the later line).
public final class ASCWDSProjection: CollectionProjection {
    /// Why a run cannot start.
    public enum SetupError: Error, CustomStringConvertible {
        case missingSink(String)
        public var description: String {
            switch self {
            case .missingSink(let name): return "the ASC-WDS projection needs an output named \(name)"
            }
        }
    }

    public let collection = CollectionID.ascwds
    /// The worker file.
    public static let outputNames = ["ascwds-workers.csv"]
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings

    private let mapper: ASCWDSMapper
    private let sink: TextSink
    /// Hashes of LOCALESTID + UNIQUEWORKERID (white space removed, as ASC-WDS keys them).
    private var workerKeys = FingerprintTable(hasValues: false)
    /// Weekly hours written so far against each National Insurance number (fingerprint), in
    /// hundredths of an hour.
    private var hoursByNINumber = FingerprintTable()
    /// The line each worker is written into (its buffer kept from worker to worker).
    private var line = CSVLine()

    /// The code set scope is decided against.
    static let jobRoles: CodeSetID = "ascwds.job-role"
    private let roleScope: RoleScope
    private let inPost: InPostRule
    /// The employment-status map, asked about every record.
    private let employmentStatuses: CompiledMap?

    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        guard let sink = sinks[Self.outputNames[0]] else { throw SetupError.missingSink(Self.outputNames[0]) }
        self.settings = settings
        self.sink = sink
        mapper = ASCWDSMapper(settings: settings)
        roleScope = RoleScope(registry: settings.registry, set: Self.jobRoles, prefix: "role not in ASC-WDS scope: ")
        inPost = InPostRule(date: settings.referenceDate)
        employmentStatuses = mapper.codes.compiledMap(field: ASCWDSMapper.employmentStatusColumn)
        sink.write(SafeCSV.line(ASCWDSWorkerRow.header) + "\n")
    }

    public func scope(_ record: PostRecord) -> ScopeDecision {
        if record.vacancy != nil { return .outOfScope(reason: "a vacancy: the ASC-WDS worker file holds people in post") }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        // Generic roles (administrators, HR, ICT, cooks, cleaners) map to ASC-WDS codes because
        // adult social care employers have them too; the role alone cannot tell whether the post
        // is in adult social care, so the workplace decides: not a school, and a workplace the
        // worker file can name (LOCALESTID must be a workplace of the ASC-WDS account).
        if record.establishmentNumber != nil {
            return .outOfScope(reason: "a school post (O102 Establishment Number): ASC-WDS covers adult social care workplaces")
        }
        if let reason = inPost.reason(record) { return .outOfScope(reason: reason) }
        if let contract = record.contractType, let employmentStatuses, case .unmatched(let why) = mapper.codes.lookup(contract, in: employmentStatuses) {
            return .outOfScope(reason: "contract type \(contract): " + (why ?? "no ASC-WDS employment status"))
        }
        if (record.workplaceID ?? "").isBlank {
            return .outOfScope(reason: "no workplace identifier (L101): the post is not at an ASC-WDS workplace")
        }
        return .inScope
    }

    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        let (built, diagnostics) = mapper.build(record)
        guard var row = built else { return diagnostics }
        var problems = diagnostics
        // The spreadsheet guard (SafeCSV) may prefix a character: keys and lengths are those of
        // the text ASC-WDS will read.
        let cells = [SafeCSV.neutralise(row.localEstablishmentID), SafeCSV.neutralise(row.uniqueWorkerID)]
        for (index, name) in ["LOCALESTID", "UNIQUEWORKERID"].enumerated() where ASCWDSMapper.length(cells[index]) >= ASCWDSMapper.Limit.identifierLength {
            problems.append(diagnostic(.error, record, index == 0 ? "L101" : "P103", cells[index], rule: "ascwds.\(name.lowercased()).too-long",
                                       "ASC-WDS \(name) must be shorter than \(ASCWDSMapper.Limit.identifierLength) characters as written",
                                       expected: "an identifier that does not begin with =, +, - or @ and is at most 48 characters"))
        }
        let key = RecordRules.hash(Self.stripped(cells[0]) + "\u{1F}" + Self.stripped(cells[1]))
        if workerKeys.contains(key) {
            problems.append(diagnostic(.error, record, "P103", row.uniqueWorkerID, rule: "ascwds.uniqueworkerid.duplicate",
                                       "ASC-WDS holds one record per worker at a workplace (error 998), and this worker is already in the file at \(row.localEstablishmentID)",
                                       expected: "one post per staff identifier and workplace: ASC-WDS records the main job"))
        }
        if problems.contains(where: { $0.severity == .error }) { return problems }
        workerKeys.insert(key)
        if let ni = row.niNumber {
            let niKey = RecordRules.hash(ni.removingWhitespace().uppercased())
            let total = Double(hoursByNINumber.value(for: niKey) ?? 0) / 100 + Self.hours(of: row)
            if total > ASCWDSMapper.Limit.hoursPerNINumber {
                row.niNumber = nil
                problems.append(diagnostic(.query, record, "P102", ni, rule: "ascwds.ninumber.hours",
                                           "ASC-WDS rejects a National Insurance number whose records add up to more than \(formatNumber(ASCWDSMapper.Limit.hoursPerNINumber)) hours a week (error 5570): NINUMBER is left empty on this line",
                                           expected: "weekly hours across the person's posts within the limit"))
            } else {
                hoursByNINumber.set(niKey, value: UInt32((total * 100).rounded()))
            }
        }
        line.removeAll()
        row.write(to: &line)
        line.endLine()
        line.withBytes { sink.write(utf8: $0) }
        return problems
    }

    public func finish() throws {
        sink.close()
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

    private func diagnostic(_ severity: RecordDiagnostic.Severity, _ record: PostRecord, _ ref: ItemReference, _ value: String, rule: String, _ message: String,
                            expected: String) -> RecordDiagnostic {
        let item = settings.registry.item(ref)
        return RecordDiagnostic(severity, record: record.displayID, line: record.line,
                                itemRef: ref.rawValue, itemName: item?.name ?? "", column: item.map(ExchangeFormat.columnName(for:)) ?? "",
                                value: value, rule: rule, message: message, expected: expected)
    }
}
