/// The School Workforce Census projection: writes `swf.xml`, one CBDS message for the run.
///
/// The message is a local authority return (`SourceLevel` L) for the authority of the first
/// record in scope: every staff member in scope, in input order, each contract naming its
/// school in `Contract/Estab` (`LEASchoolLevel` S) or none for centrally employed staff (L).
/// Nothing is grouped by school or person, so each member is written as soon as it is mapped
/// and memory stays flat however long the input; a person with two posts in scope appears as
/// two members. Records of any other authority are out of scope: one message per authority.
///
/// Scope and mapping rules are those of ``SWFMapping``; the census day is the run's
/// reference date.
public final class SWFProjection: CollectionProjection {
    public let collection: CollectionID = .swf
    public static let outputNames = ["swf.xml"]
    public let settings: ProjectionSettings
    /// How many staff members have been written.
    public private(set) var memberCount = 0
    /// The authority the message is for: that of the first record in scope.
    public private(set) var authority: String?

    private let mapping: SWFMapping
    private let sink: TextSink
    private var opened = false
    /// Renders every member in turn, so that its buffer is allocated once per run.
    private var memberWriter = XMLWriter(declaration: false)

    /// Creates a run writing to the sink named `swf.xml`.
    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        guard let sink = sinks["swf.xml"] else { throw XMLReturnError.missingSink("swf.xml") }
        self.settings = settings
        self.sink = sink
        mapping = SWFMapping(settings: settings)
    }

    public func scope(_ record: PostRecord) -> ScopeDecision {
        let decision = mapping.scope(record)
        guard decision == .inScope, let lea = record.laNumber else { return decision }
        if let authority, lea != authority {
            return .outOfScope(reason: "another local authority: this return is for \(authority)")
        }
        authority = authority ?? lea
        return .inScope
    }

    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        let (member, problems) = mapping.map(record)
        guard let member else { return problems }
        if authority == nil { authority = record.laNumber }
        openIfNeeded()
        SWFRenderer.writeMember(member, using: &memberWriter) { sink.write(utf8: $0) }
        memberCount += 1
        return problems
    }

    public func finish() throws {
        openIfNeeded()
        sink.write(SWFRenderer.closing)
        sink.close()
    }

    /// The header waits for the first member because it names the authority.
    private func openIfNeeded() {
        guard !opened else { return }
        opened = true
        let header = SWFHeader(year: settings.referenceDate.year, referenceDate: settings.referenceDate, lea: authority,
                               release: settings.registry.standard.version)
        sink.write(SWFRenderer.opening(header))
    }
}
