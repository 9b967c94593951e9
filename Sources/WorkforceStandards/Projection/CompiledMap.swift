/// A concept map resolved for one collection year: for each source code, the one target a
/// return writes, or why there is none. Built once per run, so that translating a field of a
/// record is a single dictionary look-up instead of a walk over map rows and code sets.
public final class CompiledMap: Sendable {
    /// What a source code becomes in the year.
    public enum Outcome: Sendable, Equatable {
        /// The target code to write (valid in the year; an equivalent row preferred).
        case code(String)
        /// The map says there is no counterpart, with its reason.
        case unmatched(String?)
        /// The map has targets, but none valid in the year.
        case notValidInYear(String)
    }

    /// The map compiled.
    public let id: ConceptMapID
    /// The collection year the targets were checked against.
    public let year: Int
    private let outcomes: StringTable<Outcome>

    /// Resolves `map` for `year` against `registry`'s target code set.
    public init(_ map: ConceptMap, year: Int, registry: Registry) {
        id = map.id
        self.year = year
        let target = registry.codeSet(map.targetSet)
        var outcomes = StringTable<Outcome>()
        for source in map.orderedSourceCodes {
            let elements = map.elements(forSource: source)
            let matches = elements.filter { $0.relationship.isMatch && $0.target != nil }
            if matches.isEmpty {
                outcomes[source] = .unmatched(elements.first?.comment)
            } else if let code = registry.collectionCode(source, map: map.id, year: year) {
                outcomes[source] = .code(code)
            } else {
                let targets = matches.map { $0.target! }.joined(separator: ", ")
                outcomes[source] = .notValidInYear("\(source) maps to \(targets) of \(target?.id.rawValue ?? map.targetSet.rawValue), not valid in \(year)")
            }
        }
        self.outcomes = outcomes
    }

    /// What `code` becomes, or nil when the map has no row for it.
    public func outcome(for code: String) -> Outcome? { outcomes[code] }
}
