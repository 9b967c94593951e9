import Foundation

/// Whether a record belongs in a collection, and if not, why.
public enum ScopeDecision: Sendable, Equatable {
    /// The record belongs in the collection.
    case inScope
    /// The record does not belong in the collection, and why.
    case outOfScope(reason: String)
}

/// What happened to one record in one collection.
public enum ProjectionOutcome: Sendable, Equatable {
    /// The record was written to the collection's return.
    case projected
    /// The record does not belong in the collection, and why.
    case outOfScope(reason: String)
    /// The record is valid for the standard but cannot be written for this collection.
    case rejected([RecordDiagnostic])
}

/// Where a projection writes text: a file, standard output, or memory (``MemorySink``).
public protocol TextSink: AnyObject {
    /// Writes `text` after what was written before.
    func write(_ text: String)
    /// Flushes and closes; nothing is written after.
    func close()
}

/// A sink that keeps everything in memory.
public final class MemorySink: TextSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// An empty sink.
    public init() {}
    /// Appends `text` to ``text``.
    public func write(_ text: String) { self.text += text }
    /// Does nothing: the text stays readable.
    public func close() {}
}

/// The settings of one projection run.
public struct ProjectionSettings: Sendable {
    /// The standard the run uses (the embedded one unless given).
    public var registry: Registry
    /// The census or reference date (SWF census day, CSWW 30 September ...).
    public var referenceDate: SimpleDate
    /// The collection year the codes are chosen for (the reference date's year by default).
    public var collectionYear: Int
    /// The organisation data (schools, workplaces) when the run has it: what a return needs
    /// that no post record holds (which schools the authority returns SWF for, their names).
    public var organisations: OrganisationDirectory?
    /// The local authority (its three-digit number) a return is for, when given (`--la`):
    /// records of other authorities are out of scope. Nil: the projection decides.
    public var localAuthority: String?
    /// What ASC-WDS already holds (`--previous`): its workers and workplaces, so that each line
    /// of the upload is NEW, UPDATE, NOCHANGE or DELETE. Nil: a first upload, every line NEW.
    public var ascwdsPrevious: ASCWDSPreviousUpload?

    /// The settings of a run on `referenceDate`, choosing codes for `collectionYear` (the reference date's year by default).
    public init(registry: Registry = .embedded, referenceDate: SimpleDate, collectionYear: Int? = nil) {
        self.registry = registry
        self.referenceDate = referenceDate
        self.collectionYear = collectionYear ?? referenceDate.year
    }
}

/// One collection's projection over a stream of records: decide scope, map each record to
/// the collection's structure, render it to the sinks, and write what comes after the
/// records (LA-level figures, aggregates) at the end.
public protocol CollectionProjection: AnyObject {
    /// The collection.
    var collection: CollectionID { get }
    /// The output files, by name (`swf.xml`; `lges-posts.csv` and `lges-aggregates.csv`).
    static var outputNames: [String] { get }
    /// Every rule the projection can raise, with its severity and what would be valid (the
    /// cases of the collection's ``CollectionRule`` enumeration).
    static var rules: [DiagnosticRule.Entry] { get }
    /// Whether the projection also writes outputs it names as the run goes (SWF writes one
    /// file per school), through the sink factory of ``OpenEndedProjection``.
    static var hasOpenEndedOutputs: Bool { get }
    /// Creates a run writing to one sink per output name.
    init(settings: ProjectionSettings, sinks: [String: TextSink]) throws
    /// Whether a valid record belongs in the collection.
    func scope(_ record: PostRecord) -> ScopeDecision
    /// Projects and writes an in-scope record; returns the problems that stop it (empty when written).
    ///
    /// The record must have passed the standard's checks first: `project` checks only what
    /// the collection adds. ``ProjectionPipeline`` (and ``ProjectionPipeline/project(_:to:settings:)``
    /// for records in memory) validates every record before projecting it; a caller driving a
    /// projection itself validates with ``RecordValidator`` and projects only
    /// ``RecordValidation/record`` of a valid result.
    func project(_ record: PostRecord) -> [RecordDiagnostic]
    /// Writes the end of the outputs and closes the sinks.
    func finish() throws
    /// Problems with the run as a whole, known once every record was offered (written to the
    /// diagnostics as the file's, before ``finish()``). None by default.
    var runDiagnostics: [RecordDiagnostic] { get }
}

extension CollectionProjection {
    /// None, unless the projection reports problems with the run as a whole.
    public var runDiagnostics: [RecordDiagnostic] { [] }
}

extension CollectionProjection {
    /// False: a projection writes only the outputs it names, unless it says otherwise.
    public static var hasOpenEndedOutputs: Bool { false }
}

/// A projection that does the part of each record's work that needs no other record before it
/// takes the records in input order: the pipeline calls ``prepare(_:)`` for a batch's records on
/// any thread, beside other batches and other projections, and hands each result to
/// ``scope(_:prepared:)`` and ``project(_:prepared:)`` in input order. So a projection whose
/// per-record work is heavy (SWF maps and renders every contract) keeps every core busy
/// instead of making the other stages wait for its queue.
protocol PreparingProjection: CollectionProjection, SendableMetatype {
    /// What ``prepare(_:)`` makes of a record.
    associatedtype Prepared: Sendable
    /// Work on one record that reads only the projection's settings and changes nothing, so
    /// that it is safe on any thread.
    func prepare(_ record: PostRecord) -> Prepared
    /// ``scope(_:)``, from what was prepared.
    func scope(_ record: PostRecord, prepared: Prepared) -> ScopeDecision
    /// ``project(_:)``, from what was prepared; called in input order.
    func project(_ record: PostRecord, prepared: Prepared) -> [RecordDiagnostic]
}

/// Why a projection could not be set up or finished: one error for every collection.
public enum ProjectionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The projection of `collection` was given no sink for its output `name`.
    case missingOutput(collection: CollectionID, name: String)
    /// The temporary file that holds records until the end of the run failed (SWF's pieces,
    /// CSWW's workers), or what was read back from it is not what was written.
    case spool(String)

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case .missingOutput(let collection, let name): return "the \(collection.rawValue) projection was given no output named \(name)"
        case .spool(let message): return "temporary file: \(message)"
        }
    }
}

/// A projection that looks at a batch's valid records before scoping them one by one, while
/// it says it wants to: CSWW decides the authority of its return from what most records of the
/// first batch give, so that one mistyped LA number on the first record does not decide it.
/// The pipeline calls ``preview(_:)`` on the projection's own queue, in input order.
protocol PreviewingProjection: CollectionProjection {
    /// Whether the next batch should be shown to ``preview(_:)``.
    var wantsPreview: Bool { get }
    /// The valid records of the next batch, in input order, before they are scoped.
    func preview(_ records: [PostRecord])
}

/// A projection whose ``CollectionProjection/finish()`` can spread its work over several
/// threads (SWF assembles its schools' messages side by side); the pipeline tells it how many
/// it may use, so that `threads: 1` keeps a run on the caller's thread.
protocol ParallelFinishing: CollectionProjection, AnyObject {
    var finishingThreads: Int { get set }
}

/// A projection that names some outputs as the run goes (one file per school).
public protocol OpenEndedProjection: CollectionProjection {
    /// Creates a run writing its fixed outputs to `sinks` and the others to sinks made by `makeSink`.
    init(settings: ProjectionSettings, sinks: [String: TextSink], makeSink: @escaping SinkFactory) throws
}

extension Registry {
    /// The collection code a harmonised code maps to in collection `year`.
    ///
    /// Maps list one row per collection year where a code changed, so only targets valid in
    /// `year` count; among those an `equivalent` row wins over a broader or narrower one, then
    /// the code the collection introduced most recently (a collection that adds a code for
    /// some of the cases of an older one, as SWF added School Business Professional beside
    /// Other Support Staff in 2023, means it to be used for them), then the map's own order
    /// (share, then code). A code with no target valid in `year` has none: a retired
    /// collection code never reaches a return.
    ///
    /// - Returns: nil when the code is unmatched, the map is missing, or no target is valid in `year`.
    public func collectionCode(_ code: String, map id: ConceptMapID, year: Int) -> String? {
        guard let map = map(id), let target = codeSet(map.targetSet) else { return nil }
        var best: (rank: Int, from: Int, code: String)?
        // The rows are read in place: this runs for codes of every record.
        map.forEachElement(forSource: code) { element in
            guard element.relationship.isMatch, let value = element.target, target.hasCode(value, validInYear: year) else { return true }
            let rank = element.relationship == .equivalent ? 0 : 1
            let from = target.code(value)?.validFrom ?? Int.min
            if best == nil || rank < best!.rank || (rank == best!.rank && from > best!.from) { best = (rank, from, value) }
            return rank > 0
        }
        return best?.code
    }

    /// Whether a role is in a collection's scope: it maps to some code of the collection set.
    public func roleIsMapped(_ role: String, to set: CodeSetID) -> Bool {
        rolesMappedTo[set]?.contains(role) ?? false
    }

    /// Why a role is outside a collection set, from the map's comment.
    public func roleScopeReason(_ role: String, set: CodeSetID) -> String {
        let comment = map(from: RoleCodeSet.id, to: set)?.elements(forSource: role).first { !$0.relationship.isMatch }?.comment
        return comment ?? "role \(role) is not mapped to \(set)"
    }
}

/// Which roles are in one collection set's scope, and the worded reason for each role that
/// is not: worked out for every role of the standard when a projection is made, so that the
/// scope test of a record is one table look-up with no lock and no string building.
final class RoleScope: Sendable {
    private enum Standing: Sendable {
        case mapped
        case outside(String)
    }

    private let registry: Registry
    private let set: CodeSetID
    private let prefix: String
    private let standings: StringTable<Standing>

    /// - Parameter prefix: what every reason starts with, naming the collection
    ///   (`role not in SWF scope: `); the map's comment follows, without its own leading
    ///   "out of scope: ", which the reconciliation says already.
    init(registry: Registry, set: CodeSetID, prefix: String) {
        self.registry = registry
        self.set = set
        self.prefix = prefix
        var standings = StringTable<Standing>()
        for code in registry.codeSet(RoleCodeSet.id)?.codes ?? [] {
            standings[code.value] = registry.roleIsMapped(code.value, to: set) ? .mapped : .outside(Self.reason(registry.roleScopeReason(code.value, set: set), prefix: prefix))
        }
        self.standings = standings
    }

    /// `prefix` and the map's comment, without the comment's leading "out of scope: ".
    static func reason(_ comment: String, prefix: String) -> String {
        prefix + (comment.hasPrefix("out of scope: ") ? String(comment.dropFirst("out of scope: ".count)) : comment)
    }

    /// Why `role` is outside the set, or nil when it maps into it.
    func reasonOutside(_ role: String) -> String? {
        switch standings[role] {
        case .mapped?: return nil
        case .outside(let reason)?: return reason
        case nil:
            // Not a role of the standard (a registry built in code may hold others).
            return registry.roleIsMapped(role, to: set) ? nil : Self.reason(registry.roleScopeReason(role, set: set), prefix: prefix)
        }
    }
}
