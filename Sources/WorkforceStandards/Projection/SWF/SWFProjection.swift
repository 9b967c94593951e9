import Foundation

/// The School Workforce Census projection: one message per school and one per authority, as
/// DfE COLLECT takes them, and `swf/index.csv`, which says what each file holds.
///
/// - A **school message** (`SourceLevel` S, the school's `Estab` in the header) holds the staff
///   who serve in the school (O102 Establishment Number held), and the school-level module:
///   its vacancies, occasional teachers and third-party support staff on census day.
/// - An **LA message** (`SourceLevel` L) holds the authority's centrally employed staff (no
///   establishment number) and the LA-level module: its educational psychologists.
///
/// Each person is **one member** with every contract they hold in the message: posts are the
/// same person when they share a staff identifier, a teacher number or an NI number. When the
/// person details of two posts disagree, the first post's are written and the later post gets
/// a query naming the item and the first post's line.
///
/// Records are mapped and rendered on any free core (`PreparingProjection`), then taken in
/// input order to find their person; their rendered pieces wait in a `BucketSpool` (one
/// bucket per message), and ``finish()`` assembles the messages from their buckets, side by
/// side on the pipeline's threads. Memory holds only the identity tables and a few numbers per
/// person.
public final class SWFProjection: OpenEndedProjection, PreparingProjection, ParallelFinishing {
    public let collection: CollectionID = .swf
    /// The index; the messages are named as the run finds schools (`swf/999-4017.xml`).
    public static let outputNames = [indexName]
    /// Every rule the projection can raise (``SWFRule``).
    public static var rules: [DiagnosticRule.Entry] { SWFRule.entries }
    public static var hasOpenEndedOutputs: Bool { true }
    static let indexName = "swf/index.csv"
    static let notesName = "swf/about.txt"
    /// The run's settings: the census year, census day and organisation data.
    public let settings: ProjectionSettings
    /// How many members (people) and contracts have been mapped.
    public private(set) var memberCount = 0
    /// How many contracts (posts) have been returned in members.
    public private(set) var contractCount = 0
    /// The messages written by ``finish()``: file name, level, authority, school and what it holds.
    public private(set) var messages: [SWFMessageSummary] = []

    private let mapping: SWFMapping
    private let indexSink: TextSink
    private let makeSink: SinkFactory
    private let spool: SWFPieceSpool
    /// The bucket of each message, by authority and school (nil for the authority's own).
    private var messageIndex: [MessageKey: Int] = [:]
    private struct MessageKey: Hashable {
        let lea: String
        let estab: String?
    }
    private var buckets: [MessageBucket] = []
    private var people = SWFPersonTable()
    /// How many threads ``finish()`` writes the messages on (the pipeline sets its own count).
    var finishingThreads = ProcessInfo.processInfo.activeProcessorCount

    /// Creates a run that writes the index to `sinks["swf/index.csv"]` and each message to a
    /// sink made by `makeSink(name)`.
    public init(settings: ProjectionSettings, sinks: [String: TextSink], makeSink: @escaping SinkFactory) throws {
        guard let index = sinks[Self.indexName] else { throw ProjectionError.missingOutput(collection: .swf, name: Self.indexName) }
        self.settings = settings
        indexSink = index
        self.makeSink = makeSink
        mapping = SWFMapping(settings: settings)
        spool = try SWFPieceSpool()
    }

    /// Creates a run whose messages are kept in memory (``outputs``), for tests and small runs.
    public convenience init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        let store = MemoryOutputs()
        try self.init(settings: settings, sinks: sinks, makeSink: store.make)
        memoryOutputs = store
    }

    private var memoryOutputs: MemoryOutputs?
    /// The messages written, by name, when the run keeps them in memory.
    public var outputs: [String: String] { memoryOutputs?.texts ?? [:] }

    // MARK: Records

    public func scope(_ record: PostRecord) -> ScopeDecision {
        scope(record, prepared: PreparedRecord(use: mapping.use(of: record)))
    }

    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        project(record, prepared: prepare(record))
    }

    /// What a record becomes, worked out on any thread (`PreparingProjection`): its use and,
    /// for a member, the facts its message counts and its pieces already rendered as
    /// ``CompactXML`` (the mapped part itself is let go where it was made).
    struct PreparedRecord: Sendable {
        let use: SWFRecordUse
        var member: MemberFacts?
        var problems: [RecordDiagnostic] = []
        /// The member's pieces, rendered as ``CompactXML`` in the spool's layout.
        var pieces = SWFRecordedPieces()

        init(use: SWFRecordUse) { self.use = use }
    }

    /// What a message counts of a member's contract.
    struct MemberFacts: Sendable {
        let category: SWFStaffCategory
        let end: SimpleDate?
        /// An educational psychologist employed by the authority (counted in its LA module)
        /// when the contract is open on census day.
        let educationalPsychologist: Bool
    }

    func prepare(_ record: PostRecord) -> PreparedRecord {
        var prepared = PreparedRecord(use: mapping.use(of: record))
        guard case .member = prepared.use else { return prepared }
        let part: SWFMapping.MemberPart
        switch mapping.map(record) {
        case (let mapped?, let problems):
            part = mapped
            prepared.problems = problems
        case (nil, let problems):
            prepared.problems = problems
            return prepared
        }
        // The parts are rendered in place, not in closures: a closure would copy the part it
        // renders (a retain and a release of each of its strings).
        let category = part.contract.category, year = settings.collectionYear
        prepared.member = MemberFacts(category: category, end: part.contract.end,
                                      educationalPsychologist: part.contract.roleIdentifiers.contains("EPSY")
                                          && (part.contract.end.map { $0 >= settings.referenceDate } ?? true)
                                          && ["PRM", "FXT", "TMP"].contains(part.contract.contractType))
        var recorder = SWFPieceSpool.Recorder(category: category)
        var start = recorder.begin(.details)
        SWFRenderer.staffDetails(part.staffDetails, category: category, year: year, &recorder.writer)
        recorder.end(start)
        start = recorder.begin(.contract)
        SWFRenderer.contract(part.contract, year: year, &recorder.writer)
        recorder.end(start)
        for absence in part.absences {
            start = recorder.begin(.absence)
            SWFRenderer.absence(absence, &recorder.writer)
            recorder.end(start)
        }
        for qualification in part.qualifications {
            start = recorder.begin(.qualification)
            SWFRenderer.qualification(qualification, &recorder.writer)
            recorder.end(start)
        }
        prepared.pieces = recorder.recorded
        return prepared
    }

    func scope(_ record: PostRecord, prepared: PreparedRecord) -> ScopeDecision {
        if case .outOfScope(let reason) = prepared.use { return .outOfScope(reason: reason) }
        return .inScope
    }

    func project(_ record: PostRecord, prepared: PreparedRecord) -> [RecordDiagnostic] {
        if case .outOfScope = prepared.use { return [] }
        // Scope guarantees an LA number for everything it lets in.
        let lea = record.laNumber ?? ""
        let (bucket, notes) = bucket(lea: lea, estab: record.establishmentNumber, firstRecord: record)
        if case .member = prepared.use { return notes + projectMember(record, prepared, into: bucket) }
        return notes + project(record, as: prepared.use, into: bucket)
    }

    private func project(_ record: PostRecord, as use: SWFRecordUse, into bucket: MessageBucket) -> [RecordDiagnostic] {
        switch use {
        case .outOfScope:
            return []
        case .vacancy:
            guard let vacancy = record.vacancy else { return [] }
            let (mapped, problems) = mapping.mapVacancy(vacancy, of: record)
            if let mapped { bucket.school.vacancies.append(mapped) }
            return problems
        case .occasionalTeacher:
            let qualified = [record.qualifiedTeacherStatus, record.qtlsStatus, record.earlyYearsTeacherStatus]
            if qualified.contains(true) {
                bucket.school.occasionalsQTS += 1
            } else if record.qualifiedTeacherStatus == false {
                bucket.school.occasionalsNotQTS += 1
            } else {
                bucket.school.occasionalsNotKnown += 1
            }
            return []
        case .supportHeadcount(let category):
            bucket.school.supportHeadcount[category, default: 0] += 1
            return []
        case .member:
            return projectMember(record, prepare(record), into: bucket)
        }
    }

    /// A member's post: the person it belongs to in its message (in input order, so that the
    /// first post decides), and its prepared pieces spooled under that person.
    private func projectMember(_ record: PostRecord, _ prepared: PreparedRecord, into bucket: MessageBucket) -> [RecordDiagnostic] {
        guard let member = prepared.member else { return prepared.problems }
        var problems = RecordProblems(labels: mapping.codes.labels, record: record)
        guard let person = people.person(for: record, message: bucket.number, nextLocal: UInt32(bucket.people), problems: &problems) else {
            return prepared.problems + problems.list
        }
        if person.isNew {
            bucket.people += 1
            memberCount += 1
        }
        spool.append(prepared.pieces, person: person.local, to: bucket.spoolBucket)
        contractCount += 1
        bucket.contracts += 1
        if let end = member.end, end < settings.referenceDate { bucket.leavers += 1 }
        if bucket.estab == nil, member.educationalPsychologist {
            bucket.educationalPsychologists[person.index, default: 0] += min(1, record.fte ?? 1)
        }
        return prepared.problems + problems.list
    }

    /// The kinds of piece a member is assembled from.
    enum PieceKind: UInt8 {
        case details = 0, contract, absence, qualification

        /// Where the piece is rendered.
        var path: [String] {
            switch self {
            case .details: SWFRenderer.memberPath
            case .contract: SWFRenderer.contractsPath
            case .absence: SWFRenderer.absencesPath
            case .qualification: SWFRenderer.qualificationsPath
            }
        }

        /// How deep the piece is indented in the message.
        var depth: Int { path.count }
    }

    /// The message of school `estab` (the authority's own when nil). A school met for the first
    /// time in a run with organisation data but no record of its own gets a query on the record
    /// that brought it: the authority is taken to return it, and it has no name.
    private func bucket(lea: String, estab: String?, firstRecord record: PostRecord) -> (MessageBucket, [RecordDiagnostic]) {
        let key = MessageKey(lea: lea, estab: estab)
        if let index = messageIndex[key] { return (buckets[index], []) }
        let organisation = settings.organisations?.organisation(lea: lea, estab: estab)
        let bucket = MessageBucket(number: buckets.count, lea: lea, estab: estab, name: organisation?.name, spoolBucket: spool.makeBucket())
        messageIndex[key] = buckets.count
        buckets.append(bucket)
        guard settings.organisations != nil, organisation == nil, let estab else { return (bucket, []) }
        var problems = RecordProblems(labels: mapping.codes.labels, record: record)
        problems.add(.query, SWFRule.organisationMissing, item: "O102", value: estab,
                     message: "the organisation data has no record of school \(lea) \(estab): its message is written, as returned by the authority, with no name (this is said once, on the school's first record)",
                     expected: "a record for the school in the organisation file, with O105 Organisation Name and O106 SWF Returned by the Authority")
        return (bucket, problems.list)
    }

    // MARK: Finishing

    public func finish() throws {
        defer { indexSink.close() }
        // Who is who is settled (each bucket has its people numbered): the identity tables go
        // before the messages are assembled, which is when memory is at its highest.
        people = SWFPersonTable()
        spool.finishWriting()
        let year = settings.collectionYear
        let modules = SWFModules(contractOrService: true, absences: year != 2020, qualifications: year != 2020)
        // Each authority's message first, then its schools by establishment number.
        let ordered = buckets.sorted { ($0.lea, $0.estab ?? "") < ($1.lea, $1.estab ?? "") }
        // The messages are independent: written on every core, each from its own bucket. Only
        // making a sink is serialised (the factory need not be thread-safe). The projection is
        // only read while they run.
        let sinkLock = NSLock()
        let summaries = ParallelWork.map(count: ordered.count, threads: finishingThreads, sharing: self) { projection, index in
            Result { try projection.writeMessage(of: ordered[index], modules: modules, sinkLock: sinkLock) }
        }
        for summary in summaries { messages.append(try summary.get()) }
        indexSink.write(SWFMessageSummary.csv(messages))
        let notes = try makeSink(Self.notesName)
        notes.write(Self.notes(year: year, censusDay: settings.referenceDate, registry: settings.registry))
        notes.close()
    }

    /// Writes the message of one bucket and says what it holds.
    private func writeMessage(of bucket: MessageBucket, modules: SWFModules, sinkLock: NSLock) throws -> SWFMessageSummary {
        let year = settings.collectionYear
        let name = "swf/\(Self.fileStem(lea: bucket.lea, estab: bucket.estab, name: bucket.name)).xml"
        sinkLock.lock()
        let made = Result { try makeSink(name) }
        sinkLock.unlock()
        let sink = try made.get()
        let header = SWFHeader(year: year, referenceDate: settings.referenceDate,
                               sourceLevel: bucket.estab == nil ? .localAuthority : .school, lea: bucket.lea, estab: bucket.estab,
                               release: settings.registry.standard.version, modules: modules)
        sink.write(SWFRenderer.opening(header))
        try writeMembers(of: bucket, to: sink)
        var la: SWFLAModule?
        if bucket.estab == nil {
            var module = SWFLAModule()
            for (_, fte) in bucket.educationalPsychologists.sorted(by: { $0.key < $1.key }) {
                if fte >= 0.9999 { module.fullTime += 1 } else { module.partTime += 1; module.partTimeFTE += fte }
            }
            la = module
        }
        sink.write(SWFRenderer.closing(referenceDate: settings.referenceDate, estab: bucket.estab,
                                       school: bucket.estab == nil ? nil : bucket.school, la: la))
        sink.close()
        return SWFMessageSummary(file: name, level: header.sourceLevel, lea: bucket.lea, estab: bucket.estab, name: bucket.name,
                                 members: bucket.people, contracts: bucket.contracts, leavers: bucket.leavers,
                                 vacancies: bucket.school.vacancies.count,
                                 occasionalTeachers: bucket.school.occasionalsQTS + bucket.school.occasionalsNotQTS + bucket.school.occasionalsNotKnown,
                                 supportHeadcount: bucket.school.supportHeadcount.values.reduce(0, +),
                                 educationalPsychologists: la.map { $0.fullTime + $0.partTime })
    }

    /// Writes the members of a message: each person's pieces, grouped, in the order the
    /// people first appeared, expanded from their ``CompactXML`` tokens.
    private func writeMembers(of bucket: MessageBucket, to sink: TextSink) throws {
        let spooled = try spool.pieces(of: bucket.spoolBucket)
        let pieces = spooled.pieces
        var out = ByteBuffer(capacity: 1 << 17)
        // The pieces of each person, by counting sort on the person's number.
        var starts = [Int](repeating: 0, count: bucket.people + 1)
        for piece in pieces { starts[Int(piece.person) + 1] += 1 }
        for index in 0..<bucket.people { starts[index + 1] += starts[index] }
        var order = [Int](repeating: 0, count: pieces.count)
        var next = starts
        for (index, piece) in pieces.enumerated() {
            order[next[Int(piece.person)]] = index
            next[Int(piece.person)] += 1
        }
        // The fixed tags, fetched once (each use of a static costs a check and a retain).
        let memberOpen = SWFRenderer.memberOpen, memberClose = SWFRenderer.memberClose
        let contractsOpen = SWFRenderer.contractsOpen, contractsClose = SWFRenderer.contractsClose
        let groups = [(SWFRenderer.absencesOpen, SWFRenderer.absencesClose), (SWFRenderer.qualificationsOpen, SWFRenderer.qualificationsClose)]
        let depths = [PieceKind.details, .contract, .absence, .qualification].map(\.depth)
        func emit(_ piece: SWFSpooledPiece) throws {
            guard spooled.expand(piece, depth: depths[Int(piece.kind.rawValue)], into: &out) else {
                throw ProjectionError.spool("a spooled piece is not well formed")
            }
        }
        // One person's pieces by kind, reused from person to person.
        var contracts: [SWFSpooledPiece] = [], grouped: [[SWFSpooledPiece]] = [[], []]
        for person in 0..<bucket.people {
            // The person's category is the lowest of their contracts'; their details are
            // those of a post of that category (all posts have the same, or were queried).
            var category = SWFStaffCategory.otherSupport
            var details: SWFSpooledPiece?, detailsOfCategory: SWFSpooledPiece?
            contracts.removeAll(keepingCapacity: true)
            grouped[0].removeAll(keepingCapacity: true)
            grouped[1].removeAll(keepingCapacity: true)
            for index in order[starts[person]..<starts[person + 1]] {
                let piece = pieces[index]
                switch piece.kind {
                case .details: if details == nil { details = piece }
                case .contract:
                    contracts.append(piece)
                    if piece.category < category { category = piece.category }
                case .absence: grouped[0].append(piece)
                case .qualification: grouped[1].append(piece)
                }
            }
            if let first = details, first.category != category {
                for index in order[starts[person]..<starts[person + 1]] where pieces[index].kind == .details && pieces[index].category == category {
                    detailsOfCategory = pieces[index]
                    break
                }
            }
            out.append(memberOpen)
            if let details = detailsOfCategory ?? details { try emit(details) }
            out.append(contractsOpen)
            for contract in contracts { try emit(contract) }
            out.append(contractsClose)
            if category.isTeacherOrAssistant {
                for (group, (open, close)) in zip(grouped, groups) where !group.isEmpty {
                    out.append(open)
                    // An absence or qualification that two posts carry is written once.
                    for (position, piece) in group.enumerated() where !group[..<position].contains(where: { spooled.sameTokens($0, piece) }) {
                        try emit(piece)
                    }
                    out.append(close)
                }
            }
            out.append(memberClose)
            if out.count >= 1 << 16 {
                out.withBytes { sink.write(utf8: $0) }
                out.removeAll()
            }
        }
        out.withBytes { sink.write(utf8: $0) }
    }

    /// `999-4017` for a school (`999-4017-st-marys-primary` when the organisation data names
    /// it), `999-LA` for the authority's own message.
    static func fileStem(lea: String, estab: String?, name: String? = nil) -> String {
        // The numbers are checked against their patterns before a record is projected; any
        // other character is replaced so that a name can never leave the folder.
        let safe = { (text: String) in
            String(decoding: text.utf8.map { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) ? $0 : 0x5F }, as: UTF8.self)
        }
        var stem = safe(lea) + "-" + (estab.map(safe) ?? "LA")
        if let name, estab != nil {
            var slug = ""
            for character in name.lowercased() where character != "'" && character != "\u{2019}" {
                if character.isASCII && (character.isLetter || character.isNumber) {
                    slug.append(character)
                } else if !slug.isEmpty && slug.last != "-" {
                    slug.append("-")
                }
            }
            while slug.last == "-" { slug.removeLast() }
            if !slug.isEmpty { stem += "-" + String(slug.prefix(48)) }
        }
        return stem
    }

    /// What the run could not confirm about the message, written beside it.
    static func notes(year: Int, censusDay: SimpleDate, registry: Registry) -> String {
        let census = CollectionCalendar.swfCensusDay(year, registry: registry)
        return """
        School Workforce Census \(year): one message per school (SourceLevel S) and one per local authority
        for its centrally employed staff (SourceLevel L); index.csv lists them.

        Census day: \(censusDay)\(census.isKnown && census.date == censusDay ? " (the day DfE set for \(year))" : census.date == censusDay ? " (first Thursday of November: the day DfE set for \(year) is not in this release's list)" : " (given with --reference-date)")

        DfE's schema for the message is not public. The element names and their order are those that real
        SWF generators write (Oracle E-Business Suite 2019, MyPortal 2026, Aspen 2012). Not confirmed:
        - PayRange codes: only UT is confirmed; MS, UP and LD come from one writer and may be queried.
        - LeavingReason and PayFramework are not written: their code lists are not public.
        - Sex (from 2023): the codes M and F are assumed. SLT (from 2023): the element name is assumed.
        - The posts of the current list beyond TAS, OSP, LNT, SBP and the teacher posts are not known.
        - Whether COLLECT requires the SchoolWorkforceModules block is not known; it is written.

        """
    }

    // MARK: Storage

    /// The state of one message while the run goes.
    private final class MessageBucket {
        let number: Int
        let lea: String
        let estab: String?
        /// The school's name, from the organisation data.
        let name: String?
        let spoolBucket: Int
        var people = 0
        var contracts = 0
        var leavers = 0
        var school = SWFSchoolModule()
        /// Educational psychologists employed by the authority: FTE by person.
        var educationalPsychologists: [UInt32: Double] = [:]

        init(number: Int, lea: String, estab: String?, name: String?, spoolBucket: Int) {
            self.number = number
            self.lea = lea
            self.estab = estab
            self.name = name
            self.spoolBucket = spoolBucket
        }
    }
}

/// Makes the sink for an output named while a run goes.
public typealias SinkFactory = (String) throws -> TextSink

/// Sinks made on demand and kept in memory, by name.
final class MemoryOutputs {
    private var sinks: [(String, MemorySink)] = []
    func make(_ name: String) throws -> TextSink {
        let sink = MemorySink()
        sinks.append((name, sink))
        return sink
    }
    var texts: [String: String] { Dictionary(sinks.map { ($0.0, $0.1.text) }, uniquingKeysWith: { $1 }) }
}
