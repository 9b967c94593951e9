import WorkforceStandards

/// `wds codes SET`: the codes of one code set.
enum CodesCommand: Command {
    static let name = "codes"
    static let summary = "list the codes of a code set, with status, years and provenance"
    static let help = """
    Usage: wds codes SET [--year YYYY] [--format table|csv|json]

    SET is a code set id such as swf.role-identifier, ascwds.job-role, harmonised.sex or
    soc.soc2000 (wds sets lists them). With --year, only codes valid that collection year.
    """
    static let options: Set<String> = ["--format", "--year"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let id = try arguments.expectPositional("SET")[0]
        let year = try parseYear(arguments.option("--year"))
        let registry = Registry.embedded
        guard let set = registry.lookupCodeSet(id) else { throw DataProblem(unknownSet(id, registry)) }
        let codes = year.map { set.codes(validInYear: $0) } ?? set.codes
        let table = Table(title: "\(set.id): \(set.title) (source: \(set.provenance.source); licence: \(set.provenance.licence))",
                          columns: ["code", "label", "status", "years", "parent"] + set.extraColumns,
                          rows: codes.map { code in
                              [code.value, code.label, code.status.rawValue, code.yearsValid, code.parent ?? ""]
                                  + set.extraColumns.map { code.attributes[$0] ?? "" }
                          })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }
}

func unknownSet(_ id: String, _ registry: Registry) -> String {
    let near = registry.codeSets.filter { $0.id.rawValue.contains(id.lowercased().split(separator: ".").last.map(String.init) ?? id) }
    return "no code set \"\(id)\"" + (near.isEmpty ? " (wds sets lists them)" : "; did you mean: \(near.prefix(5).map(\.id.rawValue).joined(separator: ", "))")
}

/// `wds sets`: every code set.
enum SetsCommand: Command {
    static let name = "sets"
    static let summary = "list code sets, by family (harmonised, soc, swf, ascwds, csww, lges)"
    static let help = """
    Usage: wds sets [--family harmonised|soc|swf|ascwds|csww|lges] [--format table|csv|json]
    """
    static let options: Set<String> = ["--format", "--family"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        let family = try arguments.option("--family").map { text -> CodeSetFamily in
            guard let family = CodeSetFamily(rawValue: text) else { throw UsageError("--family \(text) is not valid") }
            return family
        }
        let sets = Registry.embedded.codeSets.filter { family == nil || $0.family == family }
        let table = Table(columns: ["id", "title", "codes", "years", "element", "source"],
                          rows: sets.map { [$0.id.rawValue, $0.title, String($0.codes.count), $0.provenance.years ?? "", $0.element ?? "", $0.provenance.source] })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }
}

/// `wds translate SET CODE --to TARGET`: a code in another code set.
enum TranslateCommand: Command {
    static let name = "translate"
    static let summary = "translate a code into a collection's (or the harmonised) codes, with relationships"
    static let help = """
    Usage: wds translate SET CODE --to swf|ascwds|csww|lges|harmonised|soc|SET [--year YYYY] [--format table|csv|json]

    Gives every match with its relationship (FHIR ConceptMap R5: equivalent,
    source-is-narrower-than-target, source-is-broader-than-target, related-to, not-related-to)
    and `unmatched` with the reason when there is none, stating the target version. Works in
    both directions: harmonised -> collection and collection -> harmonised.
    With --year, only target sets and codes valid in that collection year.
    """
    static let options: Set<String> = ["--format", "--to", "--year"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let words = try arguments.expectPositional("SET", "CODE")
        guard let to = arguments.option("--to") else { throw UsageError("--to is required") }
        let year = try parseYear(arguments.option("--year"))
        let registry = Registry.embedded
        guard let set = registry.lookupCodeSet(words[0]) else { throw DataProblem(unknownSet(words[0], registry)) }
        guard let code = set.lookup(words[1]) else {
            throw DataProblem("\"\(words[1])\" is not a code of \(set.id) (valid: \(set.codes.prefix(12).map(\.value).joined(separator: ", "))\(set.codes.count > 12 ? ", ..." : ""))")
        }
        let translations: [Translation]
        if let family = CodeSetFamily(rawValue: to.lowercased()) {
            translations = registry.translate(code.value, from: set.id, to: family, year: year)
        } else if let target = registry.lookupCodeSet(to) {
            translations = registry.translate(code.value, from: set.id, to: target.id, year: year).map { [$0] } ?? []
        } else {
            throw UsageError("--to \(to) is neither a collection, harmonised, soc nor a code set")
        }
        guard !translations.isEmpty else {
            throw DataProblem("no map joins \(set.id) to \(to)" + (year.map { " for \($0)" } ?? ""))
        }
        var rows: [[String]] = []
        for translation in translations {
            let head = [translation.sourceSet.rawValue, translation.sourceCode, translation.targetSet.rawValue, translation.targetVersion]
            if translation.matches.isEmpty {
                rows.append(head + ["", "", MapRelationship.unmatched.rawValue, "", translation.unmatchedReason ?? ""])
            }
            for match in translation.matches {
                var comment = match.comment ?? ""
                if !match.isValidInYear { comment = "not valid in \(year!)" + (comment.isEmpty ? "" : "; " + comment) }
                rows.append(head + [match.code, match.label, match.relationship.rawValue, percent(match.share), comment])
            }
        }
        let table = Table(title: "\(set.id) \(code.value) (\(code.label))",
                          columns: ["source set", "source code", "target set", "target version", "code", "label", "relationship", "share", "comment"],
                          rows: rows)
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }
}

/// `wds search QUERY`: items and codes by name.
enum SearchCommand: Command {
    static let name = "search"
    static let summary = "search roles (by title and example job titles), item names and code labels"
    static let help = """
    Usage: wds search QUERY [--limit N] [--format table|csv|json]

    Searches the roles (their titles and example job titles), the items and every code set's
    labels; the query is also read as a job title (as wds code-title does), and the roles it
    suggests are listed after those found by name. Case and punctuation are ignored; results
    are ranked (exact, prefix, every word, anywhere) and always come in the same order.
    Exit status 1 when nothing is found.
    """
    static let options: Set<String> = ["--format", "--limit"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        guard !arguments.positional.isEmpty else { throw UsageError("expected QUERY") }
        let limitText = arguments.option("--limit") ?? "25"
        guard let limit = Int(limitText), limit > 0 else { throw UsageError("--limit \(limitText) is not a positive number") }
        let query = arguments.positional.joined(separator: " ")
        var hits = Registry.embedded.search(query, limit: limit)
        // The query as a job title: the coder's roles, below every hit by name.
        let found = Set(hits.compactMap { $0.kind == .role ? $0.code : nil })
        let floor = min(40, hits.map(\.score).min() ?? 40)
        for match in TitleCoder.shared.assess(query, limit: 8).matches {
            guard let role = match.role, !found.contains(role.code), !hits.contains(where: { $0.kind == .role && $0.code == role.code }) else { continue }
            hits.append(SearchHit(kind: .role, owner: RoleCodeSet.id.rawValue, code: role.code, title: role.title,
                                  score: max(1, min(floor - 1, Int((match.score * 40).rounded()))), via: "job title coder (wds code-title)"))
        }
        hits = Array(hits.prefix(limit))
        let table = Table(columns: ["kind", "id", "code", "title", "score", "matched"],
                          rows: hits.map { [$0.kind.rawValue, $0.owner, $0.code ?? "", $0.title, String($0.score), $0.via ?? ""] })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return hits.isEmpty ? 1 : 0
    }
}
