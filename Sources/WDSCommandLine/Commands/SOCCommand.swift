import WorkforceStandards

/// `wds soc CODE`: a SOC group, its hierarchy and its crosswalks.
enum SOCCommand: Command {
    static let name = "soc"
    static let summary = "show a SOC group: title, parents, children, and SOC2010/SOC2020 (or SOC2000) links with shares"
    static let help = """
    Usage: wds soc CODE [--version soc2000|soc2010|soc2020] [--format table|csv|json]

    Shows the group, its minor, sub-major and major groups, its children, and for a unit group
    where it goes in the other SOC versions with the ONS shares: `share` is the part of this
    group that falls in the other group, `reverse share` the part of the other group that comes
    from this one. SOC2000 <-> SOC2020 chains through SOC2010.
    """
    static let options: Set<String> = ["--format", "--version"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let code = try arguments.expectPositional("CODE")[0]
        let versionText = arguments.option("--version") ?? "soc2000"
        guard let version = SOCVersion(rawValue: versionText.lowercased()) else {
            throw UsageError("--version \(versionText) is not valid (soc2000, soc2010, soc2020)")
        }
        let registry = Registry.embedded
        guard let group = registry.socGroup(SOCCode(code), version: version) else {
            throw DataProblem("\"\(code)\" is not a \(version.title) group (unit groups have 4 digits, minor 3, sub-major 2, major 1)")
        }
        var rows: [[String]] = [["group", version.title, group.code, group.title, group.level, "", ""]]
        let levels = ["unit": "unit", "minor": "minor", "sub_major": "sub-major", "major": "major"]
        for parent in group.ancestors {
            rows.append(["parent", version.title, parent.value, parent.label, levels[parent.attributes["level"] ?? ""] ?? "", "", ""])
        }
        for child in group.children {
            rows.append(["child", version.title, child.value, child.label, levels[child.attributes["level"] ?? ""] ?? "", "", ""])
        }
        if group.children.isEmpty {
            for other in SOCVersion.allCases where other != version {
                for link in registry.socLinks(SOCCode(group.code), from: version, to: other) {
                    let via = link.via.isEmpty ? "" : " via \(SOCVersion.soc2010.title) \(link.via.joined(separator: ", "))"
                    rows.append(["crosswalk" + via, other.title, link.code, link.title, link.relationship.rawValue,
                                 percent(link.share), percent(link.reverseShare)])
                }
            }
        }
        let table = Table(title: "\(version.title) \(group.code) \(group.title)",
                          columns: ["relation", "version", "code", "title", "level or relationship", "share", "reverse share"],
                          rows: rows)
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }
}
