import Foundation
import WorkforceStandards
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `wds role CODE`: a role's profile and its code in every collection.
enum RoleCommand: Command {
    static let name = "role"
    static let summary = "show a role: profile, SOC2000/SOC2010/SOC2020 and its code in every collection"
    static let help = """
    Usage: wds role CODE [--format table|csv|json]

    CODE is a harmonised role code such as R201 (wds roles lists them).
    """

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let code = try arguments.expectPositional("CODE")[0]
        let registry = Registry.embedded
        guard let role = registry.role(RoleCode(code)) else {
            let near = registry.roles.filter { $0.title.lowercased().contains(code.lowercased()) }.prefix(5)
            throw DataProblem("no role \"\(code)\"" + (near.isEmpty ? " (wds roles lists them)" : "; did you mean: \(near.map { "\($0.code) \($0.title)" }.joined(separator: ", "))"))
        }
        func soc(_ code: String?, _ version: SOCVersion, share: Double?) -> String {
            guard let code else { return "" }
            let title = registry.socGroup(SOCCode(code), version: version)?.title ?? "?"
            return "\(code) \(title)" + (share.map { " (\(percent($0)) of the earlier unit)" } ?? "")
        }
        var fields: [(String, String)] = [
            ("code", role.code), ("title", role.title), ("status", role.status.rawValue),
            ("major group", "\(role.majorGroup.value) \(role.majorGroup.label)"), ("sub-group", "\(role.subGroup.value) \(role.subGroup.label)"),
            ("SOC2000", soc(role.soc2000, .soc2000, share: nil)), ("SOC2010", soc(role.soc2010, .soc2010, share: role.soc2010Share)),
            ("SOC2020", soc(role.soc2020, .soc2020, share: role.soc2020Share)),
        ]
        if let profile = role.profile {
            fields.append(("definition", profile.definition))
            fields.append(("tasks", profile.tasks.map { "- \($0)" }.joined(separator: "\n")))
            fields.append(("qualifications", profile.qualifications.map { "- \($0)" }.joined(separator: "\n")))
            if let registration = profile.registration { fields.append(("registration", registration)) }
            fields.append(("example titles", profile.exampleTitles.joined(separator: "; ")))
            fields.append(("SOC note", profile.socNote))
        }
        let codes = Table(title: "collections", columns: ["collection set", "version", "code", "label", "relationship", "comment"],
                          rows: registry.collectionCodes(forRole: RoleCode(role.code)).flatMap { translation -> [[String]] in
                              if translation.matches.isEmpty {
                                  return [[translation.targetSet.rawValue, translation.targetVersion, "", "", "unmatched", translation.unmatchedReason ?? ""]]
                              }
                              return translation.matches.map {
                                  [translation.targetSet.rawValue, translation.targetVersion, $0.code, $0.label, $0.relationship.rawValue, $0.comment ?? ""]
                              }
                          })
        console.out(Report.record(fields: fields, sections: [codes]).rendered(as: try arguments.format()))
        return 0
    }
}

/// `wds roles`: the role code set, by group or by a collection code.
enum RolesCommand: Command {
    static let name = "roles"
    static let summary = "list roles, by group, or every role that maps to a collection code"
    static let help = """
    Usage: wds roles [--group G] [--collection SET CODE] [--format table|csv|json]

    --group takes a major group (G1..G6) or sub-group (G2A ...). --collection takes a
    collection code set and a code (e.g. --collection ascwds.job-role 8, or swf.role-identifier TASS)
    and lists every role that maps to it, with the relationship.
    """
    static let options: Set<String> = ["--format", "--group", "--collection"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let registry = Registry.embedded
        var roles: [Role]
        var relationships: [String: String] = [:]
        if let setText = arguments.option("--collection") {
            guard arguments.positional.count == 1 else { throw UsageError("--collection takes a code set and a code: --collection ascwds.job-role 8") }
            guard let set = registry.lookupCodeSet(setText) else { throw DataProblem(unknownSet(setText, registry)) }
            let code = arguments.positional[0]
            guard set.lookup(code) != nil else { throw DataProblem("\"\(code)\" is not a code of \(set.id)") }
            guard registry.map(from: RoleCodeSet.id, to: set.id) != nil else {
                throw DataProblem("roles are not mapped to \(set.id) (mapped sets: \(RoleCodeSet.collectionSets.map(\.rawValue).joined(separator: ", ")))")
            }
            let matches = registry.roles(mappingTo: code, in: set.id)
            roles = matches.map(\.role)
            for match in matches { relationships[match.role.code] = match.relationship.rawValue }
        } else {
            _ = try arguments.expectPositional()
            roles = registry.roles
        }
        if let group = arguments.option("--group") {
            let members = Set(registry.roles(inGroup: group).map(\.code))
            guard !members.isEmpty else {
                throw DataProblem("no role group \"\(group)\" (groups: \(registry.roleGroups.map(\.value).joined(separator: " ")))")
            }
            roles = roles.filter { members.contains($0.code) }
        }
        var columns = ["code", "title", "group", "sub-group", "soc2000", "soc2010", "soc2020"]
        if !relationships.isEmpty { columns.append("relationship") }
        let table = Table(columns: columns, rows: roles.map { role in
            var row = [role.code, role.title, role.majorGroup.value, role.subGroup.value, role.soc2000, role.soc2010 ?? "", role.soc2020 ?? ""]
            if !relationships.isEmpty { row.append(relationships[role.code] ?? "") }
            return row
        })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return roles.isEmpty ? 1 : 0
    }
}

/// `wds code-title`: codes free-text job titles to roles and SOC2000.
enum CodeTitleCommand: Command {
    static let name = "code-title"
    static let summary = "code a job title (or a CSV column of them) to ranked roles with SOC2000, a score and whether to review it"
    static let help = """
    Usage: wds code-title "TITLE" [--limit N] [--overrides FILE.csv] [--format table|csv|json]
           wds code-title --column NAME FILE.csv [--top N] [--overrides FILE.csv] [-o OUT.csv]
                          [--encoding E] [--separator S]

    With one title, prints the ranked suggestions, each row with the answer's needs_review
    and decided_by. With --column, reads FILE.csv (or - for standard input) and writes every
    input row with more columns: role, role_title, soc2000, score, needs_review (true when the
    evidence is weak or the two best roles are nearly tied), runner_up_role,
    runner_up_score and decided_by (coder, or override); with --top N also role_K,
    role_title_K, soc2000_K and score_K for the next N-1 suggestions. Empty when nothing is
    recognised.

    --overrides FILE.csv is the council's own table, columns title and role (a role code):
    a title found there (after the same normalisation: abbreviations, grades, hours) takes
    that role, and decided_by says override.
    FILE.csv is read as wds project reads its input (UTF-8, UTF-16 or Windows-1252; commas,
    semicolons or tabs; --encoding and --separator override); the output is UTF-8 with commas.
    """
    static let options: Set<String> = Set(["--format", "--limit", "--column", "-o", "--top", "--overrides"]).union(InputOptions.names)

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let overrides = try arguments.option("--overrides").map(loadOverrides)
        if let column = arguments.option("--column") {
            let path = try arguments.expectPositional("FILE.csv")[0]
            let topText = arguments.option("--top") ?? "1"
            guard let top = Int(topText), top > 0, top <= 20 else { throw UsageError("--top \(topText) is not a number from 1 to 20") }
            return try codeFile(path: path, column: column, top: top, overrides: overrides, output: arguments.option("-o"),
                                inputOptions: try InputOptions(arguments), console: console)
        }
        guard !arguments.positional.isEmpty else { throw UsageError("expected a TITLE, or --column NAME FILE.csv") }
        let limitText = arguments.option("--limit") ?? "5"
        guard let limit = Int(limitText), limit > 0 else { throw UsageError("--limit \(limitText) is not a positive number") }
        let title = arguments.positional.joined(separator: " ")
        let answer = TitleCoder.shared.assess(title, limit: limit, overrides: overrides)
        guard !answer.matches.isEmpty else { throw DataProblem("nothing in \"\(title)\" is recognised as a job") }
        let table = Table(title: "\"\(title)\"", columns: ["rank", "role", "role title", "soc2000", "soc2000 title", "score", "evidence", "matched title",
                                                         "needs_review", "decided_by"],
                          rows: answer.matches.enumerated().map { index, match in
                              [String(index + 1), match.role?.code ?? "", match.role?.title ?? "", match.soc2000, match.socTitle,
                               String(format: "%.2f", match.score), match.evidence.rawValue, match.matchedTitle,
                               String(answer.needsReview), answer.decidedBy.rawValue]
                          })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }

    static func loadOverrides(_ path: String) throws -> TitleOverrides {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataProblem("cannot read the overrides file \(path)") }
        do {
            return try TitleOverrides(csv: String(decoding: data, as: UTF8.self))
        } catch let problem as TitleOverrides.Problem {
            throw DataProblem("\(path): \(problem)")
        }
    }

    static func codeFile(path: String, column: String, top: Int, overrides: TitleOverrides?, output: String?,
                         inputOptions: InputOptions = InputOptions(), console: Console) throws -> Int32 {
        let input = try InputFile(path, options: inputOptions)
        let writer = try OutputFile(path: output, console: console)
        var session = TitleCoder.Session(coder: TitleCoder.shared)
        var columnIndex: Int?
        var failure: String?
        var rows = 0, marked = 0, overridden = 0
        var header = ["role", "role_title", "soc2000", "score", "needs_review", "runner_up_role", "runner_up_score", "decided_by"]
        if top > 1 { for rank in 2...top { header += ["role_\(rank)", "role_title_\(rank)", "soc2000_\(rank)", "score_\(rank)"] } }
        var parser = CSVParser(separator: input.format.separator, onRecord: { record in
            guard failure == nil else { return }
            guard let index = columnIndex else {
                guard let found = record.fields.firstIndex(of: column) else {
                    failure = "\(path) has no column \"\(column)\" (columns: \(record.fields.joined(separator: ", ")))"
                    return
                }
                columnIndex = found
                writer.write(CSVWriter.line(record.fields + header) + "\n")
                return
            }
            rows += 1
            let title = index < record.fields.count ? record.fields[index] : ""
            let answer = session.assess(title, limit: top, overrides: overrides)
            if answer.needsReview { marked += 1 }
            if answer.decidedBy == .override { overridden += 1 }
            func cells(_ match: TitleMatch?) -> [String] {
                [match?.role?.code ?? "", match?.role?.title ?? "", match?.soc2000 ?? "", match.map { String(format: "%.2f", $0.score) } ?? ""]
            }
            var out = record.fields + cells(answer.best)
            out += [answer.best == nil ? "" : String(answer.needsReview), answer.runnerUp?.role?.code ?? "",
                    answer.runnerUp.map { String(format: "%.2f", $0.score) } ?? "", answer.best == nil ? "" : answer.decidedBy.rawValue]
            if top > 1 { for rank in 1..<top { out += cells(rank < answer.matches.count ? answer.matches[rank] : nil) } }
            writer.write(CSVWriter.line(out) + "\n")
        }, onProblem: { problem in console.err("wds code-title: \(path): \(problem)\n") })
        if input.format.encodingSource == .detected { console.err("wds code-title: \(path): \(input.format.summary) (not UTF-8: check accented letters and apostrophes)\n") }
        try input.read { parser.feed(buffer: $0) }
        parser.finish()
        writer.close()
        if let failure { throw DataProblem(failure) }
        if columnIndex == nil { throw DataProblem("\(path) is empty: expected a header row with a \"\(column)\" column") }
        console.err("wds code-title: coded \(rows) title(s); \(marked) marked needs_review; \(overridden) decided by the overrides table\n")
        return 0
    }
}

