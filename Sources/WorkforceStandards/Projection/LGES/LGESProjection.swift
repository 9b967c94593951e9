/// The Local Government Earnings Survey projection: one line per council employee's post
/// (`lges-posts.csv`, fields of `Standards/collections/lges.csv`) and the aggregate tables
/// (`lges-aggregates.csv`, see ``LGESAggregateTable`` for the suppression rules).
///
/// Scope: a post held on the reference date (not a vacancy; not left before the date; contract
/// neither ended before it nor starting after it) by an employee of the council: not supplied
/// by an agency or another source (C101 SAG or SOT) and not a volunteer. Staff under an SLA
/// service agreement (C101 SLA) are employed by the authority and work for another body, so
/// they are the council's employees and in scope; whose role maps to `lges.occupation-group` (teaching roles are
/// unmatched there, with the map's reason); and whose salary scheme is not one the survey
/// leaves out (School Teachers' Pay and Conditions).
///
/// The survey year is the financial year (``CollectionCalendar/lgesSurveyPeriod(_:)``: 2025 is
/// 2025/26, taken on 1 April 2025). England and Wales: Welsh authorities (GSS W06) are
/// returned like English ones. The aggregates count each post under its authority's region
/// and type (`LGESAreaResolver`).
///
/// Post lines are written as records arrive; the aggregates, which need every post, are
/// written by ``finish()``. The outputs never hold a name, a National Insurance number, a date
/// of birth or a staff identifier: ``LGESPostRow`` has no field for them.
public final class LGESProjection: CollectionProjection {
    /// The collection: LGES.
    public let collection = CollectionID.lges
    /// The post file and the aggregate tables.
    public static let outputNames = ["lges-posts.csv", "lges-aggregates.csv"]
    /// Every rule the projection can raise (``LGESRule``).
    public static var rules: [DiagnosticRule.Entry] { LGESRule.entries }
    /// The run's registry, reference date and collection year.
    public let settings: ProjectionSettings
    /// The aggregates of the posts projected so far.
    public private(set) var aggregates: LGESAggregateTable

    let mapper: LGESMapper
    private let postsSink: TextSink
    /// `postsSink`, for the line written per record.
    private let postsOutput: UTF8Output
    private let aggregatesSink: TextSink
    /// The region and type of authority of each post's council.
    private var areas: LGESAreaResolver
    /// The line each post is written into (its buffer kept from post to post).
    private var line = CSVLine()

    static let occupationGroups: CodeSetID = "lges.occupation-group"
    let roleScope: RoleScope
    let inPost: InPostRule
    /// The salary-scheme map, asked about every record.
    let paySchemes: CompiledMap?

    /// A run writing to `sinks`, one per name of ``outputNames``.
    public init(settings: ProjectionSettings, sinks: [String: TextSink]) throws {
        guard let posts = sinks[Self.outputNames[0]] else { throw ProjectionError.missingOutput(collection: .lges, name: Self.outputNames[0]) }
        guard let aggregates = sinks[Self.outputNames[1]] else { throw ProjectionError.missingOutput(collection: .lges, name: Self.outputNames[1]) }
        self.settings = settings
        postsSink = posts
        postsOutput = UTF8Output(posts)
        aggregatesSink = aggregates
        mapper = LGESMapper(settings: settings)
        areas = LGESAreaResolver(settings: settings)
        self.aggregates = LGESAggregateTable(surveyYear: CollectionCalendar.lgesSurveyPeriod(settings.collectionYear).name)
        roleScope = RoleScope(registry: settings.registry, set: Self.occupationGroups, prefix: "role not in LGES scope: ")
        inPost = InPostRule(date: settings.referenceDate)
        paySchemes = mapper.codes.compiledMap(field: "pay_scheme")
        posts.write(SafeCSV.line(LGESPostRow.header) + "\n")
    }

    /// Writes an in-scope record; returns the problems that stop it (empty when written).
    public func project(_ record: PostRecord) -> [RecordDiagnostic] {
        let (row, diagnostics) = mapper.build(record)
        guard let row else { return diagnostics }
        line.removeAll()
        row.write(to: &line)
        line.endLine()
        line.withBytes { postsOutput.write(utf8: $0) }
        aggregates.add(row, area: areas.area(gss: record.laGSSCode, la: record.laNumber), person: Self.person(of: record))
        return diagnostics
    }

    /// Who holds the post, for counting people in the aggregates: the National Insurance number
    /// when there is one (one person with several staff ids is still one person: counted by
    /// staff id, two people with five ids made a published headcount of five, and their two
    /// salaries could be worked out from its mean and median; the record rules query the
    /// NI number shared by staff ids); else the staff identifier; else the post itself.
    static func person(of record: PostRecord) -> String {
        if let ni = record.niNumber {
            // Nearly always plain upper-case letters and digits already (read in place: the
            // UTF-8 view's `allSatisfy` takes a call per byte).
            func isPlain(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) }
            if ni.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isPlain) }) ?? ni.utf8.allSatisfy(isPlain) { return "ni:" + ni }
            let key = String(String.UnicodeScalarView(ni.unicodeScalars.filter { !$0.properties.isWhitespace })).uppercased()
            if !key.isEmpty { return "ni:" + key }
        }
        return record.staffID.map { "staff:" + $0 } ?? "post:" + record.displayID
    }

    /// One query per authority whose region is not known or contradicts its GSS code.
    public var runDiagnostics: [RecordDiagnostic] { areas.diagnostics(registry: settings.registry) }

    /// Writes what comes after the records and closes the sinks.
    public func finish() throws {
        aggregatesSink.write(SafeCSV.line(LGESAggregateTable.header) + "\n")
        for cells in aggregates.csvRows() { aggregatesSink.write(SafeCSV.line(cells) + "\n") }
        postsSink.close()
        aggregatesSink.close()
    }
}
