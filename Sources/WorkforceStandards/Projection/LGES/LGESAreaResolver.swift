/// The region and type of authority of a post's council, for the LGES aggregates.
///
/// - Type of authority: from the first three characters of O103 Local Authority GSS Code
///   (`lges.authority-type`, attribute `gss_entity`: E06 unitary ... W06 Welsh unitary); NK
///   without a GSS code.
/// - Region (`harmonised.region`): London for a London borough (E09) and Wales for a Welsh
///   authority (W06), which their codes say; for any other authority O150 Region on the
///   authority's record of the organisation data (the record with its O103, or, when the
///   record gives no O103, with its O101 and no O102). Without it, NK; when the run has
///   organisation data that leaves the authority's region out, the run reports the authority
///   once (a query), naming what to add.
struct LGESAreaResolver {
    static let notKnown = "NK"
    static let london = "E12000007"
    static let wales = "W92000004"
    static let typeSet: CodeSetID = "lges.authority-type"

    /// An authority whose region could not be found, or whose organisation record contradicts
    /// its GSS code.
    struct Problem: Hashable {
        var gss: String
        var la: String?
        var givenRegion: String?
        var line: Int
    }

    private var byGSS: [String: (region: String, line: Int)] = [:]
    private var byLA: [String: (region: String, line: Int)] = [:]
    private var types: [String: String] = [:]
    private var lastKey: (gss: String?, la: String?)?
    private var lastArea = LGESArea(region: notKnown, authorityType: notKnown)
    /// Each authority without a region, or with a contradicting one, once.
    private(set) var problems: [Problem] = []
    private var reported = Set<String>()

    private let hasOrganisations: Bool

    init(settings: ProjectionSettings) {
        hasOrganisations = settings.organisations != nil
        for record in settings.organisations?.records ?? [] where record.establishmentNumber == nil {
            guard let region = record.values["O150"] else { continue }
            if let gss = record.values["O103"] { byGSS[gss] = (region, record.line) } else { byLA[record.laNumber] = (region, record.line) }
        }
        for code in settings.registry.codeSet(Self.typeSet)?.codes ?? [] {
            if let entity = code.attributes["gss_entity"], !entity.isEmpty { types[entity] = code.value }
        }
    }

    /// The area of a post of the authority with GSS code `gss` and DfE number `la`.
    mutating func area(gss: String?, la: String?) -> LGESArea {
        if let lastKey, lastKey.gss == gss, lastKey.la == la { return lastArea }
        lastKey = (gss, la)
        let entity = gss.map { String($0.prefix(3)) }
        let type = entity.flatMap { types[$0] } ?? Self.notKnown
        let held = gss.flatMap { byGSS[$0] } ?? la.flatMap { byLA[$0] }
        var region: String
        switch entity {
        case "E09"?: region = Self.london
        case "W06"?: region = Self.wales
        default: region = held?.region ?? Self.notKnown
        }
        // Without organisation data at all the region is NK, which the tables show and the
        // README explains; with it, an authority it leaves out is reported.
        if let gss, hasOrganisations, !reported.contains(gss), region == Self.notKnown || (held != nil && held!.region != region) {
            reported.insert(gss)
            problems.append(Problem(gss: gss, la: la, givenRegion: held?.region, line: held?.line ?? 0))
        }
        lastArea = LGESArea(region: region, authorityType: type)
        return lastArea
    }

    /// The run's diagnostics: one query per authority.
    func diagnostics(registry: Registry) -> [RecordDiagnostic] {
        let item = registry.item("O150")
        return problems.map { problem in
            if let given = problem.givenRegion {
                return RecordDiagnostic(.query, record: "organisation line \(problem.line)", line: problem.line, itemRef: "O150", itemName: item?.name ?? "",
                                        column: item.map(ExchangeFormat.columnName(for:)) ?? "", value: given, rule: LGESRule.regionContradictsGss.rawValue,
                                        message: "the organisation data gives region \(given) for authority \(problem.gss), whose GSS code places it in \(problem.gss.hasPrefix("W06") ? Self.wales : Self.london); the LGES aggregates use the GSS code",
                                        expected: "the region of the authority's GSS code, or no O150")
            }
            return RecordDiagnostic(.query, record: "organisations", line: 0, itemRef: "O150", itemName: item?.name ?? "",
                                    column: item.map(ExchangeFormat.columnName(for:)) ?? "", value: "", rule: LGESRule.regionMissing.rawValue,
                                    message: "the LGES aggregates count the posts of authority \(problem.gss)\(problem.la.map { " (\($0))" } ?? "") under region \(Self.notKnown): an English authority other than a London borough has no region in its GSS code, and the run has no organisation record giving it",
                                    expected: "--organisations FILE with the authority's row (local_authority_number or local_authority_gss_code, no establishment_number) giving region: an ONS region code E12000001 to E12000009")
        }
    }
}
